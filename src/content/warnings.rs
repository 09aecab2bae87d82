//! The warnings of a content folder without errors: late or oddly dated
//! submissions, missing files, items nobody assessed, units' files left
//! blank. They speak of the whole content; the cities are gone through in
//! parallel (`serve` finds them again at each save).

use super::{Assessed, Content, Submission, read};
use crate::diag::Diagnostic;
use rayon::prelude::*;
use std::collections::HashMap;

/// Late submissions, missing files and items nobody assessed.
pub(super) fn of(c: &Content, shown: &str) -> Vec<Diagnostic> {
    let deadlines = c.site.deadlines;
    // The standard's items in order, and each one's place among them.
    let items: Vec<&str> = c.standard.items().map(|(_, i)| i.id.as_str()).collect();
    let place: HashMap<&str, usize> = items.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    let by_city: Vec<Vec<Diagnostic>> = c
        .site
        .cities
        .par_iter()
        .map(|city| {
            let mut out = Vec::new();
            let path = format!("{shown}/cities/{}.yaml", city.id);
            let sub = c.cities.get(&city.id);
            match sub.and_then(|s| s.submitted) {
                Some(d) if let Some(odd) = odd_date(d, c.site.year, deadlines.self_assessment) => {
                    out.push(Diagnostic::warning(&path, None, odd));
                }
                Some(d) if d > deadlines.self_assessment => out.push(Diagnostic::warning(
                    &path,
                    None,
                    crate::t!("warn.city-late", name = city.name, date = d, deadline = deadlines.self_assessment),
                )),
                _ => {}
            }
            if sub.is_none() {
                let text = crate::t!("warn.no-city-file", name = city.name, id = city.id);
                out.push(Diagnostic::warning(&path, None, text));
            }
            // The items the city or a unit wrote of, marked by going through
            // what they wrote once (not looking up every item in each file).
            let mut assessed = vec![false; items.len()];
            let own = sub.and_then(|s| s.entries.get(&city.id));
            let inspected = c.units.values().filter_map(|u| u.entries.get(&city.id));
            for item in own.into_iter().chain(inspected).flat_map(|e| e.keys()) {
                if let Some(&n) = place.get(item.as_str()) {
                    assessed[n] = true;
                }
            }
            let unassessed: Vec<&str> = items.iter().zip(&assessed).filter(|(_, a)| !**a).map(|(i, _)| *i).collect();
            if !unassessed.is_empty() {
                out.push(Diagnostic::warning(
                    &path,
                    None,
                    if unassessed.len() == 1 {
                        crate::t!("warn.unassessed-one", name = city.name, items = unassessed[0])
                    } else {
                        let items = unassessed.join(&crate::t!("list.sep"));
                        crate::t!("warn.unassessed", name = city.name, items = items)
                    },
                ));
            }
            out
        })
        .collect();
    let mut out: Vec<Diagnostic> = by_city.into_iter().flatten().collect();
    for unit in &c.site.units {
        let path = format!("{shown}/units/{}.yaml", unit.id);
        match c.units.get(&unit.id).map(|s| s.submitted) {
            None => out.push(Diagnostic::warning(
                &path,
                None,
                crate::t!("warn.no-unit-file", name = unit.name, id = unit.id),
            )),
            Some(Some(d)) if let Some(odd) = odd_date(d, c.site.year, deadlines.inspection) => {
                out.push(Diagnostic::warning(&path, None, odd));
            }
            Some(Some(d)) if d > deadlines.inspection => out.push(Diagnostic::warning(
                &path,
                None,
                crate::t!("warn.unit-late", name = unit.name, date = d, deadline = deadlines.inspection),
            )),
            Some(_) => {}
        }
        if let Some(sub) = c.units.get(&unit.id)
            && looks_blank(&c.standard, sub)
        {
            out.push(Diagnostic::warning(&path, None, crate::t!("warn.blank-unit", name = unit.name)));
        }
    }
    out
}

/// Why a `submitted` date looks mistyped: before the assessment year, or
/// more than a year after the deadline (a wrong year, most likely).
fn odd_date(d: read::Date, year: u16, deadline: read::Date) -> Option<String> {
    let year_after = read::Date { year: deadline.year.saturating_add(1), ..deadline };
    if d.year < year {
        Some(crate::t!("warn.date-before-year", date = d, year = year))
    } else if d > year_after {
        Some(crate::t!("warn.date-long-after", date = d, deadline = deadline))
    } else {
        None
    }
}

/// A unit's file as `kaoping forms` made it: no report, no finding, no
/// note, no evidence, every award item at its full points.
fn looks_blank(standard: &crate::standard::Standard, sub: &Submission) -> bool {
    !sub.entries.is_empty()
        && sub.report.trim().is_empty()
        && sub.entries.values().flat_map(|items| items.iter()).all(|(id, e)| {
            let untouched = match &e.assessed {
                Assessed::Findings(f) => f.is_empty(),
                Assessed::Score(s) => standard.item(id).is_some_and(|i| i.max == *s),
            };
            untouched && e.note.is_none() && e.evidence.is_empty()
        })
}
