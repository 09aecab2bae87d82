//! `results.xlsx` (§9): the ranking, city × item scores with section
//! subtotals, every counted deduction, and self score against final score.
//! Pure: content and results in, bytes out. Numbers are stored as numbers
//! with two-decimal formats; the bytes depend on the content alone, not on
//! the system kaoping was built for (`host.rs`).

use super::cells::{Widths, number, print_setup, properties};
use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::{CityResult, Results};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

const NUMBER: &str = "0.00";
/// The workbook's deflate level (report.docx's is the same).
const ZIP_LEVEL: u8 = 3;

/// The workbook's bytes.
pub fn xlsx(content: &Content, results: &Results) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Level 3 rather than 6: at 3,000 cities it saves 0.27 s of the
    // workbook's 0.74 s for 7% more bytes (issue 26; docs/decisions.md).
    wb.set_zip_compression_level(ZIP_LEVEL);
    properties(&mut wb, content, &content.site.title)?;
    let order = results.by_rank();
    let marking = content.site.marking.as_deref();
    ranking(wb.add_worksheet_with_low_memory()?, results, &order, marking)?;
    by_item(wb.add_worksheet_with_low_memory()?, content, results, &order, marking)?;
    deductions(wb.add_worksheet_with_low_memory()?, content, results, &order, marking)?;
    self_vs_final(wb.add_worksheet_with_low_memory()?, content, results, &order, marking)?;
    wb.save_to_buffer().map(super::host::unix_host)
}

/// One table: a bold header row, frozen, with an autofilter, printed on
/// A4 landscape with the header repeated.
struct Table<'a> {
    sheet: &'a mut Worksheet,
    widths: Widths,
    row: u32,
    columns: u16,
    num: Format,
    /// Columns given the two-decimal format.
    formatted: Vec<u16>,
}

impl<'a> Table<'a> {
    fn new(sheet: &'a mut Worksheet, name: &str, header: &[String]) -> Result<Table<'a>, XlsxError> {
        sheet.set_name(name)?;
        let bold = Format::new().set_bold().set_align(FormatAlign::Center).set_text_wrap();
        let mut widths = Widths::new(header.len());
        for (col, h) in header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, h, &bold)?;
            widths.see(col as u16, h);
        }
        sheet.set_freeze_panes(1, 0)?;
        let num = Format::new().set_num_format(NUMBER);
        Ok(Table { sheet, widths, row: 0, columns: header.len() as u16, num, formatted: Vec::new() })
    }

    fn next_row(&mut self) {
        self.row += 1;
    }

    fn text(&mut self, col: u16, text: &str) -> Result<(), XlsxError> {
        self.widths.see(col, text);
        self.sheet.write_string(self.row, col, text)?;
        Ok(())
    }

    /// A decimal with two places. The format is the column's (set once):
    /// a cell written without one takes it, and the writer does not look
    /// the format up again for every cell.
    fn num(&mut self, col: u16, d: Dec) -> Result<(), XlsxError> {
        self.widths.see(col, &d.to_string());
        if !self.formatted.contains(&col) {
            self.sheet.set_column_format(col, &self.num)?;
            self.formatted.push(col);
        }
        self.sheet.write_number(self.row, col, number(d))?;
        Ok(())
    }

    fn whole(&mut self, col: u16, n: u32) -> Result<(), XlsxError> {
        self.widths.see(col, &n.to_string());
        self.sheet.write_number(self.row, col, f64::from(n))?;
        Ok(())
    }

    fn finish(self, marking: Option<&str>) -> Result<(), XlsxError> {
        self.sheet.autofilter(0, 0, self.row.max(1), self.columns - 1)?;
        self.widths.apply(self.sheet, 6, 50)?;
        print_setup(self.sheet, marking, true, (0, 0))
    }
}

fn strings(header: &[&str]) -> Vec<String> {
    header.iter().map(|s| s.to_string()).collect()
}

/// 排名: the columns of results.csv, in rank order.
fn ranking(sheet: &mut Worksheet, results: &Results, order: &[usize], marking: Option<&str>) -> Result<(), XlsxError> {
    let header = strings(&["排名", "城市", "基础得分", "扣分", "总分", "折算得分", "自评总分"]);
    let mut t = Table::new(sheet, "排名", &header)?;
    for &i in order {
        let c = &results.cities[i];
        t.next_row();
        t.whole(0, c.rank)?;
        t.text(1, &c.name)?;
        for (col, v) in [c.base, c.penalty, c.total, c.weighted, c.self_total].into_iter().enumerate() {
            t.num(col as u16 + 2, v)?;
        }
    }
    t.finish(marking)
}

