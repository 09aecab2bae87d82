//! Files and folders reached without following a link. A [`Dir`] is a
//! folder opened so that its last part is no link (the parts before it are
//! the user's own path, followed as named); everything then done through it
//! (opening, creating, listing, removing) names one entry inside it and
//! never follows that entry if it is a link: such an entry is refused with
//! an error that [`is_link`] recognises. On Linux a `Dir` holds the folder
//! open and works relative to it (`openat` with `O_NOFOLLOW`, `mkdirat`,
//! `unlinkat`), so a folder renamed or swapped for a link meanwhile is not
//! followed either; elsewhere it checks each name just before using it.
//! Files are opened without blocking (a planted pipe cannot hang a build)
//! and are used only if they are regular files.

#[cfg(target_os = "linux")]
mod linux;
#[cfg(not(target_os = "linux"))]
mod other;

#[cfg(target_os = "linux")]
pub use linux::Dir;
#[cfg(not(target_os = "linux"))]
pub use other::Dir;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// What a name in a folder is, the link itself not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    File,
    Dir,
    Link,
    /// A pipe, socket or device.
    Other,
}

/// The error for a link met where none may be.
pub fn link_error() -> io::Error {
    io::Error::other(crate::i18n::Said("nofollow.link"))
}

/// Whether `e` says that a name was a link (and was not followed).
pub fn is_link(e: &io::Error) -> bool {
    crate::i18n::is_said(e, "nofollow.link")
}

fn not_a_file() -> io::Error {
    io::Error::other(crate::i18n::Said("nofollow.not-a-file"))
}

/// Whether `e` says that a name was a pipe, socket, device or folder where
/// a regular file was wanted.
pub fn is_not_a_file(e: &io::Error) -> bool {
    crate::i18n::is_said(e, "nofollow.not-a-file")
}

/// The folders and the file of a relative path with `/` (empty parts,
/// `.` and `..` are refused as not found: no caller makes them).
fn parts(rel: &str) -> io::Result<(Vec<&str>, &str)> {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let last = parts.pop().unwrap_or_default();
    if std::iter::once(last).chain(parts.iter().copied()).any(|p| p.is_empty() || p == "." || p == "..") {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("not a plain relative path: {rel}")));
    }
    Ok((parts, last))
}

/// Opens the regular file at `rel` (with `/`) under `root` for reading,
/// following no link on the way: neither `rel`'s folders nor the file may
/// be links.
pub fn open_beneath(root: &Path, rel: &str) -> io::Result<File> {
    let (folders, name) = parts(rel)?;
    let mut dir = Dir::open(root)?;
    for f in folders {
        dir = dir.sub(f)?;
    }
    dir.open_file(name)
}

/// Creates the new file at `rel` (with `/`) under `dir`, making the folders
/// on the way; none of them may be a link, and the file must not exist.
pub fn create_beneath(dir: &Dir, rel: &str) -> io::Result<File> {
    let (folders, name) = parts(rel)?;
    made_folders(dir, &folders)?.as_ref().unwrap_or(dir).create_file(name)
}

/// Makes each file at `rels` under `to` a new hard link to the same file
/// under `from` (an archive's year kept as it is), making the folders on
/// the way; no link is followed on either side. Each folder is opened once
/// on each side (a kept year is thousands of files in a few folders: one
/// `linkat` each, not a walk each), one after another; then the folders'
/// files are linked, folder by folder on every core (a year's pages and
/// its source/ are two folders of thousands). The paths that could not be
/// linked, with why, in the order given; the others are linked.
pub fn link_all_beneath<'a>(from: &Dir, to: &Dir, rels: &[&'a str]) -> Vec<(&'a str, io::Error)> {
    use rayon::prelude::*;
    // Folder (with `/`) → its handles on both sides (`None`: the top), and
    // the names to link in it with their place in `rels`.
    type Pair = (Option<Dir>, Option<Dir>);
    type Names<'a> = Vec<(usize, &'a str, &'a str)>;
    let mut opened: std::collections::BTreeMap<String, (Pair, Names<'a>)> = std::collections::BTreeMap::new();
    let mut failed = Vec::new();
    for (at, &rel) in rels.iter().enumerate() {
        let (folders, name) = match parts(rel) {
            Ok(p) => p,
            Err(e) => {
                failed.push((at, rel, e));
                continue;
            }
        };
        let key = folders.join("/");
        if !opened.contains_key(&key) {
            let source = folders.iter().try_fold(None::<Dir>, |at, f| at.as_ref().unwrap_or(from).sub(f).map(Some));
            match source.and_then(|s| made_folders(to, &folders).map(|t| (s, t))) {
                Ok(pair) => {
                    opened.insert(key.clone(), (pair, Vec::new()));
                }
                Err(e) => {
                    failed.push((at, rel, e));
                    continue;
                }
            }
        }
        if let Some((_, names)) = opened.get_mut(&key) {
            names.push((at, rel, name));
        }
    }
    let linked: Vec<Vec<(usize, &'a str, io::Error)>> = opened
        .par_iter()
        .map(|(_, ((source, into), names))| {
            let (source, into) = (source.as_ref().unwrap_or(from), into.as_ref().unwrap_or(to));
            names
                .iter()
                .filter_map(|&(at, rel, name)| source.link_into(name, into, name).err().map(|e| (at, rel, e)))
                .collect()
        })
        .collect();
    failed.extend(linked.into_iter().flatten());
    failed.sort_by_key(|(at, _, _)| *at);
    failed.into_iter().map(|(_, rel, e)| (rel, e)).collect()
}

/// The folder `folders` beneath `dir`, made where missing (`None`: `dir` itself).
fn made_folders(dir: &Dir, folders: &[&str]) -> io::Result<Option<Dir>> {
    let mut owned: Option<Dir> = None;
    for f in folders {
        let at = owned.as_ref().unwrap_or(dir);
        let next = match at.sub(f) {
            Ok(d) => d,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match at.create_dir(f) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
                at.sub(f)?
            }
            Err(e) => return Err(e),
        };
        owned = Some(next);
    }
    Ok(owned)
}

/// Creates a new temporary file in `dir`, named `.<name>.<random>.<tag>`
/// (a name no one can plant in advance; created new, so a link or file
/// of that name is never followed or overwritten). Returns its name and
/// the file, open for writing. The random part is in the name only.
pub fn create_temp(dir: &Dir, name: &str, tag: &str) -> io::Result<(std::ffi::OsString, File)> {
    use ring::rand::SecureRandom;
    let random = ring::rand::SystemRandom::new();
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..16 {
        let mut bytes = [0u8; 6];
        random.fill(&mut bytes).map_err(|_| io::Error::other(crate::i18n::Said("nofollow.no-random")))?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let temp = std::ffi::OsString::from(format!(".{name}.{hex}.{tag}"));
        match dir.create_file(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Reads all of `file`, refusing more than `max` bytes (an error of kind
/// `FileTooLarge`).
pub fn read_at_most(file: File, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::from(io::ErrorKind::FileTooLarge));
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests;
