//! The spreadsheets with real clients: openpyxl (Python) fills the forms as
//! a person would, LibreOffice saves them again, and both read
//! results.xlsx. Skipped, saying why, where a tool is missing; under CI=true
//! a missing tool fails the test (.ci/run installs them).

mod common;

use common::{kaoping, lines, read, root, soffice};
use std::path::{Path, PathBuf};
use std::process::Command;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Whether `python3 -c "import openpyxl"` and `soffice --version` work.
fn have(tool: &str) -> bool {
    let ok = match tool {
        "openpyxl" => Command::new("python3").args(["-c", "import openpyxl"]).output(),
        _ => Command::new("soffice").arg("--version").output(),
    }
    .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{tool} is missing (CI=true): .ci/run installs it");
        eprintln!("skipped: {tool} is not installed (pip install openpyxl; apt-get install libreoffice-calc-nogui)");
    }
    ok
}

fn python(args: &[&str]) -> String {
    let out = Command::new("python3").arg(root().join("tests/clients/fill.py")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn workbooks(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn city<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["cities"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()
}

/// init → forms → openpyxl fills two cities and two units → import → check
/// → build: the scores computed by hand (see the comments); then the same
/// after LibreOffice has saved the four workbooks again.
#[test]
fn a_year_filled_in_by_openpyxl_scores_as_computed_by_hand() {
    if !have("openpyxl") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let content = t.path().join("content");
    assert_eq!(kaoping(&["init", s(&content), "--year", "2024"]).code, 0);
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", s(&content), "--out", s(&forms)]).code, 0);
    python(&["fill", s(&forms)]);
    // The files example-a's form names (one typed with attachments/ before it).
    for f in ["example-a/省综治委简报2024年第5期.pdf", "example-a/领导批示.jpg"] {
        let path = content.join("attachments").join(f);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.as_bytes()).unwrap();
    }
    let filled: Vec<PathBuf> =
        ["cities/示例甲市", "cities/示例乙市", "units/省公安厅", "units/省综治办实有人口专项组办公室"]
            .iter()
            .map(|f| forms.join(format!("{f}.xlsx")))
            .collect();
    let mut args = vec!["import", "--content", s(&content)];
    args.extend(filled.iter().map(|p| s(p)));
    let run = kaoping(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let yaml = std::fs::read_to_string(content.join("cities/example-a.yaml")).unwrap();
    assert!(
        yaml.contains(
            "  \"6.3\":\n    score: 3.5\n    evidence: [省综治委简报2024年第5期, 领导批示]\n    files: [\"example-a/省综治委简报2024年第5期.pdf\", \"example-a/领导批示.jpg\"]\n"
        ),
        "{yaml}"
    );
    assert_eq!(kaoping(&["check", "--content", s(&content)]).code, 0);
    let out = t.path().join("out");
    let run = kaoping(&["build", "--content", s(&content), "--output", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    let a = city(&json, "example-a");
    // Self: 100 − 3 (1.2) − 1.5 (2.5) − 1.4 (2.6: 2,100 required, 85.71% → 14 points × 0.1) − 2 (3.4: 2 × 1) − 0.5 (6.3: 3.5 of 4) = 91.6.
    assert_eq!(a["self_total"], serde_json::json!(91.6));
    // Final: 1.2 not inspected → self −3; 2.5 police 2; 2.6 police inspected, nothing; 3.4 office 1;
    // 6.1 mean(police 3, office 4) = 3.5 → −0.5; 6.3 office 4. Base 100 − 3 − 2 − 1 − 0.5 = 93.5;
    // penalty 4.1 police 1; total 92.5; weighted 92.5 × 14 / 100 = 12.95.
    assert_eq!(
        (&a["base"], &a["penalty"], &a["total"], &a["weighted"]),
        (&serde_json::json!(93.5), &serde_json::json!(1), &serde_json::json!(92.5), &serde_json::json!(12.95))
    );
    assert_eq!((&a["submitted"], &a["rank"]), (&serde_json::json!("2025-01-08"), &serde_json::json!(2)));
    let b = city(&json, "example-b");
    // 1.3 office no-plan −3; 3.3 police late −2: 95; weighted 13.3.
    assert_eq!(
        (&b["total"], &b["weighted"], &b["self_total"], &b["rank"]),
        (&serde_json::json!(95), &serde_json::json!(13.3), &serde_json::json!(100), &serde_json::json!(1))
    );
    assert_eq!(b["submitted"], "2025-01-09");

    if !have("soffice") {
        return;
    }
    let resaved = t.path().join("resaved");
    soffice(&filled, "xlsx", &resaved, &t.path().join("lo"));
    let again = t.path().join("again");
    std::fs::create_dir_all(&again).unwrap();
    for f in ["site.yaml", "standard.yaml", "standard.md"] {
        std::fs::copy(content.join(f), again.join(f)).unwrap();
    }
    common::copy_dir(&content.join("attachments"), &again.join("attachments"));
    let run = kaoping(&["import", "--content", s(&again), s(&resaved)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out2 = t.path().join("out2");
    assert_eq!(kaoping(&["build", "--content", s(&again), "--output", s(&out2)]).code, 0);
    assert_eq!(std::fs::read(out2.join("results.json")).unwrap(), std::fs::read(out.join("results.json")).unwrap());
}

/// §9's round trip, after LibreOffice has saved every filled form again.
#[test]
fn filled_forms_saved_again_by_libreoffice_give_the_same_results() {
    if !have("soffice") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms), "--filled"]).code, 0);
    let mut all = workbooks(&forms.join("cities"));
    all.extend(workbooks(&forms.join("units")));
    let resaved = t.path().join("resaved");
    soffice(&all, "xlsx", &resaved, &t.path().join("lo"));
    assert_eq!(workbooks(&resaved).len(), 24);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    common::copy_dir(&root().join("content/attachments"), &copy.join("attachments"));
    let run = kaoping(&["import", "--content", s(&copy), s(&resaved)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The attachments are in place; the one warning is the sample's item
    // whose deductions exceed its points (said, never capped silently).
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "warning: C/resaved/省综治办实有人口专项组办公室.xlsx: 实地检查!E198: the deductions add up to 8 points, more than the item's 5; 5 counts (a score never goes below 0)"
        ]
    );
    for f in ["cities/qinglan.yaml", "units/civil.yaml"] {
        let named = |text: &str| text.lines().filter(|l| l.contains("files:")).count();
        assert_eq!(named(&std::fs::read_to_string(copy.join(f)).unwrap()), named(&read(format!("content/{f}"))), "{f}");
    }
    let out = t.path().join("out");
    let run = kaoping(&["build", "--content", s(&copy), "--output", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out.join("results.json")).unwrap(), read("tests/expected/sample/results.json"));
}

/// A form of an earlier layout (kaoping-form-1 or -2) came pre-filled with
/// 是/否 and full marks: an untouched one cannot be told from an answered
/// one, so it is refused, saying what to do (issue 21).
#[test]
fn a_form_of_an_earlier_layout_is_refused() {
    if !have("openpyxl") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms), "--filled"]).code, 0);
    let old = t.path().join("old");
    std::fs::create_dir_all(&old).unwrap();
    python(&["old", s(&forms.join("cities/青岚市.xlsx")), s(&old.join("qinglan.xlsx"))]);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&old.join("qinglan.xlsx"))]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/old/qinglan.xlsx: this form was made by an earlier version (kaoping-form-2), which came pre-filled with 是/否 and full marks, so an untouched one cannot be told from one that was answered; make new forms with kaoping forms and fill them in"
        ]
    );
    assert!(!copy.join("cities").exists());
}

