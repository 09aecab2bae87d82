//! The console in both languages: the broken fixtures' exact lines in
//! English and in Chinese, the summaries, and `--help`.

mod common;
use common::*;

/// `check` on a fixture prints exactly the pinned lines in each language.
fn pinned(fixture: &str) {
    let dir = format!("tests/fixtures/{fixture}");
    for (lang, suffix) in [("en", ""), ("zh", ".zh")] {
        let run = kaoping_in(lang, &["check", "--content", &dir]);
        assert_eq!(run.code, 1, "{lang}");
        assert_eq!(run.stderr, read(format!("tests/expected/{fixture}{suffix}.stderr")), "{lang}");
        assert_eq!(run.stdout, read(format!("tests/expected/{fixture}{suffix}.stdout")), "{lang}");
    }
}

#[test]
fn the_broken_entries_are_told_in_both_languages() {
    pinned("broken-entries");
    let zh = kaoping_zh(&["check", "--content", "tests/fixtures/broken-entries"]);
    assert!(zh.stderr.contains(
        "错误：tests/fixtures/broken-entries/units/office.yaml:5:34：项目 1.1 没有\"lte\"这条扣分规则（可用：no-doc 没有正式文件的，no-plan 没有工作方案的）\n"
    ), "{}", zh.stderr);
}

#[test]
fn the_broken_standard_is_told_in_both_languages() {
    pinned("broken-standard");
}

