//! What an archive keeps of a year whose output it keeps as it is (issue
//! 26): the history's figures of the year ([`YearResults`]), its roster and
//! what its build said, as one line of JSON in the year's record
//! (`.kaoping-inputs`, written by `tasks::reuse`). With it, a year that has
//! not changed is neither read nor scored again when another year has.
//! Pure: values to text and back; decimals as hundredths, exactly.

use super::history::{CityYear, ItemInfo, SectionInfo, YearResults};
use crate::decimal::Dec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A kept year as the archive's check needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The year its site.yaml gives.
    pub site_year: u16,
    /// The ids on its roster.
    pub roster: BTreeSet<String>,
    /// Its number of units, and whether it is a sample.
    pub units: usize,
    pub sample: bool,
    /// How many warnings reading it gave.
    pub warnings: usize,
    pub results: YearResults,
}

#[derive(Serialize, Deserialize)]
struct Doc {
    site_year: u16,
    roster: Vec<String>,
    units: usize,
    sample: bool,
    warnings: usize,
    standard_total: i64,
    sections: Vec<Sec>,
    cities: Vec<City>,
}

#[derive(Serialize, Deserialize)]
struct Sec {
    id: String,
    title: String,
    penalty: bool,
    max: i64,
    items: Vec<(String, String, i64)>,
}

#[derive(Serialize, Deserialize)]
struct City {
    id: String,
    name: String,
    rank: u32,
    total: i64,
    weighted: i64,
    self_total: i64,
    late: bool,
    sections: Vec<i64>,
}

/// The summary as one line of JSON (no line break: strings are escaped).
pub fn to_line(s: &Summary) -> String {
    let h = Dec::hundredths;
    let r = &s.results;
    let doc = Doc {
        site_year: s.site_year,
        roster: s.roster.iter().cloned().collect(),
        units: s.units,
        sample: s.sample,
        warnings: s.warnings,
        standard_total: h(r.standard_total),
        sections: r
            .sections
            .iter()
            .map(|x| Sec {
                id: x.id.clone(),
                title: x.title.clone(),
                penalty: x.penalty,
                max: h(x.max),
                items: x.items.iter().map(|i| (i.id.clone(), i.text.clone(), h(i.max))).collect(),
            })
            .collect(),
        cities: r
            .cities
            .iter()
            .map(|c| City {
                id: c.id.clone(),
                name: c.name.clone(),
                rank: c.rank,
                total: h(c.total),
                weighted: h(c.weighted),
                self_total: h(c.self_total),
                late: c.late,
                sections: c.sections.iter().map(|d| h(*d)).collect(),
            })
            .collect(),
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The summary of the year `year` read back from [`to_line`]'s text;
/// `None` if it is not one.
pub fn from_line(year: u16, line: &str) -> Option<Summary> {
    let doc: Doc = serde_json::from_str(line).ok()?;
    let d = Dec::from_hundredths;
    let sections = doc
        .sections
        .into_iter()
        .map(|x| SectionInfo {
            id: x.id,
            title: x.title,
            penalty: x.penalty,
            max: d(x.max),
            items: x.items.into_iter().map(|(id, text, max)| ItemInfo { id, text, max: d(max) }).collect(),
        })
        .collect();
    let cities = doc
        .cities
        .into_iter()
        .map(|c| CityYear {
            id: c.id,
            name: c.name,
            rank: c.rank,
            total: d(c.total),
            weighted: d(c.weighted),
            self_total: d(c.self_total),
            late: c.late,
            sections: c.sections.into_iter().map(d).collect(),
        })
        .collect();
    Some(Summary {
        site_year: doc.site_year,
        roster: doc.roster.into_iter().collect(),
        units: doc.units,
        sample: doc.sample,
        warnings: doc.warnings,
        results: YearResults { year, standard_total: d(doc.standard_total), sections, cities },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_back_exactly() {
        let c = crate::content::load(std::path::Path::new("content"), "content", None).content.expect("the sample");
        let results = crate::scoring::score(&c);
        let s = Summary {
            site_year: c.site.year,
            roster: c.site.cities.iter().map(|m| m.id.clone()).collect(),
            units: c.site.units.len(),
            sample: c.site.sample,
            warnings: 3,
            results: super::super::history::summarize(&c, &results),
        };
        let line = to_line(&s);
        assert!(!line.contains('\n'));
        assert_eq!(from_line(c.site.year, &line), Some(s));
        assert_eq!(from_line(2013, "{\"site_year\": 1}"), None);
        // A penalty (negative) and a name with a line break and quotes.
        let mut odd = from_line(c.site.year, &line).unwrap();
        odd.results.cities[0].sections[0] = Dec::from_hundredths(-82);
        odd.results.cities[0].name = "甲\n\"乙\"".into();
        assert_eq!(from_line(c.site.year, &to_line(&odd)), Some(odd));
    }
}
