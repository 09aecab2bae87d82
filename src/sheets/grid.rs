//! What a workbook read gives: its sheets' cells (only within the form's
//! columns), and why a workbook is refused; the bounds every reader of
//! returned workbooks keeps ([`super::workbook`], [`super::ods`],
//! [`super::unzip`]).

use calamine::Data;
use std::collections::BTreeMap;

/// The largest workbook file read (a filled form of 300 cities is ~1 MiB).
pub const MAX_FILE: usize = 16 * 1024 * 1024;
/// The most cells kept from one sheet.
pub const MAX_CELLS: usize = 400_000;
/// Columns kept (A..I, the form's columns); more are ignored.
pub const MAX_COL: u32 = super::layout::COLUMNS as u32;
/// The most characters a cell's text may have: what import writes must
/// pass `check` (whose files are at most 16 MiB), and no note of a
/// deduction is longer than a page or two.
pub const MAX_TEXT: usize = 10_000;

/// One sheet's cells: (row, column) → value, and whether it was a formula.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub cells: BTreeMap<(u32, u32), Data>,
    pub formulas: Vec<(u32, u32)>,
    /// Merged regions: (first row, first column, last row, last column).
    pub merged: Vec<(u32, u32, u32, u32)>,
}

/// The sheets of a workbook, by name.
pub type Book = BTreeMap<String, Grid>;

/// Why a workbook cannot be read (a catalog key and its argument).
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    TooLarge,
    Encrypted,
    NotWorkbook(&'static str),
    /// A binary .xls (Excel 97–2003).
    OldXls,
    ZipTooLarge,
    Damaged(String),
    TooManyCells(String),
    /// A cell's text is longer than [`MAX_TEXT`]: sheet, row, column,
    /// characters.
    TextTooLong(String, u32, u32, usize),
}

impl Refused {
    /// A reader's error, as a damaged workbook (its text cut to 200
    /// characters; shown only in English, see `import.damaged`).
    pub fn damaged(e: impl std::fmt::Display) -> Refused {
        Refused::Damaged(e.to_string().chars().take(200).collect())
    }
}
