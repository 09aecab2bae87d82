//! `kaoping import`: returned workbooks in, YAML files of the content
//! folder out. Every problem in every workbook is reported at once; with
//! any error nothing is written.

use super::{Exit, Report};
use crate::content::{Content, Sources};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

pub fn run(content: &Path, paths: &[PathBuf], replace: bool) -> Report {
    let shown = super::shown(content);
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
    let Some(c) = loaded.content else { return Report::failed(loaded.diags, Exit::Content) };
    let existing: Content = crate::content::parse(&src).content.unwrap_or_else(|| c.clone());
    let plan = crate::sheets::import::plan(&c, &existing, content, &shown, paths, replace);
    if plan.diags.iter().any(Diagnostic::is_error) {
        return Report::failed(plan.diags, Exit::Content);
    }
    for f in &plan.files {
        if let Err(e) = write(&content.join(&f.path), &f.bytes) {
            let d = Diagnostic::error(format!("{shown}/{}", f.path), None, crate::t!("import.cannot_write", error = e));
            return Report::failed(vec![d], Exit::Content);
        }
    }
    Report { diags: plan.diags, summary: Some(plan.summary), exit: Exit::Ok }
}

/// Writes a file whole: into a temporary file beside it, then renamed over
/// it, so a reader never sees half a file. (Import writes into the content
/// folder, which output.rs, the site's writer, never touches.)
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = path.with_extension("yaml.kaoping-import");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
