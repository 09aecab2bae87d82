//! Nothing a clerk writes is dropped (issue 21, item 2): for every cell a
//! person can write in a city's form and in a unit's form (every 填写 cell,
//! every 说明/佐证材料/附件 cell of a row that takes them, the date and the
//! report), putting a value there — a word, a number, or emptying it —
//! either changes the YAML that import writes or is refused with an error
//! naming that very cell (or a cell of its row that says what the value
//! needs, such as the 说明 an amount requires). The forms are the sample's, filled (`--filled`),
//! so that the rows start answered; the cells are changed in the read
//! workbook, as the reader sees them.

use super::identity::{Problems, cell_name};
use super::layout::{self as l, Kind};
use super::read::{self, At};
use super::workbook::{self, Book};
use crate::content::Content;
use calamine::Data;
use std::path::Path;

fn sample() -> Content {
    let loaded = crate::content::load(Path::new("content"), "content", None);
    loaded.content.expect("the sample content loads")
}

/// The YAML import writes, or the error lines.
fn import(c: &Content, kind: Kind, id: &str, book: &Book) -> Result<String, Vec<String>> {
    let mut p = Problems { workbook: "form.xlsx", diags: Vec::new() };
    let at = At { dir: Path::new("content"), yaml: "x.yaml" };
    match read::submission(c, kind, id, book, &mut p, &at) {
        Some(sub) => {
            let order: Vec<&str> = c.standard.items().map(|(_, i)| i.id.as_str()).collect();
            let cities: Vec<&str> = c.site.cities.iter().map(|m| m.id.as_str()).collect();
            Ok(super::yaml_out::write(&sub, "form.xlsx", (kind == Kind::City).then_some(id), &cities, &order))
        }
        None => Err(p.diags.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect()),
    }
}

/// Every writable cell: (sheet, row, column).
fn writable(c: &Content, kind: Kind, id: &str) -> Vec<(&'static str, u32, u16)> {
    let mut out = Vec::new();
    for (n, slot) in l::slots(c, kind, id).iter().enumerate() {
        let row = l::HEADER_ROW + 1 + n as u32;
        out.push((kind.sheet(), row, l::COL_VALUE));
        if super::decide::takes_text(slot) {
            out.extend([l::COL_NOTE, l::COL_EVIDENCE, l::COL_FILES].map(|col| (kind.sheet(), row, col)));
        }
    }
    out.push((l::COVER_SHEET, l::COVER_DATE.0, l::COVER_DATE.1));
    out.push((l::COVER_SHEET, l::COVER_REPORT.0, l::COVER_REPORT.1));
    out
}

fn every_cell_reaches_the_record_or_is_refused(kind: Kind, id: &str) {
    let c = sample();
    let member = match kind {
        Kind::City => c.site.cities.iter().find(|m| m.id == id),
        Kind::Unit => c.site.units.iter().find(|m| m.id == id),
    }
    .unwrap();
    let sub = match kind {
        Kind::City => c.cities.get(id),
        Kind::Unit => c.units.get(id),
    };
    let bytes = super::forms::form(&c, kind, member, sub.map(|s| &**s)).unwrap();
    let wanted = [l::ID_SHEET, l::CITY_SHEET, l::UNIT_SHEET, l::COVER_SHEET];
    let book = workbook::open(&bytes, &wanted).unwrap();
    let baseline = import(&c, kind, id, &book).expect("the filled form imports");
    let mut checked = 0;
    for (sheet, row, col) in writable(&c, kind, id) {
        let before = book[sheet].cells.get(&(row, u32::from(col))).cloned();
        let mut tries = vec![Data::String("随手写的字".into()), Data::Float(1.0)];
        if before.as_ref().is_some_and(|v| values_text(v).is_some()) {
            tries.push(Data::Empty);
        }
        for value in tries {
            if before.as_ref() == Some(&value) {
                continue;
            }
            let mut changed = book.clone();
            let grid = changed.get_mut(sheet).unwrap();
            if value == Data::Empty {
                grid.cells.remove(&(row, u32::from(col)));
            } else {
                grid.cells.insert((row, u32::from(col)), value.clone());
            }
            let cell = format!("{sheet}!{}:", cell_name(row, u32::from(col)));
            // Refused at the cell, or at a cell of its row that says what
            // the value needs (an amount's 说明).
            let in_row = |e: &str| {
                e.split_once(':').is_some_and(|(at, _)| {
                    at.starts_with(&format!("{sheet}!"))
                        && at.trim_start_matches(|c: char| !c.is_ascii_digit()) == (row + 1).to_string()
                })
            };
            match import(&c, kind, id, &changed) {
                Ok(yaml) => assert_ne!(yaml, baseline, "{cell} {value:?} was dropped without a word"),
                Err(errors) => assert!(
                    errors.iter().any(|e| e.starts_with(&cell) || in_row(e)),
                    "{cell} {value:?} was refused, but not at its cell: {errors:?}"
                ),
            }
            checked += 1;
        }
    }
    eprintln!("{} {id}: {checked} changed cells checked", kind.as_str());
    assert!(checked > 100, "{checked}");
}

fn values_text(d: &Data) -> Option<String> {
    super::values::text(d)
}

#[test]
fn every_cell_of_a_city_form() {
    every_cell_reaches_the_record_or_is_refused(Kind::City, "bicen");
}

#[test]
fn every_cell_of_a_unit_form() {
    every_cell_reaches_the_record_or_is_refused(Kind::Unit, "police");
}
