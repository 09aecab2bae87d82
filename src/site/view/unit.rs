//! A member unit's page: its report, its lateness, the items in its remit,
//! and what it found in every city. Above [`LARGE`] cities the city × item
//! table is split into pages (`units/<id>/N.html`) and the unit's page
//! summarizes each item instead.

use super::overview::PageLink;
use super::{Common, LARGE, PAGE_SIZE, staffing_detail, unit_name};
use crate::content::{Assessed, Content, Member};
use crate::decimal::Dec;
use crate::scoring::{UnitResult, rules};
use crate::site::markdown;
use crate::standard::Item;
use serde::Serialize;

#[derive(Serialize)]
pub struct UnitView {
    pub common: Common,
    pub name: String,
    pub has_file: bool,
    pub submitted: String,
    pub deadline: String,
    pub late: bool,
    pub report_html: String,
    pub items: Vec<RemitItem>,
    /// City × item (small sites, or one page of a large one).
    pub table: Option<Table>,
    /// Per item of the remit, over all cities (large sites).
    pub summary: Vec<ItemSummary>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct RemitItem {
    pub id: String,
    pub text: String,
    pub max: String,
    pub penalty: bool,
}

#[derive(Serialize)]
pub struct Table {
    pub rows: Vec<CityRow>,
    pub findings: Vec<FindingView>,
}

#[derive(Serialize)]
pub struct CityRow {
    pub name: String,
    /// The city page, relative to the site's root.
    pub href: String,
    /// One cell per item of the remit: "—" not inspected, 未扣分, 扣3 / 减3,
    /// or the score given.
    pub cells: Vec<Cell>,
}

#[derive(Serialize)]
pub struct Cell {
    pub text: String,
    pub class: String,
}

#[derive(Serialize)]
pub struct FindingView {
    pub city: String,
    pub item: String,
    pub wording: String,
    pub amount: String,
    pub note: String,
    pub detail: String,
    pub evidence: Vec<String>,
    pub files: Vec<super::FileView>,
}

#[derive(Serialize)]
pub struct ItemSummary {
    pub id: String,
    pub inspected: usize,
    pub deducted: usize,
    pub sum: String,
}

#[derive(Serialize)]
pub struct UnitPartView {
    pub common: Common,
    pub name: String,
    pub unit_href: String,
    pub range: String,
    pub items: Vec<RemitItem>,
    pub table: Table,
    pub pages: Vec<PageLink>,
    pub current: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

fn remit<'c>(c: &'c Content, unit: &str) -> Vec<&'c Item> {
    c.standard.items().map(|(_, i)| i).filter(|i| i.assessors.iter().any(|a| a == unit)).collect()
}

fn remit_items(items: &[&Item]) -> Vec<RemitItem> {
    items
        .iter()
        .map(|i| RemitItem { id: i.id.clone(), text: i.text.clone(), max: i.max.to_string(), penalty: i.penalty })
        .collect()
}

/// The pages of a large unit's table: `units/<id>/1.html` for the first
/// hundred cities of the roster, and so on.
pub fn pages(unit: &str, cities: usize) -> Vec<PageLink> {
    (0..cities.div_ceil(PAGE_SIZE))
        .map(|p| PageLink {
            href: format!("units/{unit}/{}.html", p + 1),
            label: format!("第{}–{}个市", p * PAGE_SIZE + 1, ((p + 1) * PAGE_SIZE).min(cities)),
        })
        .collect()
}

pub fn build(c: &Content, unit: &UnitResult) -> UnitView {
    let sub = c.units.get(&unit.id);
    let items = remit(c, &unit.id);
    let large = c.site.cities.len() > LARGE;
    UnitView {
        common: Common::new(c, "../", format!("{} 检查情况", unit_name(c, &unit.id)), "unit")
            .described(unit_description(c, &unit.name, items.len(), "")),
        name: unit.name.clone(),
        has_file: sub.is_some(),
        submitted: unit.submitted.map_or_else(|| "未报".into(), |d| d.to_string()),
        deadline: c.site.deadlines.inspection.to_string(),
        late: unit.late,
        report_html: markdown::to_html(sub.map_or("", |s| s.report.as_str()), 2),
        table: (!large).then(|| table(c, &unit.id, &items, &c.site.cities)),
        summary: if large { summary(c, &unit.id, &items) } else { Vec::new() },
        pages: if large { pages(&unit.id, c.site.cities.len()) } else { Vec::new() },
        items: remit_items(&items),
    }
}

