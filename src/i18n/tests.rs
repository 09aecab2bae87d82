//! The catalogs agree with each other and with the code.

use super::*;
use std::collections::BTreeSet;

#[test]
fn both_catalogs_hold_the_same_keys_and_placeholders() {
    let zh = parse_catalog(ZH);
    let en = parse_catalog(EN);
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "in zh.txt but not en.txt: {only_zh:?}");
    assert!(only_en.is_empty(), "in en.txt but not zh.txt: {only_en:?}");
    for (key, z) in &zh {
        let a: BTreeSet<_> = placeholders(z).into_iter().collect();
        let b: BTreeSet<_> = placeholders(en[key]).into_iter().collect();
        assert_eq!(a, b, "placeholders of {key} differ between zh.txt and en.txt");
    }
}

#[test]
fn catalog_lines_are_well_formed() {
    for (name, text) in [("zh.txt", ZH), ("en.txt", EN)] {
        let mut seen = BTreeSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (k, _) = line.split_once(" = ").unwrap_or_else(|| panic!("{name}:{}: not `key = text`", n + 1));
            assert!(seen.insert(k.trim()), "{name}:{}: key {k} given twice", n + 1);
        }
    }
}

/// Every key the code names with `t!("…"` or `i18n::text("…"` is in the
/// catalogs (one catalog is enough: the test above makes them equal).
#[test]
fn every_key_in_the_code_is_in_the_catalogs() {
    let zh = parse_catalog(ZH);
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        // The catalog's own module names keys in its docs and tests only.
        if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().starts_with(src.join("i18n")) {
            continue;
        }
        let code = std::fs::read_to_string(entry.path()).unwrap();
        for pat in ["t!(\"", "i18n::text(\"", "i18n::render(lang, \""] {
            for (at, _) in code.match_indices(pat) {
                // `t!(` as a word, not the end of `format!(`.
                if code[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &code[at + pat.len()..];
                let key = &rest[..rest.find('"').unwrap_or(0)];
                if !key.is_empty() && !zh.contains_key(key) {
                    missing.push(format!("{}: {key}", entry.path().display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys missing from the catalogs: {missing:?}");
}

#[test]
fn renders_placeholders_in_each_language() {
    let n = 3;
    assert_eq!(render(Lang::En, "demo.errors", &[("n", &n)]), "3 errors");
    assert_eq!(render(Lang::Zh, "demo.errors", &[("n", &n)]), "3 个错误");
    assert_eq!(render(Lang::En, "no.such.key", &[("n", &n)]), "no.such.key n=3");
}

#[test]
fn the_language_is_chosen_flag_first_then_environment_then_system() {
    assert_eq!(choose(Some("en"), Some("zh"), Some("zh_CN.UTF-8")), Lang::En);
    assert_eq!(choose(None, Some("en"), Some("zh_CN.UTF-8")), Lang::En);
    assert_eq!(choose(None, None, Some("zh_CN.UTF-8")), Lang::Zh);
    assert_eq!(choose(None, None, Some("zh-Hans-CN")), Lang::Zh);
    assert_eq!(choose(None, None, Some("en-US")), Lang::En);
    assert_eq!(choose(None, None, Some("fr_FR.UTF-8")), Lang::En);
    assert_eq!(choose(None, None, None), Lang::Zh);
    assert_eq!(choose(None, None, Some("C")), Lang::Zh);
    assert_eq!(choose(None, None, Some("C.UTF-8")), Lang::Zh);
    assert_eq!(choose(Some("xx"), None, Some("en_US")), Lang::En);
    assert_eq!(choose(Some("zhx"), None, Some("en_US")), Lang::En);
    assert_eq!(choose(None, Some(""), Some("zh_CN")), Lang::Zh);
}

#[test]
fn a_language_kaoping_does_not_speak_is_refused() {
    assert_eq!(unsupported(Some("zh"), Some("fr")), None);
    assert_eq!(unsupported(None, Some("en_US.UTF-8")), None);
    assert_eq!(unsupported(None, Some("")), None);
    assert_eq!(unsupported(None, None), None);
    assert_eq!(
        unsupported(Some("fr"), Some("zh")).as_deref(),
        Some("--lang is fr, a language kaoping does not speak: write zh (Chinese) or en (English)")
    );
    assert_eq!(
        unsupported(None, Some("english")).as_deref(),
        Some("KAOPING_LANG is english, a language kaoping does not speak: write zh (Chinese) or en (English)")
    );
}
