//! Properties over generated standards and findings: totals are the sums of
//! their parts, every score is within its bounds, the ranking is a
//! permutation consistent with the totals, and the results do not depend
//! on the order of the files on disk.

mod common;

use kaoping::content::{SourceFile, Sources, parse};
use kaoping::decimal::Dec;
use kaoping::scoring::score;
use proptest::prelude::*;
use std::fmt::Write;

/// A rule: 0 fixed, 1 range, 2 per count, 3 staffing; with amounts in
/// hundredths where they apply.
#[derive(Clone, Debug)]
struct RuleSpec {
    kind: u8,
    a: i64,
    b: i64,
}

#[derive(Clone, Debug)]
struct ItemSpec {
    points: i64,
    /// None: an award item.
    rules: Option<Vec<RuleSpec>>,
    /// Which of the two units may inspect it.
    assessors: u8,
}

fn item() -> impl Strategy<Value = ItemSpec> {
    (1i64..=10, prop::option::weighted(0.8, prop::collection::vec((0u8..4, 1i64..=1000, 1i64..=1000), 1..=3)), 1u8..=3)
        .prop_map(|(points, rules, assessors)| ItemSpec {
            points,
            rules: rules.map(|rs| rs.into_iter().map(|(kind, a, b)| RuleSpec { kind, a, b }).collect()),
            assessors,
        })
}

/// Scored sections (their items), and maybe a penalty section (its cap and items).
type StandardSpec = (Vec<Vec<ItemSpec>>, Option<(i64, Vec<ItemSpec>)>);

fn standard() -> impl Strategy<Value = StandardSpec> {
    let scored = prop::collection::vec(prop::collection::vec(item(), 1..=4), 1..=3);
    let penalty = prop::option::of((1i64..=10, prop::collection::vec(item(), 1..=3)));
    (scored, penalty)
}