/// 逐项得分: one row per city (rank order); per section its items and a
/// subtotal (a penalty section: what it subtracts); then the total.
fn by_item(
    sheet: &mut Worksheet,
    content: &Content,
    results: &Results,
    order: &[usize],
    marking: Option<&str>,
) -> Result<(), XlsxError> {
    let mut header = strings(&["排名", "城市"]);
    for s in &content.standard.sections {
        for i in &s.items {
            header.push(if i.penalty { format!("{}（扣分）", i.id) } else { i.id.clone() });
        }
        header.push(format!("{} 小计{}", s.id, if is_penalty(s) { "（扣分）" } else { "" }));
    }
    header.push("总分".into());
    let mut t = Table::new(sheet, "逐项得分", &header)?;
    for &i in order {
        let c = &results.cities[i];
        t.next_row();
        t.whole(0, c.rank)?;
        t.text(1, &c.name)?;
        let mut col = 2;
        for s in &c.sections {
            for item in c.items.iter().filter(|it| it.section == s.id) {
                t.num(col, item.outcome.value)?;
                col += 1;
            }
            t.num(col, s.value)?;
            col += 1;
        }
        t.num(col, c.total)?;
    }
    t.finish(marking)
}

fn is_penalty(s: &crate::standard::Section) -> bool {
    matches!(s.kind, crate::standard::SectionKind::Penalty { .. })
}

/// The name of the unit that found a deduction, or 自评.
fn by_name<'c>(content: &'c Content, by: &str) -> &'c str {
    if by == "self" {
        return "自评";
    }
    content.site.units.iter().find(|u| u.id == by).map_or("", |u| u.name.as_str())
}

/// 扣分明细: one row per counted deduction.
fn deductions(
    sheet: &mut Worksheet,
    content: &Content,
    results: &Results,
    order: &[usize],
    marking: Option<&str>,
) -> Result<(), XlsxError> {
    let header = strings(&["城市", "项目", "扣分情形", "扣分", "扣分单位", "说明", "佐证材料"]);
    let mut t = Table::new(sheet, "扣分明细", &header)?;
    for &i in order {
        let c: &CityResult = &results.cities[i];
        for item in c.items.iter() {
            let std_item = content.standard.item(&item.id);
            for d in &item.outcome.deductions {
                t.next_row();
                t.text(0, &c.name)?;
                t.text(1, &item.id)?;
                let rule = std_item.and_then(|it| it.rule(&d.rule)).map_or_else(|| d.rule.clone(), |r| r.wording());
                t.text(2, &rule)?;
                t.num(3, d.amount)?;
                t.text(4, by_name(content, &d.by))?;
                t.text(5, d.note.as_deref().unwrap_or(""))?;
                t.text(6, &d.evidence.join("\n"))?;
            }
        }
    }
    t.finish(marking)
}

/// 自评与核定: per city and item, the self score, the final score and the
/// difference (final − self); empty where the city did not assess it.
fn self_vs_final(
    sheet: &mut Worksheet,
    content: &Content,
    results: &Results,
    order: &[usize],
    marking: Option<&str>,
) -> Result<(), XlsxError> {
    let header = strings(&["城市", "项目", "项目内容", "自评", "核定", "差额", "核定依据"]);
    let mut t = Table::new(sheet, "自评与核定", &header)?;
    for &i in order {
        let c = &results.cities[i];
        for item in c.items.iter() {
            t.next_row();
            t.text(0, &c.name)?;
            t.text(1, &item.id)?;
            let text = content.standard.item(&item.id).map_or("", |it| it.text.as_str());
            t.text(2, text)?;
            if let Some(s) = item.self_value() {
                t.num(3, s)?;
                t.num(5, item.outcome.value - s)?;
            }
            t.num(4, item.outcome.value)?;
            let source = match item.outcome.source {
                crate::scoring::Source::Inspection => "实地检查",
                crate::scoring::Source::SelfAssessment => "自评",
                crate::scoring::Source::Missing => "未报",
            };
            t.text(6, source)?;
        }
    }
    t.finish(marking)
}
