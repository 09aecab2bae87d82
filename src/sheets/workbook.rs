//! Opens a returned workbook safely: the file's size and the zip's declared
//! sizes are bounded before anything is decompressed, a password-protected
//! or renamed file is named as such, and only the cells kaoping needs are
//! kept (at most [`MAX_CELLS`]), so a hostile file costs bounded time and
//! memory. Formulas are read as their cached values and reported.

use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// The largest workbook file read (a filled form of 300 cities is ~1 MiB).
pub const MAX_FILE: usize = 16 * 1024 * 1024;
/// The largest total of the zip's uncompressed parts.
const MAX_UNZIPPED: u64 = 128 * 1024 * 1024;
/// The most cells kept from one sheet.
pub const MAX_CELLS: usize = 400_000;
/// Columns kept (A..I, the form's columns); more are ignored.
const MAX_COL: u32 = super::layout::COLUMNS as u32;

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
    ZipTooLarge,
    Damaged(String),
    TooManyCells(String),
}

/// Reads the named sheets (those present) of a workbook given as bytes.
pub fn open(bytes: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    if bytes.len() > MAX_FILE {
        return Err(Refused::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        check_zip(bytes)?;
        if is_ods(bytes) {
            return dense(calamine::Ods::new(Cursor::new(bytes)).map_err(damaged)?, wanted);
        }
        return xlsx(bytes, wanted);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE file: an .xls, or an .xlsx saved with a password
        // (Excel wraps encrypted workbooks this way).
        if bytes.windows(16).any(|w| w == b"E\0n\0c\0r\0y\0p\0t\0i\0") {
            return Err(Refused::Encrypted);
        }
        return match calamine::Xls::new(Cursor::new(bytes)) {
            Ok(book) => dense(book, wanted),
            Err(calamine::XlsError::Password) => Err(Refused::Encrypted),
            Err(e) => Err(damaged(e)),
        };
    }
    let text = bytes.iter().take(4096).all(|&b| b >= 0x09 && b != 0x7f);
    Err(Refused::NotWorkbook(if text { "text" } else { "other" }))
}

fn damaged(e: impl std::fmt::Display) -> Refused {
    Refused::Damaged(e.to_string().chars().take(200).collect())
}

fn is_ods(bytes: &[u8]) -> bool {
    bytes.len() > 80
        && bytes[30..80.min(bytes.len())].windows(8).any(|w| w == b"mimetype")
        && bytes[..200.min(bytes.len())].windows(11).any(|w| w == b"opendocumen")
}

/// The zip's directory: at most 10,000 parts, at most [`MAX_UNZIPPED`] bytes
/// declared once decompressed (a zip bomb declares its size or fails its
/// checksum when it lies, and calamine reads each part to its end).
fn check_zip(bytes: &[u8]) -> Result<(), Refused> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > 10_000 {
        return Err(Refused::ZipTooLarge);
    }
    // The sum of the sizes the central directory declares, without
    // decompressing anything (a raw entry is not decompressed).
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).map_err(damaged)?.size();
        total = total.saturating_add(size);
    }
    if total > MAX_UNZIPPED { Err(Refused::ZipTooLarge) } else { Ok(()) }
}

/// An .xlsx, read cell by cell (never as a dense range, which a cell at
/// XFD1048576 would make 17 billion cells wide).
fn xlsx(bytes: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let names = book.sheet_names();
    let mut out = Book::new();
    for name in names.iter().filter(|n| wanted.contains(&n.as_str())) {
        let mut grid = Grid::default();
        let mut reader = book.worksheet_cells_reader(name).map_err(damaged)?;
        let mut seen = 0usize;
        while let Some(cell) = reader.next_cell_with_formula().map_err(damaged)? {
            seen += 1;
            if seen > MAX_CELLS {
                return Err(Refused::TooManyCells(name.clone()));
            }
            let (row, col) = cell.pos;
            if col >= MAX_COL {
                continue;
            }
            if cell.formula.is_some() {
                grid.formulas.push((row, col));
            }
            let value: Data = cell.value.into();
            if value != Data::Empty {
                grid.cells.insert((row, col), value);
            }
        }
        drop(reader);
        // At most as many regions as the sheet's XML holds (bounded above).
        let merged = book.merge_cells_by_sheet_name(name).map_err(damaged)?;
        grid.merged = merged.iter().take(MAX_CELLS).map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
        out.insert(name.clone(), grid);
    }
    Ok(out)
}

/// An .xls or .ods, read through calamine's ranges (their size is bounded
/// by the file's).
fn dense<R: Reader<Cursor<B>>, B: AsRef<[u8]>>(mut book: R, wanted: &[&str]) -> Result<Book, Refused>
where
    R::Error: std::fmt::Display,
    Cursor<B>: std::io::Read + std::io::Seek,
{
    let names = book.sheet_names();
    let mut out = Book::new();
    for name in names.iter().filter(|n| wanted.contains(&n.as_str())) {
        let range = book.worksheet_range(name).map_err(damaged)?;
        let (rows, cols) = range.get_size();
        if rows.saturating_mul(cols.min(MAX_COL as usize)) > MAX_CELLS {
            return Err(Refused::TooManyCells(name.clone()));
        }
        let mut grid = Grid::default();
        for (row, col, value) in range.used_cells() {
            if col < MAX_COL as usize && *value != Data::Empty {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                grid.cells.insert((r0 + row as u32, c0 + col as u32), value.clone());
            }
        }
        if let Ok(formulas) = book.worksheet_formula(name) {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            for (row, col, f) in formulas.used_cells() {
                if !f.is_empty() {
                    grid.formulas.push((r0 + row as u32, c0 + col as u32));
                }
            }
        }
        out.insert(name.clone(), grid);
    }
    Ok(out)
}
