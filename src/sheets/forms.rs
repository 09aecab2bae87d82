//! `kaoping forms --format xlsx`: one workbook per city and per member
//! unit, blank or (`--filled`) holding what the content folder has. Input
//! cells are unlocked and validated; everything else is locked (sheet
//! protection without a password); the form's identity is on a very hidden,
//! protected sheet. Pure: content in, files out.

use super::cells::{Formats, Widths, fail, formats, print_setup, properties};
use super::layout::{self as l, Ask, Kind, Slot};
use crate::content::{Content, Member, Submission};
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::standard::{Deduct, Scoring};
use rust_xlsxwriter::{Format, ProtectionOptions, Workbook, Worksheet, XlsxError};

/// Every form, cities first, in roster order; `filled` puts in what the
/// content has, and leaves out the members that have no file yet.
pub fn files(c: &Content, filled: bool) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let members = c.site.cities.iter().map(|m| (Kind::City, m)).chain(c.site.units.iter().map(|m| (Kind::Unit, m)));
    let names = |kind: Kind| match kind {
        Kind::City => &c.site.cities,
        Kind::Unit => &c.site.units,
    };
    for (kind, m) in members {
        let sub = match kind {
            Kind::City => c.cities.get(&m.id),
            Kind::Unit => c.units.get(&m.id),
        };
        if filled && sub.is_none() {
            // Nothing to correct: such a member gets a blank form.
            continue;
        }
        let path = format!("{}/{}.xlsx", kind.folder(), file_stem(m, names(kind)));
        match form(c, kind, m, if filled { sub.map(|s| &**s) } else { None }) {
            Ok(bytes) => out.push(OutFile { path, bytes }),
            Err(e) => errors.push(fail(&path, &e)),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The name of a member's workbook: its name as the roster gives it
/// (`霜浦市.xlsx`), which is what a clerk looks for, or its id where the name
/// could not be one file on every system (a `/`, a device name, a trailing
/// dot, too long, `~$` or `.` in front, which import skips as lock or hidden
/// files) or could be taken for another member's file (the same name, or
/// another's id, in any case: Windows does not tell `A` from `a`). Import
/// reads who a form is for from inside it, so the name only helps people.
fn file_stem<'a>(m: &'a Member, roster: &[Member]) -> &'a str {
    const LONGEST: usize = 64;
    let name = m.name.as_str();
    let fits = name.chars().count() <= LONGEST
        && !name.starts_with("~$")
        && !name.starts_with('.')
        && crate::text::is_plain_name(name)
        && crate::text::is_plain_name(&format!("{name}.xlsx"));
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    let taken = roster.iter().any(|o| o.id != m.id && (same(&o.name, name) || same(&o.id, name)));
    if fits && !taken { name } else { &m.id }
}

/// Widths (in characters) of the wrapped columns.
const TEXT_WIDTH: usize = 40;
const NOTE_WIDTH: usize = 30;

/// One workbook's bytes.
pub fn form(c: &Content, kind: Kind, member: &Member, sub: Option<&Submission>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let title = match kind {
        Kind::City => format!("{} · 自查自评表 · {}", c.site.title, member.name),
        Kind::Unit => format!("{} · 实地检查表 · {}", c.site.title, member.name),
    };
    properties(&mut wb, c, &title)?;
    let f = formats();
    main_sheet(wb.add_worksheet(), c, kind, member, sub, &title, &f)?;
    cover(wb.add_worksheet(), c, kind, sub, &f)?;
    identity(wb.add_worksheet(), c, kind, member)?;
    wb.save_to_buffer().map(super::host::unix_host)
}

fn protect(sheet: &mut Worksheet) {
    let options =
        ProtectionOptions { format_columns: true, format_rows: true, use_autofilter: true, ..ProtectionOptions::new() };
    sheet.protect_with_options(&options);
}