/// Page `page` (from 1) of a large unit's table.
pub fn build_part(c: &Content, unit: &UnitResult, page: usize) -> UnitPartView {
    let items = remit(c, &unit.id);
    let all = pages(&unit.id, c.site.cities.len());
    let start = (page - 1) * PAGE_SIZE;
    let cities = &c.site.cities[start..(start + PAGE_SIZE).min(c.site.cities.len())];
    let range = all.get(page - 1).map(|p| p.label.clone()).unwrap_or_default();
    UnitPartView {
        common: Common::new(c, "../../", format!("{} 检查情况 {range}", unit.name), "unit")
            .described(unit_description(c, &unit.name, items.len(), &range)),
        name: unit.name.clone(),
        unit_href: format!("units/{}.html", unit.id),
        table: table(c, &unit.id, &items, cities),
        items: remit_items(&items),
        prev: (page > 1).then(|| format!("{}.html", page - 1)),
        next: (page < all.len()).then(|| format!("{}.html", page + 1)),
        range,
        pages: all,
        current: page,
    }
}

/// The city × item table and the deductions behind it, for `cities`.
fn table(c: &Content, unit: &str, remit: &[&Item], cities: &[Member]) -> Table {
    let sub = c.units.get(unit);
    let mut findings = Vec::new();
    let rows = cities
        .iter()
        .map(|city| {
            let entries = sub.and_then(|s| s.entries.get(&city.id));
            let cells = remit
                .iter()
                .map(|it| match entries.and_then(|e| e.get(&it.id)).map(|e| &e.assessed) {
                    None => Cell { text: "—".into(), class: "none".into() },
                    Some(Assessed::Score(s)) => Cell { text: format!("{s}分"), class: "score".into() },
                    Some(Assessed::Findings(list)) => {
                        let mut sum = Dec::ZERO;
                        for f in list {
                            let Some(rule) = it.rule(&f.rule) else { continue };
                            let (amount, staffing) = rules::amount(&rule.deduct, &f.input);
                            sum = sum + amount;
                            findings.push(FindingView {
                                city: city.name.clone(),
                                item: it.id.clone(),
                                wording: rule.wording(),
                                amount: amount.to_string(),
                                note: f.note.as_deref().unwrap_or_default().to_string(),
                                detail: staffing.as_ref().map(staffing_detail).unwrap_or_default(),
                                evidence: f.evidence.to_vec(),
                                files: super::files(c, &f.files.iter().map(|a| a.path.clone()).collect::<Vec<_>>()),
                            });
                        }
                        if sum == Dec::ZERO {
                            Cell { text: "未扣分".into(), class: "ok".into() }
                        } else {
                            let verb = if it.penalty { "减" } else { "扣" };
                            Cell { text: format!("{verb}{sum}"), class: "lost".into() }
                        }
                    }
                })
                .collect();
            CityRow { name: city.name.clone(), href: format!("cities/{}.html", city.id), cells }
        })
        .collect();
    Table { rows, findings }
}

/// Per item: how many cities were inspected, how many lost points, and the
/// points found in all.
fn summary(c: &Content, unit: &str, remit: &[&Item]) -> Vec<ItemSummary> {
    let sub = c.units.get(unit);
    remit
        .iter()
        .map(|it| {
            let (mut inspected, mut deducted, mut sum) = (0, 0, Dec::ZERO);
            for entries in sub.iter().flat_map(|s| s.entries.values()) {
                let Some(entry) = entries.get(&it.id) else { continue };
                inspected += 1;
                if let Assessed::Findings(list) = &entry.assessed {
                    let found: Dec = list
                        .iter()
                        .filter_map(|f| it.rule(&f.rule).map(|r| rules::amount(&r.deduct, &f.input).0))
                        .sum();
                    deducted += usize::from(found > Dec::ZERO);
                    sum = sum + found;
                }
            }
            ItemSummary { id: it.id.clone(), inspected, deducted, sum: sum.to_string() }
        })
        .collect()
}

/// A unit page's description: 省公安厅在…中检查3个项目：各市检查结果和扣分明细。
fn unit_description(c: &Content, unit: &str, items: usize, range: &str) -> String {
    let part = if range.is_empty() { String::new() } else { format!("（{range}）") };
    format!("{unit}在{}中检查{items}个项目{part}：各市检查结果、扣分明细和书面考评报告。", c.site.title)
}
