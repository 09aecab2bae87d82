//! The writer follows no link and deletes only what it wrote (issue 28):
//! links planted at the names kaoping keeps beside the output (the staging
//! and old folders, the lock) are refused and named, never followed; a
//! marker copied into another folder of the same name does not let a build
//! delete a user's file, nor does a file put into the output while a build
//! runs; a staging folder swapped for a link while the site is written is
//! noticed before anything is put in place. Messages pinned in both
//! languages where they are new.
#![cfg(unix)]

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, Command, Stdio};

fn build(lang: &str, out: &Path) -> Run {
    kaoping_in(lang, &["build", "--content", "tests/fixtures/small", "--output", out.to_str().unwrap()])
}

/// A folder elsewhere that looks like a site kaoping made for `site`
/// (its marker and SHA256SUMS copied), with a file of the user's.
fn victim(root: &Path, site: &Path) -> std::path::PathBuf {
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    for f in [".kaoping-output", "SHA256SUMS"] {
        std::fs::copy(site.join(f), elsewhere.join(f)).unwrap();
    }
    std::fs::write(elsewhere.join("index.html"), "mine").unwrap();
    std::fs::write(elsewhere.join("thesis.docx"), "precious").unwrap();
    elsewhere
}

/// Starts a build of `small` into `out` that pauses at `phase` for `ms`
/// milliseconds; returns once it said so.
fn paused_build(out: &Path, phase: &str, ms: u32) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["build", "--content", "tests/fixtures/small", "--output", out.to_str().unwrap()])
        .current_dir(root())
        .env("KAOPING_LANG", "en")
        .env("KAOPING_TEST_PAUSE", format!("{phase}:{ms}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line, format!("kaoping-test: paused at {phase}\n"));
    child
}

fn stderr_of(mut child: Child) -> (i32, String) {
    let mut rest = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut rest).unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), rest)
}

#[test]
fn a_link_at_a_leftover_name_is_refused_and_named_not_followed() {
    for (tag, lang) in [("staging", "en"), ("old", "zh")] {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("site");
        assert_eq!(build("en", &out).code, 0);
        let site = snapshot(&out);
        let elsewhere = victim(root.path(), &out);
        let before = snapshot(&elsewhere);
        let link = root.path().join(format!(".site.kaoping-{tag}"));
        symlink(&elsewhere, &link).unwrap();
        let run = build(lang, &out);
        assert_eq!(run.code, 1, "{tag}: {}", run.stderr);
        let (o, l) = (out.display(), link.display());
        let expected = match lang {
            "en" => format!(
                "error: {o}: {l} is a link; kaoping writes, renames and deletes nothing through a link, and leaves it alone. Remove the link (what it leads to stays as it is), then build again; the previous output is unchanged"
            ),
            _ => format!(
                "错误：{o}：{l} 是一个链接；kaoping 不通过链接写入、改名或删除任何东西，不会动它。请删除这个链接（它指向的内容不受影响），然后再生成；原来的输出没有改动"
            ),
        };
        assert_eq!(run.stderr.lines().next(), Some(expected.as_str()), "{tag}");
        assert_eq!(snapshot(&elsewhere), before, "{tag}: what the link leads to is untouched");
        assert_eq!(snapshot(&out), site, "{tag}: the output is unchanged");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }
}

#[test]
fn a_link_at_the_old_name_is_not_put_back_as_the_output() {
    // The output missing and `.site.kaoping-old` a link to a marked folder:
    // the link is not renamed into the output's place.
    let root = tempfile::tempdir().unwrap();
    let first = root.path().join("first");
    assert_eq!(build("en", &first).code, 0);
    let elsewhere = victim(root.path(), &first);
    let before = snapshot(&elsewhere);
    let out = root.path().join("site");
    symlink(&elsewhere, root.path().join(".site.kaoping-old")).unwrap();
    let run = build("en", &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(".site.kaoping-old is a link;"), "{}", run.stderr);
    assert!(std::fs::symlink_metadata(&out).is_err(), "no output, and no link in its place");
    assert_eq!(snapshot(&elsewhere), before);
}

