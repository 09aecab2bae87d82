//! View models: what each template sees. All numbers are formatted here
//! (exact decimals as text), so templates only place values.

pub mod city;
pub mod index;
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
    pub css: String,
}

impl Common {
    pub fn new(c: &Content, css: &str, root: &str, page_title: String, section: &str) -> Common {
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
            css: css.to_string(),
        }
    }
}

/// The name of a unit id (or 本市自评 for `self`).
pub fn unit_name(c: &Content, id: &str) -> String {
    if id == "self" {
        return "本市自评".to_string();
    }
    c.site
        .units
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| id.to_string(), |u| u.name.clone())
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
    if d > Dec::ZERO {
        format!("+{d}")
    } else if d < Dec::ZERO {
        format!("−{}", Dec::ZERO - d)
    } else {
        "0".to_string()
    }
}

/// Section numbers as the standard writes them: 一、二、…
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// A short label for a section in charts: its number and its title, cut
/// to `max` characters.
pub fn short_title(number: usize, title: &str, max: usize) -> String {
    let cut: String = title.chars().take(max).collect();
    let ellipsis = if title.chars().count() > max {
        "…"
    } else {
        ""
    };
    format!("{}、{cut}{ellipsis}", chinese_number(number))
}

/// The mean of `values`, half up to two places ("—" when empty).
pub fn mean(values: impl Iterator<Item = Dec>) -> Option<Dec> {
    Dec::mean_half_up(&values.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_signs() {
        assert_eq!(chinese_number(4), "四");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(23), "二十三");
        assert_eq!(signed(Dec::parse("2.5").unwrap()), "+2.5");
        assert_eq!(signed(Dec::parse("-1").unwrap()), "−1");
        assert_eq!(
            short_title(3, "积极稳妥推进户籍制度改革", 6),
            "三、积极稳妥推进…"
        );
    }
}
