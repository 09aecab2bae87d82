//! View models of the archive's own pages: the index (the years, the latest
//! ranking with its changes, the provincial figures by year) and a city's
//! history. All numbers are formatted here; templates only place values.

use super::history::{CityHistory, History};
use crate::decimal::Dec;
use crate::site::charts::{self, Line};
use crate::site::view::{Common, signed};
use serde::Serialize;

/// What the archive's pages show in the common frame.
pub struct Frame<'a> {
    pub title: &'a str,
    pub marking: Option<&'a str>,
    pub sample: bool,
}

fn common(f: &Frame, root: &str, page_title: String, section: &str, h: &History) -> Common {
    Common {
        site_title: f.title.to_string(),
        year: h.years.last().map_or(0, |y| y.year),
        marking: f.marking.map(str::to_string),
        sample: f.sample,
        weight: String::new(),
        standard_title: String::new(),
        root: root.to_string(),
        page_title,
        section: section.to_string(),
        description: String::new(),
        // The archive's footer names its years itself.
        title_has_year: true,
    }
}

#[derive(Serialize)]
pub struct IndexView {
    pub common: Common,
    pub first_year: u16,
    pub latest_year: u16,
    pub previous_year: Option<u16>,
    pub years: Vec<YearRow>,
    pub ranking: Vec<RankRow>,
    /// Cities on earlier rosters but not on the latest one.
    pub former: Vec<FormerRow>,
    pub chart_svg: String,
}

#[derive(Serialize)]
pub struct YearRow {
    pub year: u16,
    pub href: String,
    pub cities: usize,
    pub mean: String,
    pub min: String,
    pub max: String,
}

#[derive(Serialize)]
pub struct RankRow {
    pub rank: u32,
    pub name: String,
    pub href: String,
    pub total: String,
    pub weighted: String,
    /// ↑3, ↓1, —, 新
    pub rank_change: String,
    /// +2.5, −1, —, 新
    pub total_change: String,
    /// up, down, same, new (for the stylesheet)
    pub trend: &'static str,
}

#[derive(Serialize)]
pub struct FormerRow {
    pub name: String,
    pub href: String,
    pub last_year: u16,
}

pub fn index(f: &Frame, h: &History) -> IndexView {
    let last = h.years.len().saturating_sub(1);
    let mut ranking: Vec<(u32, usize, RankRow)> = Vec::new();
    let mut former = Vec::new();
    for (order, c) in h.cities.iter().enumerate() {
        let href = format!("cities/{}.html", c.id);
        let Some(now) = c.at(last) else {
            let last_year = c.results.last().map_or(0, |(y, _)| h.years[*y].year);
            former.push(FormerRow { name: c.name.clone(), href, last_year });
            continue;
        };
        let before = last.checked_sub(1).and_then(|p| c.at(p));
        let (rank_change, total_change, trend) = match before {
            // With one year there is nothing to compare with.
            None if last == 0 => ("—".to_string(), "—".to_string(), "same"),
            None => ("新".to_string(), "新".to_string(), "new"),
            Some(b) => {
                let moved = i64::from(b.rank) - i64::from(now.rank);
                let rank_change = match moved {
                    0 => "—".to_string(),
                    m if m > 0 => format!("↑{m}"),
                    m => format!("↓{}", -m),
                };
                let diff = now.total - b.total;
                let total_change = if diff == Dec::ZERO { "—".to_string() } else { signed(diff) };
                (
                    rank_change,
                    total_change,
                    if moved > 0 {
                        "up"
                    } else if moved < 0 {
                        "down"
                    } else {
                        "same"
                    },
                )
            }
        };
        let row = RankRow {
            rank: now.rank,
            name: c.name.clone(),
            href,
            total: now.total.to_string(),
            weighted: now.weighted.to_string(),
            rank_change,
            total_change,
            trend,
        };
        ranking.push((now.rank, order, row));
    }
    ranking.sort_by_key(|(rank, order, _)| (*rank, *order));
    let xs: Vec<String> = h.years.iter().map(|y| format!("{}年", y.year)).collect();
    let series = [
        ("最高总分", h.years.iter().map(|y| Some(y.max_total)).collect()),
        ("平均总分", h.years.iter().map(|y| Some(y.mean_total)).collect()),
        ("最低总分", h.years.iter().map(|y| Some(y.min_total)).collect()),
    ]
    .map(|(name, values)| Line { name: name.to_string(), values });
    IndexView {
        common: common(f, "", "历年考评结果".to_string(), "archive", h).described(format!(
            "{}：{}年度历年考评结果，最新排名及名次变化，全省平均分的变化。",
            f.title,
            h.years.iter().map(|y| y.year.to_string()).collect::<Vec<_>>().join("、")
        )),
        first_year: h.years.first().map_or(0, |y| y.year),
        latest_year: h.years.last().map_or(0, |y| y.year),
        previous_year: last.checked_sub(1).map(|p| h.years[p].year),
        years: h
            .years
            .iter()
            .map(|y| YearRow {
                year: y.year,
                href: format!("{}/index.html", y.year),
                cities: y.cities,
                mean: y.mean_total.to_string(),
                min: y.min_total.to_string(),
                max: y.max_total.to_string(),
            })
            .collect(),
        ranking: ranking.into_iter().map(|(_, _, r)| r).collect(),
        former,
        chart_svg: charts::lines(&xs, &series, scale(h)),
    }
}

