//! `kaoping verify DIR`: reads a published folder (a site or an archive's
//! output) and checks it against its `SHA256SUMS` and the data fingerprint
//! on its pages (the comparison is `record::verify`); then `verdict` makes
//! it again from its `source/` and checks its signature.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::record::{fingerprint, sums, verify};
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(dir: &Path, pubkey: Option<&str>) -> Report {
    let shown = super::shown(dir);
    if !dir.is_dir() {
        return Report::failed(vec![Diagnostic::error(shown, None, crate::t!("record.no-folder"))], Exit::Usage);
    }
    let key = match super::verdict::public_key(pubkey) {
        Ok(key) => key,
        Err(report) => return report,
    };
    let at = |path: &str| format!("{shown}/{path}");
    let sums_text = match std::fs::read(dir.join(sums::NAME)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => {
            return Report::failed(
                vec![Diagnostic::error(at(sums::NAME), None, crate::t!("record.no-sums"))],
                Exit::Content,
            );
        }
    };
    let listed = match sums::parse(&sums_text) {
        Ok(l) => l,
        Err(bad) => {
            let pos = crate::diag::Pos { line: bad.line as u32, col: 1 };
            let d = Diagnostic::error(at(sums::NAME), Some(pos), crate::t!("record.bad-sums"));
            return Report::failed(vec![d], Exit::Content);
        }
    };
    let present = match hashes(dir) {
        Ok(p) => p,
        Err(e) => return Report::failed(vec![Diagnostic::error(shown, None, e)], Exit::Content),
    };
    let mut problems = verify::files(&listed, &present);
    let mut pages = 0;
    // Pages that are listed: an added page is reported once, as added.
    // The theme's templates kept in source/ are not pages.
    let is_page = |p: &str| p.ends_with(".html") && listed.contains_key(p) && !crate::proof::is_kept(p);
    for path in present.keys().filter(|p| is_page(p)) {
        let Some(data) = verify::data_file(path, &present) else { continue };
        // The fingerprint published is that of the data file as listed;
        // an edited data file is reported once, as changed.
        let hash = listed.get(data).or_else(|| present.get(data)).map_or("", String::as_str);
        let expected = fingerprint::from_hash(hash);
        let html = std::fs::read(dir.join(path)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        pages += 1;
        if let Some(p) = verify::page(&html, data, &expected) {
            problems.push((path.clone(), p));
        }
    }
    problems.sort();
    super::verdict::report(dir, &shown, listed.len(), &present, problems, pages, key.as_ref())
}

/// Every file under `dir` but the checksum file and markers: relative path
/// (with `/`) → SHA-256. A link is never followed; it gets a hash no file
/// has, so it shows as changed or added.
fn hashes(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_err(|e| e.to_string())?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !sums::listed(&rel) {
            continue;
        }
        let hash = if entry.file_type().is_symlink() {
            "link".to_string()
        } else {
            let bytes = std::fs::read(entry.path()).map_err(|e| format!("{rel}: {e}"))?;
            crate::record::sha256_hex(&bytes)
        };
        out.insert(rel, hash);
    }
    Ok(out)
}
