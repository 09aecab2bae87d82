//! The record: SHA256SUMS checked by coreutils' `sha256sum -c`, the data
//! fingerprint on every page, `kaoping verify` on constructed changes.

mod common;

use common::{kaoping, kaoping_zh, lines};
use std::path::Path;

/// Builds the sample province into `dir/out`.
fn build_sample(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let run = kaoping(&["build", "--content", "content", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

#[test]
fn sha256sum_accepts_the_checksums_of_a_built_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_sample(tmp.path());
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let paths: Vec<&str> = sums.lines().map(|l| &l[66..]).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by path");
    assert!(paths.contains(&"results.json") && paths.contains(&"cities/bicen.html"));
    assert!(!paths.contains(&"SHA256SUMS") && !paths.contains(&".kaoping-output"));
    let files = common::snapshot(&out).len();
    assert_eq!(paths.len(), files - 2, "every file but the sums and the marker");
    match std::process::Command::new("sha256sum").args(["-c", "--strict", "SHA256SUMS"]).current_dir(&out).output() {
        Ok(run) => assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stdout)),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "sha256sum (coreutils) is missing under CI: {e}");
            eprintln!("skipped: sha256sum (coreutils) is not installed: {e}");
        }
    }
}

#[test]
fn every_page_shows_the_fingerprint_of_results_json_on_screen_and_in_print() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_sample(tmp.path());
    let fp = kaoping::record::fingerprint::of(&std::fs::read(out.join("results.json")).unwrap());
    assert_eq!(fp.len(), 19);
    // The theme's templates kept in source/ are not pages.
    let pages = common::snapshot(&out).into_iter().filter(|(p, _)| p.ends_with(".html") && !kaoping::proof::is_kept(p));
    for (path, bytes) in pages {
        let html = String::from_utf8_lossy(&bytes);
        assert!(html.contains(&format!("数据指纹 <code>{fp}</code>")), "footer of {path}");
        assert!(html.contains(&format!("@bottom-right {{ content: \"数据指纹 {fp}\"")), "margin box of {path}");
    }
}

#[test]
fn two_builds_are_byte_identical_checksums_included() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (a, b) = (build_sample(a.path()), build_sample(b.path()));
    assert_eq!(common::snapshot(&a), common::snapshot(&b));
}

/// A copy of a built sample with one byte changed, one file removed, one
/// added and one page's fingerprint edited.
fn damaged() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_sample(tmp.path());
    let page = out.join("cities/bicen.html");
    let mut bytes = std::fs::read(&page).unwrap();
    let at = bytes.iter().position(|&b| b == b'>').unwrap();
    bytes[at - 1] ^= 1;
    std::fs::write(&page, bytes).unwrap();
    std::fs::remove_file(out.join("results.csv")).unwrap();
    std::fs::write(out.join("cities/extra.html"), "<p>added</p>").unwrap();
    let fp = kaoping::record::fingerprint::of(&std::fs::read(out.join("results.json")).unwrap());
    let unit = out.join("units/police.html");
    let html = std::fs::read_to_string(&unit)
        .unwrap()
        .replace(&format!("<code>{fp}</code>"), "<code>0000 0000 0000 0000</code>");
    std::fs::write(&unit, html).unwrap();
    (tmp, out)
}

#[test]
fn verify_passes_a_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_sample(tmp.path());
    let run = kaoping(&["verify", out.to_str().unwrap()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        lines(&run.stdout, &out),
        [
            "C holds: 78 files match SHA256SUMS; 79 files re-derived from source/ and identical; not signed: who published it is not proven"
        ]
    );
    let run = kaoping_zh(&["verify", out.to_str().unwrap()]);
    assert_eq!(
        lines(&run.stdout, &out),
        ["C 核对通过：78 个文件与 SHA256SUMS 一致；79 个文件由 source/ 重新生成，逐字节相同；未签名：不能证明由谁发布"]
    );
}

