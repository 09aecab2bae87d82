//! `kaoping forms`: a fill-in form for every city and member unit, as
//! workbooks (default) or YAML, blank or `--filled`.

use super::{Exit, Report};
use crate::cli::FormFormat;
use crate::diag::Diagnostic;
use std::path::Path;

pub fn run(content: &Path, out: &Path, format: FormFormat, filled: bool) -> Report {
    let (c, mut diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report,
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
    let files = match format {
        FormFormat::Yaml if filled => {
            let d = Diagnostic::error("", None, crate::t!("forms.filled_yaml"));
            return Report::failed(vec![d], Exit::Usage);
        }
        FormFormat::Yaml => crate::forms::files(&c),
        FormFormat::Xlsx => match crate::sheets::forms::files(&c, filled) {
            Ok(files) => files,
            Err(errors) => return Report::failed(errors, Exit::Content),
        },
    };
    match crate::output::write_new_files(out, &shown, &files) {
        Ok((written, kept)) => {
            let mut summary = crate::t!(
                "forms.done",
                n = written.len(),
                out = shown,
                cities = super::cities(c.site.cities.len()),
                units = super::units(c.site.units.len())
            );
            if !kept.is_empty() {
                let list = kept.join(&crate::t!("list.sep"));
                summary.push_str(&crate::t!("forms.kept", n = kept.len(), files = list));
            }
            Report { diags, summary: Some(summary), exit: Exit::Ok }
        }
        Err(d) => Report::failed(vec![d], Exit::Content),
    }
}
