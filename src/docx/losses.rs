//! Each city's lost points, item by item: every counted deduction with the
//! rule as the standard words it, its amount, the unit that found it and
//! its note; an item lost without a deduction (not assessed, or scored
//! below its points) says so. In the report up to `IN_BODY` cities, else
//! in the annex.

use super::xml::{self, Column, Look, Table, run};
use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::{CityResult, ItemResult, Remark, Results, Source};
use crate::standard::{Item, Scoring};
use crate::text::chinese_number;
use std::collections::BTreeMap;

pub const ANNEX_TITLE: &str = "各市失分明细";

pub(super) const COLUMNS: [Column; 5] = [
    Column { head: "项目", width: 800, centred: true },
    Column { head: "扣分依据", width: 3300, centred: false },
    Column { head: "扣分", width: 900, centred: true },
    Column { head: "认定单位", width: 1700, centred: false },
    Column { head: "说明", width: 2145, centred: false },
];

/// One line of a city's table.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub item: String,
    pub rule: String,
    pub amount: String,
    pub by: String,
    pub note: String,
}

/// Unit names by id, `self` as 本市自评.
pub struct Names<'a>(BTreeMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    pub fn new(c: &'a Content) -> Names<'a> {
        let mut names: BTreeMap<&str, &str> = c.site.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        names.insert("self", "本市自评");
        Names(names)
    }

    fn of<'b>(&'b self, id: &'b str) -> &'b str {
        self.0.get(id).copied().unwrap_or(id)
    }
}

/// The rows of every item `city` lost points on, in the standard's order.
pub fn rows(c: &Content, names: &Names, city: &CityResult) -> Vec<Row> {
    let mut out = Vec::new();
    // A city's items are in the standard's order.
    for ((_, item), res) in c.standard.items().zip(city.items.iter()) {
        let lost = res.lost();
        if lost <= Dec::ZERO {
            continue;
        }
        let item = if item.id == res.id { Some(item) } else { c.standard.item(&res.id) };
        if let Some(item) = item {
            item_rows(item, res, lost, names, &mut out);
        }
    }
    out
}

fn item_rows(item: &Item, res: &ItemResult, lost: Dec, names: &Names, out: &mut Vec<Row>) {
    let o = &res.outcome;
    for d in &o.deductions {
        let mut note: Vec<String> = d.staffing.iter().map(|s| s.detail()).collect();
        note.extend(d.note.as_deref().map(str::to_string));
        out.push(Row {
            item: item.id.clone(),
            rule: item.rule(&d.rule).map_or_else(|| d.rule.clone(), |r| r.wording()),
            amount: d.amount.to_string(),
            by: names.of(&d.by).to_string(),
            note: note.join("；"),
        });
    }
    if o.capped {
        out.push(Row {
            item: item.id.clone(),
            rule: format!("以上扣分合计超过本项{}，按{}分计", if res.penalty { "最高减分" } else { "分值" }, res.max),
            amount: lost.to_string(),
            by: String::new(),
            note: String::new(),
        });
    }
    if !o.deductions.is_empty() {
        return;
    }
    let rule = match (o.source, &item.scoring) {
        (Source::Missing, _) => "未报送自评，也无成员单位检查，按0分计".to_string(),
        (_, Scoring::Award) if o.remarks.len() > 1 => {
            format!("取各单位评分的平均数，得{}分（满分{}分）", o.value, res.max)
        }
        _ => format!("得{}分（满分{}分）", o.value, res.max),
    };
    // The assessors that gave less than the points, or said why.
    let below: Vec<&Remark> =
        o.remarks.iter().filter(|m| m.score.is_some_and(|s| s < res.max) || m.note.is_some()).collect();
    let by: Vec<&str> = below.iter().map(|m| names.of(&m.by)).collect();
    let note: Vec<String> = if let [one] = below[..] {
        one.note.as_deref().map(str::to_string).into_iter().collect()
    } else {
        below
            .iter()
            .map(|m| {
                let score = m.score.map(|s| format!("评{s}分")).unwrap_or_default();
                let said = m.note.as_deref().map(|n| format!("：{n}")).unwrap_or_default();
                format!("{}{score}{said}", names.of(&m.by))
            })
            .collect()
    };
    out.push(Row { item: item.id.clone(), rule, amount: lost.to_string(), by: by.join("、"), note: note.join("；") });
}

/// One city's part: a heading `（n）name`, its totals, and the table of
/// its lost points.
pub fn city(out: &mut String, c: &Content, names: &Names, city: &CityResult, n: usize) {
    let number = if n < 100 { chinese_number(n) } else { n.to_string() };
    xml::paragraph(
        out,
        "Heading2",
        Look { keep_next: true, page_break: false },
        &[run(format!("（{number}）{}", city.name))],
    );
    let lost = c.standard.total - city.total;
    let rows = rows(c, names, city);
    let summary = if rows.is_empty() {
        format!("总分{}分，第{}名，各项均未失分。", city.total, city.rank)
    } else {
        format!("总分{}分，第{}名，共失分{lost}分，失分项目如下：", city.total, city.rank)
    };
    let look = Look { keep_next: !rows.is_empty(), page_break: false };
    xml::paragraph(out, "Normal", look, &[run(summary)]);
    if rows.is_empty() {
        return;
    }
    let mut t = Table::new(out, &COLUMNS);
    for r in &rows {
        t.row(&[&r.item, &r.rule, &r.amount, &r.by, &r.note]);
    }
    t.finish();
}

/// Every city's part, in roster order.
pub fn cities(out: &mut String, c: &Content, r: &Results) {
    let names = Names::new(c);
    for (n, one) in r.cities.iter().enumerate() {
        city(out, c, &names, one, n + 1);
    }
}

/// The annex's body: 附件 at the top left, its title, every city; in
/// pieces, one a city, made as they are asked for.
pub fn annex<'a>(c: &'a Content, r: &'a Results, fingerprint: &'a str) -> impl Iterator<Item = String> + 'a {
    let mut head = String::new();
    super::report::marking(&mut head, c);
    xml::text(&mut head, "Marking", "附件");
    xml::text(&mut head, "Normal", "");
    xml::text(&mut head, "Title", ANNEX_TITLE);
    xml::text(&mut head, "Normal", "");
    let names = Names::new(c);
    let each = r.cities.iter().enumerate().map(move |(n, one)| {
        let mut out = String::new();
        city(&mut out, c, &names, one, n + 1);
        out
    });
    let note = std::iter::once_with(move || {
        let mut out = String::new();
        super::report::note(&mut out, fingerprint);
        out
    });
    std::iter::once(head).chain(each).chain(note)
}
