//! Each file made again from `source/` against the published one: the same
//! (its SHA-256, taken as it was made for the site's `SHA256SUMS`, is the
//! one found on disk), or how it differs, from the first differing line;
//! files of the folder that `source/` does not give.
//! The published folder is read without following any link.

use super::Published;
use crate::output::OutFile;
use crate::record::{sha256_hex, sums};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a published file differs from what `source/` gives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// Text that differs first at this line and column (from 1): the
    /// published line and the one made, each cut to the part around the
    /// difference.
    Differs { line: u32, col: u32, published: String, derived: String },
    /// Bytes (not text) that differ from this byte on (from 0).
    BytesDiffer { at: usize },
    /// Made from `source/`, not in the folder.
    Missing,
    /// In the folder, not made from `source/`.
    NotMade,
    /// A link (never followed).
    Link,
}

impl Found {
    /// The line and column of a difference in text.
    pub fn pos(&self) -> Option<crate::diag::Pos> {
        match self {
            Found::Differs { line, col, .. } => Some(crate::diag::Pos { line: *line, col: *col }),
            _ => None,
        }
    }

    /// The finding as a message in the chosen language.
    pub fn message(&self) -> String {
        let shown = |s: &str| if s.is_empty() { crate::t!("proof.end") } else { s.to_string() };
        match self {
            Found::Differs { published, derived, .. } => {
                crate::t!("proof.differs", published = shown(published), derived = shown(derived))
            }
            Found::BytesDiffer { at } => crate::t!("proof.bytes-differ", at = at),
            Found::Missing => crate::t!("proof.missing"),
            Found::NotMade => crate::t!("proof.not-made"),
            Found::Link => crate::t!("proof.link"),
        }
    }
}

/// What the files made so far showed, gathered from any thread.
pub struct Compare<'a> {
    published: &'a Published<'a>,
    made: Mutex<BTreeSet<String>>,
    found: Mutex<Vec<(String, Found)>>,
    same: AtomicUsize,
}

impl<'a> Compare<'a> {
    pub fn new(published: &'a Published<'a>) -> Compare<'a> {
        Compare { published, made: Mutex::default(), found: Mutex::default(), same: AtomicUsize::new(0) }
    }

    /// Compares the file `f` made for the site in the folder `prefix`
    /// (`` or `2013/`) with the published one.
    pub fn file(&self, prefix: &str, f: &OutFile) {
        let bytes = || Some(f.bytes.clone());
        self.hashed(format!("{prefix}{}", f.path), &sha256_hex(&f.bytes), &bytes);
    }

    /// Compares every file that the `SHA256SUMS` made for the site in the
    /// folder `prefix` lists, by the hash it gives (made as the file was
    /// made, so no file is hashed twice); `remake` makes a file again (by
    /// its path in the site) where it differs, for its first differing line.
    pub fn listed(&self, prefix: &str, sums: &[u8], remake: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync)) {
        let Ok(list) = sums::parse(&String::from_utf8_lossy(sums)) else { return };
        for (path, hash) in &list {
            self.hashed(format!("{prefix}{path}"), hash, &|| remake(path));
        }
    }

    /// Compares the file made at `path` (in the publication), whose SHA-256
    /// is `hash`, with the published one; `bytes` gives the file made.
    pub fn hashed(&self, path: String, hash: &str, bytes: &dyn Fn() -> Option<Vec<u8>>) {
        let p = self.published;
        let found = match p.present.get(&path) {
            Some(published) if published == hash => None,
            // SHA256SUMS itself is not among the files it lists. A link
            // is not among the files present either: verify has already
            // named it as a link, so it is not told again as missing.
            None if path != sums::NAME => match read_inside(p.dir, &path) {
                Err(Unread::Link) => {
                    if let Ok(mut made) = self.made.lock() {
                        made.insert(path);
                    }
                    return;
                }
                _ => Some(Found::Missing),
            },
            _ => match (read_inside(p.dir, &path), bytes()) {
                (Ok(published), Some(made)) if published == made => None,
                (Ok(published), Some(made)) => Some(difference(&published, &made)),
                (Ok(_), None) => Some(Found::BytesDiffer { at: 0 }),
                (Err(Unread::Link), _) => Some(Found::Link),
                (Err(Unread::Missing), _) => Some(Found::Missing),
            },
        };
        if let Ok(mut made) = self.made.lock() {
            made.insert(path.clone());
        }
        match found {
            None => drop(self.same.fetch_add(1, Ordering::Relaxed)),
            Some(found) => self.note(path, found),
        }
    }

    /// Notes a finding on the file at `path`.
    pub fn note(&self, path: String, found: Found) {
        if let Ok(mut all) = self.found.lock() {
            all.push((path, found));
        }
    }

    /// How many files were the same, and every finding in path order, with
    /// each file of the folder that nothing made (a `SHA256SUMS` that
    /// differs only where other findings are not).
    pub fn finish(self) -> (usize, Vec<(String, Found)>) {
        let made = self.made.into_inner().unwrap_or_default();
        let mut found = self.found.into_inner().unwrap_or_default();
        let present = self.published.present.keys();
        found.extend(present.filter(|p| !made.contains(*p)).map(|p| (p.clone(), Found::NotMade)));
        // A SHA256SUMS written again over an edit differs only because of
        // it: told only when nothing else differs.
        let is_sums = |p: &str| p.rsplit('/').next() == Some(sums::NAME);
        if found.iter().any(|(p, _)| !is_sums(p)) {
            found.retain(|(p, _)| !is_sums(p));
        }
        found.sort();
        (self.same.into_inner(), found)
    }
}

