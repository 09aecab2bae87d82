//! Reading files from the content folder: size limit, UTF-8 check, the
//! listing of `cities/` and `units/`.

use super::read::check_id;
use super::yaml::{self, Node};
use super::{SourceFile, Sources};
use crate::diag::{Diagnostic, Pos};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest content file kaoping reads.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a UTF-8 text file (a leading byte-order mark is dropped, CRLF
/// becomes LF), refusing files over [`MAX_FILE_BYTES`] and non-UTF-8 text.
pub fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let fail = |msg: String| Diagnostic::error(shown, None, msg);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => fail(crate::t!("files.missing")),
        _ => fail(crate::t!("files.cannot-read", why = crate::i18n::io_error(&e))),
    })?;
    if !meta.is_file() {
        return Err(fail(crate::t!("files.not-a-file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(crate::t!(
            "files.too-large",
            size = meta.len() / (1024 * 1024),
            max = MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(crate::t!("files.cannot-read", why = crate::i18n::io_error(&e))))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let pos =
                Pos { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) };
            return Err(Diagnostic::error(shown, Some(pos), crate::t!("files.not-utf8")));
        }
    };
    // Copied only where there is something to drop or change.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

/// A cache of files read earlier and what changed since (see
/// [`super::Cache::only_changed`]).
pub type Known<'a> = (&'a super::Cache, &'a [PathBuf]);

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Reads every file of the content folder, noting what cannot be read;
/// the files of `cities/` and `units/` that `known` says did not change
/// since it read them are taken from it.
pub fn read_sources(dir: &Path, shown: &str, diags: &mut Vec<Diagnostic>, known: Option<Known>) -> Sources {
    let mut text = |name: &str| {
        let path = dir.join(name);
        let shown_path = format!("{shown}/{name}");
        if is_link(&path) {
            diags.push(Diagnostic::error(&shown_path, None, crate::t!("files.link-refused")));
            return None;
        }
        read_text(&path, &shown_path).map_err(|e| diags.push(e)).ok()
    };
    let (site, standard, standard_md) = (text("site.yaml"), text("standard.yaml"), text("standard.md"));
    // The files of a folder are read in parallel (3,000 small files take
    // a core some 40 ms), their problems noted in the folder's order.
    let mut files = |folder: &str| {
        let read: Vec<_> = list_folder(dir, shown, folder, diags)
            .into_par_iter()
            .map(|(id, path, shown)| {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                let kept = known.and_then(|(cache, changed)| cache.unchanged(changed, rel, &shown));
                let text = kept.map_or_else(|| read_text(&path, &shown).map(Arc::from), Ok);
                text.map(|text| SourceFile { id, shown, text })
            })
            .collect();
        read.into_iter().filter_map(|r| r.map_err(|e| diags.push(e)).ok()).collect()
    };
    let cities = files("cities");
    let units = files("units");
    Sources { shown: shown.to_string(), site, standard, standard_md, cities, units }
}

/// Parses a YAML text, noting a syntax error.
pub fn parse_yaml(text: &str, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    match yaml::parse(text) {
        Ok(node) if node.value == yaml::Value::Null => {
            diags.push(Diagnostic::error(shown, Some(node.pos), crate::t!("files.empty")));
            None
        }
        Ok(node) => Some(node),
        Err((pos, msg)) => {
            diags.push(with_hint(text, shown, pos, msg));
            None
        }
    }
}

/// A syntax error, told at the clerk's likely mistake when
/// [`super::hints`] finds one near where the parser stopped.
fn with_hint(text: &str, shown: &str, pos: Pos, msg: String) -> Diagnostic {
    match super::hints::explain(text, pos) {
        Some(h) => {
            let at = format!("{}:{}", pos.line, pos.col);
            Diagnostic::error(shown, Some(h.pos), crate::t!("hint.message", hint = h.message, at = at, parser = msg))
        }
        None => Diagnostic::error(shown, Some(pos), msg),
    }
}

/// The files whose stem is an id of `roster` (all of them with a valid id
/// when the roster is unknown); the others are errors. `members` (the
/// roster's ids and names, empty when unknown) lets a file named after a
/// member's name (`白鹭市.yaml`) be told to take its id.
pub fn on_roster<'a>(
    files: &'a [SourceFile],
    roster: Option<&BTreeSet<String>>,
    members: &[super::Member],
    one: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'a SourceFile> {
    let known = roster.map(|r| r.iter().cloned().collect::<Vec<_>>().join(&crate::t!("list.sep")));
    files
        .iter()
        .filter(|f| {
            if let Err(why) = check_id(&f.id) {
                let named = members.iter().find(|m| m.name == f.id);
                let message = match named {
                    Some(m) => crate::t!("files.rename-to-id", name = super::values::shorten(&f.id), id = m.id),
                    None => crate::t!("files.bad-name", name = super::values::shorten(&f.id), why = why),
                };
                diags.push(Diagnostic::error(&f.shown, None, message));
                return false;
            }
            let (Some(roster), Some(known)) = (roster, &known) else {
                return true;
            };
            let ok = roster.contains(&f.id);
            if !ok {
                let message = if one == "city" {
                    crate::t!("files.not-a-city", id = f.id, known = known)
                } else {
                    crate::t!("files.not-a-unit", id = f.id, known = known)
                };
                diags.push(Diagnostic::error(&f.shown, None, message));
            }
            ok
        })
        .collect()
}

/// The `.yaml` files of `dir/folder`, as (stem, path, shown path), sorted
/// by name; [`on_roster`] checks that each stem is a valid id. Symbolic links and sub-folders are
/// never followed: they are skipped with a warning, and so are other files.
pub fn list_folder(
    dir: &Path,
    shown: &str,
    folder: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, String)> {
    let base = dir.join(folder);
    if is_link(&base) {
        diags.push(Diagnostic::error(format!("{shown}/{folder}"), None, crate::t!("files.link-refused")));
        return Vec::new();
    }
    if !base.is_dir() {
        if base.exists() {
            diags.push(Diagnostic::error(format!("{shown}/{folder}"), None, crate::t!("files.not-a-folder")));
        }
        return Vec::new();
    }
    let walker = walkdir::WalkDir::new(&base).min_depth(1).max_depth(1).follow_links(false).sort_by_file_name();
    let mut out = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    format!("{shown}/{folder}"),
                    None,
                    crate::t!(
                        "files.cannot-list",
                        why = e.io_error().map_or_else(|| crate::t!("io.other"), crate::i18n::io_error)
                    ),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown_path = format!("{shown}/{folder}/{}", super::values::shorten(&name));
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type();
        if kind.is_symlink() {
            diags.push(Diagnostic::warning(&shown_path, None, crate::t!("files.ignored-link")));
            continue;
        }
        if !kind.is_file() {
            diags.push(Diagnostic::warning(&shown_path, None, crate::t!("files.ignored-folder", folder = folder)));
            continue;
        }
        let Some(stem) = name.strip_suffix(".yaml") else {
            if name.ends_with(".yml") || name.to_lowercase().ends_with(".yaml") {
                diags.push(Diagnostic::error(&shown_path, None, crate::t!("files.rename-yaml")));
            } else {
                diags.push(Diagnostic::warning(&shown_path, None, crate::t!("files.ignored-other")));
            }
            continue;
        };
        // A stem that is not a valid id is reported by `on_roster`, which
        // knows the roster's names.
        out.push((stem.to_string(), entry.into_path(), shown_path));
    }
    out
}
