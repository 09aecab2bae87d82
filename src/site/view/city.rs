//! A city's scorecard: totals, a chart against the maxima and the
//! provincial average, and every item with every deduction traced to its
//! rule, unit, note and evidence.

use super::{Common, Totals, source_label, staffing_detail, unit_name};
use crate::content::Content;
use crate::scoring::{CityResult, Deduction, ItemResult, Outcome, Results};
use crate::site::charts::{self, Compare};
use crate::site::markdown;
use crate::standard::{Item, SectionKind};
use crate::text::chinese_number;
use serde::Serialize;

#[derive(Serialize)]
pub struct CityView {
    pub common: Common,
    /// Prefix of the ids within the scorecard: "" on the city's page,
    /// `city-<id>-` in report.html (where every city's scorecard is).
    pub anchor: String,
    /// In report.html attachments are named, not linked (the file travels
    /// alone).
    pub standalone: bool,
    #[serde(flatten)]
    pub totals: Totals,
    pub count: usize,
    pub deadline: String,
    pub report_html: String,
    pub chart_svg: String,
    /// The sections the chart leaves out (the penalty ones), named in its caption.
    pub chart_leaves_out: Vec<String>,
    pub chart_rows: Vec<ChartRow>,
    /// The city's rank band, e.g. 第1–10名.
    pub band: String,
    pub sections: Vec<SectionView>,
    pub lost_total: String,
}

#[derive(Serialize)]
pub struct ChartRow {
    pub label: String,
    pub value: String,
    pub max: String,
    pub average: String,
    pub band: String,
}

#[derive(Serialize)]
pub struct SectionView {
    pub label: String,
    pub penalty: bool,
    pub value: String,
    pub self_value: String,
    pub max: String,
    pub items: Vec<ItemView>,
}

#[derive(Serialize)]
pub struct ItemView {
    pub id: String,
    pub text: String,
    pub max: String,
    pub value: String,
    pub self_value: String,
    pub source: String,
    pub source_class: String,
    pub differs: bool,
    pub lost: String,
    pub deductions: Vec<DeductionView>,
    pub not_counted: Vec<DeductionView>,
    /// The city's own findings where an inspection decided the item.
    pub self_deductions: Vec<DeductionView>,
    /// Attachments of the city's own entry where an inspection decided
    /// the item (those of its findings are with `self_deductions`).
    pub self_files: Vec<super::FileView>,
    pub capped: bool,
    pub remarks: Vec<RemarkView>,
    pub award: bool,
    /// Where the inspection gives more than the city claimed: how many
    /// points more (shown on the page, warned by check and build).
    pub lenient: String,
}

#[derive(Serialize)]
pub struct DeductionView {
    pub wording: String,
    pub amount: String,
    pub by: String,
    pub note: String,
    pub evidence: Vec<String>,
    pub files: Vec<super::FileView>,
    pub detail: String,
}

#[derive(Serialize)]
pub struct RemarkView {
    pub by: String,
    pub score: String,
    pub note: String,
    pub evidence: Vec<String>,
    pub files: Vec<super::FileView>,
}

