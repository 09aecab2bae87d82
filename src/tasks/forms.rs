//! What `kaoping forms` does, for the command line and the workbench: a
//! fill-in form for every city and member unit, as workbooks (default) or
//! YAML (`yaml`), blank or `filled`.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::i18n::words;
use crate::output::OutFile;
use std::path::Path;

pub fn run(content: &Path, out: &Path, yaml: bool, filled: bool) -> Report {
    write(content, out, yaml, filled).0
}

/// As [`run`], with the forms made (none when it failed), for the
/// workbench to offer as one zip.
pub fn write(content: &Path, out: &Path, yaml: bool, filled: bool) -> (Report, Vec<OutFile>) {
    let (c, mut diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return (report, Vec::new()),
    };
    // The forms are made before anything is submitted: warnings about the
    // submissions (missing, late, items nobody assessed) would only alarm,
    // and standard.md is not in the forms. An example roster left from
    // `init` is still said: the forms would be made for it. So is not what
    // report.docx will leave blank (its message starts with the file's
    // name in both languages): that is for the year's end.
    let shown_content = super::shown(content);
    let submission = |d: &crate::diag::Diagnostic| {
        ["cities/", "units/"].iter().any(|f| d.path.starts_with(&format!("{shown_content}/{f}")))
            || d.path == format!("{shown_content}/standard.md")
            || (d.path == format!("{shown_content}/site.yaml") && d.message.starts_with(crate::docx::NAME))
    };
    diags.retain(|d| d.is_error() || !submission(d));
    let shown = super::shown(out);
    let files = match (yaml, filled) {
        (true, true) => {
            let d = Diagnostic::error("", None, crate::t!("forms.filled_yaml"));
            return (Report::failed(vec![d], Exit::Usage), Vec::new());
        }
        (true, false) => crate::forms::files(&c),
        (false, _) => match crate::sheets::forms::files(&c, filled) {
            Ok(files) => files,
            Err(errors) => return (Report::failed(errors, Exit::Content), Vec::new()),
        },
    };
    match crate::output::write_new_files(out, &shown, &files) {
        Ok((written, kept)) => {
            let (cities, units) = (super::cities(c.site.cities.len()), super::units(c.site.units.len()));
            // One count for what was written, one for what was kept; the
            // folders' roster is of all forms, so it goes with their total.
            let summary = if kept.is_empty() {
                crate::t!(
                    "forms.done",
                    forms = words::forms(written.len()),
                    out = shown,
                    cities = cities,
                    units = units
                )
            } else {
                crate::t!(
                    "forms.done-kept",
                    total = words::forms(written.len() + kept.len()),
                    out = shown,
                    cities = cities,
                    units = units,
                    n = written.len(),
                    kept = kept.len(),
                    files = kept.join(&crate::t!("list.sep"))
                )
            };
            (Report { diags, summary: Some(summary), exit: Exit::Ok }, files)
        }
        Err(d) => (Report::failed(vec![d], Exit::Content), Vec::new()),
    }
}
