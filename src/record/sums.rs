//! `SHA256SUMS`: one line per file of the site, `HASH  path` as coreutils'
//! `sha256sum` writes it (two spaces, paths with `/`), sorted by path; the
//! file itself and the output marker are left out. Hashes are collected as
//! the files are made, from any thread.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The name of the checksum file at the top of a site.
pub use crate::output::sums_list::{BadLine, NAME, parse};

/// Files never listed: the checksum file itself and its signature (at the
/// top), the output marker (at any depth, so an archive may hold marked
/// year sites) and the record of inputs (at any depth, one per year).
pub fn listed(path: &str) -> bool {
    let name = path.rsplit('/').next();
    path != NAME
        && path != super::signature::FILE
        && name != Some(crate::output::MARKER)
        && name != Some(crate::output::marker::INPUTS)
}

/// The hashes of the files of a site, gathered as they are made.
#[derive(Default)]
pub struct Sums {
    hashes: Mutex<BTreeMap<String, String>>,
}

impl Sums {
    /// Notes one file (ignored if it is one that is never listed) and
    /// gives its hash, if listed.
    pub fn add(&self, path: &str, bytes: &[u8]) -> Option<String> {
        if !listed(path) {
            return None;
        }
        let hash = super::sha256_hex(bytes);
        self.insert(path, hash.clone());
        Some(hash)
    }

    /// [`Sums::add`] for a file whose hash is already known (results.json,
    /// hashed for its fingerprint).
    pub fn add_hashed(&self, path: &str, hash: &str) -> Option<String> {
        if !listed(path) {
            return None;
        }
        self.insert(path, hash.to_string());
        Some(hash.to_string())
    }

    /// Notes a file whose hash is already known (a year's file in an
    /// archive, hashed once for both lists).
    pub fn insert(&self, path: &str, hash: String) {
        if let Ok(mut h) = self.hashes.lock() {
            h.insert(path.to_string(), hash);
        }
    }

    /// The hash noted for `path`, if any.
    pub fn get(&self, path: &str) -> Option<String> {
        self.hashes.lock().ok()?.get(path).cloned()
    }

    /// The paths noted, in path order, that `keep` accepts.
    pub fn paths(&self, keep: impl Fn(&str) -> bool) -> Vec<String> {
        self.hashes.lock().map(|h| h.keys().filter(|p| keep(p)).cloned().collect()).unwrap_or_default()
    }

    /// The text of `SHA256SUMS` for every file noted.
    pub fn text(&self) -> String {
        self.hashes.lock().map(|h| format(&h)).unwrap_or_default()
    }
}

/// `SHA256SUMS` from path → hash, in path order (byte order of the path).
pub fn format(hashes: &BTreeMap<String, String>) -> String {
    hashes.iter().map(|(path, hash)| format!("{hash}  {path}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sorted_and_leave_out_the_sums_and_the_marker() {
        let sums = Sums::default();
        sums.add("units/b.html", b"b");
        sums.add("index.html", b"a");
        sums.add(NAME, b"x");
        sums.add(crate::output::MARKER, b"x");
        let text = sums.text();
        let a = super::super::sha256_hex(b"a");
        let b = super::super::sha256_hex(b"b");
        assert_eq!(text, format!("{a}  index.html\n{b}  units/b.html\n"));
        assert_eq!(parse(&text).unwrap().len(), 2);
    }

    #[test]
    fn a_line_that_is_not_a_checksum_is_named() {
        let h = "0".repeat(64);
        assert_eq!(parse(&format!("{h}  a\n{h} b\n")), Err(BadLine { line: 2 }));
        assert_eq!(parse("短\n"), Err(BadLine { line: 1 }));
        assert_eq!(parse(&format!("{h} *a\n\n")).unwrap().get("a"), Some(&h));
    }
}
