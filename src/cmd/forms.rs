//! `kaoping forms`: blank forms for every city and member unit.

use super::{Exit, Report};
use std::path::Path;

pub fn run(content: &Path, out: &Path) -> Report {
    let (c, diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report,
    };
    let shown = super::shown(out);
    let files = crate::forms::files(&c);
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
