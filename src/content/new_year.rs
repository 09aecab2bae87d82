//! Hints for a folder made by `kaoping init` for a new year and not yet
//! revised: a `standard.md` that still names another year (the 2013 text
//! it ships with), the example roster (示例甲市, 示例乙市), deadlines before
//! the year assessed (left from `init --from`), and the standard's `##省`
//! placeholders left unedited. Warnings only, each at its line: all are the
//! office's to decide, and none is published without a word.

use super::{Content, Sources};
use crate::diag::{Diagnostic, Pos};

/// The hints for `c`, read from `src` (for the positions).
pub fn warnings(c: &Content, src: &Sources) -> Vec<Diagnostic> {
    let shown = &src.shown;
    let mut out = Vec::new();
    if let Some((found, pos)) = other_year(&c.standard_md, c.site.year) {
        let message = crate::t!("check.standard-md-year", found = found, year = c.site.year, next = c.site.year + 1);
        out.push(Diagnostic::warning(format!("{shown}/standard.md"), Some(pos), message));
    }
    let examples: Vec<String> = c
        .site
        .cities
        .iter()
        .filter(|m| EXAMPLE_IDS.contains(&m.id.as_str()))
        .map(|m| format!("{} {}", m.name, m.id))
        .collect();
    for (key, date) in
        [("self_assessment", c.site.deadlines.self_assessment), ("inspection", c.site.deadlines.inspection)]
    {
        if date.year < c.site.year {
            let pos = src.site.as_deref().and_then(|text| find(text, &format!("{key}:")));
            let message = crate::t!("check.deadline-before-year", date = date, year = c.site.year);
            out.push(Diagnostic::warning(format!("{shown}/site.yaml"), pos, message));
        }
    }
    if !c.site.sample {
        let files = [
            ("site.yaml", src.site.as_deref()),
            ("standard.yaml", src.standard.as_deref()),
            ("standard.md", src.standard_md.as_deref()),
        ];
        for (name, text) in files {
            if let Some((found, pos, n)) = text.and_then(placeholder) {
                let message = crate::t!("check.placeholder", found = found, n = n);
                out.push(Diagnostic::warning(format!("{shown}/{name}"), Some(pos), message));
            }
        }
    }
    if !examples.is_empty() {
        let first = c.site.cities.iter().find(|m| EXAMPLE_IDS.contains(&m.id.as_str())).map(|m| m.id.as_str());
        let pos = first.and_then(|id| src.site.as_deref().and_then(|text| find(text, &format!("id: {id}"))));
        let message = crate::t!("check.example-roster", cities = examples.join("、"));
        out.push(Diagnostic::warning(format!("{shown}/site.yaml"), pos, message));
    }
    out
}

/// The ids of the example cities `init` writes into site.yaml.
const EXAMPLE_IDS: [&str; 2] = ["example-a", "example-b"];

/// The first year 19xx or 20xx in `text` (four digits standing alone) other
/// than `year` and `year + 1` (the deadlines fall in the next year), with
/// its position. A year right after 〔, 【, ［ or [ is a document number's
/// (国办发〔2012〕9号) and not counted.
pub fn other_year(text: &str, year: u16) -> Option<(u16, Pos)> {
    for (n, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for i in 0..chars.len().saturating_sub(3) {
            let four = &chars[i..i + 4];
            let digits = four.iter().all(char::is_ascii_digit);
            let alone =
                (i == 0 || !chars[i - 1].is_ascii_digit()) && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
            let cited = i > 0 && matches!(chars[i - 1], '〔' | '【' | '［' | '[');
            if !(digits && alone) || cited || !matches!(four[..2], ['1', '9'] | ['2', '0']) {
                continue;
            }
            let found: u16 = four.iter().collect::<String>().parse().ok()?;
            if found != year && found != year + 1 {
                let pos = Pos { line: u32::try_from(n + 1).ok()?, col: u32::try_from(i + 1).ok()? };
                return Some((found, pos));
            }
        }
    }
    None
}

/// The first placeholder `##` + a word (`##省`, as the standard ships it)
/// outside comment lines, where it is, and how many there are. A Markdown
/// heading (`## 指导思想`) has a space after its marks and is none.
fn placeholder(text: &str) -> Option<(String, Pos, usize)> {
    let mut first = None;
    let mut n = 0;
    for (l, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("# ") || line.trim_start() == "#" {
            continue;
        }
        let mut from = 0;
        while let Some(at) = line[from..].find("##") {
            let at = from + at;
            from = at + 2;
            let Some(next) = line[from..].chars().next().filter(|c| !c.is_ascii() && !c.is_whitespace()) else {
                continue;
            };
            n += 1;
            if first.is_none() {
                let pos =
                    Pos { line: u32::try_from(l + 1).ok()?, col: u32::try_from(line[..at].chars().count() + 1).ok()? };
                first = Some((format!("##{next}"), pos));
            }
        }
    }
    first.map(|(found, pos)| (found, pos, n))
}

/// Where `needle` first occurs in `text`.
fn find(text: &str, needle: &str) -> Option<Pos> {
    text.lines().enumerate().find_map(|(n, line)| {
        let at = line.find(needle)?;
        Some(Pos { line: u32::try_from(n + 1).ok()?, col: u32::try_from(line[..at].chars().count() + 1).ok()? })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_other_than_the_assessments_and_the_next_are_found() {
        assert_eq!(other_year("2013年度考评，2014年1月10日前报送", 2013), None);
        let text = "一、总则\n为做好2013年度考评，2014年1月10日前";
        assert_eq!(other_year(text, 2024), Some((2013, Pos { line: 2, col: 4 })));
        assert_eq!(other_year("依据国办发〔2012〕9号、鲁政办发【2012】40号", 2024), None);
        assert_eq!(other_year("电话 12013、编号 20131、第1999号", 2024), Some((1999, Pos { line: 1, col: 20 })));
        assert_eq!(other_year("2025年2月10日前", 2024), None);
    }

    #[test]
    fn placeholders_but_not_headings_or_comments() {
        let text = "# 注释 ##省\n## 指导思想\ntext: 贯彻《##省流动人口服务管理办法》\nwhen: ##省规定";
        assert_eq!(placeholder(text), Some(("##省".into(), Pos { line: 3, col: 10 }, 2)));
        assert_eq!(placeholder("## 一、总则"), None);
    }
}
