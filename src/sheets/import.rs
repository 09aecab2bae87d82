//! `kaoping import`: finds the workbooks, reads each (in parallel), checks
//! what they hold against the standard and the content's own checks, and
//! plans the YAML files to write. Pure apart from reading the workbooks.

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
}

const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// The workbooks named: files as given, folders' workbooks by name (Excel's
/// `~$` lock files left out).
fn workbooks(paths: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> =
                std::fs::read_dir(p).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
            found.retain(|f| {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let ext = f.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
                f.is_file() && !name.starts_with("~$") && EXTENSIONS.contains(&ext.as_str())
            });
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            diags.push(Diagnostic::error(crate::diag::shown(p), None, crate::t!("import.no_path")));
        }
    }
    out
}

/// One workbook read: (kind, id, submission) or its problems.
fn read_one(c: &Content, dir: &Path, path: &Path) -> (Option<(Kind, String, Submission)>, Vec<Diagnostic>) {
    let shown = crate::diag::shown(path);
    let mut p = Problems { workbook: &shown, diags: Vec::new() };
    let bytes = match read_bounded(path) {
        Ok(b) => b,
        Err(m) => {
            p.whole(m);
            return (None, p.diags);
        }
    };
    let book = match workbook::open(&bytes, &[l::ID_SHEET, l::CITY_SHEET, l::UNIT_SHEET, l::COVER_SHEET]) {
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

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| crate::t!("import.cannot_read", error = e))?;
    let mut bytes = Vec::new();
    file.take(workbook::MAX_FILE as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::t!("import.cannot_read", error = e))?;
    Ok(bytes)
}

fn refused(r: &Refused) -> String {
    match r {
        Refused::TooLarge => crate::t!("import.too_big", mib = workbook::MAX_FILE / 1024 / 1024),
        Refused::Encrypted => crate::t!("import.encrypted"),
        Refused::NotWorkbook("text") => crate::t!("import.text_file"),
        Refused::NotWorkbook(_) => crate::t!("import.not_workbook"),
        Refused::ZipTooLarge => crate::t!("import.zip_bomb"),
        Refused::Damaged(e) => crate::t!("import.damaged", error = e),
        Refused::TooManyCells(sheet) => crate::t!("import.too_many_cells", sheet = sheet, n = workbook::MAX_CELLS),
        Refused::OldXls => crate::t!("import.old_xls"),
        Refused::TextTooLong(sheet, row, col, n) => crate::t!(
            "import.text_too_long",
            n = format!("{sheet}!{} {n}", super::identity::cell_name(*row, *col)),
            max = workbook::MAX_TEXT
        ),
    }
}

/// Reads every workbook and plans the files; `existing` is the content
/// folder's current cities and units (for `--replace` and the summary).
pub fn plan(c: &Content, existing: &Content, dir: &Path, shown: &str, paths: &[PathBuf], replace: bool) -> Plan {
    let mut diags = Vec::new();
    let books = workbooks(paths, &mut diags);
    let read: Vec<_> = books.par_iter().map(|b| (b, read_one(c, dir, b))).collect();
    let mut subs: Vec<(Kind, String, Submission, String)> = Vec::new();
    for (path, (sub, mut d)) in read {
        diags.append(&mut d);
        if let Some((kind, id, s)) = sub {
            let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if let Some((_, _, _, first)) = subs.iter().find(|(k, i, _, _)| *k == kind && *i == id) {
                diags.push(Diagnostic::error(crate::diag::shown(path), None, crate::t!("import.twice", other = first)));
                continue;
            }
            subs.push((kind, id, s, crate::diag::shown(path)));
            let _ = source;
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
    Plan { diags, files, summary }
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
            if b.and_then(|e| e.get(*item)).map(unplaced) != a.and_then(|e| e.get(*item)).map(unplaced) {
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
