//! An inspection that gives a city more than it claimed itself: a warning
//! at `check` per city and item, and the index's list 自评与核查不一致.

mod common;
use common::*;

/// 北城市 subtracts 2 on 2.1 itself, the police find 1.5 (0.5 more);
/// 南城市 admits no-plan on 1.1 (3 points), the office finds nothing (3 more).
fn content() -> tempfile::TempDir {
    let north = read("tests/fixtures/small/cities/north.yaml").replace(
        "\"2.1\": { findings: [] }",
        "\"2.1\": { findings: [ { rule: not-done, amount: 2, note: 查处不力 } ] }",
    );
    let south = read("tests/fixtures/small/cities/south.yaml")
        .replace("\"1.1\": { findings: [] }", "\"1.1\": { findings: [ { rule: no-plan, note: 方案未印发 } ] }");
    fixture("small", &[("cities/north.yaml", Some(north.as_bytes())), ("cities/south.yaml", Some(south.as_bytes()))])
}

#[test]
fn check_warns_for_each_city_and_item_the_inspection_raises() {
    let dir = content();
    let c = dir.path().to_str().unwrap();
    let run = kaoping(&["check", "--content", c]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<String> =
        lines(&run.stderr, dir.path()).into_iter().filter(|l| l.contains("the inspection counts")).collect();
    assert_eq!(
        warnings,
        [
            "warning: C/cities/south.yaml: 南城市, item 1.1: self-assessed 2, inspected by 办公室 as 5; the inspection counts, 3 more than the city claimed: make sure the unit did inspect this item",
            "warning: C/cities/north.yaml: 北城市, item 2.1: self-assessed −2, inspected by 公安厅 as −1.5; the inspection counts, 0.5 more than the city claimed: make sure the unit did inspect this item",
        ]
    );
    let run = kaoping_zh(&["check", "--content", c]);
    let warnings: Vec<String> =
        lines(&run.stderr, dir.path()).into_iter().filter(|l| l.contains("按核查计分")).collect();
    assert_eq!(
        warnings,
        [
            "警告：C/cities/south.yaml：南城市的项目 1.1：自评 2 分，办公室核查为 5 分，按核查计分，比自评多 3 分；请核对核查单位是否确实检查了这一项",
            "警告：C/cities/north.yaml：北城市的项目 2.1：自评 −2 分，公安厅核查为 −1.5 分，按核查计分，比自评多 0.5 分；请核对核查单位是否确实检查了这一项",
        ]
    );
}

#[test]
fn the_index_lists_them_largest_first() {
    let dir = content();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = kaoping(&["build", "--content", dir.path().to_str().unwrap(), "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<h2 id=\"overrides\">自评与核查不一致</h2>"), "{index}");
    let rows = index.split("<table class=\"overrides\">").nth(1).unwrap().split("</tbody>").next().unwrap();
    assert!(rows.contains(
        "<tr><td>1.1</td><th scope=\"row\"><a href=\"cities/south.html\">南城市</a></th><td class=\"num\">2</td><td class=\"num\">5</td><td class=\"num\">3</td><td>办公室</td></tr>\n\
         <tr><td>2.1</td><th scope=\"row\"><a href=\"cities/north.html\">北城市</a></th><td class=\"num\">−2</td><td class=\"num\">−1.5</td><td class=\"num\">0.5</td><td>公安厅</td></tr>"
    ), "{rows}");
    // Without such a case there is no such section.
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!std::fs::read_to_string(site.join("index.html")).unwrap().contains("自评与核查不一致"));
}
