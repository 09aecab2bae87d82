//! A clerk's real mistakes (issue 14), each answered with one message that
//! names the mistake's own line and column and the fix, pinned in English
//! and in Chinese. Each case changes one file of the `small` fixture.

mod common;
use common::*;

const SOUTH: &str = "submitted: 2014-01-08\nitems:\n  \"1.1\": { findings: [] }\n  \"1.2\":\n    findings:\n      - { rule: coordinators, population: { urban: 800000, rural: 500000 }, staff: 1720, note: 正好86% }\n  \"1.3\": { score: 2 }\n";

/// `check` on the small fixture with `file` replaced by `text`: the exit
/// code, then stderr's lines (the folder shown as `C`) in English and in
/// Chinese, then stdout's last line in each.
fn check(file: &str, text: &str) -> (i32, Vec<String>, Vec<String>, String, String) {
    let dir = fixture("small", &[(file, Some(text.as_bytes()))]);
    let c = dir.path().to_str().unwrap();
    let en = kaoping(&["check", "--content", c]);
    let zh = kaoping_zh(&["check", "--content", c]);
    assert_eq!(en.code, zh.code);
    let last = |s: &str| s.lines().last().unwrap_or("").replace(c, "C");
    (en.code, lines(&en.stderr, dir.path()), lines(&zh.stderr, dir.path()), last(&en.stdout), last(&zh.stdout))
}

/// The one error of a broken south.yaml, in both languages.
fn one_error(text: &str) -> (String, String) {
    let (code, en, zh, _, _) = check("cities/south.yaml", text);
    assert_eq!(code, 1, "{en:?}");
    assert_eq!((en.len(), zh.len()), (1, 1), "{en:?} {zh:?}");
    (en[0].clone(), zh[0].clone())
}

#[test]
fn a_full_width_colon_is_named_where_it_is() {
    let (en, zh) = one_error(&SOUTH.replace("submitted: ", "report: \"\"\nsubmitted："));
    // The parser's own words, after "stopped at", are its own (and change
    // with it); the hint before them is kaoping's.
    assert!(
        en.starts_with("error: C/cities/south.yaml:2:10: line 2, column 10: \"：\" is a Chinese (full-width) colon; write an English colon \":\" followed by a space (the YAML reader stopped at "),
        "{en}"
    );
    assert!(
        zh.starts_with("错误：C/cities/south.yaml:2:10：第2行第10列的\"：\"是中文冒号，请改为英文冒号\":\"并在后面加一个空格（YAML 读取在 "),
        "{zh}"
    );
}

#[test]
fn a_full_width_comma_between_keys_is_named() {
    let (en, zh) = one_error(&SOUTH.replace("staff: 1720, note", "staff: 1720，note"));
    assert!(en.starts_with("error: C/cities/south.yaml:6:88: line 6, column 88: \"，\" is a Chinese (full-width) comma between two keys in { }; write an English comma \",\" (the YAML reader stopped at "), "{en}");
    assert!(zh.starts_with("错误：C/cities/south.yaml:6:88：第6行第88列的\"，\"是中文逗号，在 { } 里分隔两项时请改为英文逗号\",\"（YAML 读取在 "), "{zh}");
}

#[test]
fn an_ideographic_space_and_a_tab_in_the_indentation_are_named() {
    let (en, zh) = one_error(&SOUTH.replace("  \"1.3\"", "\u{3000} \"1.3\""));
    // Read as a key of its own: the key holds the space.
    assert_eq!(
        en,
        "error: C/cities/south.yaml:7:1: line 7, column 1: a Chinese (full-width) space; indent with English spaces only"
    );
    assert_eq!(zh, "错误：C/cities/south.yaml:7:1：第7行第1列是一个中文全角空格，请删掉，缩进只能用英文半角空格");
    let (en, zh) = one_error(&SOUTH.replace("      - { rule", "     \u{3000}- { rule"));
    assert!(en.starts_with("error: C/cities/south.yaml:6:6: line 6, column 6: a Chinese (full-width) space; indent with English spaces only (the YAML reader stopped at "), "{en}");
    assert!(
        zh.starts_with("错误：C/cities/south.yaml:6:6：第6行第6列是一个中文全角空格，请删掉，缩进只能用英文半角空格（"),
        "{zh}"
    );
    let (en, zh) = one_error(&SOUTH.replace("    findings:\n", "\tfindings:\n"));
    assert!(en.starts_with("error: C/cities/south.yaml:5:1: line 5, column 1: a tab; indent with spaces only (the YAML reader stopped at "), "{en}");
    assert!(
        zh.starts_with("错误：C/cities/south.yaml:5:1：第5行第1列是一个制表符（Tab），请改为空格，缩进只能用空格（"),
        "{zh}"
    );
}

