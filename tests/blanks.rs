//! Nothing a clerk sends is silently dropped, changed or invented (issue
//! 21): real workbooks made by `kaoping forms`, filled by openpyxl as a
//! person would, and the same workbooks after LibreOffice has opened and
//! saved them. Each mistake is refused with its exact message at its exact
//! cell, exit 1, nothing written; what was typed in ordinary ways
//! (full-width digits) reaches the record as typed.

mod common;

use common::{kaoping, kaoping_zh, lines, root, soffice};
use std::path::Path;
use std::process::Command;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn tools() -> bool {
    let ok = Command::new("python3").args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success())
        && Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "openpyxl or LibreOffice is missing (CI=true)");
        eprintln!("skipped: openpyxl or LibreOffice is not installed");
    }
    ok
}

/// `fill.py set FORM OUT --answered …`: a copy of the sample's blank form
/// with every item answered 不扣分 and a date, then `cells` changed.
fn set(form: &Path, out: &Path, cells: &[&str]) {
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/clients/fill.py")).args(["set", s(form), s(out), "--answered"]).args(cells);
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The mistakes, one workbook each (the file's name says which), and the
/// Chinese line each must give. `C` is the folder of the workbooks.
const CASES: &[(&str, &str, &[&str], &str)] = &[
    (
        "cities/霁川市",
        "count",
        &[
            "jichuan|3.4||",
            "5",
            "已自评，有扣分",
            "jichuan|3.4|rights|",
            "5",
            "9",
            "jichuan|3.4|rights|",
            "6",
            "九项未落实",
        ],
        "错误：C/count.xlsx：自查自评!E40: 9 项扣 9 分，超过本项 4 分；请核对项数",
    ),
    (
        "cities/霁川市",
        "date",
        &["报送", "2", "2014年2月30日"],
        "错误：C/date.xlsx：报送!B2: 2014年2月没有30日，请核对日期",
    ),
    (
        "cities/霁川市",
        "rows-under-no-deduction",
        &["jichuan|1.2|no-duties|", "5", "是"],
        "错误：C/rows-under-no-deduction.xlsx：自查自评!E7: 本项选了“已自评，不扣分”，下面各行都不应填写；要扣分请把本项改为“已自评，有扣分”",
    ),
    (
        "cities/霁川市",
        "rule-unanswered",
        &["jichuan|1.2||", "5", "已自评，有扣分", "jichuan|1.2|no-mechanism|", "5", "否"],
        "错误：C/rule-unanswered.xlsx：自查自评!E7: 未填写：本项选了“有扣分”，每一条都要填写：有此情形填“是”，没有填“否”",
    ),
    (
        "cities/霁川市",
        "not-assessed-note",
        &["jichuan|1.1||", "5", "未自评", "jichuan|1.1||", "6", "已开会研究"],
        "错误：C/not-assessed-note.xlsx：自查自评!F3: 本项选了“未自评”，这里写的内容不会被记录；请删去，或改选已评的结果",
    ),
    (
        "units/省公安厅",
        "city-not-inspected",
        &["bicen|||", "5", "未检查本市", "bicen|2.5||", "6", "抽查两个社区"],
        "错误：C/city-not-inspected.xlsx：实地检查!F484: 碧岑市选了“未检查本市”，本市各格都不应填写；请清空这里，或把“未检查本市”改为逐项填写",
    ),
];

/// Every case refused at its cell, in Chinese; the same after LibreOffice
/// has saved every workbook again, as .xlsx and as .ods; nothing written.
#[test]
fn each_mistake_is_refused_at_its_cell_before_and_after_libreoffice() {
    if !tools() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms)]).code, 0);
    let bad = t.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let mut made = Vec::new();
    for (form, name, cells, _) in CASES {
        let out = bad.join(format!("{name}.xlsx"));
        set(&forms.join(format!("{form}.xlsx")), &out, cells);
        made.push(out);
    }
    let resaved = t.path().join("resaved");
    soffice(&made, "xlsx", &resaved, &t.path().join("lo"));
    // Saved by LibreOffice in its own format (.ods), read by kaoping's own
    // bounded .ods reader: the same messages at the same cells.
    let ods = t.path().join("ods");
    soffice(&made, "ods", &ods, &t.path().join("lo"));
    for dir in [&bad, &resaved, &ods] {
        let copy = t.path().join("copy");
        common::empty_copy(&copy);
        let run = kaoping_zh(&["import", "--content", s(&copy), s(dir)]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let folder = dir.file_name().unwrap().to_str().unwrap();
        let got: Vec<String> = lines(&run.stderr, t.path())
            .into_iter()
            .filter(|l| l.starts_with("错误"))
            .map(|l| l.replace(&format!("C/{folder}/"), "C/").replace(".ods：", ".xlsx："))
            .collect();
        let mut want: Vec<&str> = CASES.iter().map(|c| c.3).collect();
        want.sort_unstable();
        let mut sorted = got.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, want, "{folder}");
        assert!(!copy.join("cities").exists() && !copy.join("units").exists(), "nothing written");
        std::fs::remove_dir_all(&copy).unwrap();
    }
}

/// Full-width digits and decimal point are read as the number they show,
/// and what a clerk answered reaches the YAML as answered: 未检查 leaves the
/// city's own assessment standing, 未检查本市 the whole city.
#[test]
fn ordinary_spellings_reach_the_record_as_typed() {
    if !tools() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms)]).code, 0);
    let good = t.path().join("good");
    std::fs::create_dir_all(&good).unwrap();
    set(
        &forms.join("cities/霁川市.xlsx"),
        &good.join("jichuan.xlsx"),
        &[
            "jichuan|2.5||",
            "5",
            "已自评，有扣分",
            "jichuan|2.5|fair|",
            "5",
            "１．５",
            "jichuan|2.5|fair|",
            "6",
            "成效一般",
            "jichuan|2.5|poor|",
            "5",
            "否",
        ],
    );
    set(
        &forms.join("units/省公安厅.xlsx"),
        &good.join("police.xlsx"),
        &["bicen|||", "5", "未检查本市", "jichuan|2.5||", "5", "未检查"],
    );
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&good)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let city = std::fs::read_to_string(copy.join("cities/jichuan.yaml")).unwrap();
    assert!(
        city.contains("  \"2.5\":\n    findings:\n      - { rule: fair, amount: 1.5, note: 成效一般 }\n"),
        "{city}"
    );
    let unit = std::fs::read_to_string(copy.join("units/police.yaml")).unwrap();
    assert!(!unit.contains("bicen:"), "未检查本市: bicen is not in the file\n{unit}");
    let jichuan: String = unit
        .lines()
        .skip_while(|l| !l.starts_with("  jichuan:"))
        .skip(1)
        .take_while(|l| l.starts_with("    "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(jichuan.contains("\"2.6\"") && !jichuan.contains("\"2.5\""), "未检查: 2.5 left out for jichuan\n{unit}");
    // The same workbooks saved by LibreOffice as .ods import to the same
    // files (but the line that names the workbook they came from).
    let ods = t.path().join("ods");
    let made = [good.join("jichuan.xlsx"), good.join("police.xlsx")];
    soffice(&made, "ods", &ods, &t.path().join("lo"));
    let again = t.path().join("again");
    common::empty_copy(&again);
    let run = kaoping(&["import", "--content", s(&again), s(&ods)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["cities/jichuan.yaml", "units/police.yaml"] {
        let without_source = |dir: &Path| {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            text.lines().map(|l| l.replace(".ods", ".xlsx")).collect::<Vec<_>>().join("\n")
        };
        assert_eq!(without_source(&again), without_source(&copy), "{file}");
    }
}