/// The charts' scale: the largest total any year's standard allows.
fn scale(h: &History) -> Dec {
    h.standard_totals.iter().copied().max().unwrap_or(Dec::int(100))
}

#[derive(Serialize)]
pub struct CityView {
    pub common: Common,
    pub name: String,
    /// Earlier ids and names: "2013–2013年为枫渚市（编号 fengzhu）".
    pub former_names: Vec<String>,
    pub rows: Vec<CityRow>,
    pub chart_svg: String,
    /// The years of the section table.
    pub years: Vec<u16>,
    pub sections: Vec<SectionLine>,
    pub changed: bool,
}

#[derive(Serialize)]
pub struct CityRow {
    pub year: u16,
    pub year_href: String,
    pub page_href: String,
    pub rank: u32,
    pub of: usize,
    pub total: String,
    pub mean: String,
    pub weighted: String,
    pub self_total: String,
    pub gap: String,
    pub late: bool,
}

#[derive(Serialize)]
pub struct SectionLine {
    pub title: String,
    pub penalty: bool,
    /// Per year of the city: "13.5 / 15", "减2 / 10", or "—" where that
    /// year's standard has no such section.
    pub cells: Vec<String>,
    /// "2015年：1.2分值5→6；删去2.7（5分）"
    pub changes: Vec<String>,
}

