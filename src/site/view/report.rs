//! `report.html`: the whole year in one self-contained file for sending as
//! one attachment (the ranking, the charts, every city's scorecard, the
//! standard). Links are anchors within the file; in print each city starts
//! a page. Written only up to [`MAX_CITIES`] cities (see docs/decisions.md).

use super::index::IndexView;
use super::standard::StandardView;
use super::{Common, Totals};
use crate::content::Content;
use crate::scoring::Results;
use serde::Serialize;

/// Above this many cities no report.html is written: the same threshold
/// at which the site itself stops showing everything on one page.
pub const MAX_CITIES: usize = super::LARGE;

/// The anchor of a city within the report.
pub fn anchor(id: &str) -> String {
    format!("city-{id}")
}

#[derive(Serialize)]
pub struct ReportView {
    pub common: Common,
    /// The ranking page's figures, its links turned into anchors.
    pub index: IndexView,
    /// The whole ranking, in rank order, linking to the cities below.
    pub rows: Vec<Totals>,
    pub cities: Vec<CityPart>,
    pub standard: StandardView,
}

/// One city's scorecard, already rendered (`city_body.html`).
#[derive(Serialize)]
pub struct CityPart {
    pub anchor: String,
    pub name: String,
    pub html: String,
}

/// The report around the cities' rendered scorecards (in roster order).
pub fn build(c: &Content, r: &Results, shared: &super::Shared, cities: Vec<CityPart>) -> ReportView {
    let mut index = super::index::build(c, r, shared);
    index.common = Common::new(c, "", "全年考评结果汇总".into(), "report");
    for row in &mut index.section_rows {
        row.href = city_href(&row.href);
    }
    let rows = r
        .by_rank()
        .into_iter()
        .map(|i| {
            let city = &r.cities[i];
            let mut t = Totals::of(c, city);
            t.href = format!("#{}", anchor(&city.id));
            t
        })
        .collect();
    let mut standard = super::standard::build(c);
    standard.common = Common::new(c, "", "考评办法及评分标准".into(), "report");
    ReportView {
        common: Common::new(c, "", "全年考评结果汇总".into(), "report").described(format!(
            "{}：全省排名、图表、{}个市逐市得分卡和《{}》，一个文件。",
            c.site.title,
            r.cities.len(),
            c.standard.title
        )),
        index,
        rows,
        cities,
        standard,
    }
}

/// `cities/<id>.html` → `#city-<id>`.
fn city_href(href: &str) -> String {
    let id = href.trim_start_matches("cities/").trim_end_matches(".html");
    format!("#{}", anchor(id))
}
