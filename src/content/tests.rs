//! Checks of a whole content folder given as text (`parse`, no disk): the
//! small fixture with one file changed.

use super::{SourceFile, Sources, parse};

fn small() -> Sources {
    let file = |id: &str, folder: &str, text: &str| SourceFile {
        id: id.into(),
        shown: format!("c/{folder}/{id}.yaml"),
        text: text.into(),
    };
    Sources {
        shown: "c".into(),
        site: Some(include_str!("../../tests/fixtures/small/site.yaml").into()),
        standard: Some(include_str!("../../tests/fixtures/small/standard.yaml").into()),
        standard_md: Some(String::new()),
        cities: vec![file("north", "cities", include_str!("../../tests/fixtures/small/cities/north.yaml"))],
        units: vec![file("police", "units", include_str!("../../tests/fixtures/small/units/police.yaml"))],
    }
}

fn errors(src: &Sources) -> Vec<String> {
    parse(src).diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

#[test]
fn a_roster_names_each_id_and_each_name_once() {
    let mut src = small();
    let site = src.site.clone().unwrap_or_default();
    src.site = Some(site.replace("{ id: east, name: 东城市 }", "{ id: north, name: 东城市 }"));
    assert_eq!(errors(&src), ["error: c/site.yaml:10:11: city id \"north\" is listed twice"]);
    src.site = Some(site.replace("{ id: east, name: 东城市 }", "{ id: east, name: 北城市 }"));
    assert_eq!(errors(&src), ["error: c/site.yaml:10:11: city name \"北城市\" is listed twice"]);
    src.site = Some(site.replace("{ id: police, name: 公安厅 }", "{ id: office, name: 办公室 }"));
    assert_eq!(errors(&src), ["error: c/site.yaml:13:11: unit id \"office\" is listed twice"]);
}

/// What a load with `serve`'s cache gives, as lines: every message, and
/// the roster's names.
fn cached(src: &Sources, cache: &mut super::Cache) -> (Vec<String>, Vec<String>) {
    let loaded = super::parse_cached(src, Some(cache));
    let names = loaded.content.map(|c| c.site.cities.into_iter().map(|m| m.name).collect()).unwrap_or_default();
    (loaded.diags.iter().map(ToString::to_string).collect(), names)
}

#[test]
fn site_and_standard_kept_by_the_cache_are_parsed_again_when_their_text_changes() {
    let mut cache = super::Cache::default();
    let src = small();
    let first = cached(&src, &mut cache);
    assert_eq!(first, (parse(&src).diags.iter().map(ToString::to_string).collect(), cached(&src, &mut cache).1));
    // Kept: the same messages and content again.
    assert_eq!(cached(&src, &mut cache), first);
    // A name changed in site.yaml is seen.
    let mut renamed = small();
    renamed.site = renamed.site.map(|s| s.replace("{ id: east, name: 东城市 }", "{ id: east, name: 东新市 }"));
    let (_, names) = cached(&renamed, &mut cache);
    assert!(names.contains(&"东新市".to_string()) && !names.contains(&"东城市".to_string()), "{names:?}");
    // An error in either file is reported, every time, and goes once fixed.
    let mut broken = small();
    broken.standard = broken.standard.map(|s| s.replacen("points:", "points: [", 1));
    let want: Vec<String> = errors(&broken);
    assert!(!want.is_empty());
    for _ in 0..2 {
        let (diags, names) = cached(&broken, &mut cache);
        assert_eq!(diags.into_iter().filter(|d| d.starts_with("error")).collect::<Vec<_>>(), want);
        assert!(names.is_empty());
    }
    assert_eq!(cached(&src, &mut cache), first);
    // The same texts under another folder's name are not taken for them.
    let mut elsewhere = small();
    elsewhere.shown = "d".into();
    elsewhere.standard = broken.standard.clone();
    let (diags, _) = cached(&elsewhere, &mut cache);
    assert!(diags.iter().any(|d| d.starts_with("error: d/standard.yaml")), "{diags:?}");
    // A site.yaml that could not be read, then one that is empty: not the
    // same file, and the second has its error.
    let mut missing = small();
    missing.site = None;
    cached(&missing, &mut cache);
    let mut empty = small();
    empty.site = Some(String::new());
    let (diags, _) = cached(&empty, &mut cache);
    assert_eq!(diags.iter().filter(|d| d.starts_with("error")).cloned().collect::<Vec<_>>(), errors(&empty));
    assert!(diags.iter().any(|d| d.starts_with("error: c/site.yaml")), "{diags:?}");
}
