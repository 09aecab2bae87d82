//! An archive rebuilt over its own output keeps what has not changed
//! (issue 26): nothing touched when nothing changed; one year rebuilt when
//! one city of it is edited, the whole byte-identical to a clean build (but
//! the records of inputs, which note file numbers and times), and again
//! after a second edit; a year whose output was edited (same size) or lost
//! a file is rebuilt, never trusted; `verify` passes on what was kept.
#![cfg(unix)]

mod common;

use common::{kaoping, root, snapshot};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A copy of the sample archive, a folder for outputs, and the archive
/// built into `site` in it.
fn built() -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
    let content = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("examples/archive"), content.path());
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(content.path(), &site);
    (content, out, site)
}

fn build(content: &Path, out: &Path) -> common::Run {
    let run = kaoping(&["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// Every file under `dir`: its inode, modification and change times.
fn stats(dir: &Path) -> BTreeMap<String, (u64, i64, i64, i64)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        let m = e.metadata().unwrap();
        let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        out.insert(rel, (m.ino(), m.mtime_nsec(), m.ctime(), m.ctime_nsec()));
    }
    out
}

/// The files of `dir` under `folder/` (`""`: all) whose inode changed from `before`.
fn replaced(before: &BTreeMap<String, (u64, i64, i64, i64)>, dir: &Path, folder: &str) -> Vec<String> {
    let now = stats(dir);
    let mut out: Vec<String> = before
        .iter()
        .filter(|(p, s)| p.starts_with(folder) && dir.join(p).is_file() && now.get(*p).is_none_or(|n| n.0 != s.0))
        .map(|(p, _)| p.clone())
        .collect();
    out.sort();
    out
}

/// `dir` is byte for byte what a clean build of `content` writes (into a
/// folder of the same name, so that even the markers are equal).
fn same_as_clean(content: &Path, dir: &Path) {
    let clean = tempfile::tempdir().unwrap();
    let fresh = clean.path().join(dir.file_name().unwrap());
    build(content, &fresh);
    let (a, b) = (snapshot(dir), snapshot(&fresh));
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
    for (x, y) in a.iter().zip(&b) {
        // The records of inputs note each file's number and time on disk.
        let record = x.0.ends_with(".kaoping-inputs");
        assert!(record || x.1 == y.1, "{} differs from a clean build", x.0);
    }
}

/// Rewrites the text file `file` through `change`.
fn edit(file: &Path, change: impl Fn(String) -> String) {
    std::fs::write(file, change(std::fs::read_to_string(file).unwrap())).unwrap();
}

fn verified(dir: &Path) {
    let run = kaoping(&["verify", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn nothing_changed_touches_nothing() {
    let (content, _out, site) = built();
    let before = stats(&site);
    assert!(before.contains_key(".kaoping-inputs") && before.contains_key("2014/.kaoping-inputs"));
    let run = kaoping(&["build", "--content", content.path().to_str().unwrap(), "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The years' warnings (9: late submissions) are not read again, but counted and said.
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "nothing has changed since the last build, so the site is kept as it is; that build gave 9 warnings, not listed again because the years were not read again; kaoping check --content {} lists them",
            content.path().display()
        )
    );
    assert!(lines[1].contains("148 files, 9 warnings"), "{}", lines[1]);
    // Not one file, folder or time changed: not even the folder was swapped.
    assert_eq!(stats(&site), before);
    verified(&site);
}

/// Edits a city of `year` and builds again: only that year is rebuilt, and
/// the whole is a clean build's; what the build said.
fn edit_a_city_of(content: &Path, site: &Path, year: &str) -> common::Run {
    let before = stats(site);
    edit(&content.join(format!("{year}/cities/canglan.yaml")), |y| y + "# edited\n");
    let run = build(content, site);
    for other in ["2013", "2014", "2015"].into_iter().filter(|y| *y != year) {
        assert!(replaced(&before, site, &format!("{other}/")).is_empty(), "{other} rebuilt");
    }
    assert!(replaced(&before, site, &format!("{year}/")).contains(&format!("{year}/index.html")));
    same_as_clean(content, site);
    run
}

#[test]
fn one_city_edited_rebuilds_that_year_only() {
    let (content, _out, site) = built();
    let run = edit_a_city_of(content.path(), &site, "2014");
    // The other years were neither read nor scored: the archive's pages,
    // a clean build's byte for byte, were made from what their records
    // keep. Only 2014's warnings are listed; the others' are counted.
    let warned: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warned.len(), 3, "{}", run.stderr);
    assert!(warned.iter().all(|w| w.contains("/2014/")), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "years unchanged since the last build, kept as they are: 2013, 2015; their 6 warnings from that build are not listed again because they were not read again; kaoping check --content {} lists them",
            content.path().display()
        )
    );
    assert!(lines[1].contains("148 files, 9 warnings"), "{}", lines[1]);
    verified(&site);
    // A year kept once is kept again: linking it anew and removing the old
    // output changed nothing the record notes.
    edit_a_city_of(content.path(), &site, "2015");
}

#[test]
fn a_new_archive_title_keeps_every_year() {
    let (content, _out, site) = built();
    let before = stats(&site);
    edit(&content.path().join("archive.yaml"), |y| y.replace("title: ", "title: 新"));
    build(content.path(), &site);
    for year in ["2013/", "2014/", "2015/"] {
        assert!(replaced(&before, &site, year).is_empty(), "{year}");
    }
    assert!(replaced(&before, &site, "").contains(&"index.html".to_string()));
    same_as_clean(content.path(), &site);
}

#[test]
fn an_edited_year_folder_is_rebuilt_not_trusted() {
    let (content, _out, site) = built();
    std::thread::sleep(std::time::Duration::from_millis(20));
    // The same number of bytes, written in place (the same file): its
    // modification time tells. (One put back as well is left to `verify`.)
    let page = site.join("2013/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b' ' { b'\n' } else { b' ' };
    std::fs::write(&page, &bytes).unwrap();
    let before = stats(&site);
    build(content.path(), &site);
    assert!(replaced(&before, &site, "2013/").contains(&"2013/index.html".to_string()));
    assert!(replaced(&before, &site, "2014/").is_empty());
    same_as_clean(content.path(), &site);
    verified(&site);
}

#[test]
fn a_year_missing_a_file_is_rebuilt() {
    let (content, _out, site) = built();
    std::fs::remove_file(site.join("2015/results.json")).unwrap();
    build(content.path(), &site);
    assert!(site.join("2015/results.json").is_file());
    same_as_clean(content.path(), &site);
    verified(&site);
}

#[test]
fn a_kept_latest_year_lends_its_theme_to_the_archive_pages() {
    let (content, _out, site) = built();
    // The latest year gets a theme of its own, whose archive index says so.
    let theme = content.path().join("2015/mytheme");
    common::copy_dir(&root().join("themes/default"), &theme);
    edit(&theme.join("templates/archive_index.html"), |t| t.replacen("</h1>", "（自定主题）</h1>", 1));
    edit(&content.path().join("2015/site.yaml"), |y| y + "theme: mytheme\n");
    build(content.path(), &site);
    // Then an older year changes: 2015 is kept, not read, and its theme
    // is read on its own for the archive's pages.
    let before = stats(&site);
    edit(&content.path().join("2013/cities/canglan.yaml"), |y| y + "# edited\n");
    let run = build(content.path(), &site);
    assert!(run.stdout.contains("kept as they are: 2014, 2015;"), "{}", run.stdout);
    assert!(replaced(&before, &site, "2015/").is_empty());
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("（自定主题）</h1>"), "the kept year's theme is used");
    same_as_clean(content.path(), &site);
}