/// results.xlsx read by openpyxl (numbers are numbers) and converted to CSV
/// by LibreOffice equals results.csv.
#[test]
fn results_xlsx_read_by_other_clients_equals_results_csv() {
    if !have("openpyxl") || !have("soffice") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    assert_eq!(kaoping(&["build", "--content", "content", "--output", s(&out)]).code, 0);
    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    let csv = csv.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let seen = python(&["results", s(&out.join("results.xlsx"))]);
    assert_eq!(seen, csv);
    // UTF-8 (76), comma, first sheet, cell values as stored (not as shown).
    let conv = t.path().join("conv");
    soffice(
        &[out.join("results.xlsx")],
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false",
        &conv,
        &t.path().join("lo"),
    );
    let lo = std::fs::read_to_string(conv.join("results.csv")).unwrap().replace("\r\n", "\n");
    assert_eq!(lo, csv);
}

/// Broken forms as openpyxl makes them: wrong values, deleted, inserted
/// and merged rows, a formula without a value, an item left blank, a note
/// that would be dropped, a form nobody touched. Each problem is located;
/// nothing is written.
#[test]
fn broken_forms_get_located_errors() {
    if !have("openpyxl") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms)]).code, 0);
    let bad = t.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    python(&["hostile", s(&forms.join("cities/霁川市.xlsx")), s(&bad)]);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&bad)]);
    assert_eq!(run.code, 1);
    assert_eq!(lines(&run.stderr, t.path()), EXPECTED);
    assert!(!copy.join("cities").exists());
}

const EXPECTED: [&str; 12] = [
    "error: C/bad/deleted.xlsx: the sheet \"自查自评\" lacks 2 rows (e.g. 霁川市 1.2); do not delete rows; fill in a new form",
    "error: C/bad/formula.xlsx: 自查自评!E21: this is a formula without a computed value (the workbook was saved by a program that does not calculate, or with manual calculation); open the workbook in Excel or WPS, save it, and import it again",
    "error: C/bad/inserted.xlsx: 自查自评!F4: this row was inserted, and a form takes no new rows; delete it and write in the rows that are there",
    "error: C/bad/merged.xlsx: 自查自评!F7: cells are merged here; unmerge them (a form's cells must stay separate)",
    "error: C/bad/partly.xlsx: 自查自评!F7: this rule deducts nothing, so the note, evidence or attachments here would not be recorded; delete them, or write the deduction",
    "error: C/bad/partly.xlsx: 自查自评!E8: not filled in: choose one of “已自评，不扣分”、“已自评，有扣分”、“未自评”",
    "error: C/bad/untouched.xlsx: the form is not filled in: no item has an answer (every item must be chosen or written); fill it in item by item and import it again",
    "error: C/bad/values.xlsx: 自查自评!H21: the file \"../材料.pdf\" would lie outside attachments/: write a path inside it, with / between folders and no \".\" or \"..\" parts",
    "error: C/bad/values.xlsx: 自查自评!H21: the file \"报告.exe\" is not of a type that can be attached; attach one of: pdf, ofd, jpg, jpeg, png, doc, docx, xls, xlsx, wps, et, txt",
    "error: C/bad/values.xlsx: 自查自评!E21: 1.234 has more than 2 decimals; write at most 2",
    "error: C/bad/values.xlsx: 自查自评!E22: \"也许\" is not understood; choose 是 (yes) or 否 (no)",
    "error: C/bad/values.xlsx: 自查自评!E40: \"两项\" is not a number; write the number alone, without units or words",
];
