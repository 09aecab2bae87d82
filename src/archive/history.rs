//! The history of the archive, as pure functions: each year is reduced to
//! what the history needs ([`YearResults`], small), and the years are then
//! joined city by city ([`History`]), renamed ids under their newest id.

use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::Results;
use crate::standard::SectionKind;
use std::collections::BTreeMap;

/// One item of a year's standard, as far as the history compares it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemInfo {
    pub id: String,
    pub text: String,
    pub max: Dec,
}

/// One section of a year's standard.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub penalty: bool,
    /// Points of a scored section; the cap of a penalty section.
    pub max: Dec,
    pub items: Vec<ItemInfo>,
}

/// One city in one year: the figures of that year's results.json.
#[derive(Clone, Debug, PartialEq)]
pub struct CityYear {
    pub id: String,
    pub name: String,
    pub rank: u32,
    pub total: Dec,
    pub weighted: Dec,
    pub self_total: Dec,
    pub late: bool,
    /// Per section of that year's standard: the score, or what a penalty
    /// section subtracted.
    pub sections: Vec<Dec>,
}

/// What the history keeps of one year once its site is written.
#[derive(Clone, Debug, PartialEq)]
pub struct YearResults {
    pub year: u16,
    /// The most a city can score that year (the standard's total).
    pub standard_total: Dec,
    pub sections: Vec<SectionInfo>,
    /// In roster order.
    pub cities: Vec<CityYear>,
}

/// Reduces a scored year to what the history needs.
pub fn summarize(content: &Content, results: &Results) -> YearResults {
    let sections = content
        .standard
        .sections
        .iter()
        .map(|s| SectionInfo {
            id: s.id.clone(),
            title: s.title.clone(),
            penalty: matches!(s.kind, SectionKind::Penalty { .. }),
            max: match s.kind {
                SectionKind::Scored { points } => points,
                SectionKind::Penalty { cap } => cap,
            },
            items: s.items.iter().map(|i| ItemInfo { id: i.id.clone(), text: i.text.clone(), max: i.max }).collect(),
        })
        .collect();
    let cities = results
        .cities
        .iter()
        .map(|c| CityYear {
            id: c.id.clone(),
            name: c.name.clone(),
            rank: c.rank,
            total: c.total,
            weighted: c.weighted,
            self_total: c.self_total,
            late: c.late,
            sections: c.sections.iter().map(|s| s.value).collect(),
        })
        .collect();
    YearResults { year: content.site.year, standard_total: content.standard.total, sections, cities }
}

/// The figures of one year over all its cities.
#[derive(Clone, Debug, PartialEq)]
pub struct YearStat {
    pub year: u16,
    pub cities: usize,
    pub mean_total: Dec,
    pub min_total: Dec,
    pub max_total: Dec,
}

/// One city over the years, under its newest id and name.
#[derive(Clone, Debug, PartialEq)]
pub struct CityHistory {
    pub id: String,
    pub name: String,
    /// (index of the year in [`History::years`], that year's figures),
    /// oldest first; only years in which the city is on the roster.
    pub results: Vec<(usize, CityYear)>,
}

impl CityHistory {
    /// The figures of the year with index `y`, if the city was on its roster.
    pub fn at(&self, y: usize) -> Option<&CityYear> {
        self.results.iter().find(|(i, _)| *i == y).map(|(_, c)| c)
    }
}

/// A section as matched over the years: by id and title.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionRow {
    pub id: String,
    pub title: String,
    pub penalty: bool,
    /// Per year: the section's index in that year's standard and its maximum.
    pub at: Vec<Option<(usize, Dec)>>,
    /// Per year: how the section differs from the year before in which it
    /// was there (empty where it does not).
    pub changes: Vec<Vec<String>>,
}

/// The whole archive's history.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub title: String,
    pub years: Vec<YearStat>,
    /// The standard's total per year (the charts' scale).
    pub standard_totals: Vec<Dec>,
    /// The latest year's roster in its order, then cities found only in
    /// earlier years, by id.
    pub cities: Vec<CityHistory>,
    pub sections: Vec<SectionRow>,
}

/// The newest id of `id`, following the renames (which have no cycles).
pub fn newest<'a>(id: &'a str, renames: &'a [(String, String)]) -> &'a str {
    let mut id = id;
    for _ in 0..=renames.len() {
        match renames.iter().find(|(from, _)| from == id) {
            Some((_, to)) => id = to,
            None => break,
        }
    }
    id
}

/// Joins the years (oldest first) into the history; `renames` are
/// (from, to) pairs.
pub fn compute(title: &str, years: Vec<YearResults>, renames: &[(String, String)]) -> History {
    let stats = years
        .iter()
        .map(|y| {
            let totals: Vec<Dec> = y.cities.iter().map(|c| c.total).collect();
            YearStat {
                year: y.year,
                cities: totals.len(),
                mean_total: Dec::mean_half_up(&totals).unwrap_or(Dec::ZERO),
                min_total: totals.iter().copied().min().unwrap_or(Dec::ZERO),
                max_total: totals.iter().copied().max().unwrap_or(Dec::ZERO),
            }
        })
        .collect();
    let sections = section_rows(&years);
    let standard_totals = years.iter().map(|y| y.standard_total).collect();
    let latest: Vec<String> =
        years.last().map(|y| y.cities.iter().map(|c| newest(&c.id, renames).to_string()).collect()).unwrap_or_default();
    let mut by_id: BTreeMap<String, Vec<(usize, CityYear)>> = BTreeMap::new();
    for (i, y) in years.into_iter().enumerate() {
        for c in y.cities {
            by_id.entry(newest(&c.id, renames).to_string()).or_default().push((i, c));
        }
    }
    let mut cities = Vec::with_capacity(by_id.len());
    for id in &latest {
        if let Some(results) = by_id.remove(id) {
            cities.push(city(id, results));
        }
    }
    cities.extend(by_id.into_iter().map(|(id, results)| city(&id, results)));
    History { title: title.to_string(), years: stats, standard_totals, cities, sections }
}

