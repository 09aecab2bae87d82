//! `kaoping import` takes the returned forms as they come back (issue 29):
//! the `forms` folder whole (workbooks in sub-folders), a `.zip`, lock
//! files and other files beside the workbooks (skipped, named in one line),
//! links (not followed); a folder with no workbook is an error naming it.

mod common;

use common::{kaoping, kaoping_zh, lines, root};
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A temporary folder with `forms/` (the sample's forms, filled) and
/// `copy/` (the sample's settings and standard, no submission yet).
fn returned() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    let run = kaoping(&["forms", "--content", s(&root().join("content")), "--out", s(&forms), "--filled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    (t, forms, copy)
}

/// The files under `dir`, by path, with `/`.
fn files(dir: &Path) -> Vec<String> {
    common::snapshot(dir).into_iter().map(|(p, _)| p.replace('\\', "/")).collect()
}

/// The forms' workbooks, as the summary lists them (`from` where they were read).
fn summary(from: &str, forms: &Path) -> Vec<String> {
    let mut out = vec!["imported 24 workbooks:".to_string()];
    // The workbooks are named by the member's name, the YAML by its id.
    let site = std::fs::read_to_string(root().join("content/site.yaml")).unwrap();
    let id = |name: &str| {
        let line = site.lines().find(|l| l.contains(&format!("name: {name} "))).unwrap();
        line.split("id: ").nth(1).unwrap().split(',').next().unwrap().to_string()
    };
    for f in files(forms) {
        let (folder, name) = f.strip_suffix(".xlsx").unwrap().split_once('/').unwrap();
        out.push(format!("C/copy/{folder}/{}.yaml (from {from}/{f}): new", id(name)));
    }
    out
}

/// The warnings the sample's filled forms give in an empty copy, their
/// workbooks under `from`.
fn warnings(from: &str) -> Vec<String> {
    vec![
        format!(
            "warning: {from}/cities/青岚市.xlsx: 自查自评!H8: the attachment qinglan/青岚市实有人口服务管理工作自查报告.pdf is not in C/copy/attachments; put the file there before kaoping build"
        ),
        format!(
            "warning: {from}/units/省民政厅.xlsx: 实地检查!H28: the attachment civil/沧澜市救助站检查照片.png is not in C/copy/attachments; put the file there before kaoping build"
        ),
        format!(
            "warning: {from}/units/省综治办实有人口专项组办公室.xlsx: 实地检查!E198: the deductions add up to 8 points, more than the item's 5; 5 counts (a score never goes below 0)"
        ),
    ]
}

/// A zip of `entries` (a name ending in `/` is a folder).
fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        if let Some(dir) = name.strip_suffix('/') {
            w.add_directory(dir, opts).unwrap();
        } else {
            w.start_file(name.as_str(), opts).unwrap();
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// The forms folder's files as zip entries.
fn entries(forms: &Path) -> Vec<(String, Vec<u8>)> {
    common::snapshot(forms).into_iter().map(|(p, b)| (p.replace('\\', "/"), b)).collect()
}

#[test]
fn the_forms_folder_given_whole_imports_every_form_in_its_sub_folders() {
    let (t, forms, copy) = returned();
    let run = kaoping(&["import", "--content", s(&copy), s(&forms)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(lines(&run.stdout, t.path()), summary("C/forms", &forms));
    assert_eq!(lines(&run.stderr, t.path()), warnings("C/forms"));
    let written = files(&copy);
    assert_eq!(written.iter().filter(|f| f.starts_with("cities/") || f.starts_with("units/")).count(), 24);
}

#[test]
fn lock_files_and_other_files_beside_the_forms_are_skipped_and_named_in_one_line() {
    let (t, forms, copy) = returned();
    // Excel's lock file of a form open elsewhere, WPS's, a note, a PDF.
    std::fs::write(forms.join("cities/~$qinglan.xlsx"), b"\x0bclerk").unwrap();
    std::fs::write(forms.join("units/~$police.xlsx"), b"").unwrap();
    std::fs::write(forms.join("说明.txt"), "请于月底前报送").unwrap();
    std::fs::write(forms.join("cities/通知.pdf"), b"%PDF-1.4").unwrap();
    let run = kaoping_zh(&["import", "--content", s(&copy), s(&forms)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run.stdout, t.path());
    assert_eq!(
        out[0],
        "跳过 4 个不是表格的文件：C/forms/cities/~$qinglan.xlsx、C/forms/cities/通知.pdf、C/forms/units/~$police.xlsx、C/forms/说明.txt"
    );
    assert_eq!(out[1], "导入了 24 份表格：");
    assert_eq!(out.len(), 26);
    assert!(lines(&run.stderr, t.path()).iter().all(|l| l.starts_with("警告：")), "{}", run.stderr);
}

#[test]
fn a_folder_with_no_workbook_is_an_error_naming_it() {
    let t = tempfile::tempdir().unwrap();
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let empty = t.path().join("收回的表");
    std::fs::create_dir_all(empty.join("附件")).unwrap();
    let run = kaoping_zh(&["import", "--content", s(&copy), s(&empty)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "错误：C/收回的表：这里没有找到任何表格（.xlsx、.xlsm、.xls、.ods）；填报表通常在 forms/cities 和 forms/units 下，或是收回的 .zip"
        ]
    );
    assert_eq!(run.stdout, "没有导入：1 个错误，内容文件夹没有改动\n");
    // Only a lock file and a note in it: named, and still an error.
    std::fs::write(empty.join("~$霜浦市.xlsx"), b"").unwrap();
    std::fs::write(empty.join("附件/readme.txt"), b"").unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&empty)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/收回的表: no workbook (.xlsx, .xlsm, .xls, .ods) is here; the forms are usually under forms/cities and forms/units, or in the .zip they came back in"
        ]
    );
    assert_eq!(
        lines(&run.stdout, t.path()),
        [
            "skipped 2 files that are not workbooks: C/收回的表/~$霜浦市.xlsx, C/收回的表/附件/readme.txt",
            "nothing imported: 1 error; the content folder is unchanged"
        ]
    );
    assert_eq!(files(&copy), ["site.yaml", "standard.md", "standard.yaml"], "nothing written");
}

#[test]
fn a_zip_of_returned_forms_imports_like_the_folder() {
    let (t, forms, copy) = returned();
    let mut e = entries(&forms);
    // As zips made on a Mac or from an open workbook come.
    e.insert(0, ("cities/".into(), Vec::new()));
    e.push(("__MACOSX/cities/._qinglan.xlsx".into(), b"\0\x05\x16\x07".to_vec()));
    e.push(("cities/~$qinglan.xlsx".into(), b"clerk".to_vec()));
    std::fs::write(t.path().join("返回.zip"), zip_of(&e)).unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&t.path().join("返回.zip"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut expected = vec![
        "skipped 2 files that are not workbooks: C/返回.zip/__MACOSX/cities/._qinglan.xlsx, C/返回.zip/cities/~$qinglan.xlsx"
            .to_string(),
    ];
    expected.extend(summary("C/返回.zip", &forms));
    assert_eq!(lines(&run.stdout, t.path()), expected);
    assert_eq!(lines(&run.stderr, t.path()), warnings("C/返回.zip"));
    let yaml = std::fs::read_to_string(copy.join("cities/qinglan.yaml")).unwrap();
    assert!(yaml.starts_with("# imported from 青岚市.xlsx (kaoping import)"), "{yaml}");

    // The same zip in a folder, beside a zip with nothing in it.
    let inbox = t.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::rename(t.path().join("返回.zip"), inbox.join("返回.zip")).unwrap();
    std::fs::write(inbox.join("空.zip"), zip_of(&[("说明.txt".into(), b"x".to_vec())])).unwrap();
    let run = kaoping(&["import", "--content", s(&copy), "--replace", s(&inbox)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run.stdout, t.path());
    assert_eq!(
        out[0],
        "skipped 3 files that are not workbooks: C/inbox/空.zip/说明.txt, C/inbox/返回.zip/__MACOSX/cities/._qinglan.xlsx, C/inbox/返回.zip/cities/~$qinglan.xlsx"
    );
    // The first workbook in name order (UTF-8 order of the names).
    assert_eq!(out[2], "C/copy/cities/yunze.yaml (from C/inbox/返回.zip/cities/云泽市.xlsx): no item changed");
}

#[cfg(unix)]
#[test]
fn a_linked_folder_or_file_inside_is_not_followed() {
    let (t, forms, copy) = returned();
    let inbox = t.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::rename(forms.join("cities"), inbox.join("cities")).unwrap();
    std::os::unix::fs::symlink(forms.join("units"), inbox.join("units")).unwrap();
    std::os::unix::fs::symlink(inbox.join("cities/碧岑市.xlsx"), inbox.join("bicen.xlsx")).unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&inbox)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = lines(&run.stdout, t.path());
    assert_eq!(
        out[0],
        "skipped 2 files that are not workbooks: C/inbox/bicen.xlsx (a link, not followed), C/inbox/units (a link, not followed)"
    );
    assert_eq!(out[1], "imported 16 workbooks:");
    assert!(!copy.join("units").exists(), "no unit imported through the link");
    // A link named on the command line is the user's own path: followed.
    let run = kaoping(&["import", "--content", s(&copy), s(&inbox.join("units"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(lines(&run.stdout, t.path())[0], "imported 8 workbooks:");
}

#[test]
fn a_zip_with_too_many_entries_or_an_oversize_entry_is_refused_at_its_place() {
    let (t, forms, copy) = returned();
    let bad = t.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let many: Vec<(String, Vec<u8>)> = (0..1001).map(|i| (format!("{i:04}.xlsx"), Vec::new())).collect();
    std::fs::write(bad.join("a-many.zip"), zip_of(&many)).unwrap();
    let mut e = entries(&forms.join("cities"));
    e.truncate(2);
    e.push(("big.xlsx".into(), vec![b' '; 16 * 1024 * 1024 + 1]));
    e.push(("inner.zip".into(), zip_of(&entries(&forms.join("units")))));
    std::fs::write(bad.join("b-big.zip"), zip_of(&e)).unwrap();
    std::fs::write(bad.join("c-not.zip"), b"PK but no zip").unwrap();
    let run = kaoping(&["import", "--content", s(&copy), s(&bad)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/bad/a-many.zip: the zip holds 1001 files, more than 1000, which no returned forms do; unpack it and give the folder the workbooks are in",
            "error: C/bad/c-not.zip: the zip is damaged and cannot be read (invalid Zip archive: Could not find EOCD)",
            "error: C/bad/b-big.zip/big.xlsx: the file is larger than 16 MiB, which no filled-in form is",
        ]
    );
    assert_eq!(
        lines(&run.stdout, t.path()),
        [
            "skipped 1 file that is not a workbook: C/bad/b-big.zip/inner.zip",
            "nothing imported: 3 errors; the content folder is unchanged"
        ]
    );
    assert_eq!(files(&copy), ["site.yaml", "standard.md", "standard.yaml"], "nothing written");
}