#[test]
fn full_width_brackets_and_dashes_are_named() {
    let (en, zh) = one_error(&SOUTH.replace("      - { rule", "      － { rule"));
    assert!(en.starts_with("error: C/cities/south.yaml:6:7: line 6, column 7: \"－\" is a Chinese (full-width) dash; a list item starts with an English \"-\" and a space ("), "{en}");
    assert!(zh.starts_with("错误：C/cities/south.yaml:6:7：第6行第7列的\"－\"是中文破折号，列表的每一项要以英文短横线\"-\"加一个空格开头（"), "{zh}");
    let (en, zh) = one_error(&SOUTH.replace("- { rule", "- ｛ rule"));
    assert!(en.starts_with("error: C/cities/south.yaml:6:9: line 6, column 9: \"｛\" is a Chinese (full-width) bracket; write the English \"{\" ("), "{en}");
    assert!(
        zh.starts_with("错误：C/cities/south.yaml:6:9：第6行第9列的\"｛\"是中文括号，请改为英文括号\"{\"（"),
        "{zh}"
    );
}

#[test]
fn full_width_brackets_read_as_text_are_named() {
    let (en, zh) = one_error(&SOUTH.replace("\"1.1\": { findings: [] }", "\"1.1\":\n    findings: ［］"));
    assert_eq!(
        en,
        "error: C/cities/south.yaml:4:15: line 4, column 15: \"［\" is a Chinese (full-width) bracket; write the English \"[\""
    );
    assert_eq!(zh, "错误：C/cities/south.yaml:4:15：第4行第15列的\"［\"是中文括号，请改为英文括号\"[\"");
}

#[test]
fn a_report_that_is_not_indented_is_named() {
    let (en, zh) = one_error(&SOUTH.replace("items:", "report: 全年工作部署到位，\n各项任务完成。\nitems:"));
    assert!(en.starts_with("error: C/cities/south.yaml:3:1: line 3 continues the report but is not indented: write `report: |` and indent every line of the text by two spaces ("), "{en}");
    assert!(zh.starts_with("错误：C/cities/south.yaml:3:1：第3行是报告正文的续行，但没有缩进：请把上面写成 `report: |`，正文每一行前面空两格（"), "{zh}");
}

#[test]
fn brackets_kept_above_a_list_are_named() {
    let text = SOUTH.replace("  \"1.1\": { findings: [] }", "  \"1.1\":\n    findings: []\n      - { rule: no-plan }");
    let (en, zh) = one_error(&text);
    assert!(en.starts_with("error: C/cities/south.yaml:4:15: line 4, column 15: \"[]\" means an empty list, but a list follows below it; delete the [] after findings: ("), "{en}");
    assert!(
        zh.starts_with(
            "错误：C/cities/south.yaml:4:15：第4行第15列的 [] 表示“没有”，下面却又列了内容：删掉 findings: 后面的 []（"
        ),
        "{zh}"
    );
}

#[test]
fn a_comma_inside_braces_that_splits_a_value_is_named() {
    let (en, zh) = one_error(&SOUTH.replace("urban: 800000", "urban: 800,000"));
    assert_eq!(
        en,
        "error: C/cities/south.yaml:6:56: \"000\" comes right after an English comma inside { }, which splits the value there: write numbers without thousands separators (200000, not 200,000), and put text that contains a comma in quotes (\"...\")"
    );
    assert_eq!(
        zh,
        "错误：C/cities/south.yaml:6:56：{ } 里的英文逗号把值拆开了，逗号后面的\"000\"被当成了单独一项：数字不要加千位分隔符（写 200000，不写 200,000）；含逗号的文字请加英文引号，如 note: \"登记不全, 协管员不足\""
    );
    let (en, zh) = one_error(&SOUTH.replace("note: 正好86%", "note: 登记不全, 协管员不足"));
    assert!(
        en.starts_with(
            "error: C/cities/south.yaml:6:102: \"协管员不足\" comes right after an English comma inside { }"
        ),
        "{en}"
    );
    assert!(
        zh.starts_with(
            "错误：C/cities/south.yaml:6:102：{ } 里的英文逗号把值拆开了，逗号后面的\"协管员不足\"被当成了单独一项"
        ),
        "{zh}"
    );
}

#[test]
fn a_file_named_after_the_city_is_told_its_id() {
    let dir = fixture("small", &[("cities/南城市.yaml", Some(SOUTH.as_bytes()))]);
    let c = dir.path().to_str().unwrap();
    let en = lines(&kaoping(&["check", "--content", c]).stderr, dir.path());
    let zh = lines(&kaoping_zh(&["check", "--content", c]).stderr, dir.path());
    assert_eq!(
        en,
        ["error: C/cities/南城市.yaml: name the file after the id, not the name: rename \"南城市.yaml\" to south.yaml"]
    );
    assert_eq!(zh, ["错误：C/cities/南城市.yaml：文件名要用编号，不用名称：请把\"南城市.yaml\"改名为 south.yaml"]);
}

