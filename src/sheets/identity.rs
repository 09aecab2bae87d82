//! A returned form's identity sheet, read first: which member, year,
//! standard and layout version it was made for; and how problems in a
//! workbook are located (`sheet!cell`).

use super::layout::{self as l, Kind};
use super::values;
use super::workbook::{Book, Grid};
use crate::content::Content;
use crate::diag::Diagnostic;
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

pub fn get(grid: &Grid, row: u32, col: u16) -> &Data {
    grid.cells.get(&(row, u32::from(col))).unwrap_or(&EMPTY)
}

/// The form's identity: (kind, id). Refuses a form made for another year or
/// standard, one of an earlier layout, or one that is not a kaoping form.
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
    let version = field("form");
    if l::OLD_VERSIONS.contains(&version.as_str()) {
        p.whole(crate::t!("import.old_form", version = version));
        return None;
    }
    if version != l::FORM_VERSION {
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

#[cfg(test)]
mod tests {
    #[test]
    fn cell_names() {
        assert_eq!(super::cell_name(11, 5), "F12");
        assert_eq!(super::cell_name(0, 26), "AA1");
    }
}