pub fn build(c: &Content, r: &Results, shared: &super::Shared, city: &CityResult) -> CityView {
    let has_self = c.cities.contains_key(&city.id);
    let report = c.cities.get(&city.id).map(|s| s.report.as_str()).unwrap_or("");
    let mut chart = Vec::new();
    let mut chart_rows = Vec::new();
    let mut chart_leaves_out = Vec::new();
    let mut sections = Vec::new();
    let (band, band_label) = shared.band(city.rank, r.cities.len());
    for (n, (section, result)) in c.standard.sections.iter().zip(&city.sections).enumerate() {
        let average = shared.section_averages[n];
        let band_avg = shared.band_averages[band][n];
        // The table names every section in full, the penalty section too
        // (as what it takes away); the chart draws the scored ones.
        let full = format!("{}、{}", chinese_number(n + 1), section.title);
        if result.penalty {
            chart_leaves_out.push(full.clone());
            let minus = |d: crate::decimal::Dec| {
                if d == crate::decimal::Dec::ZERO { "0".to_string() } else { format!("−{d}") }
            };
            chart_rows.push(ChartRow {
                label: format!("{full}（扣分项）"),
                value: minus(result.value),
                max: format!("最多减{}", result.max),
                average: minus(average),
                band: minus(band_avg),
            });
        } else {
            let (value, max) = (result.value, result.max);
            chart.push(Compare { label: full.clone(), value, max, reference: average, band: band_avg });
            chart_rows.push(ChartRow {
                label: full,
                value: result.value.to_string(),
                max: result.max.to_string(),
                average: average.to_string(),
                band: band_avg.to_string(),
            });
        }
        let items: Vec<ItemView> = section
            .items
            .iter()
            .filter_map(|it| city.items.iter().find(|x| x.id == it.id).map(|res| item(c, it, res)))
            .collect();
        sections.push(SectionView {
            label: format!("{}、{}", chinese_number(n + 1), section.title),
            penalty: result.penalty,
            value: result.value.to_string(),
            self_value: if has_self { result.self_value.to_string() } else { "—".into() },
            max: match section.kind {
                SectionKind::Scored { points } => points.to_string(),
                SectionKind::Penalty { cap } => cap.to_string(),
            },
            items,
        });
    }
    CityView {
        common: Common::new(c, "../", format!("{} 考评结果", city.name), "city").described(format!(
            "{}在{}中排第{}名（共{}个市），总分{}分，折算得分{}分；逐项得分与扣分依据。",
            city.name,
            c.site.title,
            city.rank,
            r.cities.len(),
            city.total,
            city.weighted
        )),
        anchor: String::new(),
        standalone: false,
        totals: Totals::of(c, city),
        count: r.cities.len(),
        deadline: c.site.deadlines.self_assessment.to_string(),
        report_html: markdown::to_html(report, 2),
        chart_svg: charts::compare(&chart, "全省平均", &format!("同档平均（{band_label}）")),
        band: band_label,
        chart_rows,
        chart_leaves_out,
        sections,
        // Everything below full marks, after the caps of the penalty
        // section and the floor of the total at 0.
        lost_total: (c.standard.total - city.total).to_string(),
    }
}

fn item(c: &Content, it: &Item, res: &ItemResult) -> ItemView {
    let o: &Outcome = &res.outcome;
    let self_value = res.self_value();
    ItemView {
        id: it.id.clone(),
        text: it.text.clone(),
        max: it.max.to_string(),
        value: o.value.to_string(),
        self_value: self_value.map_or_else(|| "—".into(), |d| d.to_string()),
        source: source_label(o.source).to_string(),
        source_class: o.source.as_str().to_string(),
        differs: self_value.is_some_and(|s| s != o.value),
        lost: res.lost().to_string(),
        deductions: o.deductions.iter().map(|d| deduction(c, it, d)).collect(),
        not_counted: o.not_counted.iter().map(|d| deduction(c, it, d)).collect(),
        self_deductions: match (&res.self_outcome, o.source) {
            (Some(own), crate::scoring::Source::Inspection) => {
                own.deductions.iter().map(|d| deduction(c, it, d)).collect()
            }
            _ => Vec::new(),
        },
        self_files: match (&res.self_outcome, o.source) {
            (Some(own), crate::scoring::Source::Inspection) => {
                super::files(c, &own.remarks.iter().flat_map(|m| m.files.iter().cloned()).collect::<Vec<_>>())
            }
            _ => Vec::new(),
        },
        capped: o.capped,
        remarks: o
            .remarks
            .iter()
            .filter(|m| m.score.is_some() || m.note.is_some() || !m.evidence.is_empty() || !m.files.is_empty())
            .map(|m| RemarkView {
                by: unit_name(c, &m.by),
                score: m.score.map(|s| s.to_string()).unwrap_or_default(),
                note: m.note.as_deref().unwrap_or_default().to_string(),
                evidence: m.evidence.to_vec(),
                files: super::files(c, &m.files),
            })
            .collect(),
        award: matches!(it.scoring, crate::standard::Scoring::Award),
        lenient: crate::scoring::overrides::gain(res).map(|d| d.to_string()).unwrap_or_default(),
    }
}

fn deduction(c: &Content, it: &Item, d: &Deduction) -> DeductionView {
    DeductionView {
        wording: it.rule(&d.rule).map_or_else(|| d.rule.clone(), |r| r.wording()),
        amount: d.amount.to_string(),
        by: unit_name(c, &d.by),
        note: d.note.as_deref().unwrap_or_default().to_string(),
        evidence: d.evidence.to_vec(),
        files: super::files(c, &d.files),
        detail: d.staffing.as_ref().map(staffing_detail).unwrap_or_default(),
    }
}