/// The YAML of a generated standard; every deduction fits its item.
fn standard_yaml(scored: &[Vec<ItemSpec>], penalty: &Option<(i64, Vec<ItemSpec>)>) -> String {
    let total: i64 = scored.iter().flatten().map(|i| i.points).sum();
    let mut y = format!("title: T\ntotal: {total}\nsections:\n");
    let mut section = |n: usize, head: String, items: &[ItemSpec], key: &str, cap: i64| {
        let _ = write!(y, "  - id: \"{n}\"\n    title: 部分{n}\n    {head}\n    items:\n");
        for (k, it) in items.iter().enumerate() {
            let max = it.points.min(cap);
            let assessors = match it.assessors {
                1 => "[u1]",
                2 => "[u2]",
                _ => "[u1, u2]",
            };
            let _ = write!(
                y,
                "      - id: \"{n}.{}\"\n        text: 项目\n        {key}: {max}\n        assessors: {assessors}\n",
                k + 1
            );
            match &it.rules {
                None if key == "points" => y.push_str("        award: true\n"),
                None => y.push_str("        rules: [ { id: r0, when: 不落实, deduct: 1 } ]\n"),
                Some(rules) => {
                    y.push_str("        rules:\n");
                    for (r, rule) in rules.iter().enumerate() {
                        let m = max * 100;
                        let deduct = match rule.kind {
                            0 => format!("{}", Dec::from_hundredths(1 + rule.a * m / 1000 % m)),
                            1 => {
                                let (lo, hi) = (1 + rule.a * m / 1000 % m, 1 + rule.b * m / 1000 % m);
                                format!(
                                    "{{ min: {}, max: {} }}",
                                    Dec::from_hundredths(lo.min(hi)),
                                    Dec::from_hundredths(lo.max(hi))
                                )
                            }
                            2 => format!("{{ per: {} }}", Dec::from_hundredths(1 + rule.a % 200)),
                            _ => format!(
                                "{{ per_point: {}, ratio: {{ urban: {}, rural: {} }} }}",
                                Dec::from_hundredths(1 + rule.a % 50),
                                100 + rule.a,
                                100 + rule.b
                            ),
                        };
                        let _ = writeln!(y, "          - {{ id: r{r}, when: 情形{r}, deduct: {deduct} }}");
                    }
                }
            }
        }
    };
    for (n, items) in scored.iter().enumerate() {
        let points: i64 = items.iter().map(|i| i.points).sum();
        section(n + 1, format!("points: {points}"), items, "points", i64::MAX);
    }
    if let Some((cap, items)) = penalty {
        section(scored.len() + 1, format!("penalty: {cap}"), items, "penalty", *cap);
    }
    y
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_standards_score_within_bounds_and_independently_of_file_order(
        (scored, penalty) in standard(),
        seeds in prop::collection::vec(any::<u64>(), 4),
    ) {
        let standard = standard_yaml(&scored, &penalty);
        let site = "title: T\nyear: 2013\nweight: 14\ndeadlines: { self_assessment: 2014-01-10, inspection: 2014-02-10 }\n\
cities: [ {id: c1, name: 一市}, {id: c2, name: 二市}, {id: c3, name: 三市}, {id: c4, name: 四市} ]\n\
units: [ {id: u1, name: 甲单位}, {id: u2, name: 乙单位} ]\n";
        // Learn the standard's rules from kaoping itself, then write findings.
        let probe = parse(&Sources { shown: "c".into(), site: Some(site.into()), standard: Some(standard.clone()), standard_md: Some(String::new()), cities: vec![], units: vec![] });
        let errors: Vec<String> = probe.diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:#?}\n{}", errors, standard);
        let std = probe.content.unwrap().standard;
        let entries = |seed: u64, unit: Option<&str>| -> String {
            let mut x = seed;
            let mut next = || { x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); x >> 33 };
            let mut out = String::new();
            for (_, it) in std.items() {
                if unit.is_some_and(|u| !it.assessors.iter().any(|a| a == u)) || next() % 4 == 0 {
                    continue;
                }
                let body = match &it.scoring {
                    kaoping::standard::Scoring::Award => format!("{{ score: {} }}", Dec::from_hundredths(next() as i64 % (it.max.hundredths() + 1))),
                    kaoping::standard::Scoring::Rules(rules) => {
                        let mut found: Vec<String> = Vec::new();
                        for r in rules {
                            if next() % 2 == 0 {
                                continue;
                            }
                            found.push(match &r.deduct {
                                kaoping::standard::Deduct::Fixed(_) => format!("{{ rule: {} }}", r.id),
                                kaoping::standard::Deduct::Range { min, max } => {
                                    let span = (max.hundredths() - min.hundredths()) as u64 + 1;
                                    format!("{{ rule: {}, amount: {}, note: n }}", r.id, Dec::from_hundredths(min.hundredths() + (next() % span) as i64))
                                }
                                kaoping::standard::Deduct::PerCount { .. } => format!("{{ rule: {}, count: {} }}", r.id, 1 + next() % 5),
                                kaoping::standard::Deduct::Staffing { .. } => {
                                    let (u, rl, st) = (1 + next() % 100_000, next() % 100_000, next() % 500);
                                    format!("{{ rule: {}, population: {{ urban: {u}, rural: {rl} }}, staff: {st} }}", r.id)
                                }
                            });
                        }
                        format!("{{ findings: [{}] }}", found.join(", "))
                    }
                };
                let _ = writeln!(out, "{}\"{}\": {body}", if unit.is_some() { "    " } else { "  " }, it.id);
            }
            out
        };
        let mut cities = Vec::new();
        for (k, id) in ["c1", "c2", "c3", "c4"].iter().enumerate() {
            let items = entries(seeds[k], None);
            let text = if items.is_empty() { "submitted: 2014-01-08\n".to_string() } else { format!("submitted: 2014-01-08\nitems:\n{items}") };
            cities.push(SourceFile { id: id.to_string(), shown: format!("c/cities/{id}.yaml"), text: text.into() });
        }
        let mut units = Vec::new();
        for (k, id) in ["u1", "u2"].iter().enumerate() {
            let mut text = String::from("submitted: 2014-02-01\ncities:\n");
            for (j, city) in ["c1", "c2", "c3", "c4"].iter().enumerate() {
                let items = entries(seeds[j] ^ (k as u64 + 1).wrapping_mul(0x9E37), Some(id));
                if !items.is_empty() {
                    let _ = write!(text, "  {city}:\n{items}");
                }
            }
            units.push(SourceFile { id: id.to_string(), shown: format!("c/units/{id}.yaml"), text: text.into() });
        }
        let sources = Sources { shown: "c".into(), site: Some(site.into()), standard: Some(standard.clone()), standard_md: Some(String::new()), cities: cities.clone(), units: units.clone() };
        let loaded = parse(&sources);
        let errors: Vec<String> = loaded.diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        let content = loaded.content.unwrap();
        let results = score(&content);
        common::assert_invariants(&content, &results);
        // The files in another order on disk: the same results, byte for byte.
        let mut shuffled = sources.clone();
        shuffled.cities.reverse();
        shuffled.units.reverse();
        let again = parse(&shuffled).content.unwrap();
        prop_assert_eq!(kaoping::site::data::json(&content, &results), kaoping::site::data::json(&again, &score(&again)));
    }
}
