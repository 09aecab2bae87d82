//! A folder from `kaoping init` for a new year: the closing message names
//! standard.md beside site.yaml, and `check` points out what is still
//! init's (the 2013 years of standard.md, the example roster).

mod common;
use common::*;

#[test]
fn init_names_standard_md_as_something_to_revise() {
    let root = tempfile::tempdir().unwrap();
    let c = root.path().join("c");
    let c = c.to_str().unwrap();
    let run = kaoping(&["init", c, "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last = run.stdout.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "also revise {c}/standard.md for 2024 (the method's text, now the 2013 wording and dates), item by item like site.yaml"
        )
    );
    let zh = root.path().join("z");
    let run = kaoping_zh(&["init", zh.to_str().unwrap(), "--year", "2024"]);
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        format!(
            "还要按2024年度修改 {}/standard.md（考评办法正文，现在是2013年的文字和日期），和 site.yaml 一样逐项核对",
            zh.to_str().unwrap()
        )
    );
}

#[test]
fn check_points_out_the_year_of_standard_md_and_the_example_roster() {
    let root = tempfile::tempdir().unwrap();
    let c = root.path().join("c");
    assert_eq!(kaoping(&["init", c.to_str().unwrap(), "--year", "2024"]).code, 0);
    let run = kaoping(&["check", "--content", c.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        ours(&run.stderr, root.path()),
        [
            "warning: C/c/site.yaml:12:3: report.docx marks the date (成文日期) blank, to fill in by hand: site.yaml gives no date under report:",
            "warning: C/c/site.yaml:17:7: the city roster is still the example kaoping init wrote (示例甲市 example-a、示例乙市 example-b): list the cities that take part, e.g. { id: jinan, name: 济南市 }",
            "warning: C/c/standard.md:3:76: standard.md still names the year 2013, but the assessment is for 2024: revise the years and dates in the method's text (2024 and 2025 are not pointed out, nor years in document numbers)",
        ]
    );
    let run = kaoping_zh(&["check", "--content", c.to_str().unwrap()]);
    assert_eq!(
        ours(&run.stderr, root.path()),
        [
            "警告：C/c/site.yaml:12:3：report.docx 中的成文日期将留出标明的空白，须手工填写：site.yaml 的 report: 下没有写 date",
            "警告：C/c/site.yaml:17:7：城市名单还是 kaoping init 写的示例（示例甲市 example-a、示例乙市 example-b）：请改为实际参加考评的城市，如 { id: jinan, name: 济南市 }",
            "警告：C/c/standard.md:3:76：standard.md 还写着2013年，本次考评是2024年度：请把考评办法正文中的年份和日期改为本年度的（2024年、2025年不提示，文件号中的年份不算）",
        ]
    );
    // Revised (and the report dated), neither is said: the assessment's year and the next are fine.
    let md = read("content/standard.md").replace("2013", "2024").replace("2014", "2025");
    std::fs::write(c.join("standard.md"), md).unwrap();
    let site = std::fs::read_to_string(c.join("site.yaml")).unwrap();
    let site = site.replace("{ id: example-a, name: 示例甲市 }", "{ id: jinan, name: 济南市 }");
    let site = site.replace("  # date: 2025-02-20 ", "  date: 2025-02-20 ");
    std::fs::write(c.join("site.yaml"), site.replace("  - { id: example-b, name: 示例乙市 }\n", "")).unwrap();
    let run = kaoping(&["check", "--content", c.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(ours(&run.stderr, root.path()).is_empty(), "{}", run.stderr);
}

/// The lines about site.yaml and standard.md (the others say that no file
/// came in yet).
fn ours(stderr: &str, dir: &std::path::Path) -> Vec<String> {
    lines(stderr, dir).into_iter().filter(|l| l.contains("/site.yaml") || l.contains("/standard.md")).collect()
}

#[test]
fn the_sample_names_only_its_own_years() {
    let run = kaoping(&["check", "--content", "content"]);
    assert!(!run.stderr.contains("standard.md") && !run.stderr.contains("roster"), "{}", run.stderr);
}

/// A new year starts clean (issue 21, item 7): a deadline left from an
/// earlier year and the standard's ##省 placeholder are warnings at their
/// lines, in both languages.
#[test]
fn old_deadlines_and_placeholders_are_pointed_out_at_their_lines() {
    let t = tempfile::tempdir().unwrap();
    let c = t.path().join("c");
    let cs = c.to_str().unwrap();
    assert_eq!(kaoping(&["init", cs, "--year", "2024"]).code, 0);
    // The year moved on, the deadlines did not.
    let site = std::fs::read_to_string(c.join("site.yaml")).unwrap().replace("year: 2024", "year: 2026");
    std::fs::write(c.join("site.yaml"), site).unwrap();
    let run = kaoping_zh(&["check", "--content", cs]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ours = ours(&run.stderr, t.path());
    assert!(
        ours.contains(
            &"警告：C/c/site.yaml:8:3：截止日期 2025-01-10 早于考评年度 2026 年：是不是上一年度沿用下来、还没改？"
                .to_string()
        ),
        "{ours:?}"
    );
    assert!(
        ours.contains(
            &"警告：C/c/site.yaml:9:3：截止日期 2025-02-10 早于考评年度 2026 年：是不是上一年度沿用下来、还没改？"
                .to_string()
        ),
        "{ours:?}"
    );
    let all = lines(&run.stderr, t.path());
    assert!(
        all.contains(
            &"警告：C/c/standard.yaml:44:34：这里还是占位文字“##省”（本文件共 4 处）：请改为本省（市）的名称"
                .to_string()
        ),
        "{all:?}"
    );
    let run = kaoping(&["check", "--content", cs]);
    assert!(run.stderr.contains("standard.yaml:44:34: the placeholder \"##省\" is still here (4 in this file): write the province's (city's) name"), "{}", run.stderr);
    // The sample (sample: true, example data on every page) keeps the
    // seed's ##省 without a warning.
    let sample = kaoping(&["check", "--content", "content"]);
    assert!(!sample.stderr.contains("##省"), "{}", sample.stderr);
}
