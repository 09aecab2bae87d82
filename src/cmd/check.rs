//! `kaoping check`: read and check everything, write nothing.

use super::{Exit, Report};
use std::path::Path;

pub fn run(content: &Path) -> Report {
    let (c, diags) = match super::load(content) {
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
