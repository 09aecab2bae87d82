//! Writes a submission as clean YAML, as a careful person would: a comment
//! naming the source workbook, `submitted`, the report as a block, then the
//! entries in standard order with flow lists. Strings are plain where
//! that is safe and double-quoted (JSON escapes) otherwise.

use crate::content::attachments::Attached;
use crate::content::{Assessed, Entry, Finding, Input, Submission};
use std::fmt::Write;

/// A string as a YAML scalar.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric() && !c.is_ascii_digit() || "-_·、。（）〔〕《》“”%．".contains(c) || c.is_ascii_digit()
        })
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '%')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { s.to_string() } else { serde_json::to_string(s).unwrap_or_default() }
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", items.iter().map(|s| scalar(s.as_ref())).collect::<Vec<_>>().join(", "))
}

/// The paths of `files:`.
fn paths(files: &[Attached]) -> Vec<&str> {
    files.iter().map(|a| a.path.as_str()).collect()
}

/// The report: a literal block when its lines allow, else a quoted string.
fn report(s: &mut String, text: &str) {
    let text = text.trim_end();
    let block_ok = !text.is_empty()
        && !text.starts_with([' ', '\t'])
        && text.chars().all(|c| c == '\n' || !c.is_control())
        && text.lines().all(|l| l.trim_end() == l);
    if block_ok {
        s.push_str("report: |\n");
        for line in text.lines() {
            if line.is_empty() {
                s.push('\n');
            } else {
                let _ = writeln!(s, "  {line}");
            }
        }
    } else {
        let _ = writeln!(s, "report: {}", serde_json::to_string(text).unwrap_or_default());
    }
}

fn finding(f: &Finding) -> String {
    let mut parts = vec![format!("rule: {}", scalar(&f.rule))];
    match &f.input {
        Input::Fixed => {}
        Input::Amount(a) => parts.push(format!("amount: {a}")),
        Input::Count(n) => parts.push(format!("count: {n}")),
        Input::Staffing { population, staff } => {
            let p: Vec<String> = population.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            parts.push(format!("population: {{ {} }}", p.join(", ")));
            parts.push(format!("staff: {staff}"));
        }
    }
    if let Some(n) = &f.note {
        parts.push(format!("note: {}", scalar(n)));
    }
    if !f.evidence.is_empty() {
        parts.push(format!("evidence: {}", list(&f.evidence)));
    }
    if !f.files.is_empty() {
        parts.push(format!("files: {}", list(&paths(&f.files))));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn entry(s: &mut String, indent: &str, id: &str, e: &Entry) {
    let _ = writeln!(s, "{indent}\"{id}\":");
    match &e.assessed {
        Assessed::Score(v) => {
            let _ = writeln!(s, "{indent}  score: {v}");
        }
        Assessed::Findings(fs) if fs.is_empty() => {
            let _ = writeln!(s, "{indent}  findings: []");
        }
        Assessed::Findings(fs) => {
            let _ = writeln!(s, "{indent}  findings:");
            for f in fs {
                let _ = writeln!(s, "{indent}    - {}", finding(f));
            }
        }
    }
    if let Some(n) = &e.note {
        let _ = writeln!(s, "{indent}  note: {}", scalar(n));
    }
    if !e.evidence.is_empty() {
        let _ = writeln!(s, "{indent}  evidence: {}", list(&e.evidence));
    }
    if !e.files.is_empty() {
        let _ = writeln!(s, "{indent}  files: {}", list(&paths(&e.files)));
    }
}

/// The YAML text of a submission; `order` gives the item ids in standard
/// order, `city` is Some(id) for a self-assessment, None for a unit's
/// report (whose entries are by city, in roster order `cities`).
pub fn write(sub: &Submission, source: &str, city: Option<&str>, cities: &[&str], order: &[&str]) -> String {
    let mut s = format!("# {}\n", crate::t!("import.yaml_comment", workbook = source));
    match sub.submitted {
        Some(d) => {
            let _ = writeln!(s, "submitted: {d}");
        }
        None => s.push_str("submitted: null\n"),
    }
    report(&mut s, &sub.report);
    let sorted = |items: &crate::content::flat::FlatMap<Entry>| -> Vec<(String, Entry)> {
        order.iter().filter_map(|id| items.get(id).map(|e| (id.to_string(), e.clone()))).collect()
    };
    match city {
        Some(id) => {
            let items = sub.entries.get(id).map(sorted).unwrap_or_default();
            s.push_str(if items.is_empty() { "items: {}\n" } else { "items:\n" });
            for (item, e) in &items {
                entry(&mut s, "  ", item, e);
            }
        }
        None => {
            let listed: Vec<(&str, _)> =
                cities.iter().filter_map(|c| sub.entries.get(c).filter(|e| !e.is_empty()).map(|e| (*c, e))).collect();
            s.push_str(if listed.is_empty() { "cities: {}\n" } else { "cities:\n" });
            for (c, items) in listed {
                let _ = writeln!(s, "  {c}:");
                for (item, e) in sorted(items) {
                    entry(&mut s, "    ", &item, &e);
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_safe() {
        assert_eq!(scalar("济综治委〔2013〕5号"), "济综治委〔2013〕5号");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2014"), "\"2014\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("居住证发放平均延迟45天"), "居住证发放平均延迟45天");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(
            list(&["bicen/济综治委〔2013〕5号.pdf", "a b.pdf"]),
            "[\"bicen/济综治委〔2013〕5号.pdf\", \"a b.pdf\"]"
        );
        assert_eq!(list(&["照片.png"]), "[\"照片.png\"]");
    }
}
