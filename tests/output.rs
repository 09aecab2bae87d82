//! The output folder's safety (issue 15, items 4–6): a refused or failed
//! build creates and leaves nothing; a swap stopped between its renames is
//! repaired first, whatever the content; folders beside the output are
//! deleted only when they hold kaoping's marker; a copied marker does not
//! license replacing another folder. Messages pinned in both languages.

mod common;
use common::*;
use kaoping::diag::Diagnostic;
use std::path::Path;
use std::process::{Command, Stdio};

const MARKER_SITE: &str = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\nfolder: site\n";

/// The line `Diagnostic` prints for an error at `path` in Chinese (the
/// frame `error:`/`错误：` is the diagnostics' own, tested there).
fn zh(severity_error: bool, path: &str, message: &str) -> String {
    kaoping::i18n::set(kaoping::i18n::Lang::Zh);
    let d =
        if severity_error { Diagnostic::error(path, None, message) } else { Diagnostic::warning(path, None, message) };
    d.to_string()
}

fn build(lang: &str, content: &str, out: &Path) -> Run {
    kaoping_in(lang, &["build", "--content", content, "--output", out.to_str().unwrap()])
}

#[test]
fn a_refused_build_creates_nothing_anywhere() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("x/y/z");
    let run = kaoping(&["build", "--content", "nosuch", "--output", deep.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(snapshot(root.path()).is_empty() && !root.path().join("x").exists());
    // Inside the content folder: refused, and the content folder unchanged.
    let c = fixture("small", &[]);
    let before = snapshot(c.path());
    let names = || std::fs::read_dir(c.path()).unwrap().count();
    let count = names();
    let run = kaoping(&[
        "build",
        "--content",
        c.path().to_str().unwrap(),
        "--output",
        c.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(snapshot(c.path()), before);
    assert_eq!(names(), count, "no lock file in the content folder");
}

#[test]
fn a_failed_build_into_a_new_place_leaves_nothing() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("x/y/site");
    let run = build("en", "tests/fixtures/broken-entries", &deep);
    assert_eq!(run.code, 1);
    assert!(!root.path().join("x").exists(), "the folders made for the lock are removed again");
    // A good build there makes the folders and leaves only the site.
    assert_eq!(build("en", "tests/fixtures/small", &deep).code, 0);
    assert_eq!(std::fs::read_dir(root.path().join("x/y")).unwrap().count(), 1);
}

/// Builds `small` into `root/site`, then kills a two-rename build between
/// its renames: the output is then missing and the old site set aside.
fn stopped_between_renames(root: &Path) -> Vec<(String, Vec<u8>)> {
    let out = root.join("site");
    assert_eq!(build("en", "tests/fixtures/small", &out).code, 0);
    let site = snapshot(&out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["build", "--output", out.to_str().unwrap()])
        .current_dir(common::root())
        .env("KAOPING_TEST_TWO_RENAMES", "1")
        .env("KAOPING_TEST_PAUSE", "aside")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stderr.take().unwrap()), &mut line).unwrap();
    assert_eq!(line, "kaoping-test: paused at aside\n");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.exists() && root.join(".site.kaoping-old").is_dir());
    site
}

#[test]
fn a_stopped_swap_is_repaired_first_even_when_the_content_is_broken() {
    for lang in ["en", "zh"] {
        let root = tempfile::tempdir().unwrap();
        let site = stopped_between_renames(root.path());
        let out = root.path().join("site");
        let run = build(lang, "tests/fixtures/broken-entries", &out);
        assert_eq!(run.code, 1);
        let old = root.path().join(".site.kaoping-old");
        let first = run.stderr.lines().next().unwrap().to_string();
        let expected = match lang {
            "en" => format!(
                "warning: {}: a build was stopped while it replaced this folder; the previous site was put back from {}",
                out.display(),
                old.display()
            ),
            _ => zh(
                false,
                &out.display().to_string(),
                &format!("上次生成在替换这个文件夹时被中断；已从 {} 把原来的网站放回", old.display()),
            ),
        };
        assert_eq!(first, expected);
        assert_eq!(snapshot(&out), site);
        let mut beside: Vec<_> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        beside.sort();
        assert_eq!(beside, ["site"], "the staging folder and the lock are gone too");
    }
}

#[test]
fn folders_beside_the_output_without_the_marker_are_left_alone() {
    for (tag, marker) in [("staging", None), ("old", None), ("staging", Some("folder: thesis\n"))] {
        for lang in ["en", "zh"] {
            let root = tempfile::tempdir().unwrap();
            let out = root.path().join("site");
            assert_eq!(build("en", "tests/fixtures/small", &out).code, 0);
            let site = snapshot(&out);
            let theirs = root.path().join(format!(".site.kaoping-{tag}"));
            std::fs::create_dir(&theirs).unwrap();
            std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
            if let Some(m) = marker {
                std::fs::write(theirs.join(".kaoping-output"), m).unwrap();
            }
            let before = snapshot(&theirs);
            let run = build(lang, "tests/fixtures/small", &out);
            assert_eq!(run.code, 1, "{tag}: {}", run.stderr);
            let message = match lang {
                "en" => format!(
                    "{} is in the way, and kaoping did not make it (it has no .kaoping-output file for \"site\"); kaoping leaves it alone. Move or delete it, then build again; the previous output is unchanged",
                    theirs.display()
                ),
                _ => format!(
                    "{} 挡住了生成，而它不是 kaoping 生成的（没有属于\"site\"的 .kaoping-output 标记文件），kaoping 不会动它。请把它移走或删除，然后再生成；原来的输出没有改动",
                    theirs.display()
                ),
            };
            let expected = match lang {
                "en" => format!("error: {}: {message}", out.display()),
                _ => zh(true, &out.display().to_string(), &message),
            };
            assert_eq!(run.stderr.lines().next(), Some(expected.as_str()), "{tag}");
            assert_eq!(snapshot(&theirs), before, "{tag}: left alone");
            assert_eq!(snapshot(&out), site, "{tag}: the output unchanged");
        }
    }
    // An unmarked `.site.kaoping-old` is not moved into a missing output.
    let root = tempfile::tempdir().unwrap();
    let theirs = root.path().join(".site.kaoping-old");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let run = build("en", "tests/fixtures/small", &root.path().join("site"));
    assert_eq!(run.code, 1);
    assert!(!root.path().join("site").exists());
    assert_eq!(snapshot(&theirs), [("notes.txt".to_string(), b"mine".to_vec())]);
}