pub fn city(f: &Frame, h: &History, c: &CityHistory) -> CityView {
    let years: Vec<usize> = c.results.iter().map(|(y, _)| *y).collect();
    let rows = c
        .results
        .iter()
        .map(|(y, r)| {
            let year = h.years[*y].year;
            CityRow {
                year,
                year_href: format!("../{year}/index.html"),
                page_href: format!("../{year}/cities/{}.html", r.id),
                rank: r.rank,
                of: h.years[*y].cities,
                total: r.total.to_string(),
                mean: h.years[*y].mean_total.to_string(),
                weighted: r.weighted.to_string(),
                self_total: r.self_total.to_string(),
                gap: signed(r.self_total - r.total),
                late: r.late,
            }
        })
        .collect();
    let xs: Vec<String> = h.years.iter().map(|y| format!("{}年", y.year)).collect();
    let series = [
        Line {
            name: format!("{}总分", c.name),
            values: (0..h.years.len()).map(|y| c.at(y).map(|r| r.total)).collect(),
        },
        Line { name: "全省平均总分".to_string(), values: h.years.iter().map(|y| Some(y.mean_total)).collect() },
    ];
    let sections: Vec<SectionLine> = h
        .sections
        .iter()
        .filter(|s| years.iter().any(|y| s.at[*y].is_some()))
        .map(|s| SectionLine {
            title: s.title.clone(),
            penalty: s.penalty,
            cells: years
                .iter()
                .map(|y| match (s.at[*y], c.at(*y)) {
                    (Some((k, max)), Some(r)) => {
                        let v = r.sections.get(k).copied().unwrap_or(Dec::ZERO);
                        if s.penalty { format!("减{v} / {max}") } else { format!("{v} / {max}") }
                    }
                    _ => "—".to_string(),
                })
                .collect(),
            changes: years
                .iter()
                .filter(|y| !s.changes[**y].is_empty())
                .map(|y| format!("{}年：{}", h.years[*y].year, s.changes[*y].join("；")))
                .collect(),
        })
        .collect();
    CityView {
        common: common(f, "../", format!("{}历年考评结果", c.name), "archive-city", h).described(format!(
            "{}历年考评结果：各年度总分、折算得分、排名、自评差距和各部分得分，{}。",
            c.name, f.title
        )),
        name: c.name.clone(),
        former_names: former_names(h, c),
        rows,
        chart_svg: charts::lines(&xs, &series, scale(h)),
        years: years.iter().map(|y| h.years[*y].year).collect(),
        changed: sections.iter().any(|s| !s.changes.is_empty()),
        sections,
    }
}

/// The years in which the city had another id or name than its newest.
fn former_names(h: &History, c: &CityHistory) -> Vec<String> {
    let mut out: Vec<(u16, u16, String, String)> = Vec::new();
    for (y, r) in &c.results {
        if r.id == c.id && r.name == c.name {
            continue;
        }
        let year = h.years[*y].year;
        match out.last_mut() {
            Some(last) if last.2 == r.id && last.3 == r.name => last.1 = year,
            _ => out.push((year, year, r.id.clone(), r.name.clone())),
        }
    }
    out.into_iter()
        .map(|(from, to, id, name)| {
            let years = if from == to { format!("{from}年") } else { format!("{from}–{to}年") };
            format!("{years}为{name}（编号 {id}）")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::history::{CityYear, YearResults, compute};
    use super::*;

    fn cy(id: &str, rank: u32, total: i64) -> CityYear {
        CityYear {
            id: id.into(),
            name: format!("{id}市"),
            rank,
            total: Dec::int(total),
            weighted: Dec::ZERO,
            self_total: Dec::int(total),
            late: false,
            sections: Vec::new(),
        }
    }

    #[test]
    fn the_latest_ranking_shows_each_change() {
        let y = |year, cities| YearResults { year, standard_total: Dec::int(100), sections: Vec::new(), cities };
        let h = compute(
            "历年",
            vec![
                y(2013, vec![cy("a", 1, 90), cy("b", 2, 80), cy("c", 3, 70), cy("gone", 4, 60)]),
                y(2014, vec![cy("a", 3, 85), cy("b", 2, 88), cy("c", 1, 95), cy("new", 4, 50)]),
            ],
            &[],
        );
        let frame = Frame { title: "历年", marking: None, sample: false };
        let v = index(&frame, &h);
        let rows: Vec<(&str, &str, &str)> =
            v.ranking.iter().map(|r| (r.name.as_str(), r.rank_change.as_str(), r.total_change.as_str())).collect();
        assert_eq!(rows, [("c市", "↑2", "+25"), ("b市", "—", "+8"), ("a市", "↓2", "−5"), ("new市", "新", "新")]);
        assert_eq!(v.former.iter().map(|f| (f.name.as_str(), f.last_year)).collect::<Vec<_>>(), [("gone市", 2013)]);
        let page = city(&frame, &h, &h.cities[0]);
        assert_eq!(page.rows.iter().map(|r| (r.year, r.gap.as_str())).collect::<Vec<_>>(), [(2013, "0"), (2014, "0")]);
    }
}
