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
