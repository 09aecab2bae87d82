//! Spreadsheets: results.xlsx, the xlsx forms and `kaoping import`, run
//! through the binary. (The tests with openpyxl and LibreOffice are in
//! tests/sheets_clients.rs.)

mod common;

use calamine::{Data, Reader};
use common::{kaoping, kaoping_zh, lines, read, root};
use std::io::{Read as _, Write as _};
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn results_xlsx_is_deterministic_numeric_and_dated_from_the_content() {
    let t = tempfile::tempdir().unwrap();
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    for out in [&a, &b] {
        let run = kaoping(&["build", "--content", "content", "--output", s(out)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let bytes = std::fs::read(a.join("results.xlsx")).unwrap();
    assert_eq!(bytes, std::fs::read(b.join("results.xlsx")).unwrap(), "two builds give identical bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    assert!(core.contains("2014-02-10T00:00:00Z"), "dated from the inspection deadline: {core}");

    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["排名", "逐项得分", "扣分明细", "自评与核定"]);
    let ranking = book.worksheet_range("排名").unwrap();
    let csv = std::fs::read_to_string(a.join("results.csv")).unwrap();
    // Every row of the CSV, cell by cell: numbers stored as numbers.
    for (r, line) in csv.trim_start_matches('\u{feff}').lines().enumerate() {
        for (col, field) in line.split(',').enumerate() {
            let cell = ranking.get((r, col)).unwrap();
            match cell {
                Data::String(text) => assert_eq!(text, field),
                Data::Float(f) => assert_eq!(f.to_string(), field, "row {r} col {col}"),
                other => panic!("unexpected {other:?}"),
            }
            if r > 0 && col != 1 {
                assert!(matches!(cell, Data::Float(_)), "row {r} col {col} is a number");
            }
        }
    }
    let details = book.worksheet_range("扣分明细").unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("results.json")).unwrap()).unwrap();
    let counted: usize = json["cities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .map(|i| i["deductions"].as_array().unwrap().len())
        .sum();
    assert_eq!(details.height(), counted + 1, "one row per counted deduction");
}

#[test]
fn filled_forms_import_into_an_empty_copy_and_give_the_same_results() {
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    let run = kaoping(&["forms", "--content", "content", "--out", s(&forms), "--filled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // zhuxu has no file: it gets no filled form.
    assert!(run.stdout.starts_with(&format!("wrote 24 forms into {}/", s(&forms))), "{}", run.stdout);
    let again = t.path().join("again");
    kaoping(&["forms", "--content", "content", "--out", s(&again), "--filled"]);
    assert_eq!(
        std::fs::read(forms.join("units/省公安厅.xlsx")).unwrap(),
        std::fs::read(again.join("units/省公安厅.xlsx")).unwrap()
    );

    // The 附件 column holds the files the content names.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(forms.join("cities/青岚市.xlsx")).unwrap();
    let sheet = book.worksheet_range("自查自评").unwrap();
    let row = sheet.rows().find(|r| r.get(8).is_some_and(|k| *k == "qinglan|1.3||")).unwrap();
    assert_eq!(row[7].to_string(), "qinglan/青岚市实有人口服务管理工作自查报告.pdf");
    assert_eq!(sheet.get((1, 7)).unwrap().to_string(), "附件（每行一个）");

    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&forms.join("cities")), s(&forms.join("units"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("imported 24 workbooks:\n"), "{}", run.stdout);
    // The copy has no attachments/ yet: each named file is a warning.
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "warning: C/forms/cities/青岚市.xlsx: 自查自评!H8: the attachment qinglan/青岚市实有人口服务管理工作自查报告.pdf is not in C/copy/attachments; put the file there before kaoping build",
            "warning: C/forms/units/省民政厅.xlsx: 实地检查!H28: the attachment civil/沧澜市救助站检查照片.png is not in C/copy/attachments; put the file there before kaoping build",
            // The sample's office finds 3 + 5 points in an item of 5: said
            // at the item's cell, never capped silently (issue 21).
            "warning: C/forms/units/省综治办实有人口专项组办公室.xlsx: 实地检查!E198: the deductions add up to 8 points, more than the item's 5; 5 counts (a score never goes below 0)",
        ]
    );
    let zh = t.path().join("zh");
    common::empty_copy(&zh);
    let in_zh = kaoping_zh(&["import", "--content", s(&zh), s(&forms.join("cities/青岚市.xlsx"))]);
    assert_eq!(in_zh.code, 0, "{}", in_zh.stderr);
    assert_eq!(
        lines(&in_zh.stderr, t.path()),
        [
            "警告：C/forms/cities/青岚市.xlsx：自查自评!H8: 附件 qinglan/青岚市实有人口服务管理工作自查报告.pdf 不在 C/zh/attachments 里；kaoping build 之前把这个文件放进去"
        ]
    );
    assert_eq!(files_named(&copy), files_named(&root().join("content")));
    assert_eq!(files_named(&copy).len(), 2);
    common::copy_dir(&root().join("content/attachments"), &copy.join("attachments"));
    assert!(
        lines(&run.stdout, t.path())
            .contains(&"C/copy/units/police.yaml (from C/forms/units/省公安厅.xlsx): new".to_string()),
        "{}",
        run.stdout
    );
    let head = std::fs::read_to_string(copy.join("cities/shuangpu.yaml")).unwrap();
    assert!(head.starts_with("# imported from 霜浦市.xlsx (kaoping import); correct the workbook and import it again\nsubmitted: 2014-01-10\nreport: |\n"), "{head}");

    let out = t.path().join("out");
    let run = kaoping(&["build", "--content", s(&copy), "--output", s(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out.join("results.json")).unwrap(), read("tests/expected/sample/results.json"));
    let sample = t.path().join("sample");
    assert_eq!(kaoping(&["build", "--content", "content", "--output", s(&sample)]).code, 0);
    let attached = common::snapshot(&out.join("attachments"));
    assert_eq!(attached.len(), 2);
    assert_eq!(attached, common::snapshot(&sample.join("attachments")));

    // Again without --replace: refused, nothing written.
    let before = common::snapshot(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&forms.join("cities/霜浦市.xlsx"))]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/copy/cities/shuangpu.yaml: the file exists; to replace it with C/forms/cities/霜浦市.xlsx, add --replace"
        ]
    );
    assert_eq!(common::snapshot(&copy), before);
    // With --replace: the summary says nothing changed.
    let run = kaoping(&["import", "--content", s(&copy), "--replace", s(&forms.join("cities/霜浦市.xlsx"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        lines(&run.stdout, t.path()),
        ["imported 1 workbooks:", "C/copy/cities/shuangpu.yaml (from C/forms/cities/霜浦市.xlsx): no item changed"]
    );
    // A form naming files, imported again: the same files, no change, no warning.
    let run = kaoping(&["import", "--content", s(&copy), "--replace", s(&forms.join("units/省民政厅.xlsx"))]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        lines(&run.stdout, t.path()),
        ["imported 1 workbooks:", "C/copy/units/civil.yaml (from C/forms/units/省民政厅.xlsx): no item changed"]
    );
}

/// Every path in the `files:` lists of a content folder's cities and units,
/// by YAML file, in order.
fn files_named(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for folder in ["cities", "units"] {
        let mut names: Vec<_> = std::fs::read_dir(dir.join(folder)).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            for part in text.split("files: [").skip(1) {
                let list = &part[..part.find(']').unwrap()];
                out.extend(list.split(", ").map(|f| (file.clone(), f.trim_matches('"').to_string())));
            }
        }
    }
    out
}

/// A form made from another year's or another standard's content is refused.
#[test]
fn forms_for_another_year_or_standard_are_refused() {
    let t = tempfile::tempdir().unwrap();
    let other = t.path().join("other");
    common::empty_copy(&other);
    let site = std::fs::read_to_string(other.join("site.yaml")).unwrap().replace("year: 2013", "year: 2014");
    std::fs::write(other.join("site.yaml"), site).unwrap();
    let std_text = std::fs::read_to_string(other.join("standard.yaml")).unwrap();
    let changed = std_text.replacen("no-mechanism", "no-mech", 1);
    assert_ne!(changed, std_text);
    std::fs::write(other.join("standard.yaml"), changed).unwrap();
    let forms = t.path().join("forms");
    let run = kaoping(&["forms", "--content", s(&other), "--out", s(&forms)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let run = kaoping(&["import", "--content", s(&copy), s(&forms.join("cities/霁川市.xlsx"))]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/forms/cities/霁川市.xlsx: the form is for 2014, the content folder for 2013; use this year's form",
            "error: C/forms/cities/霁川市.xlsx: the form was made from another version of the standard; make the forms again with kaoping forms",
        ]
    );
    let run = kaoping_zh(&["import", "--content", s(&copy), s(&forms.join("cities/霁川市.xlsx"))]);
    assert_eq!(
        lines(&run.stderr, t.path())[0],
        "错误：C/forms/cities/霁川市.xlsx：表单是 2014 年的，内容文件夹是 2013 年的，请使用本年度的表单"
    );
    assert!(!copy.join("cities").exists());
}

/// A zip of one part that declares `size` bytes once unpacked.
fn zip_of(name: &str, size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(&vec![b' '; size]).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn hostile_workbooks_each_get_a_located_error_and_nothing_is_written() {
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    kaoping(&["forms", "--content", "content", "--out", s(&forms)]);
    let good = std::fs::read(forms.join("cities/霁川市.xlsx")).unwrap();
    let bad = t.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0".as_bytes());
    encrypted.resize(4096, 0);
    // A sheet with a cell on the last of a million rows.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("kaoping").unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a-text.xlsx", b"hello".to_vec()),
        ("b-csv.xlsx", "排名,城市\n1,济南市\n".as_bytes().to_vec()),
        ("c-truncated.xlsx", good[..good.len() / 2].to_vec()),
        ("d-bomb.xlsx", zip_of("xl/workbook.xml", 130 * 1024 * 1024)),
        ("e-password.xlsx", encrypted),
        ("f-binary.xlsx", vec![0u8, 1, 2, 3, 200, 201]),
        ("g-not-a-form.xlsx", wb.save_to_buffer().unwrap()),
    ];
    for (name, bytes) in &cases {
        std::fs::write(bad.join(name), bytes).unwrap();
    }
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let started = std::time::Instant::now();
    let run = kaoping(&["import", "--content", s(&copy), s(&bad)]);
    assert!(started.elapsed().as_secs() < 20, "bounded time");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let got = lines(&run.stderr, t.path());
    assert_eq!(got.len(), 7, "{got:#?}");
    assert_eq!(
        got[0],
        "error: C/bad/a-text.xlsx: this is a text file (a renamed CSV?), not an Excel workbook; fill in the form in Excel or WPS and save it as .xlsx"
    );
    assert_eq!(
        got[1],
        "error: C/bad/b-csv.xlsx: this is a text file (a renamed CSV?), not an Excel workbook; fill in the form in Excel or WPS and save it as .xlsx"
    );
    assert!(
        got[2].starts_with("error: C/bad/c-truncated.xlsx: the workbook is damaged and cannot be read ("),
        "{}",
        got[2]
    );
    assert_eq!(got[3], "error: C/bad/d-bomb.xlsx: the workbook would unpack to too much data; it is refused");
    assert_eq!(
        got[4],
        "error: C/bad/e-password.xlsx: the workbook has a password; remove the password, save it and import again"
    );
    assert_eq!(got[5], "error: C/bad/f-binary.xlsx: this is not an Excel or WPS workbook");
    assert_eq!(
        got[6],
        "error: C/bad/g-not-a-form.xlsx: this is not a form made by kaoping (it has no form identity); fill in a form from kaoping forms"
    );
    assert!(!copy.join("cities").exists() && !copy.join("units").exists(), "nothing written");
}

#[test]
fn filled_with_yaml_is_a_usage_error() {
    let t = tempfile::tempdir().unwrap();
    let run = kaoping(&["forms", "--format", "yaml", "--filled", "--out", s(t.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --filled works with spreadsheet forms (--format xlsx) only; the YAML files themselves are in the content folder\n"
    );
}

/// results.xlsx streams its rows through a temporary file: a temporary
/// folder that cannot be used is a located error, in the clerk's language,
/// and nothing is written.
#[test]
fn a_temporary_folder_that_cannot_be_used_stops_the_build_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let missing = tmp.path().join("no-such-folder");
    let run = |lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", "content", "--output", s(&out)])
            .env("KAOPING_LANG", lang)
            .env("TMPDIR", &missing)
            .env("TMP", &missing)
            .env("TEMP", &missing)
            .current_dir(root())
            .output()
            .unwrap()
    };
    let zh = run("zh");
    assert_eq!(zh.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&zh.stderr);
    let line = stderr.lines().find(|l| l.starts_with("错误：")).unwrap_or_default();
    assert_eq!(
        line,
        format!(
            "错误：results.xlsx：无法在临时文件夹 {} 中生成电子表格（找不到这个文件或文件夹）；请确认环境变量 TEMP、TMP 或 TMPDIR 所指的文件夹存在且可以写入",
            missing.display()
        )
    );
    assert!(!out.exists(), "nothing is written");
    let en = run("en");
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(stderr.contains("error: results.xlsx: cannot make the spreadsheet in the temporary folder"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn import_writes_through_no_planted_link() {
    use std::os::unix::fs::symlink;
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms), "--filled"]).code, 0);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let victim = t.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The temporary name import used to write to, planted as a link.
    std::fs::create_dir_all(copy.join("cities")).unwrap();
    symlink(&victim, copy.join("cities/qinglan.yaml.kaoping-import")).unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&forms.join("cities/青岚市.xlsx"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(copy.join("cities/qinglan.yaml")).unwrap().contains("submitted:"));
    let mut names: Vec<_> = std::fs::read_dir(copy.join("cities")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["qinglan.yaml", "qinglan.yaml.kaoping-import"], "the link left alone, no temporary file left");
    // A linked folder is not written into either.
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(copy.join("units"), t.path().join("units-moved")).ok();
    symlink(&elsewhere, copy.join("units")).unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&forms.join("units/省民政厅.xlsx"))]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        ["error: C/copy/units/civil.yaml: cannot write it: it is a link, and kaoping follows no link"]
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}