#[test]
fn the_lock_is_not_created_through_a_link() {
    let root = tempfile::tempdir().unwrap();
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = root.path().join("site");
    let lock = root.path().join(".site.kaoping-lock");
    symlink(elsewhere.join("planted"), &lock).unwrap();
    let run = build("en", &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = format!(
        "error: {}: cannot lock {}: it is a link, and kaoping follows no link\n",
        out.display(),
        lock.display()
    );
    assert_eq!(run.stderr, expected);
    assert!(!elsewhere.join("planted").exists(), "nothing was created where the link leads");
    assert!(!out.exists());
}

#[test]
fn a_copied_marker_and_sums_do_not_let_a_build_delete_a_users_file() {
    for lang in ["en", "zh"] {
        let root = tempfile::tempdir().unwrap();
        let a = root.path().join("a/site");
        assert_eq!(build("en", &a).code, 0);
        // Another folder named `site`, with the marker and SHA256SUMS copied in.
        let b = root.path().join("b/site");
        std::fs::create_dir_all(&b).unwrap();
        for f in [".kaoping-output", "SHA256SUMS", "index.html"] {
            std::fs::copy(a.join(f), b.join(f)).unwrap();
        }
        std::fs::write(b.join("thesis.docx"), "precious").unwrap();
        let before = snapshot(&b);
        let run = build(lang, &b);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let o = b.display();
        let expected = match lang {
            "en" => format!(
                "error: {o}/thesis.docx: this file is in the output folder {o}, but kaoping did not write it (SHA256SUMS does not list it); kaoping will not replace the folder. Move the file elsewhere, or choose another --output\n"
            ),
            _ => format!(
                "错误：{o}/thesis.docx：这个文件在输出文件夹 {o} 里，但它不是 kaoping 写的（SHA256SUMS 里没有它），kaoping 不会替换这个文件夹。请把这个文件移到别处，或者用 --output 另选一个文件夹\n"
            ),
        };
        assert_eq!(run.stderr, expected);
        assert_eq!(snapshot(&b), before);
        assert_eq!(std::fs::read_dir(root.path().join("b")).unwrap().count(), 1, "nothing beside it");
    }
}

#[test]
fn a_file_put_into_the_output_while_a_build_runs_is_not_deleted() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("site");
    assert_eq!(build("en", &out).code, 0);
    let child = paused_build(&out, "staging", 1500);
    std::fs::write(out.join("cities/notes.docx"), "mine").unwrap();
    let site = snapshot(&out);
    let (code, stderr) = stderr_of(child);
    assert_eq!(code, 1, "{stderr}");
    let o = out.display();
    assert!(
        stderr.starts_with(&format!(
            "error: {o}/cities/notes.docx: this file is in the output folder {o}, but kaoping did not write it"
        )),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), site, "the output, the user's file with it, is unchanged");
    let beside: Vec<_> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["site"], "the staging folder is removed");
}

#[test]
fn a_staging_folder_swapped_for_a_link_meanwhile_is_not_written_through() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("site");
    assert_eq!(build("en", &out).code, 0);
    let site = snapshot(&out);
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let child = paused_build(&out, "staging", 1500);
    let staging = root.path().join(".site.kaoping-staging");
    std::fs::rename(&staging, root.path().join("moved")).unwrap();
    symlink(&elsewhere, &staging).unwrap();
    let (code, stderr) = stderr_of(child);
    assert_eq!(code, 1, "{stderr}");
    let expected = format!(
        "error: {}: the folder {}, where the site was written, was moved or replaced meanwhile; nothing was put in place, and the previous output is unchanged",
        out.display(),
        staging.display()
    );
    assert_eq!(stderr.lines().next(), Some(expected.as_str()));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written where the link leads");
    assert_eq!(snapshot(&out), site);
    assert!(std::fs::symlink_metadata(&staging).unwrap().file_type().is_symlink(), "the link is left alone");
}
