//! What kaoping wrote into a folder, by its own record, and removing
//! exactly that. The record of a folder is its marker (made for the
//! folder's name, see `marker`), the files its `SHA256SUMS` lists with
//! `SHA256SUMS` itself, and in a staging folder still being written the
//! journal `.kaoping-written`, where each file is noted before it is made.
//! A site of the version before folder names were recorded has no list; its
//! record is the names such a site has. Files the system's file browser
//! makes by itself (`Thumbs.db`, `desktop.ini`, `.DS_Store`) count as
//! listed. A folder is replaced or removed only when every entry in it is
//! listed ([`first_unlisted`]); a removal deletes only listed files, so a
//! file put in meanwhile stays, with its folder.

use super::marker::{self, MARKER, Mark};
use crate::nofollow::{Dir, Kind};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io;

/// The journal of a staging folder: one line per file, written before the file.
pub const JOURNAL: &str = ".kaoping-written";

/// The largest `SHA256SUMS` or journal read as a record (a site of 3,000
/// cities lists some 10,000 files in about 1 MiB).
const MAX_LIST: u64 = 256 * 1024 * 1024;

/// The files (relative, with `/`) a folder's record lists.
pub struct Record {
    files: BTreeSet<String>,
    /// Every folder on the way to a listed file.
    folders: BTreeSet<String>,
    /// A site of the previous version: listed by its names.
    legacy: bool,
}

impl Record {
    /// The record of `dir` if its marker was made for `name` (or is the
    /// previous version's); `None` if it has no such marker.
    pub fn read(dir: &Dir, name: &str) -> Option<Record> {
        let mut files = BTreeSet::new();
        match marker::read(dir) {
            Mark::For(made_for) if marker::same_name(&made_for, name) => {}
            Mark::Legacy => return Some(Record { files, folders: BTreeSet::new(), legacy: true }),
            _ => return None,
        }
        files.extend([MARKER.to_string(), super::SUMS.to_string(), JOURNAL.to_string()]);
        if let Some(text) = read_list(dir, super::SUMS) {
            files.extend(super::sums_list::parse(&text).map(|m| m.into_keys().collect::<Vec<_>>()).unwrap_or_default());
        }
        if let Some(text) = read_list(dir, JOURNAL) {
            files.extend(text.lines().map(str::to_string));
        }
        let mut folders = BTreeSet::new();
        for f in &files {
            let mut at = f.as_str();
            while let Some((folder, _)) = at.rsplit_once('/') {
                if !folders.insert(folder.to_string()) {
                    break;
                }
                at = folder;
            }
        }
        Some(Record { files, folders, legacy: false })
    }

    /// Whether the record lists the file or folder `path`.
    fn lists(&self, path: &str, kind: Kind) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        match kind {
            Kind::File if is_system_file(name) || name == marker::INPUTS => true,
            Kind::File if self.legacy => legacy_file(path),
            Kind::Dir if self.legacy => legacy_folder(path),
            Kind::File => self.files.contains(path),
            Kind::Dir => self.folders.contains(path),
            Kind::Link | Kind::Other => false,
        }
    }
}

/// A list file of the record, if it is a regular file of a sane size.
fn read_list(dir: &Dir, name: &str) -> Option<String> {
    let file = dir.open_file(name).ok()?;
    let bytes = crate::nofollow::read_at_most(file, MAX_LIST).ok()?;
    String::from_utf8(bytes).ok()
}

/// Files that Windows' and macOS' file browsers leave in folders they show.
fn is_system_file(name: &str) -> bool {
    name.eq_ignore_ascii_case("thumbs.db") || name.eq_ignore_ascii_case("desktop.ini") || name == ".DS_Store"
}

/// The files a site of the previous version has: the top files, and pages
/// in `cities/`, `units/` (and a unit's folder of pages) and `ranking/`.
fn legacy_file(path: &str) -> bool {
    const TOP: [&str; 5] = [MARKER, "index.html", "standard.html", "results.json", "results.csv"];
    match path.split_once('/') {
        None => TOP.contains(&path),
        Some((folder, rest)) => legacy_folder(folder) && rest.ends_with(".html") && legacy_depth(folder, rest),
    }
}

