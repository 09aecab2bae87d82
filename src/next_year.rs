//! What `kaoping init DIR --from LASTYEAR` and `init --archive` write, as
//! pure functions. A new year starts from the last one: its site.yaml
//! (roster, units, marking, theme, comments) with the year, the title's
//! year and the deadlines moved on by one; its standard.yaml and
//! standard.md copied for the office to revise; no submissions.

use crate::content::yaml::{Node, Value};
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::t;

/// The last year's files, read by the command.
pub struct LastYear {
    /// As shown in messages (`content2013`).
    pub shown: String,
    pub site: String,
    pub standard: String,
    pub standard_md: String,
    /// The theme line's new value, when the theme folder is not copied.
    pub theme: Option<String>,
    /// Theme files to copy (path under the new folder, bytes).
    pub theme_files: Vec<OutFile>,
}

/// The new year's files, or why the last year's site.yaml cannot be carried.
pub fn files(last: LastYear) -> Result<(u16, Vec<OutFile>), Vec<Diagnostic>> {
    let (year, site) = next_site(&last.site, &format!("{}/site.yaml", last.shown), last.theme.as_deref())?;
    let mut out = vec![
        OutFile { path: "site.yaml".into(), bytes: site.into_bytes() },
        OutFile { path: "standard.yaml".into(), bytes: last.standard.into_bytes() },
        OutFile { path: "standard.md".into(), bytes: last.standard_md.into_bytes() },
    ];
    out.extend(crate::scaffold::files(year, false).into_iter().filter(|f| f.path.ends_with(".readme.txt")));
    out.extend(last.theme_files);
    Ok((year, out))
}

/// `archive.yaml` of a new archive whose first year is `year`.
pub fn archive_yaml(year: u16) -> String {
    format!(
        "# kaoping 历年考评档案。每个年度一个内容文件夹（相对本文件），按年度从早到晚列出。\n\
title: 实有人口专项组历年考评结果\n\
marking: 内部资料            # 每页和打印件上的标记；不需要时删去此行\n\
years:\n\
\x20 - {{ year: {year}, content: \"{year}\" }}\n\
# 新的一年：kaoping init 档案/{next} --from 档案/{year}，再在上面加一行 - {{ year: {next}, content: \"{next}\" }}\n\
# 城市编号改变时：\n\
# renamed:\n\
#   - {{ from: 旧编号, to: 新编号, in: {next} }}\n",
        next = year + 1
    )
}

/// site.yaml with `year`, the title's year and both deadlines one year on
/// (and the theme line replaced), every other line as it was.
fn next_site(text: &str, path: &str, theme: Option<&str>) -> Result<(u16, String), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let root = crate::content::parse_yaml(text, path, &mut diags).ok_or_else(|| diags.clone())?;
    let fail = |pos, message: String| vec![Diagnostic::error(path, pos, message)];
    let year_node = get(&root, "year").ok_or_else(|| fail(Some(root.pos), t!("init.no-year")))?;
    let year: u16 = scalar(year_node)
        .and_then(|s| s.trim().parse().ok())
        .filter(|y| (1900..9999).contains(y))
        .ok_or_else(|| fail(Some(year_node.pos), t!("init.no-year")))?;
    let next = year + 1;
    let mut edits: Vec<(&Node, String)> = vec![(year_node, next.to_string())];
    if let Some(title) = get(&root, "title")
        && let Some(s) = scalar(title)
    {
        edits.push((title, s.replace(&year.to_string(), &next.to_string())));
    }
    if let Some(deadlines) = get(&root, "deadlines") {
        for key in ["self_assessment", "inspection"] {
            if let Some(n) = get(deadlines, key)
                && let Some(d) = scalar(n).and_then(|s| later(s.trim()))
            {
                edits.push((n, d));
            }
        }
    }
    // The report's date moves on like the deadlines (the office sets it).
    if let Some(n) = get(&root, "report").and_then(|r| get(r, "date"))
        && let Some(d) = scalar(n).and_then(|s| later(s.trim()))
    {
        edits.push((n, d));
    }
    if let (Some(n), Some(new)) = (get(&root, "theme"), theme) {
        edits.push((n, format!("\"{}\"", new.replace('\\', "/").replace('"', ""))));
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for (node, new) in edits {
        let Some(old) = scalar(node) else { continue };
        let Some(line) = lines.get_mut(node.pos.line as usize - 1) else { continue };
        let start = line.char_indices().nth(node.pos.col as usize - 1).map_or(line.len(), |(i, _)| i);
        if let Some(at) = line[start..].find(old.as_str()) {
            let at = start + at;
            // A quoted value keeps its quotes; a new theme path brings its own.
            let (from, to) = if new.starts_with('"') && line[..at].ends_with(['"', '\'']) {
                (at - 1, at + old.len() + 1)
            } else {
                (at, at + old.len())
            };
            line.replace_range(from..to.min(line.len()), &new);
        }
    }
    Ok((next, lines.join("\n")))
}

