//! Properties that hold for any findings and any input text: scores stay in
//! their bounds, totals add up, and nothing panics.

mod common;

use kaoping::content::{SourceFile, Sources, parse};
use kaoping::decimal::Dec;
use kaoping::scoring::score;
use proptest::prelude::*;

const SITE: &str = include_str!("fixtures/small/site.yaml");
const STANDARD: &str = include_str!("fixtures/small/standard.yaml");

fn sources(cities: Vec<(String, String)>, units: Vec<(String, String)>) -> Sources {
    let file = |folder: &str, (id, text): (String, String)| SourceFile {
        shown: format!("c/{folder}/{id}.yaml"),
        id,
        text: text.into(),
    };
    Sources {
        shown: "c".into(),
        site: Some(SITE.into()),
        standard: Some(STANDARD.into()),
        standard_md: Some(String::new()),
        cities: cities.into_iter().map(|c| file("cities", c)).collect(),
        units: units.into_iter().map(|u| file("units", u)).collect(),
    }
}

/// One entry per item of the small standard, each either absent or with
/// arbitrary valid findings.
fn entries() -> impl Strategy<Value = String> {
    let fixed = prop::sample::subsequence(vec!["{ rule: no-doc }", "{ rule: no-plan }"], 0..=2)
        .prop_map(|f| format!("\"1.1\": {{ findings: [{}] }}", f.join(", ")));
    let staffing = (0u64..3_000_000, 0u64..3_000_000, 0u64..10_000).prop_map(|(u, r, s)| {
        format!("\"1.2\": {{ findings: [ {{ rule: coordinators, population: {{ urban: {}, rural: {r} }}, staff: {s} }} ] }}", u + 1)
    });
    let award = (0i64..=200).prop_map(|h| format!("\"1.3\": {{ score: {} }}", Dec::from_hundredths(h)));
    let penalty = prop::option::of(100i64..=500).prop_map(|a| match a {
        Some(h) => {
            format!("\"2.1\": {{ findings: [ {{ rule: not-done, amount: {}, note: x }} ] }}", Dec::from_hundredths(h))
        }
        None => "\"2.1\": { findings: [] }".to_string(),
    });
    (prop::option::of(fixed), prop::option::of(staffing), prop::option::of(award), prop::option::of(penalty)).prop_map(
        |(a, b, c, d)| {
            let lines: Vec<String> = [a, b, c, d].into_iter().flatten().map(|e| format!("    {e}")).collect();
            if lines.is_empty() { "    {}".to_string() } else { lines.join("\n") }
        },
    )
}

fn city_file(entries: &str) -> String {
    let body = entries.replace("\n    ", "\n  ");
    let body = body.trim_start();
    if body == "{}" {
        "submitted: 2014-01-08\nitems: {}\n".into()
    } else {
        format!("submitted: 2014-01-08\nitems:\n  {body}\n")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_within_bounds(
        own in prop::collection::vec(prop::option::of(entries()), 3),
        by_office in prop::collection::vec(prop::option::of(entries()), 3),
        by_police in prop::collection::vec(prop::option::of(entries()), 3),
    ) {
        let ids = ["north", "south", "east"];
        let cities: Vec<(String, String)> = ids.iter().zip(&own)
            .filter_map(|(id, e)| e.as_ref().map(|e| (id.to_string(), city_file(e))))
            .collect();
        // Units may only inspect their own items: office 1.1 and 1.3, police 1.2, 1.3 and 2.1.
        let unit = |entries: &[Option<String>], keep: &[&str]| -> String {
            let mut out = String::from("submitted: 2014-02-01\ncities:\n");
            for (id, e) in ids.iter().zip(entries) {
                let Some(e) = e else { continue };
                let kept: Vec<&str> = e.lines().map(str::trim).filter(|l| keep.iter().any(|k| l.starts_with(k))).collect();
                if !kept.is_empty() {
                    out.push_str(&format!("  {id}:\n    {}\n", kept.join("\n    ")));
                }
            }
            out
        };
        let units = vec![
            ("office".to_string(), unit(&by_office, &["\"1.1\"", "\"1.3\""])),
            ("police".to_string(), unit(&by_police, &["\"1.2\"", "\"1.3\"", "\"2.1\""])),
        ];
        let loaded = parse(&sources(cities, units));
        let errors: Vec<String> = loaded.diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        let content = loaded.content.unwrap();
        let results = score(&content);
        common::assert_invariants(&content, &results);
        // Here, too: sections are the sums of their items, and the small
        // fixture's penalty section subtracts at most 5.
        for c in &results.cities {
            let items = |penalty: bool| c.items.iter().filter(|i| i.penalty == penalty).map(|i| i.outcome.value).sum::<Dec>();
            prop_assert_eq!(c.base, items(false));
            prop_assert_eq!(c.penalty, items(true).min(Dec::int(5)));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}", which in 0usize..4) {
        let mut cities = vec![("north".to_string(), text.clone())];
        let mut units = vec![("police".to_string(), text.clone())];
        let mut s = sources(std::mem::take(&mut cities), std::mem::take(&mut units));
        match which {
            0 => s.site = Some(text.clone()),
            1 => s.standard = Some(text.clone()),
            _ => {}
        }
        let loaded = parse(&s);
        for d in &loaded.diags {
            prop_assert!(!d.to_string().contains('\n'), "one line per diagnostic: {}", d);
        }
    }

    #[test]
    fn yaml_shaped_noise_never_panics(
        parts in prop::collection::vec(prop::sample::select(vec![
            "items:", "cities:", "\n", "  ", "\"1.1\":", "1.2:", "findings:", "[", "]", "{", "}", "- ", ",",
            "rule: no-doc", "rule: coordinators", "population:", "urban: 5", "staff: -1", "score: 9", "amount: 1e400",
            "&a ", "*a", "!!str ", "~", "submitted: 2014-02-30", "north:", "note: <script>", "\t", "#",
        ]), 0..60),
    ) {
        let text: String = parts.concat();
        let s = sources(vec![("north".into(), text.clone())], vec![("police".into(), text)]);
        let _ = parse(&s);
    }
}
