//! Attachments (证明材料, §11): `files:` on item entries and findings name
//! files under the content folder's `attachments/`. The names are checked
//! as they are read (pure); whether each file exists, is no link and is at
//! most 50 MiB is checked on disk after the whole folder is read, and a
//! file nothing lists is a warning. `build` copies the listed files to
//! `OUT/attachments/` under the same paths, each opened once through no
//! link and checked again as it was opened ([`read`]).

pub use super::model::Attached;
use super::model::Content;
use super::read::Reader;
use super::yaml::Node;
use crate::diag::Diagnostic;
use crate::nofollow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The folder, in the content folder and in the output.
pub const FOLDER: &str = "attachments";
/// The largest file accepted: 50 MiB.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// The types accepted, by file extension (any case).
pub const TYPES: [&str; 12] = ["pdf", "ofd", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "wps", "et", "txt"];

/// Reads `files:`: a list of paths, each checked as a name (the disk is
/// checked later, by [`check`]). A bad name is an error and left out, so
/// that the others are still checked on disk.
pub fn read_files(r: &mut Reader, node: &Node) -> Option<Vec<Attached>> {
    let list = r.list(node, "files")?;
    let mut out = Vec::with_capacity(list.len());
    for n in list {
        let Some(path) = r.line(n, "an entry of files") else { continue };
        match name_problem(&path) {
            Some(message) => r.error(n.pos, message),
            None => out.push(Attached { path, pos: n.pos }),
        }
    }
    Some(out)
}

/// What is wrong with a path as the name of an attachment, if anything.
pub fn name_problem(path: &str) -> Option<String> {
    let shown = super::read::shorten(path);
    let parts: Vec<&str> = path.split('/').collect();
    if path.starts_with('/')
        || path.contains('\\')
        || parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..")
        || parts.first().is_some_and(|p| p.len() >= 2 && p.as_bytes()[1] == b':')
    {
        return Some(crate::t!("attach.outside", path = shown));
    }
    if path.chars().any(crate::text::is_bidi_control) {
        return Some(crate::t!("attach.bidi", path = shown));
    }
    for part in &parts {
        let bad_char = part.chars().find(|c| "<>:\"|?*".contains(*c) || c.is_control());
        let stem = part.split('.').next().unwrap_or("").to_ascii_lowercase();
        let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
            || (stem.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.as_bytes()[3].is_ascii_digit());
        if bad_char.is_some() || part.ends_with(['.', ' ']) || reserved {
            return Some(crate::t!("attach.windows", path = shown));
        }
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).filter(|e| !e.contains('/'));
    if !ext.as_deref().is_some_and(|e| TYPES.contains(&e)) {
        return Some(crate::t!("attach.type", path = shown, types = TYPES.join(", ")));
    }
    None
}

/// Every file named in the content, with the file that names it, in file
/// and position order.
pub fn named(c: &Content) -> Vec<(&str, &Attached)> {
    let mut out = Vec::new();
    for sub in c.cities.values().chain(c.units.values()).filter(|s| s.names_files()) {
        out.extend(sub.attached().map(|a| (sub.path.as_str(), a)));
    }
    out.sort_by(|a, b| (a.0, a.1.pos, &a.1.path).cmp(&(b.0, b.1.pos, &b.1.path)));
    out
}

