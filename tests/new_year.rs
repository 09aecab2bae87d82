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
