//! Every input the fuzzers (`fuzz/`, cargo-fuzz) found, replayed: the
//! Markdown ones must render without any attribute from the content, the
//! content ones must load without a panic and report on single lines.

use kaoping::content::{SourceFile, Sources, parse};
use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn markdown_findings_stay_fixed() {
    let found = inputs("markdown");
    assert!(!found.is_empty(), "the regressions are committed");
    for bytes in found {
        let html = kaoping::site::markdown::to_html(&String::from_utf8_lossy(&bytes), 2);
        assert!(!html.contains("class="), "{html}");
        assert!(!html.to_lowercase().contains("<script"), "{html}");
    }
}

#[test]
fn content_findings_stay_fixed() {
    let site = include_str!("fixtures/small/site.yaml");
    let standard = include_str!("fixtures/small/standard.yaml");
    for bytes in inputs("content") {
        let Some((&which, rest)) = bytes.split_first() else { continue };
        let text = String::from_utf8_lossy(rest).into_owned();
        let file = |id: &str, folder: &str, t: &str| SourceFile {
            id: id.into(),
            shown: format!("c/{folder}/{id}.yaml"),
            text: t.into(),
        };
        let mut s = Sources {
            shown: "c".into(),
            site: Some(site.into()),
            standard: Some(standard.into()),
            standard_md: Some(String::new()),
            cities: vec![file("north", "cities", "submitted: 2014-01-08\n")],
            units: vec![],
        };
        match which % 4 {
            0 => s.site = Some(text),
            1 => s.standard = Some(text),
            2 => s.cities[0].text = text,
            _ => s.units.push(file("police", "units", &text)),
        }
        for d in parse(&s).diags {
            assert!(!d.to_string().contains('\n'), "{d}");
        }
    }
}