fn main_sheet(
    sheet: &mut Worksheet,
    c: &Content,
    kind: Kind,
    member: &Member,
    sub: Option<&Submission>,
    title: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(kind.sheet())?;
    let mut widths = Widths::new(usize::from(l::COLUMNS));
    sheet.write_string_with_format(
        0,
        0,
        format!("{title}（报送日期和报告填在“报送”工作表；只填浅黄色格子）"),
        &Format::new().set_bold(),
    )?;
    for (col, h) in l::HEADER.iter().enumerate() {
        sheet.write_string_with_format(l::HEADER_ROW, col as u16, *h, &f.bold)?;
        widths.see(col as u16, h);
    }
    let slots = l::slots(c, kind, &member.id);
    for (n, slot) in slots.iter().enumerate() {
        let row = l::HEADER_ROW + 1 + n as u32;
        let entry = sub.and_then(|s| s.entries.get(&slot.city.id)).and_then(|e| e.get(&slot.item.id));
        let texts = [slot.city.name.clone(), slot.item.id.clone(), item_text(slot), ask_text(slot, kind)];
        for (col, t) in texts.iter().enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(row, col, t, &f.locked)?;
            if col != l::COL_TEXT && col != l::COL_ASK {
                widths.see(col, t);
            }
        }
        sheet.write_string_with_format(row, l::COL_KEY, slot.key(), &f.locked)?;
        // Rows as tall as their wrapped text (office suites do not all
        // fit heights on opening).
        let r = super::filled::remarks(slot, entry);
        let lines = [(texts[2].as_str(), TEXT_WIDTH), (texts[3].as_str(), TEXT_WIDTH)]
            .into_iter()
            .chain([(r.note.unwrap_or_default(), NOTE_WIDTH)])
            .map(|(t, w)| t.lines().map(|l| super::cells::text_width(l).div_ceil(w - 6).max(1)).sum::<usize>())
            .chain([r.evidence.len(), r.files.len()])
            .max()
            .unwrap_or(1)
            .clamp(1, 20);
        if lines > 1 {
            sheet.set_row_height(row, 15.0 * lines as f64)?;
        }
        super::filled::write_value(sheet, row, slot, kind, sub, f)?;
        let cell = super::identity::cell_name(row, u32::from(l::COL_VALUE));
        sheet.add_data_validation(row, l::COL_VALUE, row, l::COL_VALUE, &super::inputs::value(slot, kind, &cell)?)?;
        if super::decide::takes_text(slot) {
            sheet.write_string_with_format(row, l::COL_NOTE, r.note.unwrap_or_default(), &f.input)?;
            sheet.write_string_with_format(row, l::COL_EVIDENCE, r.evidence.join("\n"), &f.input)?;
            sheet.write_string_with_format(row, l::COL_FILES, r.files.join("\n"), &f.input)?;
        } else {
            for col in [l::COL_NOTE, l::COL_EVIDENCE, l::COL_FILES] {
                sheet.write_blank(row, col, &f.grey)?;
            }
        }
    }
    let last = l::HEADER_ROW + slots.len().max(1) as u32;
    sheet.add_data_validation(l::HEADER_ROW + 1, l::COL_NOTE, last, l::COL_NOTE, &super::inputs::note()?)?;
    let first = l::HEADER_ROW + 1;
    sheet.add_data_validation(first, l::COL_EVIDENCE, last, l::COL_EVIDENCE, &super::inputs::evidence()?)?;
    sheet.add_data_validation(
        first,
        l::COL_FILES,
        last,
        l::COL_FILES,
        &super::inputs::files(slots.first().map_or(member.id.as_str(), |s| s.city.id.as_str()))?,
    )?;
    widths.apply(sheet, 6, 16)?;
    sheet.set_column_width(l::COL_TEXT, TEXT_WIDTH as f64)?;
    sheet.set_column_width(l::COL_ASK, TEXT_WIDTH as f64)?;
    sheet.set_column_width(l::COL_VALUE, 10)?;
    sheet.set_column_width(l::COL_NOTE, NOTE_WIDTH as f64)?;
    sheet.set_column_width(l::COL_EVIDENCE, NOTE_WIDTH as f64)?;
    sheet.set_column_width(l::COL_FILES, NOTE_WIDTH as f64)?;
    sheet.set_column_hidden(l::COL_KEY)?;
    sheet.set_freeze_panes(l::HEADER_ROW + 1, 0)?;
    sheet.autofilter(l::HEADER_ROW, 0, last, l::COL_FILES)?;
    print_setup(sheet, c.site.marking.as_deref(), true, (0, l::HEADER_ROW))?;
    protect(sheet);
    sheet.set_active(true);
    Ok(())
}

fn item_text(slot: &Slot) -> String {
    let i = slot.item;
    match slot.ask {
        Ask::City => format!("（{}：以下各项）", slot.city.name),
        Ask::Entry => {
            let points = if i.penalty { format!("最高减{}分", i.max) } else { format!("{}分", i.max) };
            let basis = i.basis.as_ref().map(|b| format!("\n评分依据：{b}")).unwrap_or_default();
            format!("{}（{points}）{basis}", i.text)
        }
        _ => String::new(),
    }
}

