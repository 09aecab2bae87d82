//! Scoring tests on small in-memory content: every rule kind and every
//! aggregation rule of §6 of the contract.

use super::*;
use crate::content::{SourceFile, Sources};
use crate::decimal::Dec;

const SITE: &str = "title: T\nyear: 2013\nweight: 14\ndeadlines: { self_assessment: 2014-01-10, inspection: 2014-02-10 }\n\
cities: [ {id: a, name: 甲市}, {id: b, name: 乙市}, {id: c, name: 丙市}, {id: d, name: 丁市} ]\n\
units: [ {id: office, name: 办公室}, {id: police, name: 公安厅}, {id: finance, name: 财政厅} ]\n";

const STANDARD: &str = r#"
title: T
total: 20
sections:
  - id: "1"
    title: 得分项
    points: 20
    items:
      - { id: "1.1", text: 固定, points: 5, assessors: [office, police], rules: [ {id: no-doc, when: 没有文件的, deduct: 5}, {id: no-plan, when: 没有方案的, deduct: 3} ] }
      - { id: "1.2", text: 视情, points: 5, assessors: [office, police], rules: [ {id: fair, when: 成效一般的, deduct: {min: 1, max: 3}}, {id: poor, when: 较差的, deduct: 5} ] }
      - { id: "1.3", text: 每项, points: 4, assessors: [office, police], rules: [ {id: rights, when: 未落实的, deduct: {per: 1}} ] }
      - { id: "1.4", text: 协管员, points: 4, assessors: [police], rules: [ {id: coordinators, when: 达不到比例的, deduct: {per_point: 0.1, ratio: {urban: 800, rural: 500}}} ] }
      - { id: "1.5", text: 直接评分, points: 2, award: true, assessors: [office, police, finance] }
  - id: "2"
    title: 扣分项
    penalty: 10
    items:
      - { id: "2.1", text: 甲, penalty: 5, assessors: [police], rules: [ {id: not-done, when: 工作不落实, deduct: {min: 1, max: 5}} ] }
      - { id: "2.2", text: 乙, penalty: 5, assessors: [police], rules: [ {id: not-done, when: 工作不落实, deduct: {min: 1, max: 5}} ] }
      - { id: "2.3", text: 丙, penalty: 5, assessors: [police], rules: [ {id: not-done, when: 工作不落实, deduct: {min: 1, max: 5}} ] }
"#;

fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap()
}

fn file(folder: &str, id: &str, text: &str) -> SourceFile {
    SourceFile { id: id.into(), shown: format!("c/{folder}/{id}.yaml"), text: text.into() }
}

/// Scores cities given as (id, self-assessment items YAML) and units as
/// (id, `cities:` YAML).
fn run(cities: &[(&str, &str)], units: &[(&str, &str)]) -> Results {
    run_with(STANDARD, cities, units)
}

/// [`run`] with another standard.
fn run_with(standard: &str, cities: &[(&str, &str)], units: &[(&str, &str)]) -> Results {
    let sources = Sources {
        shown: "c".into(),
        site: Some(SITE.into()),
        standard: Some(standard.into()),
        standard_md: Some(String::new()),
        cities: cities
            .iter()
            .map(|(id, items)| file("cities", id, &format!("submitted: 2014-01-08\nitems:\n{items}")))
            .collect(),
        units: units
            .iter()
            .map(|(id, body)| file("units", id, &format!("submitted: 2014-02-01\ncities:\n{body}")))
            .collect(),
    };
    let loaded = crate::content::parse(&sources);
    let errors: Vec<String> = loaded.diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    score(&loaded.content.unwrap())
}

fn item<'r>(r: &'r Results, city: &str, id: &str) -> &'r CityResult {
    let c = r.cities.iter().find(|c| c.id == city).unwrap();
    assert!(c.items.iter().any(|i| i.id == id));
    c
}

fn value(r: &Results, city: &str, id: &str) -> Dec {
    let c = item(r, city, id);
    c.items.iter().find(|i| i.id == id).unwrap().outcome.value
}

fn source(r: &Results, city: &str, id: &str) -> Source {
    let c = item(r, city, id);
    c.items.iter().find(|i| i.id == id).unwrap().outcome.source
}