#[test]
fn a_copied_marker_does_not_license_replacing_another_folder() {
    for lang in ["en", "zh"] {
        let root = tempfile::tempdir().unwrap();
        let thesis = root.path().join("thesis");
        std::fs::create_dir(&thesis).unwrap();
        std::fs::write(thesis.join("thesis.docx"), "precious").unwrap();
        std::fs::write(thesis.join(".kaoping-output"), MARKER_SITE).unwrap();
        let before = snapshot(&thesis);
        let run = build(lang, "tests/fixtures/small", &thesis);
        assert_eq!(run.code, 2);
        let t = thesis.display().to_string();
        let expected = match lang {
            "en" => format!(
                "error: {t}: this folder's .kaoping-output file was made for a folder named \"site\", not for this one (was it copied here?); kaoping will not replace it. Choose another --output, or empty the folder"
            ),
            _ => zh(
                true,
                &t,
                "这个文件夹里的 .kaoping-output 标记文件是为名叫\"site\"的文件夹生成的，不属于这个文件夹（是复制过来的吗？），kaoping 不会替换它。请用 --output 另选一个文件夹，或者先把它清空",
            ),
        };
        assert_eq!(run.stderr, format!("{expected}\n"));
        assert_eq!(snapshot(&thesis), before);
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1, "nothing beside it");
    }
}

#[test]
fn a_site_of_the_previous_version_is_replaced_but_not_with_someone_elses_files() {
    let legacy = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\n";
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("old-site");
    assert_eq!(build("en", "tests/fixtures/small", &out).code, 0);
    // What the previous version wrote: no SHA256SUMS, standard.json, report.html, results.xlsx, report.docx or source/.
    let make_old = |out: &std::path::Path| {
        for f in ["SHA256SUMS", "standard.json", "report.html", "results.xlsx", "report.docx"] {
            let _ = std::fs::remove_file(out.join(f));
        }
        let _ = std::fs::remove_dir_all(out.join("source"));
        std::fs::write(out.join(".kaoping-output"), legacy).unwrap();
    };
    make_old(&out);
    assert_eq!(build("en", "tests/fixtures/small", &out).code, 0);
    assert_eq!(std::fs::read_to_string(out.join(".kaoping-output")).unwrap(), MARKER_SITE.replace("site", "old-site"));
    make_old(&out);
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    let run = build("en", "tests/fixtures/small", &out);
    assert_eq!(run.code, 2);
    let o = out.display();
    assert_eq!(
        run.stderr,
        format!(
            "error: {o}/thesis.docx: this file is in the output folder {o}, but kaoping did not write it (SHA256SUMS does not list it); kaoping will not replace the folder. Move the file elsewhere, or choose another --output\n"
        )
    );
    assert_eq!(std::fs::read(out.join("thesis.docx")).unwrap(), b"precious");
}

#[test]
fn the_two_rename_swap_gives_the_same_site() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a/site"), root.path().join("b/site"));
    assert_eq!(build("en", "tests/fixtures/small", &a).code, 0);
    for _ in 0..2 {
        let run = Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", "tests/fixtures/small", "--output", b.to_str().unwrap()])
            .current_dir(common::root())
            .env("KAOPING_TEST_TWO_RENAMES", "1")
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    assert_eq!(snapshot(&a), snapshot(&b));
    assert_eq!(std::fs::read_dir(root.path().join("b")).unwrap().count(), 1, "nothing beside the site");
}

#[test]
fn someone_elses_folder_is_refused_in_both_languages() {
    let root = tempfile::tempdir().unwrap();
    let theirs = root.path().join("docs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.docx"), "precious").unwrap();
    let t = theirs.display().to_string();
    let run = build("en", "tests/fixtures/small", &theirs);
    assert_eq!(
        (run.code, run.stderr),
        (
            2,
            format!(
                "error: {t}: this folder has files that kaoping did not make (it has no .kaoping-output file); kaoping will not replace it. Choose another --output, or empty the folder\n"
            )
        )
    );
    let run = build("zh", "tests/fixtures/small", &theirs);
    let message = "这个文件夹里有不是 kaoping 生成的文件（没有 .kaoping-output 标记文件），kaoping 不会替换它。请用 --output 另选一个文件夹，或者先把它清空";
    assert_eq!((run.code, run.stderr), (2, format!("{}\n", zh(true, &t, message))));
    assert_eq!(snapshot(&theirs), [("thesis.docx".to_string(), b"precious".to_vec())]);
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1, "nothing beside it");
}
