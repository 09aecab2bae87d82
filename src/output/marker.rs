//! kaoping's mark on the folders it makes: a `.kaoping-output` file naming
//! the folder it was made for. Only a folder holding the mark for its own
//! name (or a site of the previous version, see [`is_kaopings`]) is ever
//! replaced or deleted.

use std::fs;
use std::path::Path;

/// The file that marks a folder as kaoping's output.
pub const MARKER: &str = ".kaoping-output";

/// What the versions before the folder name was recorded wrote.
const LEGACY_TEXT: &str = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\n";

/// The names at the top of a site that the previous version wrote.
const SITE_NAMES: [&str; 8] =
    [MARKER, "index.html", "standard.html", "results.json", "results.csv", "cities", "units", "ranking"];

/// The marker's text for a folder named `name`.
pub fn text(name: &str) -> String {
    format!("{LEGACY_TEXT}folder: {name}\n")
}

/// What the marker in `dir` says of itself.
#[derive(Debug, PartialEq, Eq)]
pub enum Mark {
    /// No marker file (or none readable).
    None,
    /// The marker of the previous version, without a folder name.
    Legacy,
    /// A marker made for the folder of this name.
    For(String),
}

pub fn read(dir: &Path) -> Mark {
    let Ok(text) = fs::read_to_string(dir.join(MARKER)) else { return Mark::None };
    match text.lines().find_map(|l| l.strip_prefix("folder: ")) {
        Some(name) => Mark::For(name.to_string()),
        None if text == LEGACY_TEXT => Mark::Legacy,
        None => Mark::None,
    }
}

/// Whether kaoping may replace or delete `dir`, which a marker would name
/// `name`: it holds the marker made for `name`, or the previous version's
/// marker (no name) beside nothing but the names a site of that version has.
pub fn is_kaopings(dir: &Path, name: &str) -> bool {
    match read(dir) {
        Mark::For(made_for) => same_name(&made_for, name),
        Mark::Legacy => fs::read_dir(dir)
            .is_ok_and(|entries| entries.flatten().all(|e| SITE_NAMES.iter().any(|n| e.file_name() == *n))),
        Mark::None => false,
    }
}

/// Folder names compared as the system compares them: exactly on Linux,
/// ignoring case on Windows and macOS.
pub fn same_name(a: &str, b: &str) -> bool {
    if cfg!(any(windows, target_os = "macos")) { a.to_lowercase() == b.to_lowercase() } else { a == b }
}

/// Whether `dir` is a folder with nothing in it.
pub fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Removes a folder kaoping made: everything but the marker first, the
/// marker last, so a removal stopped half way leaves a folder that is still
/// marked (or empty) and the next build finishes it.
pub fn remove(dir: &Path) -> std::io::Result<()> {
    let mut first = true;
    for entry in fs::read_dir(dir)?.flatten() {
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
        if std::mem::take(&mut first) {
            super::hook::pause("removing");
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_licenses_only_the_folder_it_was_made_for() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("site");
        fs::create_dir(&dir).unwrap();
        assert_eq!(read(&dir), Mark::None);
        assert!(!is_kaopings(&dir, "site"));
        fs::write(dir.join(MARKER), text("site")).unwrap();
        assert_eq!(read(&dir), Mark::For("site".into()));
        assert!(is_kaopings(&dir, "site"));
        assert!(!is_kaopings(&dir, "thesis"));
    }

    #[test]
    fn a_legacy_marker_licenses_only_a_folder_of_site_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("site");
        fs::create_dir_all(dir.join("cities")).unwrap();
        fs::write(dir.join(MARKER), LEGACY_TEXT).unwrap();
        fs::write(dir.join("index.html"), "x").unwrap();
        assert_eq!(read(&dir), Mark::Legacy);
        assert!(is_kaopings(&dir, "site") && is_kaopings(&dir, "other"));
        fs::write(dir.join("thesis.docx"), "precious").unwrap();
        assert!(!is_kaopings(&dir, "site"));
        // Any other text is no marker at all.
        fs::write(dir.join(MARKER), "hello").unwrap();
        assert_eq!(read(&dir), Mark::None);
    }

    #[test]
    fn removal_takes_the_marker_last() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("old");
        fs::create_dir_all(dir.join("cities")).unwrap();
        fs::write(dir.join("cities/a.html"), "a").unwrap();
        fs::write(dir.join(MARKER), text("site")).unwrap();
        remove(&dir).unwrap();
        assert!(!dir.exists());
    }
}