/// Checks every named file on disk: errors where it is named; a warning
/// for each file in `attachments/` that nothing names. Returns the size of
/// each named file, by path.
pub fn check(dir: &Path, shown: &str, c: &Content, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, u64> {
    let root = dir.join(FOLDER);
    let mut sizes = BTreeMap::new();
    // Walked once: 3,000 cities and their units' files hold some 700,000 entries.
    let all = named(c);
    for &(file, a) in &all {
        let error = |key: &str| {
            let path = super::read::shorten(&a.path);
            Diagnostic::error(
                file,
                Some(a.pos),
                match key {
                    "link" => crate::t!("attach.link", path = path),
                    "large" => crate::t!("attach.large", path = path),
                    _ => crate::t!("attach.missing", path = path, folder = format!("{shown}/{FOLDER}")),
                },
            )
        };
        // No part of the way may be a link (a link could lead out of the
        // folder): the file is opened through none, and its size read from
        // what was opened.
        match open(dir, &a.path).and_then(|f| f.metadata()) {
            Ok(m) if m.len() > MAX_BYTES => diags.push(error("large")),
            Ok(m) => drop(sizes.insert(a.path.clone(), m.len())),
            Err(e) if nofollow::is_link(&e) => diags.push(error("link")),
            Err(_) => diags.push(error("missing")),
        }
    }
    let listed: BTreeSet<&str> = all.iter().map(|(_, a)| a.path.as_str()).collect();
    if std::fs::symlink_metadata(&root).is_ok_and(|m| m.is_dir()) {
        for entry in walkdir::WalkDir::new(&root).min_depth(1).sort_by_file_name().into_iter().flatten() {
            let rel = entry.path().strip_prefix(&root).map(|p| p.to_string_lossy().replace('\\', "/"));
            let Ok(rel) = rel else { continue };
            let hidden = rel.split('/').any(|p| p.starts_with('.'));
            if !entry.file_type().is_dir() && !hidden && !listed.contains(rel.as_str()) {
                diags.push(Diagnostic::warning(format!("{shown}/{FOLDER}/{rel}"), None, crate::t!("attach.unlisted")));
            }
        }
    }
    sizes
}

/// Opens the file at `path` under `dir/attachments/`, through no link: a
/// regular file (else an error that `nofollow` tells apart).
fn open(dir: &Path, path: &str) -> std::io::Result<std::fs::File> {
    nofollow::open_beneath(dir, &format!("{FOLDER}/{path}"))
}

/// The bytes of a listed file, for `build` to copy (and `serve` to send):
/// opened once, through no link, and checked as opened: a regular file of
/// at most 50 MiB, of the size `check` found (`expected`), which the pages
/// show.
pub fn read(dir: &Path, path: &str, expected: Option<u64>) -> Result<Vec<u8>, Diagnostic> {
    let shown = format!("{FOLDER}/{path}");
    let fail = |e: std::io::Error| {
        Diagnostic::error(&shown, None, crate::t!("attach.unreadable", reason = crate::i18n::io_error(&e)))
    };
    let bytes = open(dir, path).and_then(|f| nofollow::read_at_most(f, MAX_BYTES)).map_err(fail)?;
    match expected {
        Some(size) if size != bytes.len() as u64 => {
            let message = crate::t!("attach.changed", before = size_text(size), now = size_text(bytes.len() as u64));
            Err(Diagnostic::error(&shown, None, message))
        }
        _ => Ok(bytes),
    }
}

/// A size as a clerk reads it: 812 字节, 12.4 KB, 3.1 MB (1 KB = 1024 bytes, one decimal).
pub fn size_text(bytes: u64) -> String {
    let tenths = |unit: u64| {
        let t = (bytes * 10 + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    match bytes {
        0..1024 => format!("{bytes} 字节"),
        1024..1_048_576 => format!("{} KB", tenths(1024)),
        _ => format!("{} MB", tenths(1_048_576)),
    }
}

/// The type shown beside a file: its extension in capitals (PDF, PNG).
pub fn type_text(path: &str) -> String {
    path.rsplit_once('.').map_or_else(String::new, |(_, e)| e.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_or_windows_cannot_hold() {
        assert_eq!(name_problem("bicen/济综治委〔2013〕5号.pdf"), None);
        assert_eq!(name_problem("a.PNG"), None);
        for outside in ["../x.pdf", "/etc/x.pdf", "a//b.pdf", "C:/x.pdf", "a\\b.pdf", "./a.pdf"] {
            assert!(name_problem(outside).unwrap().contains("outside"), "{outside}");
        }
        for windows in ["a?.pdf", "ab:c.pdf", "x /a.pdf", "a./b.pdf", "con.pdf", "LPT1.txt", "a\u{7}.pdf"] {
            assert!(name_problem(windows).unwrap().contains("Windows"), "{windows}");
        }
        for turned in ["报告\u{202e}fdp.exe.pdf", "a\u{2067}b.pdf", "x/\u{200f}a.pdf", "a\u{61c}.png"] {
            assert!(name_problem(turned).unwrap().contains("reading direction"), "{turned:?}");
        }
        assert!(name_problem("报告\u{202e}fdp.exe.pdf").unwrap().contains("报告\\u{202e}fdp.exe.pdf"));
        for other in ["a.exe", "a", "a.pdf.zip", "dir.pdf/a"] {
            assert!(name_problem(other).unwrap().contains("type"), "{other}");
        }
    }

    #[test]
    fn sizes_and_types_as_shown() {
        assert_eq!(size_text(812), "812 字节");
        assert_eq!(size_text(12_700), "12.4 KB");
        assert_eq!(size_text(3_250_000), "3.1 MB");
        assert_eq!(type_text("a/b.pdf"), "PDF");
    }
}
