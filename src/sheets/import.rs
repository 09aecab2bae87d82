//! `kaoping import`: gathers the workbooks (`gather`), reads each (in parallel), checks
//! what they hold against the standard and the content's own checks, and
//! plans the YAML files to write. Pure apart from reading the workbooks.

use super::gather::{Bytes, Found, Gathered};
use super::identity::{self, Problems};
use super::layout::{self as l, Kind};
use super::read;
use super::workbook::{self, Refused};
use crate::content::{Content, SourceFile, Sources, Submission};
use crate::diag::Diagnostic;
use crate::output::OutFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What import will write, and what it found.
pub struct Plan {
    pub diags: Vec<Diagnostic>,
    /// Paths relative to the content folder.
    pub files: Vec<OutFile>,
    pub summary: String,
    /// The line naming the files skipped as no workbooks, if any.
    pub skipped: Option<String>,
}

/// One workbook read: (kind, id, submission) or its problems.
fn read_one(c: &Content, dir: &Path, found: Found) -> (Option<(Kind, String, Submission)>, Vec<Diagnostic>) {
    match read_bytes(found.bytes) {
        Ok(bytes) => from_bytes(c, dir, &found.shown, &bytes),
        Err(m) => {
            let mut p = Problems { workbook: &found.shown, diags: Vec::new() };
            p.whole(m);
            (None, p.diags)
        }
    }
}

/// A returned workbook's bytes (shown as `shown`) read against the content
/// `c` whose folder is `dir`: (kind, id, submission) or its problems. Pure;
/// the fuzz target `workbook` calls it.
pub fn from_bytes(
    c: &Content,
    dir: &Path,
    shown: &str,
    bytes: &[u8],
) -> (Option<(Kind, String, Submission)>, Vec<Diagnostic>) {
    let mut p = Problems { workbook: shown, diags: Vec::new() };
    let book = match workbook::open(bytes, &[l::ID_SHEET, l::CITY_SHEET, l::UNIT_SHEET, l::COVER_SHEET]) {
        Ok(b) => b,
        Err(Refused::TextTooLong(sheet, row, col, n)) => {
            p.at(&sheet, row, col, crate::t!("import.text_too_long", n = n, max = workbook::MAX_TEXT));
            return (None, p.diags);
        }
        Err(r) => {
            p.whole(refused(&r));
            return (None, p.diags);
        }
    };
    let Some((kind, id)) = identity::identity(c, &book, &mut p) else { return (None, p.diags) };
    let yaml = format!("{}/{id}.yaml", kind.folder());
    let sub = read::submission(c, kind, &id, &book, &mut p, &read::At { dir, yaml: &yaml });
    (sub.map(|s| (kind, id, s)), p.diags)
}

/// A workbook's bytes, at most one more than [`workbook::MAX_FILE`] (so
/// that `workbook::open` refuses it as too large).
fn read_bytes(bytes: Bytes) -> Result<Vec<u8>, String> {
    let file = match bytes {
        Bytes::Read(b) => return b,
        Bytes::Named(path) => std::fs::File::open(path),
        Bytes::Under(root, rel) => crate::nofollow::open_beneath(&root, &rel),
    };
    file.and_then(|f| crate::nofollow::read_at_most(f, workbook::MAX_FILE as u64 + 1)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            crate::t!("import.too_big", mib = workbook::MAX_FILE / 1024 / 1024)
        } else {
            crate::t!("import.cannot_read", error = crate::i18n::io_error(&e))
        }
    })
}

fn refused(r: &Refused) -> String {
    match r {
        Refused::TooLarge => crate::t!("import.too_big", mib = workbook::MAX_FILE / 1024 / 1024),
        Refused::Encrypted => crate::t!("import.encrypted"),
        Refused::NotWorkbook("text") => crate::t!("import.text_file"),
        Refused::NotWorkbook(_) => crate::t!("import.not_workbook"),
        Refused::ZipTooLarge => crate::t!("import.zip_bomb"),
        Refused::Damaged(e) => {
            crate::t!("import.damaged", error = crate::i18n::library(|| crate::t!("import.damaged-why"), e))
        }
        Refused::TooManyCells(sheet) => crate::t!("import.too_many_cells", sheet = sheet, n = workbook::MAX_CELLS),
        Refused::OldXls => crate::t!("import.old_xls"),
        // `from_bytes` places this one at its cell.
        Refused::TextTooLong(_, _, _, n) => crate::t!("import.text_too_long", n = n, max = workbook::MAX_TEXT),
    }
}

/// Reads every workbook and plans the files; `existing` is the content
/// folder's current cities and units (for `--replace` and the summary).
pub fn plan(c: &Content, existing: &Content, dir: &Path, shown: &str, paths: &[PathBuf], replace: bool) -> Plan {
    plan_gathered(c, existing, dir, shown, super::gather::gather(paths), replace)
}

