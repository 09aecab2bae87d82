//! View models: what each template sees. All numbers are formatted here
//! (exact decimals as text), so templates only place values.

pub mod city;
pub mod index;
pub mod overview;
pub mod ranking;
pub mod report;
pub mod standard;
pub mod unit;

use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::Source;
use serde::Serialize;

/// What every page shows: the site, the way back to the root, the theme's
/// stylesheet.
#[derive(Serialize)]
pub struct Common {
    pub site_title: String,
    pub year: u16,
    pub marking: Option<String>,
    pub sample: bool,
    pub weight: String,
    pub standard_title: String,
    /// The relative way to the site's root: "" or "../".
    pub root: String,
    pub page_title: String,
    /// Which navigation entry is this page: index, standard, city, unit.
    pub section: String,
    /// The page's `<meta name="description">`: what it shows, from the
    /// content (set by each page's view with [`Common::described`]).
    pub description: String,
    /// The site title already names the year (2024年度…), so the footer
    /// does not repeat it.
    pub title_has_year: bool,
}

impl Common {
    pub fn new(c: &Content, root: &str, page_title: String, section: &str) -> Common {
        Common {
            site_title: c.site.title.clone(),
            year: c.site.year,
            marking: c.site.marking.clone(),
            sample: c.site.sample,
            weight: c.site.weight.to_string(),
            standard_title: c.standard.title.clone(),
            root: root.to_string(),
            page_title,
            section: section.to_string(),
            description: String::new(),
            title_has_year: c.site.title.contains(&c.site.year.to_string()),
        }
    }

    /// The same, with the page's description.
    pub fn described(self, description: String) -> Common {
        Common { description, ..self }
    }
}

/// More cities than this, and the ranking and the units' tables are split
/// into pages of [`PAGE_SIZE`] cities.
pub const LARGE: usize = 50;
pub const PAGE_SIZE: usize = 100;

/// What every page compares against, computed once per site.
pub struct Shared {
    /// Short labels of the standard's sections, in order.
    pub labels: Vec<String>,
    /// The provincial average of each section (all sections, in order).
    pub section_averages: Vec<Dec>,
    pub average_total: Dec,
    /// Cities are compared with their rank band: ranks 1–B, B+1–2B, …
    pub band_size: usize,
    /// Per band, the average of each section.
    pub band_averages: Vec<Vec<Dec>>,
}

impl Shared {
    pub fn new(c: &Content, r: &crate::scoring::Results) -> Shared {
        let sections = c.standard.sections.len();
        let n = r.cities.len();
        let band_size = (n.div_ceil(10)).max(10);
        let bands = n.div_ceil(band_size).max(1);
        let band_of = |rank: u32| (rank as usize).saturating_sub(1) / band_size;
        let band_averages = (0..bands)
            .map(|b| {
                (0..sections)
                    .map(|s| {
                        mean(r.cities.iter().filter(|c| band_of(c.rank) == b).map(|c| c.sections[s].value))
                            .unwrap_or(Dec::ZERO)
                    })
                    .collect()
            })
            .collect();
        Shared {
            labels: section_labels(c, 10),
            section_averages: (0..sections)
                .map(|s| mean(r.cities.iter().map(|city| city.sections[s].value)).unwrap_or(Dec::ZERO))
                .collect(),
            average_total: mean(r.cities.iter().map(|city| city.total)).unwrap_or(Dec::ZERO),
            band_size,
            band_averages,
        }
    }

    /// The band of a rank: its index and its label (第1–10名).
    pub fn band(&self, rank: u32, cities: usize) -> (usize, String) {
        let b = (rank as usize).saturating_sub(1) / self.band_size;
        let first = b * self.band_size + 1;
        let last = ((b + 1) * self.band_size).min(cities);
        (b.min(self.band_averages.len().saturating_sub(1)), format!("第{first}–{last}名"))
    }
}

