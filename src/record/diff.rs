//! `diff`, the pure part: two publications' `results.json` (and, where the
//! sites have it, `standard.json` for the wording of items and rules)
//! compared city by city. Cities in the new roster order, then those only
//! in the old; deductions by item in standard order, then rule, then unit.

use crate::decimal::Dec;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One publication as `diff` reads it.
#[derive(Debug, Default)]
pub struct Publication {
    pub cities: Vec<City>,
    /// Unit id → name.
    pub units: BTreeMap<String, String>,
    /// Item id → text, and (item id, rule id) → wording, from standard.json.
    pub items: BTreeMap<String, String>,
    pub rules: BTreeMap<(String, String), String>,
    /// The publication's title and year, as results.json gives them.
    pub title: String,
    pub year: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub id: String,
    pub name: String,
    pub rank: u32,
    pub total: Dec,
    pub weighted: Dec,
    /// Items in standard order: id, score (or penalty), deductions.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub value: Dec,
    pub deductions: Vec<Deduction>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deduction {
    pub rule: String,
    pub by: String,
    pub amount: Dec,
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct RawDoc {
    #[serde(default)]
    title: String,
    #[serde(default)]
    year: Option<i64>,
    cities: Vec<RawCity>,
    #[serde(default)]
    units: Vec<RawUnit>,
}

#[derive(Deserialize)]
struct RawCity {
    id: String,
    name: String,
    rank: u32,
    total: serde_json::Number,
    weighted: serde_json::Number,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
struct RawItem {
    id: String,
    score: Option<serde_json::Number>,
    penalty: Option<serde_json::Number>,
    deductions: Vec<RawDeduction>,
}

#[derive(Deserialize)]
struct RawDeduction {
    rule: String,
    amount: serde_json::Number,
    by: String,
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawUnit {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct RawStandard {
    items: Vec<RawStandardItem>,
}

#[derive(Deserialize)]
struct RawStandardItem {
    id: String,
    text: String,
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
struct RawRule {
    id: String,
    wording: String,
}

fn dec(n: &serde_json::Number) -> Result<Dec, String> {
    Dec::parse(&n.to_string()).map_err(|_| format!("{n} is not a score of at most two decimals"))
}

/// Reads `results.json` (§8); the error says what is wrong in it.
/// Why a JSON file cannot be read: in Chinese where and of what kind, in
/// English serde_json's words.
fn json_reason(e: &serde_json::Error) -> String {
    let words = || {
        let (line, col) = (e.line(), e.column());
        match e.classify() {
            serde_json::error::Category::Eof => crate::t!("diff.json-eof"),
            serde_json::error::Category::Syntax => crate::t!("diff.json-syntax", line = line, col = col),
            _ => crate::t!("diff.json-data", line = line, col = col),
        }
    };
    crate::i18n::library(words, e)
}

pub fn parse_results(text: &str) -> Result<Publication, String> {
    let doc: RawDoc = serde_json::from_str(text).map_err(|e| json_reason(&e))?;
    let mut cities = Vec::new();
    for c in doc.cities {
        let mut items = Vec::new();
        for i in c.items {
            let value = i.score.as_ref().or(i.penalty.as_ref()).map(dec).transpose()?.unwrap_or(Dec::ZERO);
            let mut deductions = Vec::new();
            for d in i.deductions {
                deductions.push(Deduction { rule: d.rule, by: d.by, amount: dec(&d.amount)?, note: d.note });
            }
            items.push(Item { id: i.id, value, deductions });
        }
        let (total, weighted) = (dec(&c.total)?, dec(&c.weighted)?);
        cities.push(City { id: c.id, name: c.name, rank: c.rank, total, weighted, items });
    }
    let units = doc.units.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(Publication { cities, units, title: doc.title, year: doc.year, ..Publication::default() })
}

/// Adds the wording of `standard.json` to a publication.
pub fn add_standard(p: &mut Publication, text: &str) -> Result<(), String> {
    let doc: RawStandard = serde_json::from_str(text).map_err(|e| json_reason(&e))?;
    for item in doc.items {
        for r in item.rules {
            p.rules.insert((item.id.clone(), r.id), r.wording);
        }
        p.items.insert(item.id, item.text);
    }
    Ok(())
}

/// A value before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Change<T> {
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// What happened to one city between the publications.
#[derive(Debug, PartialEq, Eq)]
pub enum CityDiff {
    Added { city: City },
    Removed { city: City },
    Changed { id: String, name: String, total: Change<Dec>, weighted: Change<Dec>, rank: Change<u32>, lines: Vec<Line> },
}

/// One changed deduction, or an item whose score changed without one.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Added { item: String, d: Deduction },
    Removed { item: String, d: Deduction },
    Changed { item: String, old: Deduction, new: Deduction },
    Score { item: String, value: Change<Dec> },
}

/// Every city that changed, in the new roster's order, then the cities
/// only in the old one.
pub fn compare(old: &Publication, new: &Publication) -> Vec<CityDiff> {
    let mut out = Vec::new();
    for n in &new.cities {
        match old.cities.iter().find(|o| o.id == n.id) {
            None => out.push(CityDiff::Added { city: n.clone() }),
            Some(o) => {
                let total = Change { old: o.total, new: n.total };
                let weighted = Change { old: o.weighted, new: n.weighted };
                let rank = Change { old: o.rank, new: n.rank };
                let lines = items(o, n);
                if total.changed() || weighted.changed() || rank.changed() || !lines.is_empty() {
                    out.push(CityDiff::Changed {
                        id: n.id.clone(),
                        name: n.name.clone(),
                        total,
                        weighted,
                        rank,
                        lines,
                    });
                }
            }
        }
    }
    for o in old.cities.iter().filter(|o| !new.cities.iter().any(|n| n.id == o.id)) {
        out.push(CityDiff::Removed { city: o.clone() });
    }
    out
}

/// The changed deductions of one city, item by item.
fn items(old: &City, new: &City) -> Vec<Line> {
    let mut ids: Vec<&str> = new.items.iter().map(|i| i.id.as_str()).collect();
    ids.extend(old.items.iter().map(|i| i.id.as_str()).filter(|id| !new.items.iter().any(|i| i.id == *id)));
    let mut out = Vec::new();
    for id in ids {
        let o = old.items.iter().find(|i| i.id == id);
        let n = new.items.iter().find(|i| i.id == id);
        let key = |d: &Deduction| (d.rule.clone(), d.by.clone());
        let before: BTreeMap<_, _> = o.iter().flat_map(|i| &i.deductions).map(|d| (key(d), d)).collect();
        let after: BTreeMap<_, _> = n.iter().flat_map(|i| &i.deductions).map(|d| (key(d), d)).collect();
        let start = out.len();
        let mut keys: Vec<_> = before.keys().chain(after.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let item = id.to_string();
            match (before.get(k), after.get(k)) {
                (None, Some(d)) => out.push(Line::Added { item, d: (*d).clone() }),
                (Some(d), None) => out.push(Line::Removed { item, d: (*d).clone() }),
                (Some(a), Some(b)) if a != b => out.push(Line::Changed { item, old: (*a).clone(), new: (*b).clone() }),
                _ => {}
            }
        }
        let value = Change { old: o.map_or(Dec::ZERO, |i| i.value), new: n.map_or(Dec::ZERO, |i| i.value) };
        if out.len() == start && value.changed() {
            out.push(Line::Score { item: id.to_string(), value });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(id: &str, total: &str, rank: u32, deductions: &[(&str, &str, &str)]) -> City {
        let d = |(rule, by, amount): &(&str, &str, &str)| Deduction {
            rule: rule.to_string(),
            by: by.to_string(),
            amount: Dec::parse(amount).unwrap(),
            note: None,
        };
        City {
            id: id.into(),
            name: id.into(),
            rank,
            total: Dec::parse(total).unwrap(),
            weighted: Dec::ZERO,
            items: vec![Item { id: "1.1".into(), value: Dec::ZERO, deductions: deductions.iter().map(d).collect() }],
        }
    }

    fn publication(cities: Vec<City>) -> Publication {
        Publication { cities, ..Publication::default() }
    }

    #[test]
    fn added_removed_and_changed_deductions_and_cities() {
        let old = publication(vec![
            city("a", "90", 1, &[("r1", "police", "2"), ("r2", "self", "1")]),
            city("b", "80", 2, &[]),
            city("gone", "70", 3, &[]),
        ]);
        let new = publication(vec![
            city("a", "89", 1, &[("r1", "police", "3"), ("r3", "office", "1")]),
            city("b", "80", 2, &[]),
            city("new", "60", 3, &[]),
        ]);
        let diffs = compare(&old, &new);
        assert_eq!(diffs.len(), 3);
        let CityDiff::Changed { lines, total, rank, .. } = &diffs[0] else { panic!("{diffs:?}") };
        assert_eq!((total.old.to_string(), total.new.to_string(), rank.changed()), ("90".into(), "89".into(), false));
        let kinds: Vec<(&str, &str)> = lines
            .iter()
            .map(|l| match l {
                Line::Added { d, .. } => ("added", d.rule.as_str()),
                Line::Removed { d, .. } => ("removed", d.rule.as_str()),
                Line::Changed { new, .. } => ("changed", new.rule.as_str()),
                Line::Score { .. } => ("score", ""),
            })
            .collect();
        assert_eq!(kinds, [("changed", "r1"), ("removed", "r2"), ("added", "r3")]);
        assert!(matches!(&diffs[1], CityDiff::Added { city } if city.id == "new"));
        assert!(matches!(&diffs[2], CityDiff::Removed { city } if city.id == "gone"));
    }

    #[test]
    fn numbers_read_exactly_and_a_wrong_shape_is_named() {
        let text = r#"{"cities": [{"id": "a", "name": "甲", "rank": 1, "total": 93.5, "weighted": 13.09,
            "items": [{"id": "2.6", "score": 3.6, "deductions": [{"rule": "r", "amount": 1.4, "by": "police", "note": null}]}]}]}"#;
        let p = parse_results(text).unwrap();
        assert_eq!(p.cities[0].weighted, Dec::parse("13.09").unwrap());
        assert_eq!(p.cities[0].items[0].deductions[0].amount, Dec::parse("1.4").unwrap());
        assert!(parse_results(r#"{"cities": 3}"#).unwrap_err().contains("invalid type"));
        assert!(
            parse_results(
                r#"{"cities": [{"id": "a", "name": "甲", "rank": 1, "total": 0.125, "weighted": 0, "items": []}]}"#
            )
            .unwrap_err()
            .contains("0.125")
        );
    }
}
