//! Opens a returned workbook safely. Nothing a file declares is trusted:
//! the file's size is bounded, its zip is unpacked through limits
//! ([`super::unzip`]) before any reader sees it, an .ods is streamed by a
//! reader that never expands empty repeats ([`super::ods`]), and only the
//! cells kaoping needs are kept (at most [`MAX_CELLS`] per sheet, none
//! beyond the form's columns, no text longer than [`MAX_TEXT`]). The
//! identity sheet is read first: a workbook that is not a kaoping form has
//! its other sheets left unread. A password-protected or renamed file is
//! named as such, and an old binary .xls is refused with what to do
//! (its reader trusts the sizes the file declares). Formulas are read as
//! their cached values and reported.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

pub use super::grid::{Book, Grid, MAX_CELLS, MAX_COL, MAX_FILE, MAX_TEXT, Refused};

/// Reads the named sheets (those present) of a workbook given as bytes;
/// the first sheet named is the identity sheet, and when a workbook does
/// not have it, the others are not read.
pub fn open(bytes: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    let book = std::panic::catch_unwind(|| read(bytes, wanted))
        .unwrap_or_else(|_| Err(Refused::Damaged("the reader stopped".into())))?;
    for (name, grid) in &book {
        for ((row, col), value) in &grid.cells {
            if let Data::String(s) = value
                && s.len() > MAX_TEXT
                && s.chars().count() > MAX_TEXT
            {
                return Err(Refused::TextTooLong(name.clone(), *row, *col, s.chars().count()));
            }
        }
    }
    Ok(book)
}

fn read(bytes: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    if bytes.len() > MAX_FILE {
        return Err(Refused::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let parts = super::unzip::parts(bytes)?;
        if let Some((_, content)) = parts.iter().find(|(n, _)| n == "content.xml")
            && parts.iter().all(|(n, _)| !n.starts_with("xl/"))
        {
            // One streaming pass (content.xml is parsed whole either way);
            // without the identity sheet nothing is kept.
            let book = super::ods::read(content, wanted)?;
            if wanted.first().is_some_and(|id| !book.contains_key(*id)) {
                return Ok(Book::new());
            }
            return Ok(book);
        }
        return xlsx(&super::unzip::repack(&parts)?, wanted);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE file: an .xls, or an .xlsx saved with a password
        // (Excel wraps encrypted workbooks this way).
        if bytes.windows(16).any(|w| w == b"E\0n\0c\0r\0y\0p\0t\0i\0") {
            return Err(Refused::Encrypted);
        }
        return Err(Refused::OldXls);
    }
    let text = bytes.iter().take(4096).all(|&b| b >= 0x09 && b != 0x7f);
    Err(Refused::NotWorkbook(if text { "text" } else { "other" }))
}

/// An .xlsx, read cell by cell (never as a dense range, which a cell at
/// XFD1048576 would make 17 billion cells wide).
fn xlsx(bytes: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(Refused::damaged)?;
    let names = book.sheet_names();
    let mut out = Book::new();
    if wanted.first().is_some_and(|id| !names.iter().any(|n| n == id)) {
        return Ok(out);
    }
    let mut order: Vec<&String> = names.iter().filter(|n| wanted.contains(&n.as_str())).collect();
    order.sort_by_key(|n| (wanted.iter().position(|w| w == n), n.as_str()));
    for name in order {
        let mut grid = Grid::default();
        let mut reader = book.worksheet_cells_reader(name).map_err(Refused::damaged)?;
        let mut seen = 0usize;
        while let Some(cell) = reader.next_cell_with_formula().map_err(Refused::damaged)? {
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
        let merged = book.merge_cells_by_sheet_name(name).map_err(Refused::damaged)?;
        grid.merged = merged.iter().take(MAX_CELLS).map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
        out.insert(name.clone(), grid);
    }
    Ok(out)
}