/// Margin boxes for print: marking top left, sample notice top right (but
/// on the first page, whose `.marks` band says them), "第 N 页 / 共 M 页"
/// at the bottom, the data fingerprint bottom right.
pub fn print_css(marking: Option<&str>, sample: bool, fingerprint: &str) -> String {
    let mut rules = String::from("@page {");
    if let Some(m) = marking {
        rules.push_str(&format!(" @top-left {{ content: {}; color: #a33a16; font-weight: bold; }}", css_string(m)));
    }
    if sample {
        rules.push_str(&format!(
            " @top-right {{ content: {}; color: #a33a16; }}",
            css_string("示例数据，非正式考评结果")
        ));
    }
    rules.push_str(
        " @bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"; color: #5c5f66; }",
    );
    // Hex digits and spaces only: safe in a CSS string as they are.
    let fingerprint: String = fingerprint.chars().filter(|c| c.is_ascii_hexdigit() || *c == ' ').collect();
    let label = crate::record::fingerprint::LABEL;
    rules.push_str(&format!(
        " @bottom-right {{ content: \"{label} {fingerprint}\"; color: #5c5f66; font-size: 9pt; }} }}"
    ));
    // The first page carries the marks at its head (the `.marks` band,
    // which prints in every browser): its margin boxes would say them twice.
    if marking.is_some() || sample {
        rules.push_str(" @page :first { @top-left { content: none; } @top-right { content: none; } }");
    }
    rules
}

/// A CSS string literal that no text can break out of: everything but
/// letters, digits and CJK characters is written as a CSS escape.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() && !c.is_ascii_control() {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

/// 应配协管员2100人，实有1800人，配备率85.71%，低于规定比例14个百分点.
pub fn staffing_detail(s: &crate::scoring::rules::StaffingCalc) -> String {
    s.detail()
}

/// A city's figures as shown in the ranking and on its page.
#[derive(Serialize)]
pub struct Totals {
    pub rank: u32,
    pub name: String,
    /// The city page, relative to the site's root.
    pub href: String,
    pub base: String,
    pub penalty: String,
    pub total: String,
    pub weighted: String,
    pub self_total: String,
    /// Self-assessed total minus the final total, signed.
    pub diff: String,
    pub has_self: bool,
    pub late: bool,
    pub submitted: String,
}

impl Totals {
    pub fn of(c: &Content, city: &crate::scoring::CityResult) -> Totals {
        let has_self = c.cities.contains_key(&city.id);
        let if_self = |text: String| if has_self { text } else { "—".to_string() };
        Totals {
            rank: city.rank,
            name: city.name.clone(),
            href: format!("cities/{}.html", city.id),
            base: city.base.to_string(),
            penalty: city.penalty.to_string(),
            total: city.total.to_string(),
            weighted: city.weighted.to_string(),
            self_total: if_self(city.self_total.to_string()),
            diff: if_self(signed(city.self_total - city.total)),
            has_self,
            late: city.late,
            submitted: city.submitted.map_or_else(|| "未报".into(), |d| d.to_string()),
        }
    }
}

/// An attachment as a page links it: the way from the site's root, the
/// file's name, its type and its size.
#[derive(Serialize)]
pub struct FileView {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub size: String,
}

/// The attachments at `paths` (under `attachments/`), as pages link them.
pub fn files(c: &Content, paths: &[String]) -> Vec<FileView> {
    use crate::content::attachments::{FOLDER, size_text, type_text};
    paths
        .iter()
        .map(|p| FileView {
            href: format!("{FOLDER}/{}", url_path(p)),
            name: p.rsplit('/').next().unwrap_or(p).to_string(),
            kind: type_text(p),
            size: c.attachments.get(p).map(|s| size_text(*s)).unwrap_or_default(),
        })
        .collect()
}

/// A path for an `href`: ASCII other than letters, digits, `-._~()/` is
/// percent-encoded, so any file name makes a valid link; other characters
/// (Chinese names) stay as they are, as HTML5 allows, so links read well.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~()/".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out
}

/// The name of a unit id (or 本市自评 for `self`).
pub fn unit_name(c: &Content, id: &str) -> String {
    if id == "self" {
        return "本市自评".to_string();
    }
    c.site.units.iter().find(|u| u.id == id).map_or_else(|| id.to_string(), |u| u.name.clone())
}

pub fn source_label(s: Source) -> &'static str {
    match s {
        Source::Inspection => "核查",
        Source::SelfAssessment => "自评",
        Source::Missing => "未报",
    }
}

/// The difference of the self-assessment over the final figure, signed:
/// "+2.5", "0", "−1".
pub fn signed(d: Dec) -> String {
    d.signed()
}

/// A short label for a section in charts: its number and its title, cut
/// to `max` characters.
pub fn short_title(number: usize, title: &str, max: usize) -> String {
    let cut: String = title.chars().take(max).collect();
    let ellipsis = if title.chars().count() > max { "…" } else { "" };
    format!("{}、{cut}{ellipsis}", crate::text::chinese_number(number))
}

