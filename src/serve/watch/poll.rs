//! Noticing changes by polling: a fingerprint of every file under the
//! watched folders (path, size, modification time), taken every 50 ms and
//! compared with the last. Needs no platform API, so it works where the
//! system's file events do not (network drives); costs a walk of every
//! folder each time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the watched folders hold now; two equal fingerprints mean nothing
/// changed. Sorted by path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>)>);

pub fn fingerprint(dirs: &[PathBuf]) -> Fingerprint {
    let mut files = Vec::new();
    for dir in dirs {
        add(dir, &mut files);
    }
    files.sort();
    files.dedup();
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

/// The files that differ between two fingerprints: added, removed, or of
/// another size or time.
pub fn changed(old: &Fingerprint, new: &Fingerprint) -> BTreeSet<PathBuf> {
    let (mut a, mut b) = (old.0.iter().peekable(), new.0.iter().peekable());
    let mut out = BTreeSet::new();
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return out,
            (Some(x), Some(y)) if x.0 == y.0 => {
                if x != y {
                    out.insert(x.0.clone());
                }
                a.next();
                b.next();
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.insert(x.0.clone());
                a.next();
            }
            (Some(x), None) => {
                out.insert(x.0.clone());
                a.next();
            }
            (_, Some(y)) => {
                out.insert(y.0.clone());
                b.next();
            }
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
        let after = fingerprint(&dirs);
        assert_ne!(before, after);
        assert_eq!(changed(&before, &after), BTreeSet::from([dir.path().join("a.yaml")]));
        std::fs::write(dir.path().join("b.yaml"), "").unwrap();
        std::fs::remove_file(dir.path().join("a.yaml")).unwrap();
        let last = fingerprint(&dirs);
        assert_eq!(changed(&after, &last), BTreeSet::from([dir.path().join("a.yaml"), dir.path().join("b.yaml")]));
        assert!(changed(&last, &last).is_empty());
    }
}