/// Why a published file could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// It, or a folder on its way, is a link.
    Link,
    Missing,
}

/// The bytes of the file at `rel` (with `/`) under `dir`, no part of the
/// way a link.
pub fn read_inside(dir: &Path, rel: &str) -> Result<Vec<u8>, Unread> {
    let mut at = dir.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(Unread::Link),
            Ok(_) => {}
            Err(_) => return Err(Unread::Missing),
        }
    }
    std::fs::read(&at).map_err(|_| Unread::Missing)
}

/// The first difference between the published bytes and those made: by
/// line and column in text, by byte otherwise.
pub fn difference(published: &[u8], derived: &[u8]) -> Found {
    let (Ok(a), Ok(b)) = (std::str::from_utf8(published), std::str::from_utf8(derived)) else {
        let at = published.iter().zip(derived).position(|(x, y)| x != y);
        return Found::BytesDiffer { at: at.unwrap_or(published.len().min(derived.len())) };
    };
    let (mut la, mut lb) = (a.split('\n'), b.split('\n'));
    let mut line = 1u32;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (None, None) => return Found::BytesDiffer { at: 0 },
            (x, y) => {
                let (x, y) = (x.unwrap_or(""), y.unwrap_or(""));
                let same = x.chars().zip(y.chars()).take_while(|(c, d)| c == d).count();
                let (published, derived) = (excerpt(x, same), excerpt(y, same));
                return Found::Differs { line, col: u32::try_from(same + 1).unwrap_or(u32::MAX), published, derived };
            }
        }
    }
}

/// The part of `line` around its character `at`: some 30 characters
/// before it and 40 from it, with `…` where it is cut, spaces at the ends
/// trimmed.
fn excerpt(line: &str, at: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let from = at.saturating_sub(30);
    let to = (at + 40).min(chars.len());
    let mut out: String = chars[from.min(to)..to].iter().collect();
    out = out.trim().to_string();
    if from > 0 && !out.is_empty() {
        out.insert(0, '…');
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_line_with_the_part_around_it() {
        let published = "<p>a</p>\n  <td>白鹭市</td><td class=\"num\">96.5</td>\n";
        let derived = "<p>a</p>\n  <td>白鹭市</td><td class=\"num\">95.5</td>\n";
        assert_eq!(
            difference(published.as_bytes(), derived.as_bytes()),
            Found::Differs {
                line: 2,
                col: 32,
                published: "…<td>白鹭市</td><td class=\"num\">96.5</td>".to_string(),
                derived: "…<td>白鹭市</td><td class=\"num\">95.5</td>".to_string(),
            }
        );
    }

    #[test]
    fn a_line_more_or_less_and_bytes() {
        assert_eq!(
            difference(b"a\nb\n", b"a\n"),
            Found::Differs { line: 2, col: 1, published: "b".into(), derived: String::new() }
        );
        assert_eq!(difference(b"\xff\x00\x01", b"\xff\x00\x02"), Found::BytesDiffer { at: 2 });
        let long = "x".repeat(100);
        let Found::Differs { published, .. } = difference(format!("{long}a").as_bytes(), long.as_bytes()) else {
            panic!()
        };
        assert_eq!(published, format!("…{}a", "x".repeat(30)));
    }

    #[test]
    fn a_link_on_the_way_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("real")).unwrap();
        std::fs::write(tmp.path().join("real/a.html"), "a").unwrap();
        assert_eq!(read_inside(tmp.path(), "real/a.html"), Ok(b"a".to_vec()));
        assert_eq!(read_inside(tmp.path(), "real/b.html"), Err(Unread::Missing));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("real"), tmp.path().join("link")).unwrap();
            assert_eq!(read_inside(tmp.path(), "link/a.html"), Err(Unread::Link));
        }
    }
}
