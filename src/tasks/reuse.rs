//! An archive's output kept where nothing it was built from has changed
//! (issue 26). Each year's folder, and the archive's top, carries
//! `.kaoping-inputs` (see [`INPUTS`]): the fingerprint of what it was
//! built from, the SHA-256 of its `SHA256SUMS`, and each of its files as it
//! was written (file number, size, modification time). A folder is current
//! when its recorded fingerprint is the one its inputs have now, its
//! `SHA256SUMS` is the one recorded, and every file that list names is
//! still that file, that size, that time. Checked, never assumed; an edit
//! in place that keeps the size and puts the time back is left to
//! `verify`, which hashes every byte.

use super::publish::Publish;
use crate::archive::file::ArchiveFile;
use crate::output::marker::INPUTS;
use crate::record::sums::{self, NAME as SUMS};
use rayon::prelude::*;
use ring::digest::{Context, SHA256};
use std::collections::BTreeMap;
use std::fs::{self, Metadata};
use std::path::Path;
use std::sync::OnceLock;

/// The largest record or `SHA256SUMS` read to decide whether to keep a folder.
const MAX_LIST: u64 = 256 * 1024 * 1024;

/// What a year's (or the archive's) output was built from.
pub struct Inputs {
    /// Each year's fingerprint, in the archive's order; `None` where it
    /// cannot be told (a link among its files, a theme not found).
    pub years: Vec<Option<String>>,
    /// The archive's own: archive.yaml and every year's.
    pub archive: Option<String>,
}

impl Inputs {
    /// The fingerprints of the archive `file` read from `dir`, as `publish` publishes it.
    pub fn of(dir: &Path, file: &ArchiveFile, publish: &Publish) -> Inputs {
        // Years are independent: fingerprinted on both cores.
        let years: Vec<Option<String>> =
            file.years.par_iter().map(|y| year(&dir.join(&y.content), y.year, &y.content, publish)).collect();
        let archive = years.iter().all(Option::is_some).then(|| {
            let mut cx = start(publish);
            cx.update(b"archive\n");
            let yaml = fs::read(dir.join(crate::archive::FILE)).ok()?;
            entry(&mut cx, crate::archive::FILE, &yaml);
            for y in years.iter().flatten() {
                cx.update(format!("{y}\n").as_bytes());
            }
            Some(crate::record::hex(cx.finish().as_ref()))
        });
        Inputs { years, archive: archive.flatten() }
    }
}

/// The code that builds (this program's own bytes), the settings it
/// publishes with.
fn start(publish: &Publish) -> Context {
    static CODE: OnceLock<String> = OnceLock::new();
    let code = CODE.get_or_init(|| {
        let bytes = std::env::current_exe().and_then(fs::read).unwrap_or_default();
        format!("{} {}", env!("CARGO_PKG_VERSION"), crate::record::sha256_hex(&bytes))
    });
    let signer = publish.key.as_ref().map(|k| k.id()).unwrap_or_default();
    let mut cx = Context::new(&SHA256);
    cx.update(format!("kaoping-inputs 1\ncode {code}\nsource {}\nsigner {signer}\n", publish.source).as_bytes());
    cx
}

fn entry(cx: &mut Context, path: &str, bytes: &[u8]) {
    cx.update(format!("{path}\0{}\0", bytes.len()).as_bytes());
    cx.update(bytes);
}

/// A year's fingerprint: every file of its content folder (sorted by path)
/// and of a theme folder its site.yaml names outside it.
fn year(folder: &Path, number: u16, content: &str, publish: &Publish) -> Option<String> {
    let mut cx = start(publish);
    cx.update(format!("year {number} {content}\n").as_bytes());
    walk(&mut cx, folder, "")?;
    let site = fs::read_to_string(folder.join("site.yaml")).ok()?;
    if site.contains("theme") {
        // Only the plain top-level form is understood; any other: not kept.
        let named = site.lines().find_map(|l| l.strip_prefix("theme:"))?;
        let named = named.split(" #").next()?.trim().trim_matches(['"', '\'']);
        walk(&mut cx, &folder.join(named), "theme:")?;
    }
    Some(crate::record::hex(cx.finish().as_ref()))
}

