//! What a filled form (`forms --filled`) shows in a row's input cells:
//! the value, the note, the evidence and the attachments the content has.
//! A blank form has no defaults: every decision cell starts empty.

use super::cells::Formats;
use super::cells::number;
use super::layout::{self as l, Ask, Choice, Kind, Slot};
use crate::content::attachments::Attached;
use crate::content::{Assessed, Entry, Input, Submission, Text};
use crate::standard::{Deduct, Scoring};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The finding of a rule in an entry.
pub fn finding<'e>(entry: Option<&'e Entry>, rule: &str) -> Option<&'e crate::content::Finding> {
    match &entry?.assessed {
        Assessed::Findings(fs) => fs.iter().find(|f| f.rule == rule),
        Assessed::Score(_) => None,
    }
}

/// What goes into a row's 填写 cell: in a filled form (`filled`, the
/// member's submission `sub`), what the content says; in a blank form,
/// nothing — every decision is left to the person filling it in.
pub fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    slot: &Slot,
    kind: Kind,
    sub: Option<&Submission>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let col = l::COL_VALUE;
    let text = |s: &mut Worksheet, t: &str| s.write_string_with_format(row, col, t, &f.input).map(|_| ());
    let num = |s: &mut Worksheet, v: f64| s.write_number_with_format(row, col, v, &f.input_num).map(|_| ());
    let Some(sub) = sub else { return sheet.write_blank(row, col, &f.input).map(|_| ()) };
    let city = sub.entries.get(&slot.city.id);
    let entry = city.and_then(|e| e.get(&slot.item.id));
    let deductions = matches!(entry, Some(Entry { assessed: Assessed::Findings(fs), .. }) if !fs.is_empty());
    let not_assessed = Choice::NotAssessed.words(kind);
    match slot.ask {
        Ask::City if city.is_none() => text(sheet, l::CITY_NOT_INSPECTED),
        Ask::City => text(sheet, l::CITY_INSPECTED),
        _ if city.is_none() && kind == Kind::Unit => sheet.write_blank(row, col, &f.input).map(|_| ()),
        Ask::Entry => match (&slot.item.scoring, entry) {
            (Scoring::Award, Some(Entry { assessed: Assessed::Score(s), .. })) => num(sheet, number(*s)),
            (_, None) => text(sheet, not_assessed),
            (_, Some(_)) if deductions => text(sheet, Choice::Deductions.words(kind)),
            (_, Some(_)) => text(sheet, Choice::NoDeduction.words(kind)),
        },
        _ if !deductions => sheet.write_blank(row, col, &f.input).map(|_| ()),
        Ask::Rule(r) => match (finding(entry, &r.id).map(|x| &x.input), &r.deduct) {
            (Some(_), Deduct::Fixed(_) | Deduct::Staffing { .. }) => text(sheet, "是"),
            (None, Deduct::Fixed(_) | Deduct::Staffing { .. }) => text(sheet, "否"),
            (Some(Input::Amount(a)), _) => num(sheet, number(*a)),
            (Some(Input::Count(n)), _) => num(sheet, *n as f64),
            _ => num(sheet, 0.0),
        },
        Ask::Population(r, k) => match finding(entry, &r.id).map(|x| &x.input) {
            Some(Input::Staffing { population, .. }) if population.contains_key(k) => num(sheet, population[k] as f64),
            _ => sheet.write_blank(row, col, &f.input).map(|_| ()),
        },
        Ask::Staff(r) => match finding(entry, &r.id).map(|x| &x.input) {
            Some(Input::Staffing { staff, .. }) => num(sheet, *staff as f64),
            _ => sheet.write_blank(row, col, &f.input).map(|_| ()),
        },
    }
}

/// What a row shows beside its value.
#[derive(Default)]
pub struct Remarks<'e> {
    pub note: Option<&'e str>,
    pub evidence: &'e [String],
    /// The 附件 paths, one a line.
    pub files: Vec<&'e str>,
}

/// The note, evidence and attachments shown on a row: the entry's on the
/// entry row, the finding's on its rule row.
pub fn remarks<'e>(slot: &Slot, entry: Option<&'e Entry>) -> Remarks<'e> {
    let of = |note: &'e Option<Text>, evidence: &'e [String], files: &'e [Attached]| Remarks {
        note: note.as_deref(),
        evidence,
        files: files.iter().map(|a| a.path.as_str()).collect(),
    };
    match slot.ask {
        Ask::Entry => entry.map(|e| of(&e.note, &e.evidence, &e.files)),
        Ask::Rule(r) => finding(entry, &r.id).map(|x| of(&x.note, &x.evidence, &x.files)),
        _ => None,
    }
    .unwrap_or_default()
}