#[test]
fn verify_names_each_changed_missing_and_added_file_and_the_edited_fingerprint() {
    let (_tmp, out) = damaged();
    let fp = kaoping::record::fingerprint::of(&std::fs::read(out.join("results.json")).unwrap());
    let run = kaoping(&["verify", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "error: C/cities/bicen.html: changed: its content is not the one SHA256SUMS records".to_string(),
            "error: C/cities/bicen.html:1:14: differs from what source/ gives: published \"<!DOCTYPE htmm>\", from source/ \"<!DOCTYPE html>\"".to_string(),
            "error: C/cities/extra.html: added: it is in the folder, but SHA256SUMS does not list it".to_string(),
            "error: C/results.csv: missing: SHA256SUMS lists it, but it is not in the folder".to_string(),
            "error: C/units/police.html: changed: its content is not the one SHA256SUMS records".to_string(),
            format!(
                "error: C/units/police.html: the page shows the data fingerprint 0000 0000 0000 0000, but results.json has the fingerprint {fp}"
            ),
            format!(
                "error: C/units/police.html:261:35: differs from what source/ gives: published \"…lass=\"fingerprint\">数据指纹 <code>0000 0000 0000 0000</code>（results.json…\", from source/ \"…lass=\"fingerprint\">数据指纹 <code>{fp}</code>（results.json…\""
            ),
        ]
    );
    assert_eq!(lines(&run.stdout, &out), ["C is not as it was published: 7 problems"]);
    let run = kaoping_zh(&["verify", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "错误：C/cities/bicen.html：已被改动：内容与 SHA256SUMS 记录的不一致".to_string(),
            "错误：C/cities/bicen.html:1:14：与 source/ 重新生成的不同：发布的是「<!DOCTYPE htmm>」，由 source/ 得出的是「<!DOCTYPE html>」".to_string(),
            "错误：C/cities/extra.html：多出：文件夹中有此文件，但 SHA256SUMS 没有列出".to_string(),
            "错误：C/results.csv：缺少：SHA256SUMS 列有此文件，但文件夹中没有".to_string(),
            "错误：C/units/police.html：已被改动：内容与 SHA256SUMS 记录的不一致".to_string(),
            format!(
                "错误：C/units/police.html：页面上的数据指纹是 0000 0000 0000 0000，而 results.json 的数据指纹是 {fp}"
            ),
            format!(
                "错误：C/units/police.html:261:35：与 source/ 重新生成的不同：发布的是「…lass=\"fingerprint\">数据指纹 <code>0000 0000 0000 0000</code>（results.json…」，由 source/ 得出的是「…lass=\"fingerprint\">数据指纹 <code>{fp}</code>（results.json…」"
            ),
        ]
    );
    assert_eq!(lines(&run.stdout, &out), ["C 与发布时不一致：共 7 处问题"]);
}

#[test]
fn verify_checks_each_year_of_an_archive_against_its_own_data() {
    // An archive's output: the top with history.json and its own page,
    // year folders that are whole sites; one SHA256SUMS at the top.
    let tmp = tempfile::tempdir().unwrap();
    let year = build_sample(tmp.path());
    let top = tmp.path().join("archive");
    common::copy_dir(&year, &top.join("2013"));
    std::fs::write(top.join("history.json"), "{\"years\": [2013]}\n").unwrap();
    let fp = kaoping::record::fingerprint::of(b"{\"years\": [2013]}\n");
    std::fs::write(top.join("index.html"), format!("<p>数据指纹 <code>{fp}</code></p>")).unwrap();
    let mut sums = std::collections::BTreeMap::new();
    for (path, bytes) in common::snapshot(&top) {
        let path = path.replace('\\', "/");
        if kaoping::record::sums::listed(&path) {
            sums.insert(path, kaoping::record::sha256_hex(&bytes));
        }
    }
    std::fs::write(top.join("SHA256SUMS"), kaoping::record::sums::format(&sums)).unwrap();
    let run = kaoping(&["verify", top.to_str().unwrap()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{}", run.stdout);
    // A top without source/ is not re-derived, and says so.
    assert_eq!(
        lines(&run.stdout, &top),
        [
            "C holds: 81 files match SHA256SUMS, and 29 pages show the fingerprint of their data; it has no source/, so the pages were not re-derived from the data; not signed: who published it is not proven"
        ]
    );
    // The year's pages show the year's fingerprint, not the archive's.
    std::fs::write(top.join("2013/index.html"), format!("<p>数据指纹 <code>{fp}</code></p>")).unwrap();
    let run = kaoping(&["verify", top.to_str().unwrap()]);
    let year_fp = kaoping::record::fingerprint::of(&std::fs::read(year.join("results.json")).unwrap());
    assert_eq!(
        lines(&run.stderr, &top),
        [
            "error: C/2013/index.html: changed: its content is not the one SHA256SUMS records".to_string(),
            format!(
                "error: C/2013/index.html: the page shows the data fingerprint {fp}, but 2013/results.json has the fingerprint {year_fp}"
            ),
        ]
    );
}

#[test]
fn verify_without_checksums_or_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let run = kaoping(&["verify", tmp.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        [
            "error: C/SHA256SUMS: there is no SHA256SUMS here, so the folder cannot be checked (is it a site built by kaoping 0.1 or later, and was nothing removed?)"
        ]
    );
    let run = kaoping(&["verify", tmp.path().join("nothing").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    std::fs::write(tmp.path().join("SHA256SUMS"), "abc  x\n").unwrap();
    let run = kaoping_zh(&["verify", tmp.path().to_str().unwrap()]);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        ["错误：C/SHA256SUMS:1:1：这一行不是校验行（应为64位十六进制数、两个空格、文件路径）；SHA256SUMS 被改动过"]
    );
}
