//! An OpenDocument spreadsheet (.ods, as LibreOffice saves) read within
//! bounds. Its `content.xml` says how often a row or a cell repeats
//! (`table:number-rows-repeated`, `table:number-columns-repeated`); a
//! general reader expands those, so a file of a few hundred bytes can
//! claim billions of cells. This reader streams the XML once and never
//! expands an empty cell: it keeps only the form's columns, moves its row
//! counter past empty repeats, and counts every cell it keeps against
//! [`MAX_CELLS`](super::workbook::MAX_CELLS).

use super::grid::{Book, Grid, MAX_CELLS, MAX_COL, MAX_TEXT, Refused};
use calamine::Data;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Rows beyond this are past any form (a spreadsheet has at most 1,048,576).
const MAX_ROW: u32 = 1_048_576;

/// One cell being read: its value, its text so far, whether it has a
/// formula, and how far it spans.
#[derive(Default)]
struct Cell {
    value: Option<Data>,
    text: String,
    /// Characters of text seen (more than are kept once over the bound).
    chars: usize,
    paragraphs: usize,
    formula: bool,
    repeat: u32,
    span: (u32, u32),
}

/// Reads the sheets named in `wanted` from `content.xml`.
pub fn read(content: &[u8], wanted: &[&str]) -> Result<Book, Refused> {
    let mut xml = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut book = Book::new();
    let mut sheet: Option<(String, Grid)> = None;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    let mut row_cells: Vec<(u32, Data)> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut kept = 0usize;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(Refused::damaged)?;
        match event {
            Event::Start(e) | Event::Empty(e) if sheet.is_none() => {
                sheet = wanted_table(&e, wanted, &book);
                if sheet.is_some() {
                    (row, kept) = (0, 0);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "table" => {
                if let Some((name, grid)) = sheet.take() {
                    book.insert(name, grid);
                }
            }
            ref ev @ (Event::Start(ref e) | Event::Empty(ref e)) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table-row" => {
                        (col, row_repeat) = (0, number(e, "number-rows-repeated").max(1));
                        row_cells.clear();
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        let c = start_cell(e)?;
                        if empty {
                            finish_cell(c, row, &mut col, &mut row_cells, sheet.as_mut())?;
                        } else {
                            cell = Some(c);
                        }
                    }
                    "p" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            if c.paragraphs > 0 {
                                c.text.push('\n');
                            }
                            c.paragraphs += 1;
                        }
                    }
                    "s" => push_text(cell.as_mut(), &" ".repeat(number(e, "c").clamp(1, 1000) as usize)),
                    "tab" => push_text(cell.as_mut(), "\t"),
                    "line-break" => push_text(cell.as_mut(), "\n"),
                    _ => {}
                }
            }
            Event::Text(t) if cell.is_some() => {
                let text = t.xml10_content();
                push_text(cell.as_mut(), &text);
            }
            Event::GeneralRef(r) if cell.is_some() => {
                let name: &str = &r;
                let ch = match name {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    _ => r.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default(),
                };
                push_text(cell.as_mut(), &ch);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        finish_cell(c, row, &mut col, &mut row_cells, sheet.as_mut())?;
                    }
                }
                "table-row" => {
                    if let Some((name, grid)) = sheet.as_mut()
                        && !row_cells.is_empty()
                    {
                        {
                            // A repeated row with values is expanded, within the bound.
                            let times = row_repeat.min(MAX_ROW.saturating_sub(row));
                            kept = kept.saturating_add(row_cells.len().saturating_mul(times as usize));
                            if kept > MAX_CELLS {
                                return Err(Refused::TooManyCells(name.clone()));
                            }
                            for r in 0..times {
                                for (c, v) in &row_cells {
                                    grid.cells.insert((row + r, *c), v.clone());
                                }
                            }
                        }
                    }
                    row = row.saturating_add(row_repeat);
                    row_cells.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        if row > MAX_ROW {
            row = MAX_ROW;
        }
    }
    Ok(book)
}

/// A sheet to read, when `e` opens a table that is wanted and not read yet.
fn wanted_table(e: &BytesStart, wanted: &[&str], book: &Book) -> Option<(String, Grid)> {
    let name = (e.local_name().as_ref() == "table").then(|| attr(e, "name")).flatten()?;
    (wanted.contains(&name.as_str()) && !book.contains_key(&name)).then(|| (name, Grid::default()))
}

/// A cell's attributes: its value (or, for text, the text to come), its
/// formula, repeats and spans.
fn start_cell(e: &BytesStart) -> Result<Cell, Refused> {
    let mut c = Cell { repeat: number(e, "number-columns-repeated").max(1), ..Cell::default() };
    c.formula = attr(e, "formula").is_some();
    c.span = (number(e, "number-rows-spanned"), number(e, "number-columns-spanned"));
    c.value = match attr(e, "value-type").as_deref() {
        Some("float" | "percentage" | "currency") => {
            attr(e, "value").and_then(|v| v.trim().parse::<f64>().ok()).map(Data::Float)
        }
        Some("boolean") => attr(e, "boolean-value").map(|v| Data::Bool(v == "true")),
        Some("date") => attr(e, "date-value").and_then(|v| serial(&v)).map(Data::Float),
        _ => None,
    };
    Ok(c)
}

