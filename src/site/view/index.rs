//! The ranking page (全省考评结果). Up to [`LARGE`] cities it shows the
//! whole ranking with a bar per city; above, an overview (distribution,
//! top and bottom, per-section spread) with the ranking in pages.

use super::overview::{self, Overview};
use super::{Common, LARGE, Shared, Totals};
use crate::content::Content;
use crate::scoring::Results;
use crate::site::charts::{self, Bar};
use serde::Serialize;

#[derive(Serialize)]
pub struct IndexView {
    pub common: Common,
    pub large: bool,
    /// The whole ranking (small sites only).
    pub rows: Vec<Totals>,
    pub average: String,
    pub ranking_svg: String,
    pub sections_svg: String,
    pub sections: Vec<SectionHead>,
    pub section_rows: Vec<SectionRow>,
    pub section_averages: Vec<String>,
    /// The overview of a large site (None for a small one).
    pub overview: Option<Overview>,
    pub units: Vec<UnitRow>,
    pub deadline_self: String,
    pub deadline_inspection: String,
    pub late_cities: Vec<String>,
    pub late_count: usize,
    pub missing_cities: Vec<String>,
    pub late_units: Vec<String>,
    pub city_count: usize,
    /// Where an inspection gives a city more than it claimed (自评与核查不一致).
    pub overrides: Vec<OverrideRow>,
    /// The written report's lost points are in report-annex.docx.
    pub report_annex: bool,
}

#[derive(Serialize)]
pub struct OverrideRow {
    pub item: String,
    pub city: String,
    pub href: String,
    pub claimed: String,
    pub checked: String,
    pub gain: String,
    pub by: String,
}

#[derive(Serialize)]
pub struct SectionHead {
    pub label: String,
    pub max: String,
}

#[derive(Serialize)]
pub struct SectionRow {
    pub name: String,
    pub href: String,
    pub scores: Vec<String>,
}

#[derive(Serialize)]
pub struct UnitRow {
    pub name: String,
    pub href: String,
    pub submitted: String,
    pub late: bool,
}

pub fn build(c: &Content, r: &Results, shared: &Shared) -> IndexView {
    let order = r.by_rank();
    let large = r.cities.len() > LARGE;
    let scored = overview::scored_sections(c);
    let legend = super::section_names(c);
    let sections = scored
        .iter()
        .map(|&(n, s)| SectionHead { label: shared.labels[n].clone(), max: s.points().to_string() })
        .collect();
    let section_averages = scored.iter().map(|&(n, _)| shared.section_averages[n].to_string()).collect();
    let (rows, ranking_svg, sections_svg, section_rows) = if large {
        (Vec::new(), String::new(), String::new(), Vec::new())
    } else {
        let bars: Vec<Bar> =
            order.iter().map(|&i| Bar { label: r.cities[i].name.clone(), values: vec![r.cities[i].total] }).collect();
        let stacked: Vec<Bar> = order
            .iter()
            .map(|&i| Bar {
                label: r.cities[i].name.clone(),
                values: scored.iter().map(|&(n, _)| r.cities[i].sections[n].value).collect(),
            })
            .collect();
        let series: Vec<String> = scored.iter().map(|&(n, _)| legend[n].clone()).collect();
        let section_rows = order
            .iter()
            .map(|&i| SectionRow {
                name: r.cities[i].name.clone(),
                href: format!("cities/{}.html", r.cities[i].id),
                scores: scored.iter().map(|&(n, _)| r.cities[i].sections[n].value.to_string()).collect(),
            })
            .collect();
        (
            order.iter().map(|&i| Totals::of(c, &r.cities[i])).collect(),
            charts::hbar(&bars, &["总分".to_string()], c.standard.total, Some(("全省平均", shared.average_total))),
            charts::hbar(&stacked, &series, c.standard.total, None),
            section_rows,
        )
    };
    let late_cities: Vec<String> = r.cities.iter().filter(|city| city.late).map(|city| city.name.clone()).collect();
    let late_count = late_cities.len();
    IndexView {
        common: Common::new(c, "", c.site.title.clone(), "index").described(format!(
            "{}：{}个市的排名、总分和各部分得分，各成员单位的检查情况；全省平均总分{}分。",
            c.site.title,
            r.cities.len(),
            shared.average_total
        )),
        large,
        rows,
        average: shared.average_total.to_string(),
        ranking_svg,
        sections_svg,
        sections,
        section_rows,
        section_averages,
        overview: large.then(|| overview::build(c, r, shared, &order)),
        units: r
            .units
            .iter()
            .map(|u| UnitRow {
                name: u.name.clone(),
                href: format!("units/{}.html", u.id),
                submitted: u.submitted.map_or_else(|| "未报".into(), |d| d.to_string()),
                late: u.late,
            })
            .collect(),
        deadline_self: c.site.deadlines.self_assessment.to_string(),
        deadline_inspection: c.site.deadlines.inspection.to_string(),
        late_cities: if late_count <= LARGE { late_cities } else { Vec::new() },
        late_count,
        missing_cities: r
            .cities
            .iter()
            .filter(|city| !c.cities.contains_key(&city.id))
            .map(|city| city.name.clone())
            .collect(),
        late_units: r.units.iter().filter(|u| u.late).map(|u| u.name.clone()).collect(),
        city_count: r.cities.len(),
        overrides: crate::scoring::overrides::find(c, r)
            .iter()
            .map(|o| OverrideRow {
                item: o.item_id.clone(),
                city: r.cities[o.city].name.clone(),
                href: format!("cities/{}.html", r.cities[o.city].id),
                claimed: o.shown(o.claimed),
                checked: o.shown(o.checked),
                gain: o.gain.to_string(),
                by: o.by.join("、"),
            })
            .collect(),
        report_annex: crate::docx::has_annex(r),
    }
}
