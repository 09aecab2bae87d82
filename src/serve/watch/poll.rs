//! Noticing changes: a fingerprint of every file under the watched folders
//! (path, size, modification time), taken by polling. Polling needs no
//! platform API and costs a directory walk, which is small next to a build.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the watched folders hold now; two equal fingerprints mean nothing
/// changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>)>);

pub fn fingerprint(dirs: &[PathBuf]) -> Fingerprint {
    let mut files = Vec::new();
    for dir in dirs {
        add(dir, &mut files);
    }
    Fingerprint(files)
}

fn add(dir: &Path, files: &mut Vec<(PathBuf, u64, Option<SystemTime>)>) {
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().flatten() {
        if let Ok(meta) = entry.metadata()
            && meta.is_file()
        {
            files.push((entry.into_path(), meta.len(), meta.modified().ok()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = [dir.path().to_path_buf()];
        std::fs::write(dir.path().join("a.yaml"), "x").unwrap();
        let before = fingerprint(&dirs);
        assert_eq!(before, fingerprint(&dirs));
        std::fs::write(dir.path().join("a.yaml"), "xy").unwrap();
        assert_ne!(before, fingerprint(&dirs));
        std::fs::write(dir.path().join("b.yaml"), "").unwrap();
        assert_ne!(fingerprint(&dirs), before);
    }
}