#[test]
fn fixed_rules_add_up_and_are_capped_at_the_item_points() {
    let r = run(
        &[
            ("a", r#"  "1.1": { findings: [ {rule: no-plan} ] }"#),
            ("b", r#"  "1.1": { findings: [ {rule: no-doc}, {rule: no-plan} ] }"#),
        ],
        &[],
    );
    assert_eq!(value(&r, "a", "1.1"), d("2"));
    assert_eq!(value(&r, "b", "1.1"), d("0"));
    let b = &r.cities[1].items[0].outcome;
    assert!(b.capped);
    assert_eq!(b.deductions.iter().map(|x| x.amount).sum::<Dec>(), d("8"));
}

#[test]
fn range_per_count_and_staffing() {
    let r = run(
        &[(
            "a",
            "  \"1.2\": { findings: [ {rule: fair, amount: 1.5, note: 一般} ] }\n  \"1.3\": { findings: [ {rule: rights, count: 3, note: 三项} ] }\n  \"1.4\": { findings: [ {rule: coordinators, population: {urban: 1200000, rural: 300000}, staff: 1800} ] }\n",
        )],
        &[],
    );
    assert_eq!(value(&r, "a", "1.2"), d("3.5"));
    assert_eq!(value(&r, "a", "1.3"), d("1"));
    // The contract's example: 2,100 required, 1,800 staff, 14 points → 1.4.
    assert_eq!(value(&r, "a", "1.4"), d("2.6"));
}

#[test]
fn per_count_is_capped() {
    let r = run(&[("a", "  \"1.3\": { findings: [ {rule: rights, count: 9} ] }\n")], &[]);
    assert_eq!(value(&r, "a", "1.3"), d("0"));
}

#[test]
fn award_items_take_the_mean_of_the_units_half_up() {
    let units = [
        ("office", "  a: { \"1.5\": { score: 1 } }\n  b: { \"1.5\": { score: 1.25 } }\n"),
        ("police", "  a: { \"1.5\": { score: 2 } }\n  b: { \"1.5\": { score: 1.5 } }\n"),
        ("finance", "  a: { \"1.5\": { score: 2 } }\n"),
    ];
    let r = run(&[("a", "  \"1.5\": { score: 2 }\n")], &units);
    // (1 + 2 + 2) / 3 = 1.666… → 1.67; (1.25 + 1.5) / 2 = 1.375 → 1.38.
    assert_eq!(value(&r, "a", "1.5"), d("1.67"));
    assert_eq!(value(&r, "b", "1.5"), d("1.38"));
}

#[test]
fn the_same_rule_from_two_units_counts_once_at_the_larger_amount() {
    let units = [
        (
            "office",
            "  a: { \"1.2\": { findings: [ {rule: fair, amount: 2, note: 办公室} ] } }\n  b: { \"1.2\": { findings: [ {rule: fair, amount: 2, note: 办公室} ] } }\n",
        ),
        (
            "police",
            "  a: { \"1.2\": { findings: [ {rule: fair, amount: 3, note: 公安} ] } }\n  b: { \"1.2\": { findings: [ {rule: fair, amount: 2, note: 公安} ] } }\n",
        ),
    ];
    let r = run(&[], &units);
    assert_eq!(value(&r, "a", "1.2"), d("2"));
    let a = &r.cities[0].items[1].outcome;
    assert_eq!((a.deductions[0].by.as_str(), a.not_counted[0].by.as_str()), ("police", "office"));
    // Equal amounts: the first unit in roster order counts.
    let b = &r.cities[1].items[1].outcome;
    assert_eq!((b.deductions[0].by.as_str(), b.not_counted.len()), ("office", 1));
    assert_eq!(value(&r, "b", "1.2"), d("3"));
}

#[test]
fn different_rules_from_two_units_add_up() {
    let units = [
        ("office", "  a: { \"1.1\": { findings: [ {rule: no-plan} ] } }\n"),
        ("police", "  a: { \"1.1\": { findings: [] } }\n"),
    ];
    let r = run(&[("a", "  \"1.1\": { findings: [] }\n")], &units);
    assert_eq!(value(&r, "a", "1.1"), d("2"));
    assert_eq!(source(&r, "a", "1.1"), Source::Inspection);
}

#[test]
fn inspection_decides_over_self_assessment_over_missing() {
    let units = [("office", "  a: { \"1.1\": { findings: [ {rule: no-doc} ] } }\n")];
    let r =
        run(&[("a", "  \"1.1\": { findings: [] }\n  \"1.3\": { findings: [ {rule: rights, count: 1} ] }\n")], &units);
    assert_eq!((value(&r, "a", "1.1"), source(&r, "a", "1.1")), (d("0"), Source::Inspection));
    assert_eq!((value(&r, "a", "1.3"), source(&r, "a", "1.3")), (d("3"), Source::SelfAssessment));
    assert_eq!((value(&r, "a", "1.2"), source(&r, "a", "1.2")), (d("0"), Source::Missing));
    assert_eq!((value(&r, "a", "2.1"), source(&r, "a", "2.1")), (d("0"), Source::Missing));
    let a = &r.cities[0];
    assert_eq!(a.items[0].self_value(), Some(d("5")));
    assert_eq!(a.items[1].self_value(), None);
    // Base: 0 + 0 + 3 + 0 + 0; the self-assessment alone: 5 + 3.
    assert_eq!((a.base, a.self_total), (d("3"), d("8")));
}

#[test]
fn penalty_items_and_the_section_are_capped() {
    let units = [(
        "police",
        "  a: { \"2.1\": { findings: [ {rule: not-done, amount: 4, note: x} ] }, \"2.2\": { findings: [ {rule: not-done, amount: 5, note: x} ] }, \"2.3\": { findings: [ {rule: not-done, amount: 3, note: x} ] } }\n  b: { \"2.1\": { findings: [ {rule: not-done, amount: 2.5, note: x} ] } }\n",
    )];
    let full = "  \"1.1\": { findings: [] }\n  \"1.2\": { findings: [] }\n  \"1.3\": { findings: [] }\n  \"1.4\": { findings: [] }\n  \"1.5\": { score: 2 }\n";
    let r = run(&[("a", full), ("b", full)], &units);
    let (a, b) = (&r.cities[0], &r.cities[1]);
    // 4 + 5 + 3 = 12, capped at the section's 10.
    assert_eq!((a.base, a.penalty, a.total), (d("20"), d("10"), d("10")));
    assert_eq!((b.penalty, b.total), (d("2.5"), d("17.5")));
    assert_eq!(a.sections[1].value, d("10"));
    assert_eq!(b.self_penalty, d("0"));
}

#[test]
fn total_never_goes_below_zero() {
    let units = [(
        "police",
        "  a: { \"2.1\": { findings: [ {rule: not-done, amount: 5, note: x} ] }, \"2.2\": { findings: [ {rule: not-done, amount: 5, note: x} ] } }\n",
    )];
    let r = run(&[("a", "  \"1.3\": { findings: [ {rule: rights, count: 1} ] }\n")], &units);
    let a = &r.cities[0];
    assert_eq!((a.base, a.penalty, a.total, a.weighted), (d("3"), d("10"), d("0"), d("0")));
}

#[test]
fn ties_share_a_rank_and_the_next_rank_skips() {
    let full = "  \"1.1\": { findings: [] }\n  \"1.2\": { findings: [] }\n  \"1.3\": { findings: [] }\n  \"1.4\": { findings: [] }\n  \"1.5\": { score: 2 }\n";
    let less = "  \"1.1\": { findings: [ {rule: no-plan} ] }\n  \"1.2\": { findings: [] }\n  \"1.3\": { findings: [] }\n  \"1.4\": { findings: [] }\n  \"1.5\": { score: 2 }\n";
    let least = "  \"1.1\": { findings: [ {rule: no-doc} ] }\n";
    let r = run(&[("a", less), ("b", full), ("c", less), ("d", least)], &[]);
    let ranks: Vec<u32> = r.cities.iter().map(|c| c.rank).collect();
    assert_eq!(ranks, [2, 1, 2, 4]);
    let order: Vec<&str> = r.by_rank().into_iter().map(|i| r.cities[i].id.as_str()).collect();
    assert_eq!(order, ["b", "a", "c", "d"]);
}

#[test]
fn weighted_is_half_up() {
    let full = "  \"1.1\": { findings: [] }\n  \"1.2\": { findings: [] }\n  \"1.3\": { findings: [] }\n  \"1.4\": { findings: [] }\n  \"1.5\": { score: 2 }\n";
    // 17.5 × 14 / 100 = 2.45 exactly, no rounding.
    let units = [("police", "  a: { \"2.1\": { findings: [ {rule: not-done, amount: 2.5, note: x} ] } }\n")];
    assert_eq!(run(&[("a", full)], &units).cities[0].weighted, d("2.45"));
    // 18.75 × 14 / 100 = 2.625 → 2.63 (half to even would give 2.62).
    let units = [("police", "  a: { \"2.1\": { findings: [ {rule: not-done, amount: 1.25, note: x} ] } }\n")];
    let r = run(&[("a", full)], &units);
    assert_eq!((r.cities[0].total, r.cities[0].weighted), (d("18.75"), d("2.63")));
    // The contract's case on a 100-point standard: 93.75 × 14 / 100 =
    // 13.125 → 13.13.
    let hundred = STANDARD
        .replace("total: 20", "total: 100")
        .replace("points: 20", "points: 100")
        .replace("{ id: \"1.1\", text: 固定, points: 5,", "{ id: \"1.1\", text: 固定, points: 85,");
    let units = [(
        "police",
        "  a: { \"2.1\": { findings: [ {rule: not-done, amount: 5, note: x} ] }, \"2.2\": { findings: [ {rule: not-done, amount: 1.25, note: x} ] } }\n",
    )];
    let r = run_with(&hundred, &[("a", full)], &units);
    assert_eq!((r.cities[0].total, r.cities[0].weighted), (d("93.75"), d("13.13")));
}

#[test]
fn late_flags_follow_the_deadlines() {
    let r = run(&[("a", "")], &[]);
    assert!(!r.cities[0].late);
    assert!(is_late(
        Some(crate::content::read::Date { year: 2014, month: 1, day: 11 }),
        crate::content::read::Date { year: 2014, month: 1, day: 10 }
    ));
    assert!(!is_late(
        Some(crate::content::read::Date { year: 2014, month: 1, day: 10 }),
        crate::content::read::Date { year: 2014, month: 1, day: 10 }
    ));
    assert!(!is_late(None, crate::content::read::Date { year: 2014, month: 1, day: 10 }));
}
