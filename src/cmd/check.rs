//! `kaoping check`: read and check everything, write nothing.

use super::{Exit, Report};
use std::path::Path;

pub fn run(content: &Path) -> Report {
    if crate::archive::is_archive(content) {
        return match super::archive::run(content, None, &super::publish::Publish::default()) {
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
            Err(report) => report.nothing_written(None),
        };
    }
    // Scored as build scores, for the warnings that only scores show.
    let (c, _, diags) = match crate::pipeline::load_scored(content, None) {
        Ok(loaded) => loaded,
        Err(report) => return report.nothing_written(None),
    };
    let summary = crate::t!(
        "check.done",
        content = super::shown(content),
        cities = super::cities(c.site.cities.len()),
        units = super::units(c.site.units.len()),
        warnings = super::warnings(super::count_warnings(&diags))
    );
    Report { diags, summary: Some(summary), exit: Exit::Ok }
}