fn legacy_depth(folder: &str, rest: &str) -> bool {
    match rest.split_once('/') {
        None => true,
        Some((_, deeper)) => folder == "units" && !deeper.contains('/'),
    }
}

fn legacy_folder(path: &str) -> bool {
    matches!(path, "cities" | "units" | "ranking") || path.strip_prefix("units/").is_some_and(|u| !u.contains('/'))
}

/// The first entry of `dir` (depth first, in name order) that `record`
/// does not list, as a path relative to `dir`; `None` if every one is.
pub fn first_unlisted(dir: &Dir, record: &Record) -> io::Result<Option<String>> {
    walk_unlisted(dir, "", record)
}

/// The entries of a folder are looked at on every core (an archive's old
/// output is checked before it is replaced: 66,000 entries at 10 × 3,000),
/// then the first found in name order is the answer, as if walked alone.
fn walk_unlisted(dir: &Dir, prefix: &str, record: &Record) -> io::Result<Option<String>> {
    use rayon::prelude::*;
    let found: Vec<io::Result<Option<String>>> = dir
        .entries()?
        .par_iter()
        .with_min_len(64)
        .map(|(name, kind)| {
            let path = format!("{prefix}{}", name.to_string_lossy());
            match kind {
                _ if !record.lists(&path, *kind) => Ok(Some(path)),
                Kind::Dir => walk_unlisted(&dir.sub(name)?, &format!("{path}/"), record),
                _ => Ok(None),
            }
        })
        .collect();
    found.into_iter().find_map(Result::transpose).transpose()
}

/// Removes the folder `name` in `parent`: the files its record lists (none
/// without a record), the folders they leave empty, then `SHA256SUMS`, the
/// journal and the marker, then the folder if it is empty. A removal
/// stopped half way leaves a folder still marked, with its list, that the
/// next build finishes. Anything unlisted is left where it is.
pub fn remove(parent: &Dir, name: &OsStr, folder_name: &str) -> io::Result<()> {
    let dir = parent.sub(name)?;
    if let Some(record) = Record::read(&dir, folder_name) {
        let last = [super::SUMS, JOURNAL, MARKER];
        let mut first = true;
        remove_listed(&dir, "", &record, &last, &mut first)?;
        // Something unlisted stays, and so does the record naming the rest.
        if dir.entries()?.iter().any(|(n, _)| !last.iter().any(|l| n == *l)) {
            return Err(io::Error::from(io::ErrorKind::DirectoryNotEmpty));
        }
        for f in last {
            match dir.remove_file(f) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    parent.remove_dir(name)
}

/// Removes what `record` lists of `dir`: its files one after another, then
/// its folders on every core (an archive's years are folders of thousands
/// of files; unlinking in one folder does not go faster on two cores, in
/// two folders it does). The first removal is made alone, so that the
/// fault tests' pause after it finds the rest still there.
fn remove_listed(dir: &Dir, prefix: &str, record: &Record, last: &[&str], first: &mut bool) -> io::Result<()> {
    use rayon::prelude::*;
    let mut folders = Vec::new();
    for (name, kind) in dir.entries()? {
        let path = format!("{prefix}{}", name.to_string_lossy());
        if !record.lists(&path, kind) || (prefix.is_empty() && last.contains(&path.as_str())) {
            continue;
        }
        match kind {
            Kind::Dir if !*first => folders.push((name, path)),
            Kind::Dir => remove_folder(dir, &name, &path, record, last, first)?,
            _ => dir.remove_file(&name)?,
        }
        if std::mem::take(first) {
            super::hook::pause("removing");
        }
    }
    folders.par_iter().try_for_each(|(name, path)| remove_folder(dir, name, path, record, last, &mut false))
}

/// Removes the listed folder `name` of `dir` (at `path`) with what it holds
/// that `record` lists; a folder left holding something unlisted stays.
fn remove_folder(
    dir: &Dir,
    name: &OsStr,
    path: &str,
    record: &Record,
    last: &[&str],
    first: &mut bool,
) -> io::Result<()> {
    remove_listed(&dir.sub(name)?, &format!("{path}/"), record, last, first)?;
    match dir.remove_dir(name) {
        Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => Ok(()),
        other => other,
    }
}

#[cfg(all(test, unix))]
mod tests;