#[test]
fn warnings_and_the_summary_are_told_in_both_languages() {
    for (lang, suffix, summary) in [
        ("en", "", "checked tests/fixtures/small: 3 cities, 2 units, no errors, 6 warnings\n"),
        ("zh", ".zh", "已检查 tests/fixtures/small：3 个市，2 个成员单位，没有错误，6 个警告\n"),
    ] {
        let run = kaoping_in(lang, &["check", "--content", "tests/fixtures/small"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stderr, read(format!("tests/expected/small/check{suffix}.stderr")));
        assert_eq!(run.stdout, summary);
    }
}

#[test]
fn help_is_in_the_chosen_language() {
    let zh = kaoping_zh(&["--help"]);
    assert_eq!(zh.code, 0);
    assert!(zh.stdout.starts_with("kaoping（考评）：准确计算实有人口专项组考评的得分"), "{}", zh.stdout);
    for heading in ["用法：kaoping [选项] <命令>", "命令：", "选项：", "读取并检查内容文件夹", "显示帮助"]
    {
        assert!(zh.stdout.contains(heading), "{heading}: {}", zh.stdout);
    }
    for command in ["init", "forms", "check", "build", "verify", "diff", "serve"] {
        let run = kaoping_zh(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        assert!(run.stdout.contains("示例：kaoping"), "{command}: {}", run.stdout);
        assert!(!run.stdout.contains("Usage") && !run.stdout.contains("[default"), "{command}: {}", run.stdout);
    }
    let build = kaoping_zh(&["build", "--help"]);
    assert!(build.stdout.contains("内容文件夹（site.yaml、standard.yaml、cities/、units/）（不写时为 content）"));
    // --lang wins over KAOPING_LANG, also for the help.
    let en = kaoping_zh(&["--lang", "en", "check", "--help"]);
    assert!(en.stdout.contains("Usage: kaoping check [OPTIONS]"), "{}", en.stdout);
    assert!(en.stdout.contains("The content folder (site.yaml, standard.yaml, cities/, units/) [default: content]"));
}

#[test]
fn a_usage_error_says_what_to_do_in_chinese() {
    // clap's error kinds in the catalog's words, with its suggestion; no
    // English from clap in either language.
    for (args, zh, en) in [
        (
            &["chek"][..],
            "错误：没有 chek 这个命令；是不是想写 check？也可以运行 kaoping --help 查看用法",
            "error: there is no command chek; did you mean check? Run kaoping --help for usage",
        ),
        (
            &["build", "--contnt", "c"],
            "错误：没有 --contnt 这个选项；是不是想写 --content？也可以运行 kaoping build --help 查看用法",
            "error: there is no option --contnt; did you mean --content? Run kaoping build --help for usage",
        ),
        (
            &["forms", "--format", "xls"],
            "错误：--format 不能是 xls，只能是 xlsx 或 yaml；是不是想写 xlsx？也可以运行 kaoping forms --help 查看用法",
            "error: --format cannot be xls; it can be xlsx or yaml; did you mean xlsx? Run kaoping forms --help for usage",
        ),
        (
            &["forms", "--format"],
            "错误：--format 后面要写一个值。请运行 kaoping forms --help 查看用法",
            "error: --format needs a value. Run kaoping forms --help for usage",
        ),
        (
            &["import"],
            "错误：缺少 <路径>。请运行 kaoping import --help 查看用法",
            "error: <PATH> is missing. Run kaoping import --help for usage",
        ),
        (
            &["serve", "--port", "abc"],
            "错误：--port 不能是 abc：端口要写 0 到 65535 之间的整数。请运行 kaoping serve --help 查看用法",
            "error: --port cannot be abc: a port is a whole number from 0 to 65535. Run kaoping serve --help for usage",
        ),
        (
            &["init", "x", "--year", "1800"],
            "错误：--year 不能是 1800：年度要写 1900 到 9998 之间的整数。请运行 kaoping init --help 查看用法",
            "error: --year cannot be 1800: a year is a whole number from 1900 to 9998. Run kaoping init --help for usage",
        ),
        (
            &["init", "x", "--from", "y", "--year", "2020"],
            "错误：--from 不能与 --year 一起写。请运行 kaoping init --help 查看用法",
            "error: --from cannot be given with --year. Run kaoping init --help for usage",
        ),
        (
            &["check", "--content", "a", "--content", "b"],
            "错误：--content 只能写一次。请运行 kaoping check --help 查看用法",
            "error: --content can be given only once. Run kaoping check --help for usage",
        ),
        (
            &["check", "extra"],
            "错误：多写了 extra：这里不需要它。请运行 kaoping check --help 查看用法",
            "error: extra is one argument too many here. Run kaoping check --help for usage",
        ),
    ] {
        let run = kaoping_zh(args);
        assert_eq!(
            (run.code, run.stderr.as_str(), run.stdout.as_str()),
            (2, format!("{zh}\n").as_str(), ""),
            "{args:?}"
        );
        let run = kaoping(args);
        assert_eq!((run.code, run.stderr.as_str()), (2, format!("{en}\n").as_str()), "{args:?}");
    }
}

#[test]
fn a_language_kaoping_does_not_speak_is_a_usage_error() {
    let run = kaoping_zh(&["--lang", "fr", "check"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "错误：--lang 写的是 fr，kaoping 不支持这种语言，请写 zh（中文）或 en（英文）\n")
    );
    let run = kaoping_in("de", &["check", "--content", "tests/fixtures/small"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("KAOPING_LANG 写的是 de，kaoping 不支持这种语言，请写 zh（中文）或 en（英文）\n")
            || run.stderr.ends_with(
                "KAOPING_LANG is de, a language kaoping does not speak: write zh (Chinese) or en (English)\n"
            ),
        "{}",
        run.stderr
    );
}

#[test]
fn init_and_forms_say_only_what_helps_then() {
    let root = tempfile::tempdir().unwrap();
    let c = root.path().join("c");
    let c = c.to_str().unwrap();
    let init = kaoping_zh(&["init", c, "--year", "2024"]);
    assert_eq!((init.code, init.stderr.as_str()), (0, ""));
    assert_eq!(
        init.stdout,
        format!(
            "已建好 {c}：site.yaml、standard.yaml（2013年评分标准）、standard.md、cities/、units/\n下一步：修改 {c}/site.yaml（标题、截止日期、市和成员单位名单），然后运行：kaoping forms --content {c}\n\
             还要按2024年度修改 {c}/standard.md（考评办法正文，现在是2013年的文字和日期），和 site.yaml 一样逐项核对\n"
        )
    );
    for (lang, summary) in [
        ("zh", "已在 {f}/ 写好 10 份表格（cities/ 里是 2 个市的，units/ 里是 8 个成员单位的）\n"),
        ("en", "wrote 10 forms into {f}/ (cities/ for the 2 cities, units/ for the 8 units)\n"),
    ] {
        let f = root.path().join(format!("forms-{lang}"));
        let f = f.to_str().unwrap();
        let run = kaoping_in(lang, &["forms", "--format", "yaml", "--content", c, "--out", f]);
        // Nothing is submitted yet: no warning about missing submissions;
        // only the example roster from `init`, which the forms were made
        // for, and the standard's ##省, which the forms would carry out.
        assert_eq!(run.code, 0, "{lang}");
        assert_eq!(run.stderr.lines().count(), 2, "{lang}: {}", run.stderr);
        assert!(run.stderr.contains("site.yaml:17:7"), "{lang}: {}", run.stderr);
        assert!(run.stderr.contains("standard.yaml:44:34"), "{lang}: {}", run.stderr);
        assert_eq!(run.stdout, summary.replace("{f}", f));
    }
    // Again, with one form removed: one count for what was written, one
    // for what was kept, the roster with their total.
    let f = root.path().join("forms-zh");
    std::fs::remove_file(f.join("cities/example-a.yaml")).unwrap();
    let f = f.to_str().unwrap();
    let run = kaoping_zh(&["forms", "--format", "yaml", "--content", c, "--out", f]);
    let listed: Vec<&str> =
        run.stdout.trim_end().rsplit_once("没有改动：").map_or(vec![], |(_, l)| l.split('，').collect());
    assert_eq!(listed.len(), 9, "{}", run.stdout);
    assert!(listed.iter().all(|p| p.starts_with(f) && p.ends_with(".yaml")), "{}", run.stdout);
    assert!(!listed.contains(&format!("{f}/cities/example-a.yaml").as_str()), "{}", run.stdout);
    assert!(
        run.stdout.starts_with(&format!(
            "{f}/ 中共有 10 份表格（cities/ 里是 2 个市的，units/ 里是 8 个成员单位的）：新写好 1 份；9 份已经存在，没有改动："
        )),
        "{}",
        run.stdout
    );
    let form = std::fs::read_to_string(root.path().join("forms-zh/cities/example-a.yaml")).unwrap();
    assert_eq!(form.lines().next(), Some("# 2024年度实有人口专项组考评 · 示例甲市自查自评表"));
    let form = std::fs::read_to_string(root.path().join("forms-zh/units/police.yaml")).unwrap();
    assert_eq!(form.lines().next(), Some("# 2024年度实有人口专项组考评 · 省公安厅实地检查表"));
    // `check` on the same folder still tells what is missing.
    let check = kaoping_zh(&["check", "--content", c]);
    assert!(
        check.stderr.contains("示例甲市（example-a）还没有自查自评文件（cities/example-a.yaml）"),
        "{}",
        check.stderr
    );
}
