//! 收表情况: every city and member unit of the roster with whether its
//! form is back, its 报送日期, whether it came late, its errors and
//! warnings (as `check` gives them, at their cells) and a link to its page
//! in the preview. Read afresh from the content folder on every request.

use crate::content::dates::Date;
use crate::content::{Content, Submission};
use crate::diag::Diagnostic;
use crate::docx::xml::escape;
use std::fmt::Write;
use std::path::Path;

/// The section's HTML.
pub fn section(content: &Path) -> String {
    let t = |key: &str| escape(&crate::i18n::text(key, &[]));
    let mut out = format!("<section id=\"status\"><h2>{}</h2>\n", t("bench.status"));
    match crate::pipeline::load(content) {
        Ok((c, diags)) => {
            let shown = crate::diag::shown(content);
            let _ = writeln!(
                out,
                "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                t("bench.status-name"),
                t("bench.status-back"),
                t("bench.status-date"),
                t("bench.status-late"),
                t("bench.status-problems"),
                t("bench.status-page")
            );
            let deadlines = c.site.deadlines;
            for (folder, members, deadline) in
                [("cities", &c.site.cities, deadlines.self_assessment), ("units", &c.site.units, deadlines.inspection)]
            {
                for m in members {
                    let sub = submission(&c, folder, &m.id);
                    let file = format!("{shown}/{folder}/{}.yaml", m.id);
                    let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.path == file).collect();
                    row(&mut out, &m.name, &format!("/{folder}/{}.html", m.id), sub, deadline, &mine);
                }
            }
            out.push_str("</tbody></table>\n");
        }
        Err(report) => {
            let _ = writeln!(out, "<p>{}</p><pre data-state=\"failed\">", t("bench.status-broken"));
            for d in &report.diags {
                let _ = writeln!(out, "{}", escape(&d.to_string()));
            }
            out.push_str("</pre>\n");
        }
    }
    out.push_str("</section>\n");
    out
}

fn submission<'a>(c: &'a Content, folder: &str, id: &str) -> Option<&'a Submission> {
    if folder == "cities" { c.cities.get(id) } else { c.units.get(id) }.map(|s| &**s)
}

fn row(out: &mut String, name: &str, page: &str, sub: Option<&Submission>, deadline: Date, diags: &[&Diagnostic]) {
    let t = |key: &str| escape(&crate::i18n::text(key, &[]));
    let date = sub.and_then(|s| s.submitted);
    let back = if sub.is_some() { t("bench.yes") } else { t("bench.no") };
    let late = match date {
        Some(d) if d > deadline => t("bench.yes"),
        Some(_) => t("bench.no"),
        None => "—".to_string(),
    };
    let problems: Vec<String> = diags.iter().map(|d| escape(&d.to_string())).collect();
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td>{back}</td><td>{}</td><td>{late}</td><td>{}</td><td><a href=\"{page}\">{}</a></td></tr>",
        escape(name),
        date.map_or_else(|| "—".to_string(), |d| d.to_string()),
        problems.join("<br>"),
        t("bench.status-open")
    );
}
