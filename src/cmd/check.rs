//! `kaoping check`: read and check everything, write nothing.

use super::{Exit, Report};
use crate::diag::Diagnostic;
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
    let (c, mut diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report.nothing_written(None),
    };
    diags.extend(overridden(&c, &super::shown(content)));
    let summary = crate::t!(
        "check.done",
        content = super::shown(content),
        cities = super::cities(c.site.cities.len()),
        units = super::units(c.site.units.len()),
        warnings = super::warnings(super::count_warnings(&diags))
    );
    Report { diags, summary: Some(summary), exit: Exit::Ok }
}

/// A warning for each city and item where an inspection gives more than
/// the city claimed, at the city's file, in the order of the index's list.
fn overridden(c: &crate::content::Content, shown: &str) -> Vec<Diagnostic> {
    let results = crate::scoring::score(c);
    crate::scoring::overrides::find(c, &results)
        .iter()
        .map(|o| {
            let city = &results.cities[o.city];
            let message = crate::t!(
                "check.inspection-over-self",
                city = city.name,
                item = o.item_id,
                claimed = o.shown(o.claimed),
                checked = o.shown(o.checked),
                units = o.by.join("、"),
                gain = o.gain
            );
            Diagnostic::warning(format!("{shown}/cities/{}.yaml", city.id), None, message)
        })
        .collect()
}
