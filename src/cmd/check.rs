//! `kaoping check`: read and check everything, write nothing.

use super::{Exit, Report};
use std::path::Path;

pub fn run(content: &Path) -> Report {
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
