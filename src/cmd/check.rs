//! `kaoping check`: read and check everything, write nothing.

use super::{Exit, Report};
use std::path::Path;

pub fn run(content: &Path) -> Report {
    if crate::archive::is_archive(content) {
        return match super::archive::run(content, None) {
            Ok(b) => {
                let summary = crate::t!(
                    "archive.checked",
                    content = super::shown(content),
                    years = b.years.unwrap_or(0),
                    cities = b.cities,
                    warnings = super::count_warnings(&b.diags)
                );
                Report { diags: b.diags, summary: Some(summary), exit: Exit::Ok }
            }
            Err(report) => report,
        };
    }
    let (c, diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report,
    };
    let summary = format!(
        "checked {}: {} cities, {} units, no errors, {} warnings",
        super::shown(content),
        c.site.cities.len(),
        c.site.units.len(),
        super::count_warnings(&diags)
    );
    Report { diags, summary: Some(summary), exit: Exit::Ok }
}