fn walk(cx: &mut Context, folder: &Path, tag: &str) -> Option<()> {
    // Names in one folder are unique: sorting by name needs no tie-break.
    for e in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let e = e.ok()?;
        if e.file_type().is_symlink() {
            return None;
        }
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(folder).ok()?.to_string_lossy().replace('\\', "/");
            entry(cx, &format!("{tag}{rel}"), &fs::read(e.path()).ok()?);
        }
    }
    Some(())
}

/// The text of a record for the folder `dir` (the staging folder's, or a
/// year's in it, all of it written): the fingerprint, the hash of its
/// `SHA256SUMS`, for the archive's top what the build reports (`built`:
/// cities, units, files, years and the number of warnings it gave),
/// for a year what the archive keeps of it (`summary`, one line: see
/// `archive::summary`), and each of `files` (relative to `dir`) as it is
/// on disk.
pub fn record(
    dir: &Path,
    inputs: &str,
    sums: &str,
    built: Option<[usize; 5]>,
    summary: Option<&str>,
    files: &[String],
) -> String {
    let mut text = format!("inputs {inputs}\nsums {sums}\n");
    if let Some([cities, units, files, years, warnings]) = built {
        text.push_str(&format!("built {cities} {units} {files} {years} {warnings}\n"));
    }
    if let Some(line) = summary {
        text.push_str(&format!("summary {line}\n"));
    }
    for f in files {
        let id = fs::symlink_metadata(dir.join(f)).map(|m| id(&m)).unwrap_or_default();
        text.push_str(&format!("file {id} {f}\n"));
    }
    text
}

/// Whether the output folder `dir` (a year's, or the archive's top without
/// the folders `years`) is current for `inputs` (see the module); with
/// `signed`, its signature too. What its record says the build reported,
/// if it is.
pub fn current(dir: &Path, inputs: &str, signed: bool, years: &[String]) -> Option<Option<[usize; 5]>> {
    let text = String::from_utf8(read(&dir.join(INPUTS))?).ok()?;
    let field = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(' '));
    let list = read(&dir.join(SUMS))?;
    if field("inputs")? != inputs || field("sums")? != crate::record::sha256_hex(&list) {
        return None;
    }
    let recorded: BTreeMap<&str, &str> =
        text.lines().filter_map(|l| l.strip_prefix("file ")?.split_once(' ')).map(|(id, p)| (p, id)).collect();
    let listed = sums::parse(std::str::from_utf8(&list).ok()?).ok()?;
    for f in own(listed.into_keys(), signed, years) {
        let m = fs::symlink_metadata(dir.join(&f)).ok().filter(Metadata::is_file)?;
        if recorded.get(f.as_str()) != Some(&id(&m).as_str()) {
            return None;
        }
    }
    let built = field("built").map(|b| {
        let n: Vec<usize> = b.split(' ').filter_map(|n| n.parse().ok()).collect();
        <[usize; 5]>::try_from(n).ok()
    });
    Some(built.flatten())
}

/// The files a folder's record vouches for: those `listed` in its
/// `SHA256SUMS` but in the folders `years` (each vouched for by its own),
/// `SHA256SUMS` itself, and with `signed` its signature.
pub fn own(listed: impl Iterator<Item = String>, signed: bool, years: &[String]) -> Vec<String> {
    let mine = |p: &String| !years.iter().any(|y| p.strip_prefix(y.as_str()).is_some_and(|r| r.starts_with('/')));
    let mut files: Vec<String> = listed.filter(mine).collect();
    files.push(SUMS.into());
    if signed {
        files.push(crate::record::signature::FILE.into());
    }
    files
}

/// The summary line of the record in the year's output folder `dir`
/// (see [`record`]); to be taken only where [`current`] said the folder is.
pub fn summary(dir: &Path) -> Option<String> {
    let text = String::from_utf8(read(&dir.join(INPUTS))?).ok()?;
    text.lines().find_map(|l| l.strip_prefix("summary ")).map(str::to_string)
}

fn read(path: &Path) -> Option<Vec<u8>> {
    fs::symlink_metadata(path).ok().filter(Metadata::is_file)?;
    let f = fs::File::open(path).ok()?;
    crate::nofollow::read_at_most(f, MAX_LIST).ok()
}

/// A file as it is on disk: its number (Unix), size and modification time.
fn id(m: &Metadata) -> String {
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(m);
    #[cfg(not(unix))]
    let ino = 0;
    let time = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
    format!("{ino}:{}:{}.{:09}", m.len(), time.as_secs(), time.subsec_nanos())
}
