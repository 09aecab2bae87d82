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
    // Every file into a temporary file beside it first; only when all are
    // written are they renamed over the old ones (a full disk leaves the
    // content as it was). Import writes into the content folder, which
    // output.rs, the site's writer, never touches.
    let tmp = |p: &Path| p.with_extension("yaml.kaoping-import");
    let fail = |path: &str, e: std::io::Error| {
        Diagnostic::error(format!("{shown}/{path}"), None, crate::t!("import.cannot_write", error = e))
    };
    for (n, f) in plan.files.iter().enumerate() {
        let path = content.join(&f.path);
        let written =
            path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(tmp(&path), &f.bytes));
        if let Err(e) = written {
            for g in &plan.files[..=n] {
                let _ = std::fs::remove_file(tmp(&content.join(&g.path)));
            }
            return Report::failed(vec![fail(&f.path, e)], Exit::Content);
        }
    }
    for f in &plan.files {
        let path = content.join(&f.path);
        if let Err(e) = std::fs::rename(tmp(&path), &path) {
            return Report::failed(vec![fail(&f.path, e)], Exit::Content);
        }
    }
    Report { diags: plan.diags, summary: Some(plan.summary), exit: Exit::Ok }
}
