//! The warnings of a content folder without errors: late or oddly dated
//! submissions, missing files, items nobody assessed, units' files left
//! blank. They speak of the whole content; the cities are gone through in
//! parallel (`serve` finds them again at each save).

use super::{Assessed, Content, Submission, read};
use crate::diag::Diagnostic;
use rayon::prelude::*;
use std::cmp::Ordering;

/// Late submissions, missing files and items nobody assessed.
pub(super) fn of(c: &Content, shown: &str) -> Vec<Diagnostic> {
    let deadlines = c.site.deadlines;
    // The standard's items in order; and sorted as a file's entries are,
    // each with its place in that order.
    let items: Vec<&str> = c.standard.items().map(|(_, i)| i.id.as_str()).collect();
    let mut sorted: Vec<(&str, usize)> = items.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    sorted.sort_unstable();
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
            // what each wrote once, beside the sorted items (not looking up
            // every item in each file: 3,000 cities × 80 items × the units).
            let mut assessed = vec![false; items.len()];
            let own = sub.and_then(|s| s.entries.get(&city.id));
            let inspected = c.units.values().filter_map(|u| u.entries.get(&city.id));
            for entries in own.into_iter().chain(inspected) {
                mark(&sorted, entries.keys(), &mut assessed);
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

/// Marks in `assessed` (by place in the standard) each of `keys` found in
/// `sorted`; both are in byte order of the ids, so one pass over each.
fn mark<'a>(sorted: &[(&str, usize)], keys: impl Iterator<Item = &'a String>, assessed: &mut [bool]) {
    let mut items = sorted.iter().peekable();
    for key in keys {
        while let Some(&&(id, n)) = items.peek() {
            match id.cmp(key.as_str()) {
                Ordering::Less => {
                    items.next();
                }
                Ordering::Equal => {
                    assessed[n] = true;
                    items.next();
                    break;
                }
                Ordering::Greater => break,
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn each_written_item_is_marked_at_its_place_in_the_standard() {
        // Standard order 1.2, 1.10, 2.1, 10.1; byte order 1.10, 1.2, 10.1, 2.1.
        let items = ["1.2", "1.10", "2.1", "10.1"];
        let mut sorted: Vec<(&str, usize)> = items.iter().enumerate().map(|(n, id)| (*id, n)).collect();
        sorted.sort_unstable();
        let mut assessed = [false; 4];
        let written: std::collections::BTreeSet<String> = ["0.9", "1.10", "10.1", "3.3"].map(String::from).into();
        mark(&sorted, written.iter(), &mut assessed);
        assert_eq!(assessed, [false, true, false, true]);
        let more: std::collections::BTreeSet<String> = ["1.2", "2.1"].map(String::from).into();
        mark(&sorted, more.iter(), &mut assessed);
        assert_eq!(assessed, [true; 4]);
    }
}
