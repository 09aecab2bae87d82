//! kaoping's mark on the folders it makes: a `.kaoping-output` file naming
//! the folder it was made for. Only a folder holding the mark for its own
//! name (or a site of the previous version) is ever replaced or deleted,
//! and then only what its record lists (see `record`).

use crate::nofollow::Dir;

/// The file that marks a folder as kaoping's output.
pub const MARKER: &str = ".kaoping-output";

/// The file beside a site's `SHA256SUMS` (in an archive, beside each
/// year's and the archive's own) recording the fingerprint of the inputs it
/// was built from, so that a build can keep what has not changed
/// (`tasks::reuse`). Like the marker it is kaoping's bookkeeping: never listed
/// in `SHA256SUMS`, ignored by `verify`, replaced with its folder.
pub const INPUTS: &str = ".kaoping-inputs";

/// What the versions before the folder name was recorded wrote.
const LEGACY_TEXT: &str = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\n";

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

/// Reads the marker in `dir` (no link is followed).
pub fn read(dir: &Dir) -> Mark {
    let Ok(file) = dir.open_file(MARKER) else { return Mark::None };
    let Ok(bytes) = crate::nofollow::read_at_most(file, 64 * 1024) else { return Mark::None };
    let Ok(text) = String::from_utf8(bytes) else { return Mark::None };
    match text.lines().find_map(|l| l.strip_prefix("folder: ")) {
        Some(name) => Mark::For(name.to_string()),
        None if text == LEGACY_TEXT => Mark::Legacy,
        None => Mark::None,
    }
}

/// Folder names compared as the system compares them: exactly on Linux,
/// ignoring case on Windows and macOS.
pub fn same_name(a: &str, b: &str) -> bool {
    if cfg!(any(windows, target_os = "macos")) { a.to_lowercase() == b.to_lowercase() } else { a == b }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_marker_names_the_folder_it_was_made_for() {
        let root = tempfile::tempdir().unwrap();
        let dir = Dir::open(root.path()).unwrap();
        assert_eq!(read(&dir), Mark::None);
        fs::write(root.path().join(MARKER), text("site")).unwrap();
        assert_eq!(read(&dir), Mark::For("site".into()));
        fs::write(root.path().join(MARKER), LEGACY_TEXT).unwrap();
        assert_eq!(read(&dir), Mark::Legacy);
        // Any other text is no marker at all.
        fs::write(root.path().join(MARKER), "hello").unwrap();
        assert_eq!(read(&dir), Mark::None);
    }
}
