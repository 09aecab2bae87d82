//! The ranking page (全省考评结果).

use super::{Common, Totals, section_labels};
use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::Results;
use crate::site::charts::{self, Bar};
use crate::standard::SectionKind;
use serde::Serialize;

#[derive(Serialize)]
pub struct IndexView {
    pub common: Common,
    pub rows: Vec<Totals>,
    pub average: String,
    pub ranking_svg: String,
    pub sections_svg: String,
    pub sections: Vec<SectionHead>,
    pub section_rows: Vec<SectionRow>,
    pub section_averages: Vec<String>,
    pub units: Vec<UnitRow>,
    pub deadline_self: String,
    pub deadline_inspection: String,
    pub late_cities: Vec<String>,
    pub missing_cities: Vec<String>,
    pub late_units: Vec<String>,
    pub city_count: usize,
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

pub fn build(c: &Content, r: &Results, shared: &super::Shared) -> IndexView {
    let order = r.by_rank();
    let average = shared.average_total;
    let rows = order.iter().map(|&i| Totals::of(c, &r.cities[i])).collect();
    // The scored sections, in standard order, with their indexes in a city's section list.
    let scored: Vec<(usize, usize, &crate::standard::Section)> = c
        .standard
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, SectionKind::Scored { .. }))
        .map(|(i, s)| (i + 1, i, s))
        .collect();
    let heads = section_labels(c, 10);
    let legend = section_labels(c, 8);
    let sections: Vec<SectionHead> = scored
        .iter()
        .map(|(n, i, _)| SectionHead {
            label: heads[*n - 1].clone(),
            max: r
                .cities
                .first()
                .map_or(Dec::ZERO, |c| c.sections[*i].max)
                .to_string(),
        })
        .collect();
    let section_rows = order
        .iter()
        .map(|&i| {
            let city = &r.cities[i];
            SectionRow {
                name: city.name.clone(),
                href: format!("cities/{}.html", city.id),
                scores: scored
                    .iter()
                    .map(|(_, s, _)| city.sections[*s].value.to_string())
                    .collect(),
            }
        })
        .collect();
    let section_averages = scored
        .iter()
        .map(|(_, s, _)| shared.section_averages[*s].to_string())
        .collect();
    let ranking_bars: Vec<Bar> = order
        .iter()
        .map(|&i| Bar {
            label: r.cities[i].name.clone(),
            values: vec![r.cities[i].total],
        })
        .collect();
    let stacked: Vec<Bar> = order
        .iter()
        .map(|&i| Bar {
            label: r.cities[i].name.clone(),
            values: scored
                .iter()
                .map(|(_, s, _)| r.cities[i].sections[*s].value)
                .collect(),
        })
        .collect();
    let series: Vec<String> = scored
        .iter()
        .map(|(n, _, _)| legend[*n - 1].clone())
        .collect();
    let names = |pred: &dyn Fn(&crate::scoring::CityResult) -> bool| -> Vec<String> {
        r.cities
            .iter()
            .filter(|c| pred(c))
            .map(|c| c.name.clone())
            .collect()
    };
    IndexView {
        common: Common::new(c, "", c.site.title.clone(), "index"),
        rows,
        average: average.to_string(),
        ranking_svg: charts::hbar(
            &ranking_bars,
            &["总分".to_string()],
            c.standard.total,
            Some(("全省平均", average)),
        ),
        sections_svg: charts::hbar(&stacked, &series, c.standard.total, None),
        sections,
        section_rows,
        section_averages,
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
        late_cities: names(&|city| city.late),
        missing_cities: names(&|city| !c.cities.contains_key(&city.id)),
        late_units: r
            .units
            .iter()
            .filter(|u| u.late)
            .map(|u| u.name.clone())
            .collect(),
        city_count: r.cities.len(),
    }
}
