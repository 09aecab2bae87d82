//! Reads one returned form (its cells already loaded) into a submission:
//! the identity first, then every row by its key, each value checked
//! against its rule, every problem with its `sheet!cell`.

use super::layout::{self as l, Ask, Kind};
use super::values;
use super::workbook::{Book, Grid};
use crate::content::{Assessed, Content, Entry, Finding, Input, Submission};
use crate::diag::Diagnostic;
use crate::standard::{Deduct, Scoring};
use calamine::Data;
use std::collections::BTreeMap;

/// A cell's name: F12.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Problems found in one workbook, located.
pub struct Problems<'a> {
    pub workbook: &'a str,
    pub diags: Vec<Diagnostic>,
}

impl Problems<'_> {
    pub fn at(&mut self, sheet: &str, row: u32, col: u32, message: String) {
        let m = format!("{sheet}!{}: {message}", cell_name(row, col));
        self.diags.push(Diagnostic::error(self.workbook, None, m));
    }

    pub fn whole(&mut self, message: String) {
        self.diags.push(Diagnostic::error(self.workbook, None, message));
    }
}

static EMPTY: Data = Data::Empty;

fn get(grid: &Grid, row: u32, col: u16) -> &Data {
    grid.cells.get(&(row, u32::from(col))).unwrap_or(&EMPTY)
}

/// The form's identity: (kind, id). Refuses a form made for another year or
/// standard, or that is not a kaoping form at all.
pub fn identity(c: &Content, book: &Book, p: &mut Problems) -> Option<(Kind, String)> {
    let Some(grid) = book.get(l::ID_SHEET) else {
        p.whole(crate::t!("import.not_form"));
        return None;
    };
    let mut fields = BTreeMap::new();
    for ((row, col), v) in &grid.cells {
        if *col == 0 {
            fields.insert(values::text(v).unwrap_or_default(), values::text(get(grid, *row, 1)).unwrap_or_default());
        }
    }
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    if field("form") != l::FORM_VERSION {
        p.whole(crate::t!("import.not_form"));
        return None;
    }
    let kind = match field("kind").as_str() {
        "city" => Kind::City,
        "unit" => Kind::Unit,
        _ => {
            p.whole(crate::t!("import.not_form"));
            return None;
        }
    };
    let id = field("id");
    let roster = match kind {
        Kind::City => &c.site.cities,
        Kind::Unit => &c.site.units,
    };
    let mut ok = true;
    if !roster.iter().any(|m| m.id == id) {
        p.whole(crate::t!("import.other_member", id = id));
        ok = false;
    }
    if field("year") != c.site.year.to_string() {
        p.whole(crate::t!("import.other_year", form = field("year"), year = c.site.year));
        ok = false;
    }
    if field("standard") != l::fingerprint(c) {
        p.whole(crate::t!("import.other_standard"));
        ok = false;
    }
    ok.then_some((kind, id))
}