/// As [`plan`], for workbooks already gathered (the workbench's uploads,
/// read in memory under their own names).
pub fn plan_gathered(c: &Content, existing: &Content, dir: &Path, shown: &str, given: Gathered, replace: bool) -> Plan {
    let Gathered { books, skipped, mut diags } = given;
    let read: Vec<_> = books.into_par_iter().map(|b| (b.shown.clone(), read_one(c, dir, b))).collect();
    let mut subs: Vec<(Kind, String, Submission, String)> = Vec::new();
    for (shown_book, (sub, mut d)) in read {
        diags.append(&mut d);
        if let Some((kind, id, s)) = sub {
            if let Some((_, _, _, first)) = subs.iter().find(|(k, i, _, _)| *k == kind && *i == id) {
                diags.push(Diagnostic::error(&shown_book, None, crate::t!("import.twice", other = first)));
                continue;
            }
            subs.push((kind, id, s, shown_book));
        }
    }
    let mut files = Vec::new();
    let mut lines = Vec::new();
    let order: Vec<&str> = c.standard.items().map(|(_, i)| i.id.as_str()).collect();
    let cities: Vec<&str> = c.site.cities.iter().map(|m| m.id.as_str()).collect();
    let mut sources = Sources { shown: shown.to_string(), ..Sources::default() };
    for (kind, id, sub, from) in &subs {
        let rel = format!("{}/{id}.yaml", kind.folder());
        let source = Path::new(from).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = super::yaml_out::write(sub, &source, (*kind == Kind::City).then_some(id.as_str()), &cities, &order);
        let before = match kind {
            Kind::City => existing.cities.get(id),
            Kind::Unit => existing.units.get(id),
        };
        // What import writes must pass `check`, which reads no file over
        // its size limit.
        if text.len() as u64 > crate::content::MAX_FILE_BYTES {
            let max = crate::content::MAX_FILE_BYTES / (1024 * 1024);
            diags.push(Diagnostic::error(from.clone(), None, crate::t!("import.yaml_too_large", max = max)));
            continue;
        }
        if dir.join(&rel).exists() && !replace {
            diags.push(Diagnostic::error(format!("{shown}/{rel}"), None, crate::t!("import.exists", workbook = from)));
            continue;
        }
        lines.push(crate::t!(
            "import.summary_file",
            file = format!("{shown}/{rel}"),
            workbook = from,
            changes = changes(before.map(|b| &**b), sub, &order)
        ));
        let file = SourceFile { id: id.clone(), shown: format!("{shown}/{rel}"), text: text.as_str().into() };
        match kind {
            Kind::City => sources.cities.push(file),
            Kind::Unit => sources.units.push(file),
        }
        files.push(OutFile { path: rel, bytes: text.into_bytes() });
    }
    // What import writes must pass the content's own checks.
    if !diags.iter().any(Diagnostic::is_error) && !files.is_empty() {
        sources.site = std::fs::read_to_string(dir.join("site.yaml")).ok();
        sources.standard = std::fs::read_to_string(dir.join("standard.yaml")).ok();
        sources.standard_md = Some(String::new());
        let loaded = crate::content::parse(&sources);
        diags.extend(loaded.diags.into_iter().filter(Diagnostic::is_error));
    }
    let summary = if files.is_empty() {
        crate::t!("import.nothing")
    } else {
        format!("{}\n{}", crate::t!("import.summary", n = files.len()), lines.join("\n"))
    };
    Plan { diags, files, summary, skipped: super::gather::skipped_line(&skipped) }
}

/// An entry without the positions of its attachments (a workbook's have
/// none), for comparing what it says.
fn unplaced(e: &crate::content::Entry) -> crate::content::Entry {
    let mut e = e.clone();
    let origin = crate::diag::Pos { line: 0, col: 0 };
    e.files.iter_mut().for_each(|a| a.pos = origin);
    if let crate::content::Assessed::Findings(fs) = &mut e.assessed {
        fs.iter_mut().flat_map(|f| &mut f.files).for_each(|a| a.pos = origin);
    }
    e
}

/// Which items a new submission changes against the file it replaces.
fn changes(before: Option<&Submission>, after: &Submission, order: &[&str]) -> String {
    let Some(before) = before else { return crate::t!("import.new_file") };
    let mut changed = Vec::new();
    let keys: std::collections::BTreeSet<&String> = before.entries.keys().chain(after.entries.keys()).collect();
    for city in keys {
        let (b, a) = (before.entries.get(city), after.entries.get(city));
        for item in order {
            if b.and_then(|e| e.get(item)).map(unplaced) != a.and_then(|e| e.get(item)).map(unplaced) {
                changed.push(if before.entries.len() + after.entries.len() > 2 {
                    format!("{city} {item}")
                } else {
                    item.to_string()
                });
            }
        }
    }
    let mut out = if changed.is_empty() {
        crate::t!("import.no_change")
    } else {
        crate::t!("import.changed", items = changed.join(", "))
    };
    if before.submitted != after.submitted || before.report.trim() != after.report.trim() {
        out.push_str(&crate::t!("import.cover_changed"));
    }
    out
}