/// Places a finished cell at `row`, from column `col` on, as often as it
/// repeats (only within the form's columns), and moves `col` past it.
fn finish_cell(
    c: Cell,
    row: u32,
    col: &mut u32,
    row_cells: &mut Vec<(u32, Data)>,
    sheet: Option<&mut (String, Grid)>,
) -> Result<(), Refused> {
    let Some((name, grid)) = sheet else { return Ok(()) };
    if c.chars > MAX_TEXT && *col < MAX_COL {
        return Err(Refused::TextTooLong(name.clone(), row, *col, c.chars));
    }
    let value = c.value.or_else(|| (!c.text.is_empty()).then_some(Data::String(c.text)));
    let start = *col;
    if let Some(v) = value {
        for at in start..start.saturating_add(c.repeat).min(MAX_COL) {
            row_cells.push((at, v.clone()));
            if c.formula {
                grid.formulas.push((row, at));
            }
        }
    } else if c.formula && start < MAX_COL {
        grid.formulas.push((row, start));
    }
    let (rows, cols) = c.span;
    if (rows > 1 || cols > 1) && start < MAX_COL && grid.merged.len() < MAX_CELLS {
        let last = |first: u32, n: u32| first.saturating_add(n.max(1) - 1);
        grid.merged.push((row, start, last(row, rows), last(start, cols)));
    }
    *col = start.saturating_add(c.repeat);
    Ok(())
}

/// Adds text to the cell being read; beyond [`MAX_TEXT`] characters only
/// counts it (the cell is then refused at its place, with its length).
fn push_text(cell: Option<&mut Cell>, s: &str) {
    if let Some(c) = cell {
        c.chars = c.chars.saturating_add(s.chars().count());
        if c.chars <= MAX_TEXT {
            c.text.push_str(s);
        }
    }
}

/// An attribute by its local name (`table:name` → `name`), unescaped.
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// A count attribute (absent or unreadable: 0).
fn number(e: &BytesStart, local: &str) -> u32 {
    attr(e, local).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

/// `2026-03-01` (or `2026-03-01T…`) as a spreadsheet's day number
/// (days since 1899-12-30).
fn serial(date: &str) -> Option<f64> {
    let day = date.get(..10)?;
    let mut parts = day.split('-');
    let (y, m, d): (i64, i64, i64) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let unix_days = era * 146_097 + doe - 719_468;
    Some((unix_days + 25_569) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(table: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
        )
        .into_bytes()
    }

    #[test]
    fn values_text_dates_formulas_and_spans_are_read() {
        let xml = doc(
            r#"<table:table table:name="表"><table:table-row><table:table-cell office:value-type="string"><text:p>甲<text:s text:c="2"/>乙<text:tab/>&amp; 丙</text:p><text:p>二行</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1.5" table:formula="of:=1+0.5"><text:p>1.5</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-03-01"/><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3"/></table:table-row></table:table><table:table table:name="别的"><table:table-row><table:table-cell office:value-type="float" office:value="9"/></table:table-row></table:table>"#,
        );
        let book = read(&xml, &["表"]).unwrap();
        assert_eq!(book.keys().collect::<Vec<_>>(), ["表"]);
        let g = &book["表"];
        assert_eq!(g.cells[&(0, 0)], Data::String("甲  乙\t& 丙\n二行".into()));
        assert_eq!(g.cells[&(0, 1)], Data::Float(1.5));
        assert_eq!(g.cells[&(0, 2)], Data::Float(46082.0), "2026-03-01 is day 46082");
        assert_eq!(g.formulas, [(0, 1)]);
        assert_eq!(g.merged, [(0, 3, 2, 4)]);
    }

    #[test]
    fn empty_repeats_are_never_expanded_and_full_ones_are_bounded() {
        // A million empty rows of 16,384 empty cells, then a value far away.
        let xml = doc(
            r#"<table:table table:name="表"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row></table:table>"#,
        );
        let book = read(&xml, &["表"]).unwrap();
        assert!(book["表"].cells.is_empty(), "a value beyond the form's columns is not kept");
        // A value repeated over every column of a million rows is refused.
        let xml = doc(
            r#"<table:table table:name="表"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
        );
        assert_eq!(read(&xml, &["表"]).unwrap_err(), Refused::TooManyCells("表".into()));
        let xml = doc(
            r#"<table:table table:name="表"><table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
        );
        assert_eq!(read(&xml, &["表"]).unwrap().get("表").unwrap().cells.len(), 3);
    }

    #[test]
    fn a_text_over_the_bound_is_refused_at_its_cell_with_its_length() {
        let long = "长".repeat(MAX_TEXT + 1);
        let xml = doc(&format!(
            r#"<table:table table:name="表"><table:table-row/><table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row></table:table>"#
        ));
        assert_eq!(read(&xml, &["表"]).unwrap_err(), Refused::TextTooLong("表".into(), 1, 1, MAX_TEXT + 1));
    }

    #[test]
    fn broken_xml_is_damaged_not_a_panic() {
        assert!(matches!(read(b"<a><b></a>", &["表"]), Err(Refused::Damaged(_)) | Ok(_)));
        assert_eq!(serial("2026-13-01"), None);
        assert_eq!(serial("1899-12-30"), None);
        assert_eq!(serial("1900-01-01"), Some(2.0));
    }
}