/// The submission a form holds, or its problems.
pub fn submission(c: &Content, kind: Kind, id: &str, book: &Book, p: &mut Problems, yaml: &str) -> Option<Submission> {
    let sheet = kind.sheet();
    let Some(grid) = book.get(sheet) else {
        p.whole(crate::t!("import.no_sheet", sheet = sheet));
        return None;
    };
    let errors_before = p.diags.len();
    for &(row, col, _, _) in grid.merged.iter().filter(|m| m.2 > l::HEADER_ROW) {
        p.at(sheet, row, col, crate::t!("import.merged"));
    }
    // Rows by key; every other filled row is one a person added.
    let mut rows: BTreeMap<String, u32> = BTreeMap::new();
    let slots = l::slots(c, kind, id);
    let keys: BTreeMap<String, usize> = slots.iter().enumerate().map(|(n, s)| (s.key(), n)).collect();
    let mut last_row = None;
    for ((row, col), v) in &grid.cells {
        if *row <= l::HEADER_ROW || last_row == Some(*row) {
            continue;
        }
        last_row = Some(*row);
        let key = values::text(get(grid, *row, l::COL_KEY)).unwrap_or_default();
        if key.is_empty() {
            if values::text(v).is_some() {
                p.at(sheet, *row, *col, crate::t!("import.added_row"));
            }
        } else if !keys.contains_key(&key) {
            p.at(sheet, *row, u32::from(l::COL_KEY), crate::t!("import.unknown_row"));
        } else if rows.insert(key, *row).is_some() {
            p.at(sheet, *row, u32::from(l::COL_KEY), crate::t!("import.copied_row"));
        }
    }
    let missing: Vec<String> = slots
        .iter()
        .filter(|s| !rows.contains_key(&s.key()))
        .map(|s| format!("{} {}", s.city.name, s.item.id))
        .collect();
    if !missing.is_empty() {
        let mut shown: Vec<String> = missing.iter().take(5).cloned().collect();
        shown.dedup();
        p.whole(crate::t!("import.deleted_rows", sheet = sheet, n = missing.len(), first = shown.join("、")));
        return None;
    }
    let mut entries: BTreeMap<String, BTreeMap<String, Entry>> = BTreeMap::new();
    let mut current: Option<(u32, bool, Entry)> = None;
    let flush = |current: &mut Option<(u32, bool, Entry)>,
                 city: &str,
                 item: &str,
                 entries: &mut BTreeMap<String, BTreeMap<String, Entry>>,
                 p: &mut Problems| {
        if let Some((row, assessed, e)) = current.take() {
            let has_findings = matches!(&e.assessed, Assessed::Findings(f) if !f.is_empty());
            if assessed {
                entries.entry(city.to_string()).or_default().insert(item.to_string(), e);
            } else if has_findings || e.note.is_some() || !e.evidence.is_empty() {
                p.at(sheet, row, u32::from(l::COL_VALUE), crate::t!("import.not_assessed_but_filled"));
            }
        }
    };
    let mut staffing: BTreeMap<String, u64> = BTreeMap::new();
    let mut staffing_note: (Option<String>, Vec<String>, u32) = (None, Vec::new(), 0);
    for (n, slot) in slots.iter().enumerate() {
        let row = rows[&slot.key()];
        let value = get(grid, row, l::COL_VALUE);
        let at = |p: &mut Problems, col: u16, m: String| p.at(sheet, row, u32::from(col), m);
        let note = values::text(get(grid, row, l::COL_NOTE));
        let evidence: Vec<String> = values::text(get(grid, row, l::COL_EVIDENCE))
            .map(|t| t.lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
            .unwrap_or_default();
        if grid.formulas.contains(&(row, u32::from(l::COL_VALUE))) {
            p.diags.push(Diagnostic::warning(
                p.workbook,
                None,
                format!("{sheet}!{}: {}", cell_name(row, u32::from(l::COL_VALUE)), crate::t!("import.formula")),
            ));
        }
        match slot.ask {
            Ask::Entry => {
                let (assessed, what) = match slot.item.scoring {
                    Scoring::Award => match values::decimal(value) {
                        Ok(Some(v)) if v.is_negative() || v > slot.item.max => {
                            at(p, l::COL_VALUE, crate::t!("import.score_range", max = slot.item.max));
                            (false, Assessed::Score(v))
                        }
                        Ok(Some(v)) => (true, Assessed::Score(v)),
                        Ok(None) => (false, Assessed::Findings(Vec::new())),
                        Err(m) => {
                            at(p, l::COL_VALUE, m);
                            (false, Assessed::Findings(Vec::new()))
                        }
                    },
                    Scoring::Rules(_) => match values::yes_no(value) {
                        Ok(b) => (b, Assessed::Findings(Vec::new())),
                        Err(m) => {
                            at(p, l::COL_VALUE, m);
                            (false, Assessed::Findings(Vec::new()))
                        }
                    },
                };
                current = Some((row, assessed, Entry { assessed: what, note, evidence, files: Vec::new() }));
            }
            Ask::Rule(rule) => {
                let input = match &rule.deduct {
                    Deduct::Fixed(_) => values::yes_no(value).map(|b| b.then_some(Input::Fixed)),
                    Deduct::Range { min, max } => values::decimal(value).and_then(|v| match v {
                        Some(a) if a < *min || a > *max => {
                            Err(crate::t!("import.amount_range", min = min, max = max, wording = rule.deduct.wording()))
                        }
                        Some(a) => Ok(Some(Input::Amount(a))),
                        None => Ok(None),
                    }),
                    Deduct::PerCount { .. } => values::whole(value).map(|v| v.filter(|n| *n > 0).map(Input::Count)),
                    Deduct::Staffing { .. } => {
                        staffing.clear();
                        staffing_note = (note.clone(), evidence.clone(), row);
                        Ok(None)
                    }
                };
                match input {
                    Ok(Some(input)) => {
                        if matches!(input, Input::Amount(_)) && note.is_none() {
                            at(p, l::COL_NOTE, crate::t!("import.note_needed"));
                        }
                        push(&mut current, Finding { rule: rule.id.clone(), input, note, evidence, files: Vec::new() });
                    }
                    Ok(None) => {}
                    Err(m) => at(p, l::COL_VALUE, m),
                }
            }
            Ask::Population(_, key) => match values::whole(value) {
                Ok(Some(v)) => {
                    staffing.insert(key.to_string(), v);
                }
                Ok(None) => {}
                Err(m) => at(p, l::COL_VALUE, m),
            },
            Ask::Staff(rule) => {
                let staff = values::whole(value).unwrap_or_else(|m| {
                    at(p, l::COL_VALUE, m);
                    None
                });
                let Deduct::Staffing { ratio, .. } = &rule.deduct else { continue };
                if staff.is_some() || !staffing.is_empty() {
                    match staff {
                        Some(staff) if staffing.len() == ratio.len() => {
                            let (note, evidence, _) = staffing_note.clone();
                            let population = std::mem::take(&mut staffing);
                            push(
                                &mut current,
                                Finding {
                                    rule: rule.id.clone(),
                                    input: Input::Staffing { population, staff },
                                    note,
                                    evidence,
                                    files: Vec::new(),
                                },
                            );
                        }
                        _ => at(p, l::COL_VALUE, crate::t!("import.staffing_incomplete")),
                    }
                }
            }
        }
        let next_is_new = slots.get(n + 1).is_none_or(|s| matches!(s.ask, Ask::Entry));
        if next_is_new {
            flush(&mut current, &slot.city.id, &slot.item.id, &mut entries, p);
        }
    }
    let cover = book.get(l::COVER_SHEET);
    let (dr, dc) = l::COVER_DATE;
    let (rr, rc) = l::COVER_REPORT;
    let submitted = match cover.map(|g| values::date(get(g, dr, dc))) {
        Some(Ok(Some(d))) => Some(d),
        Some(Ok(None)) | None => {
            p.at(l::COVER_SHEET, dr, u32::from(dc), crate::t!("import.no_date"));
            None
        }
        Some(Err(m)) => {
            p.at(l::COVER_SHEET, dr, u32::from(dc), m);
            None
        }
    };
    let report = cover.and_then(|g| values::text(get(g, rr, rc))).unwrap_or_default();
    if p.diags[errors_before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Submission { path: yaml.to_string(), submitted, report, entries })
}

fn push(current: &mut Option<(u32, bool, Entry)>, f: Finding) {
    if let Some((_, _, Entry { assessed: Assessed::Findings(fs), .. })) = current {
        fs.push(f);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_names() {
        assert_eq!(super::cell_name(11, 5), "F12");
        assert_eq!(super::cell_name(0, 26), "AA1");
    }
}
