use super::*;
use std::fs;
use std::path::Path;

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
}

fn sums_of(paths: &[&str]) -> String {
    paths.iter().map(|p| format!("{}  {p}\n", "0".repeat(64))).collect()
}

#[test]
fn only_what_the_record_lists_is_kaopings() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let sums = sums_of(&["index.html", "cities/a.html"]);
    write(
        &site,
        &[(MARKER, &marker::text("site")), ("SHA256SUMS", &sums), ("index.html", "i"), ("cities/a.html", "a")],
    );
    let dir = Dir::open(&site).unwrap();
    assert!(Record::read(&dir, "other").is_none(), "a marker made for another name");
    let record = Record::read(&dir, "site").unwrap();
    assert_eq!(first_unlisted(&dir, &record).unwrap(), None);
    // The file browser's own files count as listed; a user's file does not.
    write(&site, &[("cities/Thumbs.db", "t")]);
    assert_eq!(first_unlisted(&dir, &record).unwrap(), None);
    write(&site, &[("cities/b.docx", "mine"), ("notes/x.txt", "mine")]);
    assert_eq!(first_unlisted(&dir, &record).unwrap().as_deref(), Some("cities/b.docx"));
    // A link is never listed, even at a listed name.
    fs::remove_file(site.join("cities/b.docx")).unwrap();
    fs::remove_dir_all(site.join("notes")).unwrap();
    fs::remove_file(site.join("index.html")).unwrap();
    std::os::unix::fs::symlink(root.path(), site.join("index.html")).unwrap();
    assert_eq!(first_unlisted(&dir, &record).unwrap().as_deref(), Some("index.html"));
}

/// The paths left beneath `site`, sorted.
fn left_in(site: &std::path::Path) -> Vec<String> {
    let mut left: Vec<String> = walkdir::WalkDir::new(site)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(site).unwrap().to_string_lossy().into_owned())
        .collect();
    left.sort();
    left
}

#[test]
fn removal_leaves_what_is_not_listed_and_takes_the_marker_last() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let sums = sums_of(&["index.html", "cities/a.html", "units/u.html"]);
    write(&site, &[(MARKER, &marker::text("site")), ("SHA256SUMS", &sums), ("index.html", "i")]);
    write(&site, &[("cities/a.html", "a"), ("units/u.html", "u"), ("units/mine.docx", "mine")]);
    let parent = Dir::open(root.path()).unwrap();
    assert!(remove(&parent, OsStr::new("site"), "site").is_err(), "the folder stays");
    let left = left_in(&site);
    assert_eq!(left, [MARKER, "SHA256SUMS", "units", "units/mine.docx"], "the record stays with it");
    // Emptied, the folder goes.
    fs::remove_file(site.join("units/mine.docx")).unwrap();
    remove(&parent, OsStr::new("site"), "site").unwrap();
    assert!(!site.exists());
}

#[test]
fn a_staging_folder_is_listed_by_its_journal() {
    let root = tempfile::tempdir().unwrap();
    let staging = root.path().join(".site.kaoping-staging");
    write(&staging, &[(MARKER, &marker::text("site")), (JOURNAL, "index.html\ncities/a.html\n"), ("index.html", "i")]);
    write(&staging, &[("cities/a.html", "a")]);
    let dir = Dir::open(&staging).unwrap();
    assert_eq!(first_unlisted(&dir, &Record::read(&dir, "site").unwrap()).unwrap(), None);
    write(&staging, &[("cities/b.html", "b")]);
    let record = Record::read(&dir, "site").unwrap();
    assert_eq!(first_unlisted(&dir, &record).unwrap().as_deref(), Some("cities/b.html"));
}

#[test]
fn a_site_of_the_previous_version_is_listed_by_its_names() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let legacy = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\n";
    write(&site, &[(MARKER, legacy), ("index.html", "i"), ("cities/a.html", "a"), ("units/u/1.html", "1")]);
    let dir = Dir::open(&site).unwrap();
    let record = Record::read(&dir, "anything").unwrap();
    assert_eq!(first_unlisted(&dir, &record).unwrap(), None);
    write(&site, &[("cities/thesis.docx", "precious")]);
    assert_eq!(first_unlisted(&dir, &record).unwrap().as_deref(), Some("cities/thesis.docx"));
}

#[test]
fn folders_removed_side_by_side_each_keep_what_is_not_listed() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let paths: Vec<String> = (2013..2023).flat_map(|y| (0..20).map(move |i| format!("{y}/cities/c{i}.html"))).collect();
    let listed: Vec<&str> = paths.iter().map(String::as_str).collect();
    write(&site, &[(MARKER, &marker::text("site")), ("SHA256SUMS", &sums_of(&listed))]);
    write(&site, &listed.iter().map(|p| (*p, "x")).collect::<Vec<_>>());
    write(&site, &[("2017/cities/mine.txt", "mine")]);
    let parent = Dir::open(root.path()).unwrap();
    assert!(remove(&parent, OsStr::new("site"), "site").is_err(), "the folder stays");
    let left = left_in(&site);
    assert_eq!(left, [MARKER, "2017", "2017/cities", "2017/cities/mine.txt", "SHA256SUMS"]);
}
