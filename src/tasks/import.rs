//! What `kaoping import` does, for the command line and the workbench
//! alike: returned workbooks in, YAML files of the content folder out.
//! Every problem in every workbook is reported at once; with any error
//! nothing is written.

use crate::content::{Content, Sources};
use crate::diag::{Diagnostic, Exit, Report};
use crate::nofollow::{self, Dir};
use crate::sheets::gather::{Bytes, Found, Gathered};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `kaoping import PATH...`: the workbooks of `paths`.
pub fn run(content: &Path, paths: &[PathBuf], replace: bool) -> Report {
    import(content, Given::Paths(paths), replace, false)
}

/// Workbooks held in memory, each under its own file name (the
/// workbench's uploads): imported as `run` imports files of those names,
/// with the same messages. `dry` reads and checks them and writes nothing.
pub fn run_books(content: &Path, books: Vec<(String, Vec<u8>)>, replace: bool, dry: bool) -> Report {
    let found = books.into_iter().map(|(shown, b)| Found { shown, bytes: Bytes::Read(Ok(b)) }).collect();
    import(content, Given::Books(Gathered { books: found, ..Gathered::default() }), replace, dry)
}

enum Given<'a> {
    Paths(&'a [PathBuf]),
    Books(Gathered),
}

fn import(content: &Path, given: Given, replace: bool, dry: bool) -> Report {
    let shown = crate::diag::shown(content);
    if !content.is_dir() {
        let d = Diagnostic::error(shown, None, "the content folder does not exist; give it with --content DIR");
        return Report::failed(vec![d], Exit::Usage);
    }
    let mut diags = Vec::new();
    let mut src = crate::content::files_for_bench(content, &mut diags);
    src.shown = shown.clone();
    // The settings and the standard alone: a broken city file must not
    // stop its correction from being imported.
    let settings = Sources { cities: Vec::new(), units: Vec::new(), ..src.clone() };
    let loaded = crate::content::parse(&settings);
    let Some(c) = loaded.content else {
        let errors = crate::i18n::words::errors(loaded.diags.iter().filter(|d| d.is_error()).count());
        let summary = crate::t!("import.failed", errors = errors);
        return Report { diags: loaded.diags, summary: Some(summary), exit: Exit::Content };
    };
    let existing: Content = crate::content::parse(&src).content.unwrap_or_else(|| c.clone());
    let plan = match given {
        Given::Paths(paths) => crate::sheets::import::plan(&c, &existing, content, &shown, paths, replace),
        Given::Books(g) => crate::sheets::import::plan_gathered(&c, &existing, content, &shown, g, replace),
    };
    // The summary ends the import whether or not it failed; the skipped
    // files are named before it.
    let ended = |line: String| plan.skipped.iter().cloned().chain([line]).collect::<Vec<_>>().join("\n");
    if plan.diags.iter().any(Diagnostic::is_error) {
        let errors = crate::i18n::words::errors(plan.diags.iter().filter(|d| d.is_error()).count());
        let summary = ended(crate::t!("import.failed", errors = errors));
        return Report { diags: plan.diags, summary: Some(summary), exit: Exit::Content };
    }
    if dry {
        let summary = ended(crate::t!("import.dry", summary = plan.summary));
        return Report { summary: Some(summary), diags: plan.diags, exit: Exit::Ok };
    }
    // Every file into a temporary file beside it first; only when all are
    // written are they renamed over the old ones (a full disk leaves the
    // content as it was). Import writes into the content folder, which
    // output.rs, the site's writer, never touches. The temporary files are
    // created new under names no one can plant in advance, in folders
    // reached through no link (see `crate::nofollow`).
    let fail = |path: &str, e: std::io::Error| {
        Diagnostic::error(
            format!("{shown}/{path}"),
            None,
            crate::t!("import.cannot_write", error = crate::i18n::io_error(&e)),
        )
    };
    let mut written = Vec::new();
    for f in &plan.files {
        match write_temp(content, &f.path, &f.bytes) {
            Ok(w) => written.push(w),
            Err(e) => {
                for (dir, temp, _) in &written {
                    let _ = dir.remove_file(temp);
                }
                let summary = ended(crate::t!("import.failed", errors = crate::i18n::words::errors(1)));
                return Report { diags: vec![fail(&f.path, e)], summary: Some(summary), exit: Exit::Content };
            }
        }
    }
    for ((dir, temp, name), f) in written.iter().zip(&plan.files) {
        if let Err(e) = dir.rename(temp, name) {
            return Report::failed(vec![fail(&f.path, e)], Exit::Content);
        }
    }
    Report { summary: Some(ended(plan.summary.clone())), diags: plan.diags, exit: Exit::Ok }
}

/// Writes `bytes` into a new temporary file beside `content/path` (with
/// `/`), making the folders on the way; returns the folder, the temporary
/// name and the final name.
fn write_temp(content: &Path, path: &str, bytes: &[u8]) -> std::io::Result<(Dir, OsString, OsString)> {
    let (folders, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let mut dir = Dir::open(content)?;
    for part in folders.split('/').filter(|p| !p.is_empty()) {
        dir = match dir.sub(part) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                dir.create_dir(part)?;
                dir.sub(part)?
            }
            other => other?,
        };
    }
    let (temp, mut file) = nofollow::create_temp(&dir, name, "kaoping-import")?;
    if let Err(e) = file.write_all(bytes) {
        let _ = dir.remove_file(&temp);
        return Err(e);
    }
    Ok((dir, temp, name.into()))
}
