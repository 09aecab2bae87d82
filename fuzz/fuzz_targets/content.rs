//! Arbitrary bytes as one file of a content folder (the first byte picks
//! which: site.yaml, standard.yaml, a city's or a unit's file), the other
//! files being the small fixture's: loading, checking, scoring and the JSON
//! output must never panic, and every diagnostic is one line.
#![no_main]

use kaoping::content::{SourceFile, Sources, parse};
use libfuzzer_sys::fuzz_target;

const SITE: &str = include_str!("../../tests/fixtures/small/site.yaml");
const STANDARD: &str = include_str!("../../tests/fixtures/small/standard.yaml");
const NORTH: &str = include_str!("../../tests/fixtures/small/cities/north.yaml");
const POLICE: &str = include_str!("../../tests/fixtures/small/units/police.yaml");

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let file = |id: &str, folder: &str, text: &str| SourceFile {
        id: id.into(),
        shown: format!("c/{folder}/{id}.yaml"),
        text: text.into(),
    };
    let mut sources = Sources {
        shown: "c".into(),
        site: Some(SITE.into()),
        standard: Some(STANDARD.into()),
        standard_md: Some(String::new()),
        cities: vec![file("north", "cities", NORTH)],
        units: vec![file("police", "units", POLICE)],
    };
    match which % 4 {
        0 => sources.site = Some(text.into()),
        1 => sources.standard = Some(text.into()),
        2 => sources.cities[0].text = text.into(),
        _ => sources.units[0].text = text.into(),
    }
    let loaded = parse(&sources);
    for d in &loaded.diags {
        assert!(!d.to_string().contains('\n'), "a diagnostic spans lines: {d}");
    }
    if let Some(content) = loaded.content {
        let results = kaoping::scoring::score(&content);
        let json = kaoping::site::data::json(&content, &results);
        assert!(serde_json_check(&json));
    }
});

/// The JSON output is valid JSON (numbers written from exact decimals).
fn serde_json_check(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| s.starts_with('{') && s.ends_with("}\n"))
}
