//! Reads one returned form (its cells already loaded, its identity read by
//! `identity`) into a submission: every row found by its key, every cell
//! a person can write either taken into the submission or refused at its
//! `sheet!cell` (`decide` answers what each row means). A blank is never a
//! value: an unanswered decision is an error, and a form with no answer at
//! all is refused whole (表格未填写).

use super::decide::{self, Row};
use super::identity::{Problems, cell_name, get};
use super::layout::{self as l, Kind};
use super::values;
use super::workbook::{Book, Grid};
use crate::content::attachments::{self, Attached};
use crate::content::{Content, Submission};
use crate::diag::{Diagnostic, Pos};
use calamine::Data;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a form is read: the content folder (whose `attachments/` should
/// hold the files it names) and the YAML file it becomes.
pub struct At<'a> {
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
    let col = l::COL_FILES;
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

static EMPTY: Data = Data::Empty;

/// The rows of the form by key, or `None` when rows were deleted, added
/// or copied (each named).
fn rows_by_key(grid: &Grid, keys: &BTreeMap<String, usize>, sheet: &str, p: &mut Problems) -> BTreeMap<String, u32> {
    let mut rows: BTreeMap<String, u32> = BTreeMap::new();
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
    rows
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
    let slots = l::slots(c, kind, id);
    let keys: BTreeMap<String, usize> = slots.iter().enumerate().map(|(n, s)| (s.key(), n)).collect();
    let rows = rows_by_key(grid, &keys, sheet, p);
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
    let read: Vec<Row> = slots
        .iter()
        .map(|slot| {
            let row = rows[&slot.key()];
            let takes_text = decide::takes_text(slot);
            let no_value: Vec<u16> = [l::COL_VALUE, l::COL_NOTE, l::COL_EVIDENCE, l::COL_FILES]
                .into_iter()
                .filter(|col| {
                    grid.formulas.contains(&(row, u32::from(*col))) && values::text(get(grid, row, *col)).is_none()
                })
                .collect();
            for col in &no_value {
                p.at(sheet, row, u32::from(*col), crate::t!("import.formula_no_value"));
            }
            if grid.formulas.contains(&(row, u32::from(l::COL_VALUE))) && no_value.is_empty() {
                let m = crate::t!("import.formula");
                let cell = cell_name(row, u32::from(l::COL_VALUE));
                p.diags.push(Diagnostic::warning(p.workbook, None, format!("{sheet}!{cell}: {m}")));
            }
            Row {
                slot: *slot,
                row,
                value: if no_value.contains(&l::COL_VALUE) { &EMPTY } else { get(grid, row, l::COL_VALUE) },
                note: values::text(get(grid, row, l::COL_NOTE)),
                evidence: lines(grid, row, l::COL_EVIDENCE),
                files: if takes_text { files(grid, row, form, sheet, p) } else { Vec::new() },
                filled: [l::COL_VALUE, l::COL_NOTE, l::COL_EVIDENCE, l::COL_FILES]
                    .into_iter()
                    .filter(|col| values::text(get(grid, row, *col)).is_some() || no_value.contains(col))
                    .collect(),
                broken: !no_value.is_empty(),
            }
        })
        .collect();
    let decided = decide::entries(c, kind, &read, sheet, p);
    let cover = book.get(l::COVER_SHEET);
    let (dr, dc) = l::COVER_DATE;
    let (rr, rc) = l::COVER_REPORT;
    let date = cover.map_or(&EMPTY, |g| get(g, dr, dc));
    let report = cover.and_then(|g| values::text(get(g, rr, rc))).unwrap_or_default();
    if !decided.answered {
        // Nothing at all was answered: one message, not one per cell (the
        // form's other problems, such as merged or inserted rows, stay).
        p.whole(crate::t!("import.blank_form"));
        return None;
    }
    for (row, col, m) in decided.blanks {
        p.at(sheet, row, u32::from(col), m);
    }
    let example = values::example_date(c.site.year);
    let submitted = match values::date(date, &example) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            p.at(l::COVER_SHEET, dr, u32::from(dc), crate::t!("import.no_date", example = example));
            None
        }
        Err(m) => {
            p.at(l::COVER_SHEET, dr, u32::from(dc), m);
            None
        }
    };
    if p.diags[errors_before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Submission {
        path: form.yaml.to_string(),
        submitted,
        report,
        entries: decided.entries.into_iter().map(|(city, items)| (city, items.into())).collect(),
        ..Submission::default()
    })
}