fn ask_text(slot: &Slot, kind: Kind) -> String {
    let choices = || l::Choice::ALL.iter().map(|c| c.words(kind)).collect::<Vec<_>>().join(" / ");
    match slot.ask {
        Ask::City => format!("必选：{} / {}", l::CITY_INSPECTED, l::CITY_NOT_INSPECTED),
        Ask::Entry => match &slot.item.scoring {
            Scoring::Award => {
                format!(
                    "得分（直接评分，0至{}分；未{}填“{}”）",
                    slot.item.max,
                    kind.verb(),
                    l::Choice::NotAssessed.words(kind)
                )
            }
            Scoring::Rules(_) => format!("必选：{}", choices()),
        },
        Ask::Rule(r) => match &r.deduct {
            Deduct::Fixed(_) => format!("{}：是否有此情形（是/否）", r.wording()),
            Deduct::Range { min, max } => format!("{}：扣分（{min}至{max}，须写说明；没有填0）", r.wording()),
            Deduct::PerCount { .. } => format!("{}：未落实的项数（没有填0）", r.wording()),
            Deduct::Staffing { ratio, .. } => {
                let ratio: Vec<String> = ratio.iter().map(|(k, v)| format!("{}{v}:1", l::population_name(k))).collect();
                format!("{}（规定比例 {}）：是否计算（是/否）；“是”则在下面几行填人数", r.wording(), ratio.join("、"))
            }
        },
        Ask::Population(_, k) => format!("{}流动人口数", l::population_name(k)),
        Ask::Staff(_) => "专职协管员人数".into(),
    }
}

/// 报送: the submission date and the report.
fn cover(
    sheet: &mut Worksheet,
    c: &Content,
    kind: Kind,
    sub: Option<&Submission>,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(l::COVER_SHEET)?;
    let deadline = match kind {
        Kind::City => c.site.deadlines.self_assessment,
        Kind::Unit => c.site.deadlines.inspection,
    };
    sheet.write_string_with_format(0, 0, format!("报送信息（截止日期 {deadline}）"), &f.bold)?;
    let (dr, dc) = l::COVER_DATE;
    let (rr, rc) = l::COVER_REPORT;
    sheet.write_string_with_format(dr, 0, "报送日期", &f.locked)?;
    let date = sub.and_then(|s| s.submitted).map(|d| d.to_string()).unwrap_or_default();
    sheet.write_string_with_format(dr, dc, date, &f.input)?;
    sheet.add_data_validation(dr, dc, dr, dc, &super::inputs::date(&super::values::example_date(c.site.year))?)?;
    let label = match kind {
        Kind::City => "自查自评报告",
        Kind::Unit => "书面考评报告",
    };
    sheet.write_string_with_format(rr, 0, label, &f.locked)?;
    sheet.write_string_with_format(rr, rc, sub.map_or("", |s| s.report.trim_end()), &f.input)?;
    sheet.add_data_validation(rr, rc, rr, rc, &super::inputs::report()?)?;
    sheet.set_row_height(rr, 300)?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 90)?;
    print_setup(sheet, c.site.marking.as_deref(), false, (0, 0))?;
    protect(sheet);
    Ok(())
}

/// The form's identity, read by import: kind, id, year, the standard's
/// fingerprint and the form's version.
fn identity(sheet: &mut Worksheet, c: &Content, kind: Kind, member: &Member) -> Result<(), XlsxError> {
    sheet.set_name(l::ID_SHEET)?;
    let rows = [
        ("kind", kind.as_str().to_string()),
        ("id", member.id.clone()),
        ("year", c.site.year.to_string()),
        ("standard", l::fingerprint(c)),
        ("form", l::FORM_VERSION.to_string()),
    ];
    for (n, (k, v)) in rows.iter().enumerate() {
        sheet.write_string(n as u32, 0, *k)?;
        sheet.write_string(n as u32, 1, v)?;
    }
    sheet.set_very_hidden(true);
    sheet.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(list: &[(&str, &str)]) -> Vec<Member> {
        list.iter().map(|(id, name)| Member { id: id.to_string(), name: name.to_string() }).collect()
    }

    #[test]
    fn forms_are_named_by_the_members_name() {
        let r = roster(&[("shuangpu", "霜浦市"), ("police", "省公安厅")]);
        assert_eq!(file_stem(&r[0], &r), "霜浦市");
        assert_eq!(file_stem(&r[1], &r), "省公安厅");
    }

    #[test]
    fn a_name_that_cannot_be_a_file_gives_the_id() {
        let long = "长".repeat(65);
        for bad in ["甲/乙", "CON", "nul", "市.", "市 ", "~$市", ".市", "a:b", "报\u{202e}告", long.as_str()] {
            let r = roster(&[("x", bad)]);
            assert_eq!(file_stem(&r[0], &r), "x", "{bad:?}");
        }
        let r = roster(&[("x", &"长".repeat(64))]);
        assert_eq!(file_stem(&r[0], &r).chars().count(), 64);
    }

    #[test]
    fn names_that_could_be_taken_for_another_give_the_ids() {
        // Two members of one name, in any case, and a name that is another's id.
        let r = roster(&[("a", "Jiang"), ("b", "jiang"), ("c", "A"), ("d", "丁市")]);
        let stems: Vec<&str> = r.iter().map(|m| file_stem(m, &r)).collect();
        assert_eq!(stems, ["a", "b", "c", "丁市"]);
    }
}
