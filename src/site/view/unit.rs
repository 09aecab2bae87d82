//! A member unit's page: its report, its lateness, the items in its remit,
//! and what it found in every city.

use super::{Common, unit_name};
use crate::content::{Assessed, Content, Member};
use crate::scoring::{UnitResult, rules};
use crate::site::markdown;
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
    pub rows: Vec<CityRow>,
    pub findings: Vec<FindingView>,
}

#[derive(Serialize)]
pub struct RemitItem {
    pub id: String,
    pub text: String,
    pub max: String,
    pub penalty: bool,
}

#[derive(Serialize)]
pub struct CityRow {
    pub name: String,
    pub href: String,
    /// One cell per item of the remit: "—" not inspected, "0" nothing
    /// deducted, "−3" deducted, or the score given.
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
}

pub fn build(c: &Content, unit: &UnitResult) -> UnitView {
    let sub = c.units.get(&unit.id);
    let remit: Vec<&crate::standard::Item> = c
        .standard
        .items()
        .map(|(_, i)| i)
        .filter(|i| i.assessors.contains(&unit.id))
        .collect();
    let mut findings = Vec::new();
    let rows = c
        .site
        .cities
        .iter()
        .map(|city: &Member| {
            let entries = sub.and_then(|s| s.entries.get(&city.id));
            let cells = remit
                .iter()
                .map(
                    |it| match entries.and_then(|e| e.get(&it.id)).map(|e| &e.assessed) {
                        None => Cell {
                            text: "—".into(),
                            class: "none".into(),
                        },
                        Some(Assessed::Score(s)) => Cell {
                            text: format!("{s}分"),
                            class: "score".into(),
                        },
                        Some(Assessed::Findings(list)) if list.is_empty() => Cell {
                            text: "未扣分".into(),
                            class: "ok".into(),
                        },
                        Some(Assessed::Findings(list)) => {
                            let mut sum = crate::decimal::Dec::ZERO;
                            for f in list {
                                let Some(rule) = it.rule(&f.rule) else {
                                    continue;
                                };
                                let (amount, staffing) = rules::amount(&rule.deduct, &f.input);
                                sum = sum + amount;
                                findings.push(FindingView {
                                    city: city.name.clone(),
                                    item: it.id.clone(),
                                    wording: rule.wording(),
                                    amount: amount.to_string(),
                                    note: f.note.clone().unwrap_or_default(),
                                    detail: staffing
                                        .as_ref()
                                        .map(super::staffing_detail)
                                        .unwrap_or_default(),
                                    evidence: f.evidence.clone(),
                                });
                            }
                            if sum == crate::decimal::Dec::ZERO {
                                Cell {
                                    text: "未扣分".into(),
                                    class: "ok".into(),
                                }
                            } else {
                                let verb = if it.penalty { "减" } else { "扣" };
                                Cell {
                                    text: format!("{verb}{sum}"),
                                    class: "lost".into(),
                                }
                            }
                        }
                    },
                )
                .collect();
            CityRow {
                name: city.name.clone(),
                href: format!("../cities/{}.html", city.id),
                cells,
            }
        })
        .collect();
    UnitView {
        common: Common::new(
            c,
            "../",
            format!("{} 检查情况", unit_name(c, &unit.id)),
            "unit",
        ),
        name: unit.name.clone(),
        has_file: sub.is_some(),
        submitted: unit
            .submitted
            .map_or_else(|| "未报".into(), |d| d.to_string()),
        deadline: c.site.deadlines.inspection.to_string(),
        late: unit.late,
        report_html: markdown::to_html(sub.map_or("", |s| s.report.as_str()), 2),
        items: remit
            .iter()
            .map(|i| RemitItem {
                id: i.id.clone(),
                text: i.text.clone(),
                max: i.max.to_string(),
                penalty: i.penalty,
            })
            .collect(),
        rows,
        findings,
    }
}