/// The `theme:` of a site.yaml, if it has one.
pub fn theme_of(site: &str) -> Option<String> {
    let root = crate::content::yaml::parse(site).ok()?;
    get(&root, "theme").and_then(scalar)
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries.iter().find(|(k, _)| scalar(k).as_deref() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

fn scalar(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text.clone()),
        _ => None,
    }
}

/// `2014-01-10` → `2015-01-10`; 29 February becomes the 28th.
fn later(date: &str) -> Option<String> {
    let d = crate::content::values::parse_date(date)?;
    let text = d.to_string();
    let year: u16 = text.get(..4)?.parse().ok()?;
    let rest = if &text[4..] == "-02-29" { "-02-28" } else { &text[4..] };
    Some(format!("{}{rest}", year + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "# 设置\ntitle: 2013年度考评结果（示例）\nyear: 2013\nweight: 14\ntheme: ../themes/default\nmarking: 内部资料\ndeadlines:\n  self_assessment: 2014-01-10   # 截止\n  inspection: \"2016-02-29\"\ncities:\n  - { id: a, name: 甲市 }\nunits:\n  - { id: office, name: 办公室 }\n";

    #[test]
    fn moves_the_year_title_and_deadlines_on_keeping_the_rest() {
        let (year, text) = next_site(SITE, "c/site.yaml", None).unwrap();
        assert_eq!(year, 2014);
        assert_eq!(
            text,
            SITE.replace("2013年度", "2014年度")
                .replace("year: 2013", "year: 2014")
                .replace("2014-01-10", "2015-01-10")
                .replace("2016-02-29", "2017-02-28")
        );
        let (_, moved) = next_site(SITE, "c/site.yaml", Some("../../themes/default")).unwrap();
        assert!(moved.contains("\ntheme: \"../../themes/default\"\n"), "{moved}");
    }

    #[test]
    fn the_reports_date_moves_on_too_in_either_form() {
        for report in [
            "report:\n  to: 省综治办\n  date: 2014-02-24   # 成文日期\n",
            "report: { to: 省综治办, date: 2014-02-24 }\n",
        ] {
            let (_, text) = next_site(&format!("{SITE}{report}"), "c/site.yaml", None).unwrap();
            assert!(text.ends_with(&report.replace("2014-02-24", "2015-02-24")), "{text}");
        }
    }

    #[test]
    fn a_site_without_a_year_is_refused() {
        let e = next_site("title: x\n", "c/site.yaml", None).unwrap_err();
        assert_eq!(e[0].to_string(), "error: c/site.yaml:1:1: site.yaml has no year like year: 2013 to start from");
    }

    #[test]
    fn the_new_archive_lists_its_first_year() {
        let text = archive_yaml(2024);
        let mut diags = Vec::new();
        let f = crate::archive::file::read(&text, "a/archive.yaml", &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!((f.years[0].year, f.years[0].content.as_str()), (2024, "2024"));
    }
}
