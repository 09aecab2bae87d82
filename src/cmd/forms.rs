//! `kaoping forms`: a fill-in form for every city and member unit, as
//! workbooks (default) or YAML, blank or `--filled`.

use super::{Exit, Report};
use crate::cli::FormFormat;
use crate::diag::Diagnostic;
use std::path::Path;

pub fn run(content: &Path, out: &Path, format: FormFormat, filled: bool) -> Report {
    let (c, diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report,
    };
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
            let mut summary = format!(
                "wrote {} forms into {shown}/ (cities/ for the {} cities, units/ for the {} units)",
                written.len(),
                c.site.cities.len(),
                c.site.units.len()
            );
            if !kept.is_empty() {
                summary.push_str(&format!("; {} already there, left unchanged: {}", kept.len(), kept.join(", ")));
            }
            Report { diags, summary: Some(summary), exit: Exit::Ok }
        }
        Err(d) => Report::failed(vec![d], Exit::Content),
    }
}
