//! `kaoping diff`: two publications of the sample, the second after a
//! review (复核) with a deduction added, one changed and an award score
//! lowered; exact lines in both languages, both ways, and the 更正说明 page.

mod common;

use common::{kaoping, kaoping_zh};
use std::path::{Path, PathBuf};

/// The sample built as published, and built again after the review.
fn two_publications(tmp: &Path) -> (PathBuf, PathBuf) {
    let reviewed = tmp.join("content");
    common::copy_dir(&common::root().join("content"), &reviewed);
    let site = std::fs::read_to_string(reviewed.join("site.yaml")).unwrap();
    let site: String = site.lines().filter(|l| !l.starts_with("theme:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(reviewed.join("site.yaml"), site).unwrap();
    let civil = std::fs::read_to_string(reviewed.join("units/civil.yaml")).unwrap();
    let civil = civil
        .replace(
            "    \"5.4\": { findings: [] }\n    \"6.1\": { score: 4 }",
            "    \"5.4\":\n      findings:\n        - { rule: not-done, amount: 1, note: 复核发现救助站台账不全 }\n    \"6.1\": { score: 3 }",
        )
        .replace("amount: 2, note: 流浪未成年人救助保护机制未建立", "amount: 1, note: 复核后认定机制已初步建立");
    std::fs::write(reviewed.join("units/civil.yaml"), civil).unwrap();
    let (old, new) = (tmp.join("first"), tmp.join("review"));
    for (content, out) in [(common::root().join("content"), &old), (reviewed, &new)] {
        let run = kaoping(&["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    (old, new)
}

const ITEM_54: &str = "5.4 健全社区公共服务体系,积极开展做好社区志愿服务,做好城市生活无着的流浪乞讨人员的救助管理工作和流浪未成年人的救助保护工作";
/// The rule as the standard words it; the English console adds its id.
const RULE: &str = "工作不落实,视情扣1-3分 (not-done)";
const RULE_ZH: &str = "工作不落实,视情扣1-3分";
const ITEM_61: &str = "6.1 按要求完成省综治委及实有人口专项组部署的工作任务";

#[test]
fn a_review_explained_city_by_city() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = two_publications(tmp.path());
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = kaoping(&["diff", o, n]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let expected = [
        format!("{o} → {n}: 2 of 17 cities changed"),
        "青岚市 (qinglan): total 97.93 → 96.8; weighted score 13.71 → 13.55; rank 1".into(),
        format!("  deduction added: item {ITEM_54}; rule {RULE}; by 省民政厅; amount 1; note: 复核发现救助站台账不全"),
        format!("  score changed: item {ITEM_61}; 3.63 → 3.5"),
        "沧澜市 (canglan): total 81.17 → 82.17; weighted score 11.36 → 11.5; rank 15".into(),
        format!(
            "  deduction changed: item {ITEM_54}; rule {RULE}; by 省民政厅; amount 2 → 1; note: 流浪未成年人救助保护机制未建立 → 复核后认定机制已初步建立"
        ),
    ];
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);

    // Backwards, from the two results.json files, in Chinese: the added
    // deduction is removed.
    let (oj, nj) = (format!("{n}/results.json"), format!("{o}/results.json"));
    let run = kaoping_zh(&["diff", &oj, &nj]);
    let expected = [
        format!("{oj} → {nj}：17个市中有2个市结果变化"),
        "青岚市（qinglan）：总分 96.8 → 97.93；折算得分 13.55 → 13.71；排名 1".into(),
        format!("  撤销扣分：项目 {ITEM_54}；规则 {RULE_ZH}；认定单位 省民政厅；1分；说明：复核发现救助站台账不全"),
        format!("  得分变更：项目 {ITEM_61}；3.5 → 3.63分"),
        "沧澜市（canglan）：总分 82.17 → 81.17；折算得分 11.5 → 11.36；排名 15".into(),
        format!(
            "  变更扣分：项目 {ITEM_54}；规则 {RULE_ZH}；认定单位 省民政厅；1 → 2分；说明：复核后认定机制已初步建立 → 流浪未成年人救助保护机制未建立"
        ),
    ];
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn without_standard_json_rules_are_shown_by_id_and_a_page_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = two_publications(tmp.path());
    std::fs::remove_file(new.join("standard.json")).unwrap();
    std::fs::remove_file(old.join("standard.json")).unwrap();
    let page = tmp.path().join("更正说明.html");
    let run = kaoping(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--html", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[2],
        "  deduction added: item 5.4; rule not-done; by 省民政厅; amount 1; note: 复核发现救助站台账不全"
    );
    assert_eq!(lines.last().unwrap(), &format!("the changes are written to {}", page.display()));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h2 id=\"city-qinglan\">青岚市</h2>"), "{html}");
    // Marked as the publication's own pages are: the band, and the print margin.
    assert!(html.contains("<div class=\"marks\" role=\"note\"><span class=\"marking\">内部资料</span>"), "{html}");
    assert!(html.contains("@top-left { content: \"内部资料\";"), "{html}");
    // The page is Chinese: no rule id, but what is missing.
    let row =
        "<td>新增扣分</td><td>5.4</td><td>名称不详（standard.json 缺失）</td><td>省民政厅</td><td class=\"num\">1</td>";
    assert!(html.contains(row), "{html}");
    assert!(!html.contains("not-done"), "{html}");
    let run = kaoping_zh(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(
        run.stdout.lines().nth(2),
        Some(
            "  新增扣分：项目 5.4；规则 名称不详（standard.json 缺失）；认定单位 省民政厅；1分；说明：复核发现救助站台账不全"
        )
    );
    // The CSP meta says http-equiv; no address may reach outside.
    assert!(!html.contains("<script") && !html.contains("://"), "self-contained");
    // Like every page: the publication's title (its year in it) and both fingerprints.
    assert!(
        html.contains("<title>更正说明：考评结果变化情况 — 2013年度实有人口专项组考评结果（示例）</title>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"publication\">2013年度实有人口专项组考评结果（示例）</p>"), "{html}");
    assert_eq!(html.matches("（数据指纹 ").count(), 2, "{html}");
}

#[test]
fn the_same_publication_twice_has_no_change_and_bad_arguments_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, _) = two_publications(tmp.path());
    let o = old.to_str().unwrap();
    let run = kaoping(&["diff", o, o]);
    assert_eq!(run.stdout, format!("{o} → {o}: no city changed (17 cities)\n"));
    let missing = tmp.path().join("nothing");
    let run = kaoping_zh(&["diff", o, missing.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("错误：{}：没有这个文件或文件夹；请写已发布的网站文件夹或其中的 results.json\n", missing.display())
    );
    std::fs::write(tmp.path().join("results.json"), "{\"cities\": 3}").unwrap();
    let run = kaoping(&["diff", o, tmp.path().join("results.json").to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("results.json: this is not a results.json kaoping can read: invalid type"),
        "{}",
        run.stderr
    );
    let run = kaoping_zh(&["diff", o, tmp.path().join("results.json").to_str().unwrap()]);
    assert!(
        run.stderr.ends_with(
            "results.json：这不是 kaoping 能读的 results.json：第 1 行第 12 列的内容与 kaoping 写出的不符\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn names_with_terminal_control_characters_are_shown_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = two_publications(tmp.path());
    // A results.json edited by hand: a city name that would retitle the
    // terminal, colour it, and turn the line around.
    let path = new.join("results.json");
    let json = std::fs::read_to_string(&path).unwrap();
    let hostile = r#""name":"\u001b]0;pwned\u0007\u001b[31m青岚市\u202efdp.exe""#;
    std::fs::write(&path, json.replacen("\"name\":\"青岚市\"", hostile, 1)).unwrap();
    let run = kaoping(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{:?}", run.stdout);
    let line = run.stdout.lines().find(|l| l.contains("qinglan")).unwrap();
    assert!(line.starts_with(" ]0;pwned  [31m青岚市\\u{202e}fdp.exe (qinglan): "), "{line:?}");
}

#[cfg(unix)]
#[test]
fn the_page_is_written_through_no_planted_link() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = two_publications(tmp.path());
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The temporary name the page used to be written to, planted as a link,
    // and the page's own name a link too.
    let page = tmp.path().join("out/changes.html");
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    symlink(&victim, tmp.path().join("out/.changes.html.kaoping-tmp")).unwrap();
    symlink(&victim, &page).unwrap();
    let run = kaoping(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--html", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious", "nothing written through a link");
    assert!(std::fs::symlink_metadata(&page).unwrap().is_file(), "the link at the page's name is replaced");
    assert!(std::fs::read_to_string(&page).unwrap().contains("更正说明"));
    // Without the new publication's source/, the page cannot know its marking, and says so.
    std::fs::remove_dir_all(new.join("source")).unwrap();
    let run = kaoping(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--html", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("there is no source/site.yaml here"), "{}", run.stderr);
    assert!(!std::fs::read_to_string(&page).unwrap().contains("class=\"marks\""));
    let mut names: Vec<_> =
        std::fs::read_dir(tmp.path().join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, [".changes.html.kaoping-tmp", "changes.html"], "no temporary file left");
}
