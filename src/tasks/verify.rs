//! `kaoping verify DIR`: reads a published folder (a site or an archive's
//! output) and checks it against its `SHA256SUMS` and the data fingerprint
//! on its pages (the comparison is `record::verify`); then `verdict` makes
//! it again from its `source/` and checks its signature. Nothing in the
//! folder is followed if it is a link, or read if it is no regular file;
//! files are hashed in pieces, so memory stays bounded.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::nofollow::{self, Dir, Kind};
use crate::record::{fingerprint, sums, verify};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The largest `SHA256SUMS` read (some 600,000 files), and the largest
/// page whose fingerprint is read (a larger one is still hashed).
const MAX_SUMS: u64 = 64 * 1024 * 1024;
const MAX_PAGE: u64 = 64 * 1024 * 1024;

pub fn run(dir: &Path, pubkey: Option<&str>) -> Report {
    let shown = super::shown(dir);
    // The folder named is the user's (a link to it is followed); nothing in it is.
    let root = match dir.canonicalize().and_then(|real| Dir::open(&real)) {
        Ok(root) if dir.is_dir() => root,
        _ => return Report::failed(vec![Diagnostic::error(shown, None, crate::t!("record.no-folder"))], Exit::Usage),
    };
    let key = match super::verdict::public_key(pubkey) {
        Ok(key) => key,
        Err(report) => return report,
    };
    let at = |path: &str| format!("{shown}/{path}");
    let sums_fail =
        |message: String| Report::failed(vec![Diagnostic::error(at(sums::NAME), None, message)], Exit::Content);
    let sums_text = match root.open_file(sums::NAME).and_then(|f| nofollow::read_at_most(f, MAX_SUMS)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if nofollow::is_link(&e) => return sums_fail(crate::t!("record.sums-link")),
        Err(e) if nofollow::is_not_a_file(&e) => return sums_fail(crate::t!("record.sums-not-a-file")),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => return sums_fail(crate::t!("record.sums-large")),
        Err(_) => return sums_fail(crate::t!("record.no-sums")),
    };
    let listed = match sums::parse(&sums_text) {
        Ok(l) => l,
        Err(bad) => {
            let pos = crate::diag::Pos { line: bad.line as u32, col: 1 };
            let d = Diagnostic::error(at(sums::NAME), Some(pos), crate::t!("record.bad-sums"));
            return Report::failed(vec![d], Exit::Content);
        }
    };
    // Pages that are listed: an added page is reported once, as added.
    // The theme's templates kept in source/ are not pages.
    let is_page = |p: &str| p.ends_with(".html") && listed.contains_key(p) && !crate::proof::is_kept(p);
    let mut found = Found::default();
    if let Err(e) = found.walk(&root, "", &is_page) {
        return Report::failed(vec![Diagnostic::error(shown, None, e)], Exit::Content);
    }
    let present = &found.present;
    let mut problems = verify::files(&listed, present, &found.odd);
    let mut pages = 0;
    for (path, on_page) in &found.pages {
        let Some(data) = verify::data_file(path, present) else { continue };
        // The fingerprint published is that of the data file as listed;
        // an edited data file is reported once, as changed.
        let hash = listed.get(data).or_else(|| present.get(data)).map_or("", String::as_str);
        let expected = fingerprint::from_hash(hash);
        // A page too large to be one kaoping wrote is reported as changed.
        let Some(on_page) = on_page else { continue };
        pages += 1;
        if let Some(p) = verify::page_shows(on_page, data, &expected) {
            problems.push((path.clone(), p));
        }
    }
    problems.sort();
    super::verdict::report(dir, &shown, listed.len(), present, problems, pages, key.as_ref())
}

/// What is in the folder: each regular file's SHA-256 by relative path
/// (with `/`), and each entry that is no regular file (a link is never
/// followed, a pipe never read). The checksum file and markers are left
/// out. Each page is read once, as it is hashed, for the fingerprints it
/// shows (`None`: larger than a page kaoping writes).
#[derive(Default)]
struct Found {
    present: BTreeMap<String, String>,
    odd: BTreeMap<String, verify::Problem>,
    pages: BTreeMap<String, Option<Vec<String>>>,
}

/// What reading one file gave: its SHA-256 and, for a page, the
/// fingerprints it shows.
type Hashed = std::io::Result<(String, Option<Vec<String>>)>;

impl Found {
    /// Walks `dir` (at `prefix`), in entry order. The files of one folder
    /// are read on every core (an archive's year holds thousands; reading
    /// them one by one was a fifth of a verify), then taken in order, so
    /// the first problem met is the same whatever the timing.
    fn walk(&mut self, dir: &Dir, prefix: &str, is_page: &(dyn Fn(&str) -> bool + Sync)) -> Result<(), String> {
        use rayon::prelude::*;
        let fail = |rel: &str, e: std::io::Error| if rel.is_empty() { e.to_string() } else { format!("{rel}: {e}") };
        let entries: Vec<(std::ffi::OsString, Kind, String)> = dir
            .entries()
            .map_err(|e| fail(prefix.trim_end_matches('/'), e))?
            .into_iter()
            .map(|(name, kind)| {
                let rel = format!("{prefix}{}", name.to_string_lossy());
                (name, kind, rel)
            })
            .filter(|(_, kind, rel)| *kind == Kind::Dir || sums::listed(rel))
            .collect();
        let read: Vec<Option<Hashed>> = entries
            .par_iter()
            .map(|(name, kind, rel)| match kind {
                Kind::Dir => None,
                Kind::Link => Some(Err(nofollow::link_error())),
                _ => Some(dir.open_file(name).and_then(|f| hash(f, is_page(rel)))),
            })
            .collect();
        for ((name, _, rel), read) in entries.into_iter().zip(read) {
            let Some(read) = read else {
                let sub = dir.sub(&name).map_err(|e| fail(&rel, e))?;
                self.walk(&sub, &format!("{rel}/"), is_page)?;
                continue;
            };
            match read {
                Ok((h, on_page)) => {
                    if is_page(&rel) {
                        self.pages.insert(rel.clone(), on_page);
                    }
                    self.present.insert(rel, h);
                }
                Err(e) if nofollow::is_link(&e) => drop(self.odd.insert(rel, verify::Problem::Link)),
                Err(e) if nofollow::is_not_a_file(&e) => drop(self.odd.insert(rel, verify::Problem::NotAFile)),
                Err(e) => return Err(fail(&rel, e)),
            }
        }
        Ok(())
    }
}

/// The SHA-256 of a file, read in pieces (memory stays bounded whatever its
/// size); for a page (`page`), also the fingerprints it shows, if it is at
/// most `MAX_PAGE` bytes.
fn hash(mut file: std::fs::File, page: bool) -> Hashed {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0u8; 256 * 1024];
    let mut kept = page.then(Vec::new);
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                context.update(&buf[..n]);
                if let Some(bytes) = &mut kept {
                    bytes.extend_from_slice(&buf[..n]);
                    if bytes.len() as u64 > MAX_PAGE {
                        kept = None;
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let on_page = kept.map(|bytes| fingerprint::shown(&String::from_utf8_lossy(&bytes)));
    Ok((crate::record::hex(context.finish().as_ref()), on_page))
}
