//! Every input the fuzzers (`fuzz/`, cargo-fuzz) found, and the hostile
//! inputs that once broke the content code, replayed as the fuzz targets
//! run them: the Markdown ones must render without any attribute from the
//! content; the content ones (first byte: which file, the rest its text,
//! the other files the small fixture's) must load, score and give JSON
//! without a panic, with every diagnostic on one line; the workbook ones
//! are refused by import's reading. A regressions folder
//! that is missing or empty fails: nothing would be replayed.

use kaoping::content::{SourceFile, Sources, parse};
use std::path::Path;

/// The inputs in `fuzz/regressions/<target>`, by name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty: the regressions are committed", dir.display());
    files.iter().map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(p).unwrap())).collect()
}

#[test]
fn markdown_findings_stay_fixed() {
    for (name, bytes) in inputs("markdown") {
        let html = kaoping::site::markdown::to_html(&String::from_utf8_lossy(&bytes), 2);
        assert!(!html.contains("class="), "{name}: {html}");
        assert!(!html.to_lowercase().contains("<script"), "{name}: {html}");
    }
}

#[test]
fn content_findings_stay_fixed() {
    let site = include_str!("fixtures/small/site.yaml");
    let standard = include_str!("fixtures/small/standard.yaml");
    let north = include_str!("fixtures/small/cities/north.yaml");
    let police = include_str!("fixtures/small/units/police.yaml");
    let found = inputs("content");
    assert!(found.len() >= 15, "{} inputs", found.len());
    for (name, bytes) in found {
        let (&which, rest) = bytes.split_first().unwrap_or_else(|| panic!("{name} is empty"));
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
            cities: vec![file("north", "cities", north)],
            units: vec![file("police", "units", police)],
        };
        match which % 4 {
            0 => s.site = Some(text),
            1 => s.standard = Some(text),
            2 => s.cities[0].text = text.into(),
            _ => s.units[0].text = text.into(),
        }
        let loaded = parse(&s);
        for d in &loaded.diags {
            assert!(!d.to_string().contains('\n'), "{name}: {d}");
        }
        // The hostile inputs written by hand are all refused; the fuzzers'
        // corpus inputs may load.
        if !name.starts_with("corpus-") {
            assert!(loaded.diags.iter().any(|d| d.is_error()), "{name} is refused");
        }
        if let Some(content) = loaded.content {
            let results = kaoping::scoring::score(&content);
            let json = kaoping::site::data::json(&content, &results);
            assert!(json.starts_with(b"{") && json.ends_with(b"}\n"), "{name}");
        }
    }
}

/// The workbooks of issue 28 (declared counts, 14 million empty strings, a
/// note of 20 MB, .ods claiming every cell, an old .xls) and whatever the
/// `workbook` fuzzer finds, read as that target reads them: the first
/// byte 0 means the rest is a whole file. Each is refused with one-line
/// diagnostics, never a panic.
#[test]
fn workbook_findings_stay_fixed() {
    let content = kaoping::content::load(Path::new("content"), "content", None).content.expect("the sample loads");
    let found = inputs("workbook");
    assert!(found.len() >= 7, "{} inputs", found.len());
    for (name, bytes) in found {
        let (&shape, rest) = bytes.split_first().unwrap_or_else(|| panic!("{name} is empty"));
        assert_eq!(shape, 0, "{name}: only whole files are kept here");
        let (sub, diags) = kaoping::sheets::import::from_bytes(&content, Path::new("content"), "w.xlsx", rest);
        assert!(sub.is_none() && diags.iter().any(|d| d.is_error()), "{name} is refused");
        for d in &diags {
            assert!(!d.to_string().contains('\n'), "{name}: {d}");
        }
    }
}