/// Short names for section titles in charts and table heads: a leading
/// part of four or more characters that a title shares with another
/// (实有人口专项组…) is dropped, then the name is cut to `max` characters.
pub fn short_titles(titles: &[&str], max: usize) -> Vec<String> {
    // The longest part a title shares with another is shared with one of
    // its neighbours in sorted order; only the first 64 characters count.
    let chars: Vec<Vec<char>> = titles.iter().map(|t| t.chars().take(64).collect()).collect();
    let mut order: Vec<usize> = (0..titles.len()).collect();
    order.sort_by(|&a, &b| chars[a].cmp(&chars[b]));
    let common = |a: usize, b: usize| chars[a].iter().zip(&chars[b]).take_while(|(x, y)| x == y).count();
    let mut shared = vec![0; titles.len()];
    for w in order.windows(2) {
        let n = common(w[0], w[1]);
        shared[w[0]] = shared[w[0]].max(n);
        shared[w[1]] = shared[w[1]].max(n);
    }
    titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let all: Vec<char> = t.chars().collect();
            let rest: String =
                if shared[i] >= 4 && shared[i] < all.len() { all[shared[i]..].iter().collect() } else { t.to_string() };
            short_title(i + 1, &rest, max)
        })
        .collect()
}

/// Short labels for every section of the standard, in order.
pub fn section_labels(c: &Content, max: usize) -> Vec<String> {
    let titles: Vec<&str> = c.standard.sections.iter().map(|s| s.title.as_str()).collect();
    short_titles(&titles, max)
}

/// Every section's full name (三、积极稳妥推进户籍制度改革,…), for charts
/// that wrap their labels or list them in a legend.
pub fn section_names(c: &Content) -> Vec<String> {
    c.standard.sections.iter().enumerate().map(|(n, s)| short_title(n + 1, &s.title, usize::MAX)).collect()
}

/// The mean of `values`, half up to two places ("—" when empty).
pub fn mean(values: impl Iterator<Item = Dec>) -> Option<Dec> {
    Dec::mean_half_up(&values.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("内部资料"), "\"内部资料\"");
        let hostile = css_string("x\"; } </style><script>");
        assert!(!hostile[1..hostile.len() - 1].contains(['"', '<', '>', ';', '}']), "{hostile}");
    }

    #[test]
    fn short_titles_stay_fast_for_many_similar_titles() {
        let prefix = "实".repeat(140);
        let titles: Vec<String> = (0..6000).map(|i| format!("{prefix}{i}")).collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let started = std::time::Instant::now();
        let labels = short_titles(&refs, 10);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(labels.len(), 6000);
    }

    #[test]
    fn staffing_below_the_ratio_by_less_than_a_point_says_so() {
        let ratio = std::collections::BTreeMap::from([("urban".to_string(), 800)]);
        let population = std::collections::BTreeMap::from([("urban".to_string(), 1_600_000)]);
        let calc = crate::scoring::rules::staffing(&ratio, &population, 1999);
        assert_eq!(
            staffing_detail(&calc),
            "应配协管员2000人，实有1999人，配备率99.95%，低于规定比例不足一个百分点，不扣分"
        );
        // Shown half up (77.777…% → 77.78%); the points are the contract's floor.
        let small = std::collections::BTreeMap::from([("urban".to_string(), 720_000)]);
        let calc = crate::scoring::rules::staffing(&ratio, &small, 700);
        assert_eq!(staffing_detail(&calc), "应配协管员900人，实有700人，配备率77.78%，低于规定比例22个百分点");
        let large = std::collections::BTreeMap::from([("urban".to_string(), 80_000_000)]);
        let calc = crate::scoring::rules::staffing(&ratio, &large, 85_004);
        assert_eq!(staffing_detail(&calc), "应配协管员100000人，实有85004人，配备率85%，低于规定比例14个百分点");
        let calc = crate::scoring::rules::staffing(&ratio, &population, 2000);
        assert_eq!(staffing_detail(&calc), "应配协管员2000人，实有2000人，达到规定比例");
    }

    #[test]
    fn numbers_and_signs() {
        assert_eq!(signed(Dec::parse("2.5").unwrap()), "+2.5");
        assert_eq!(signed(Dec::parse("-1").unwrap()), "−1");
        assert_eq!(short_title(3, "积极稳妥推进户籍制度改革", 6), "三、积极稳妥推进…");
    }
}