#[test]
fn chinese_date_forms_are_read_exactly() {
    for date in ["2014年1月8日", "2014/1/8", "2014.1.8"] {
        let text = SOUTH.replace("2014-01-08", date);
        let dir = fixture("small", &[("cities/south.yaml", Some(text.as_bytes()))]);
        let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
        assert_eq!(run.code, 0, "{date}: {}", run.stderr);
        // Read as 2014-01-08: on time, so south gets no late warning.
        assert!(!run.stderr.contains("south.yaml: the self-assessment"), "{date}: {}", run.stderr);
    }
    let late = SOUTH.replace("2014-01-08", "2014年1月12日");
    let (code, en, zh, _, _) = check("cities/south.yaml", &late);
    assert_eq!(code, 0);
    assert!(en.contains(&"warning: C/cities/south.yaml: the self-assessment of 南城市 was submitted 2014-01-12, after the deadline 2014-01-10".to_string()), "{en:?}");
    assert!(
        zh.contains(
            &"警告：C/cities/south.yaml：南城市的自查自评报送于 2014-01-12，晚于截止日期 2014-01-10".to_string()
        ),
        "{zh:?}"
    );
}

#[test]
fn an_impossible_date_is_said_not_to_exist() {
    let (en, zh) = one_error(&SOUTH.replace("2014-01-08", "2014-02-30"));
    assert_eq!(
        en,
        "error: C/cities/south.yaml:1:12: submitted: the date \"2014-02-30\" does not exist (no such day in that month)"
    );
    assert_eq!(
        zh,
        "错误：C/cities/south.yaml:1:12：submitted（报送日期）：日期\"2014-02-30\"不存在（那个月没有这一天），请改为实际的日期"
    );
}

#[test]
fn a_date_outside_the_assessment_year_is_a_warning() {
    for (date, en_text, zh_text) in [
        (
            "2012-12-30",
            "submitted 2012-12-30 is before the assessment year 2013: is the year mistyped?",
            "报送日期 2012-12-30 早于考评年度 2013 年：年份是不是写错了？",
        ),
        (
            "2015-01-11",
            "submitted 2015-01-11 is more than a year after the deadline 2014-01-10: is the year mistyped?",
            "报送日期 2015-01-11 比截止日期 2014-01-10 晚了一年多：年份是不是写错了？",
        ),
    ] {
        let (code, en, zh, _, _) = check("cities/south.yaml", &SOUTH.replace("2014-01-08", date));
        assert_eq!(code, 0);
        assert!(en.contains(&format!("warning: C/cities/south.yaml: {en_text}")), "{en:?}");
        assert!(zh.contains(&format!("警告：C/cities/south.yaml：{zh_text}")), "{zh:?}");
        // One warning for the date, not also "late".
        assert_eq!(en.iter().filter(|l| l.contains("south.yaml") && l.contains("submitted")).count(), 1, "{en:?}");
    }
}

#[test]
fn findings_under_a_score_give_one_message() {
    let (en, zh) = one_error(&SOUTH.replace("\"1.3\": { score: 2 }", "\"1.3\":\n    score: 2\n    findings: []"));
    assert_eq!(
        en,
        "error: C/cities/south.yaml:9:15: item 1.3 is scored directly: keep `score` and delete the `findings` line"
    );
    assert_eq!(zh, "错误：C/cities/south.yaml:9:15：项目 1.3 直接打分：保留 `score`，删掉 findings 这一行");
    let (en, zh) = one_error(&SOUTH.replace("\"1.1\": { findings: [] }", "\"1.1\": { findings: [], score: 5 }"));
    assert_eq!(
        en,
        "error: C/cities/south.yaml:3:33: item 1.1 is scored by its rules: keep `findings` and delete the `score` line"
    );
    assert_eq!(zh, "错误：C/cities/south.yaml:3:33：项目 1.1 按扣分规则计分：保留 `findings`，删掉 score 这一行");
}

#[test]
fn after_errors_check_and_build_say_nothing_was_written() {
    let text = SOUTH.replace("2014-01-08", "2014-02-30").replace("score: 2", "score: 9");
    let (_, _, _, en, zh) = check("cities/south.yaml", &text);
    assert_eq!(en, "2 errors: nothing was written, no site was changed");
    assert_eq!(zh, "2 个错误：什么也没有写入，网站没有改动");
    let dir = fixture("small", &[("cities/south.yaml", Some(SOUTH.replace("2014-01-08", "2014-02-30").as_bytes()))]);
    let out = tempfile::tempdir().unwrap();
    let o = out.path().join("site");
    let args = ["build", "--content", dir.path().to_str().unwrap(), "--output", o.to_str().unwrap()];
    let (en, zh) = (kaoping(&args), kaoping_zh(&args));
    assert_eq!(en.stdout, format!("1 error: nothing was written; the site in {} is unchanged\n", o.display()));
    assert_eq!(zh.stdout, format!("1 个错误：什么也没有写入，{} 中的网站保持原样\n", o.display()));
    assert!(!o.exists());
}