fn city(id: &str, results: Vec<(usize, CityYear)>) -> CityHistory {
    let name = results.last().map(|(_, c)| c.name.clone()).unwrap_or_default();
    CityHistory { id: id.to_string(), name, results }
}

/// The sections of all years, matched by id and title: the latest year's
/// first, in its order, then those of earlier years in the order found.
fn section_rows(years: &[YearResults]) -> Vec<SectionRow> {
    let mut rows: Vec<SectionRow> = Vec::new();
    for y in years.iter().rev() {
        for s in &y.sections {
            if !rows.iter().any(|r| r.id == s.id && r.title == s.title) {
                rows.push(SectionRow {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    penalty: s.penalty,
                    at: vec![None; years.len()],
                    changes: vec![Vec::new(); years.len()],
                });
            }
        }
    }
    for row in &mut rows {
        let mut before: Option<&SectionInfo> = None;
        for (i, y) in years.iter().enumerate() {
            let Some((k, s)) = y.sections.iter().enumerate().find(|(_, s)| s.id == row.id && s.title == row.title)
            else {
                continue;
            };
            row.at[i] = Some((k, s.max));
            if let Some(b) = before {
                row.changes[i] = differences(b, s);
            }
            before = Some(s);
        }
    }
    rows
}

/// How a section changed from one standard to the next, in plain words:
/// 分值15→16, 1.1条文修改, 1.2分值5→6, 新增2.8, 删去2.7.
pub fn differences(old: &SectionInfo, new: &SectionInfo) -> Vec<String> {
    let mut out = Vec::new();
    if old.max != new.max {
        out.push(format!("本部分分值{}→{}", old.max, new.max));
    }
    for n in &new.items {
        match old.items.iter().find(|o| o.id == n.id) {
            None => out.push(format!("新增{}（{}分）", n.id, n.max)),
            Some(o) => {
                if o.text != n.text {
                    out.push(format!("{}条文修改", n.id));
                }
                if o.max != n.max {
                    out.push(format!("{}分值{}→{}", n.id, o.max, n.max));
                }
            }
        }
    }
    for o in &old.items {
        if !new.items.iter().any(|n| n.id == o.id) {
            out.push(format!("删去{}（{}分）", o.id, o.max));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    fn cy(id: &str, name: &str, rank: u32, total: &str) -> CityYear {
        CityYear {
            id: id.into(),
            name: name.into(),
            rank,
            total: d(total),
            weighted: Dec::ZERO,
            self_total: d(total),
            late: false,
            sections: vec![d(total)],
        }
    }

    fn section(max: &str, items: &[(&str, &str, &str)]) -> SectionInfo {
        SectionInfo {
            id: "1".into(),
            title: "日常工作".into(),
            penalty: false,
            max: d(max),
            items: items
                .iter()
                .map(|(id, text, m)| ItemInfo { id: (*id).into(), text: (*text).into(), max: d(m) })
                .collect(),
        }
    }

    fn year(year: u16, cities: Vec<CityYear>) -> YearResults {
        YearResults { year, standard_total: d("100"), sections: vec![section("10", &[("1.1", "a", "10")])], cities }
    }

    #[test]
    fn renamed_cities_share_one_history_in_latest_roster_order() {
        let years = vec![
            year(2013, vec![cy("old", "旧市", 1, "90"), cy("gone", "去市", 2, "80.25")]),
            year(2014, vec![cy("b", "乙市", 1, "95"), cy("new", "新市", 2, "85")]),
        ];
        let h = compute("历年", years, &[("old".into(), "new".into())]);
        let ids: Vec<&str> = h.cities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "new", "gone"]);
        assert_eq!(h.cities[1].name, "新市");
        assert_eq!(
            h.cities[1].results.iter().map(|(y, c)| (*y, c.id.as_str())).collect::<Vec<_>>(),
            [(0, "old"), (1, "new")]
        );
        // (90 + 80.25) / 2 = 85.125 → 85.13, half up.
        assert_eq!(h.years[0].mean_total, d("85.13"));
        assert_eq!((h.years[0].min_total, h.years[0].max_total), (d("80.25"), d("90")));
    }

    #[test]
    fn section_changes_are_named() {
        let old = section("15", &[("1.1", "a", "5"), ("1.2", "b", "5"), ("1.3", "c", "5")]);
        let new = section("15", &[("1.1", "a2", "5"), ("1.2", "b", "6"), ("1.4", "d", "4")]);
        assert_eq!(differences(&old, &new), ["1.1条文修改", "1.2分值5→6", "新增1.4（4分）", "删去1.3（5分）"]);
        assert!(differences(&old, &old).is_empty());
    }

    #[test]
    fn newest_follows_chains() {
        let r = [("a".to_string(), "b".to_string()), ("b".to_string(), "c".to_string())];
        assert_eq!(newest("a", &r), "c");
        assert_eq!(newest("x", &r), "x");
    }
}
