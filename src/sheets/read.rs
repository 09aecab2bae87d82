//! Reads one returned form (its cells already loaded, its identity read by
//! `identity`) into a submission: every row by its key, each value checked
//! against its rule, every problem with its `sheet!cell`.

use super::identity::{Problems, cell_name, get};
use super::layout::{self as l, Ask, Cols, Kind};
use super::values;
use super::workbook::{Book, Grid};
use crate::content::attachments::{self, Attached};
use crate::content::{Assessed, Content, Entry, Finding, Input, Submission, Text};
use crate::diag::{Diagnostic, Pos};
use crate::standard::{Deduct, Scoring};
use std::collections::BTreeMap;
use std::path::Path;

/// Where a form is read: its columns, and the content folder (whose
/// `attachments/` should hold the files it names).
pub struct At<'a> {
    pub cols: Cols,
    pub dir: &'a Path,
    pub yaml: &'a str,
}

/// A cell's lines, trimmed, the empty ones left out.
fn lines(grid: &Grid, row: u32, col: u16) -> Vec<String> {
    values::text(get(grid, row, col))
        .map(|t| t.lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

/// The 附件 cell: one path under `attachments/` a line. A name that cannot
/// be an attachment is an error; a file not (yet) in the folder a warning.
fn files(grid: &Grid, row: u32, at: &At, sheet: &str, p: &mut Problems) -> Vec<Attached> {
    let Some(col) = at.cols.files else { return Vec::new() };
    let mut out = Vec::new();
    for path in lines(grid, row, col) {
        let path = path.replace('\\', "/");
        let path = path.strip_prefix("attachments/").map_or(path.clone(), String::from);
        if let Some(m) = attachments::name_problem(&path) {
            p.at(sheet, row, u32::from(col), m);
        } else if !at.dir.join(attachments::FOLDER).join(&path).is_file() {
            let folder = crate::diag::shown(&at.dir.join(attachments::FOLDER));
            let m = crate::t!("import.file_missing", path = path, folder = folder);
            p.diags.push(Diagnostic::warning(
                p.workbook,
                None,
                format!("{sheet}!{}: {m}", cell_name(row, u32::from(col))),
            ));
        }
        if !out.iter().any(|a: &Attached| a.path == path) {
            out.push(Attached { path, pos: Pos { line: 0, col: 0 } });
        }
    }
    out
}

/// The submission a form holds, or its problems.
pub fn submission(c: &Content, kind: Kind, id: &str, book: &Book, p: &mut Problems, form: &At) -> Option<Submission> {
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
        let key = values::text(get(grid, *row, form.cols.key)).unwrap_or_default();
        if key.is_empty() {
            if values::text(v).is_some() {
                p.at(sheet, *row, *col, crate::t!("import.added_row"));
            }
        } else if !keys.contains_key(&key) {
            p.at(sheet, *row, u32::from(form.cols.key), crate::t!("import.unknown_row"));
        } else if rows.insert(key, *row).is_some() {
            p.at(sheet, *row, u32::from(form.cols.key), crate::t!("import.copied_row"));
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
            } else if has_findings || e.note.is_some() || !e.evidence.is_empty() || !e.files.is_empty() {
                p.at(sheet, row, u32::from(l::COL_VALUE), crate::t!("import.not_assessed_but_filled"));
            }
        }
    };
    let mut staffing: BTreeMap<String, u64> = BTreeMap::new();
    let mut staffing_note: (Option<String>, Vec<String>, Vec<Attached>) = (None, Vec::new(), Vec::new());
    for (n, slot) in slots.iter().enumerate() {
        let row = rows[&slot.key()];
        let value = get(grid, row, l::COL_VALUE);
        let note = values::text(get(grid, row, l::COL_NOTE));
        let evidence = lines(grid, row, l::COL_EVIDENCE);
        let files =
            if matches!(slot.ask, Ask::Entry | Ask::Rule(_)) { files(grid, row, form, sheet, p) } else { Vec::new() };
        let at = |p: &mut Problems, col: u16, m: String| p.at(sheet, row, u32::from(col), m);
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
                current = Some((
                    row,
                    assessed,
                    Entry { assessed: what, note: note.map(Text::from), evidence: evidence.into(), files },
                ));
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
                        staffing_note = (note.clone(), evidence.clone(), files.clone());
                        Ok(None)
                    }
                };
                match input {
                    Ok(Some(input)) => {
                        if matches!(input, Input::Amount(_)) && note.is_none() {
                            at(p, l::COL_NOTE, crate::t!("import.note_needed"));
                        }
                        push(
                            &mut current,
                            Finding {
                                rule: rule.id.clone(),
                                input,
                                note: note.map(Text::from),
                                evidence: evidence.into(),
                                files,
                            },
                        );
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
                            let (note, evidence, files) = staffing_note.clone();
                            let population = std::mem::take(&mut staffing);
                            push(
                                &mut current,
                                Finding {
                                    rule: rule.id.clone(),
                                    input: Input::Staffing { population, staff },
                                    note: note.map(Text::from),
                                    evidence: evidence.into(),
                                    files,
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
    Some(Submission { path: form.yaml.to_string(), submitted, report, entries, ..Submission::default() })
}

fn push(current: &mut Option<(u32, bool, Entry)>, f: Finding) {
    if let Some((_, _, Entry { assessed: Assessed::Findings(fs), .. })) = current {
        fs.push(f);
    }
}
