//! One file per command. A command returns a [`Report`]; `main` prints it.

pub mod build;
pub mod check;
pub mod forms;
pub mod import;
pub mod init;

use crate::diag::Diagnostic;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done (warnings allowed).
    Ok = 0,
    /// The content has errors, or the output could not be written.
    Content = 1,
    /// The command was used wrongly (a missing content folder, a bad --output).
    Usage = 2,
}

/// What a command has to say: diagnostics, a summary line, an exit status.
pub struct Report {
    pub diags: Vec<Diagnostic>,
    pub summary: Option<String>,
    pub exit: Exit,
}

impl Report {
    pub fn failed(diags: Vec<Diagnostic>, exit: Exit) -> Report {
        Report { diags, summary: None, exit }
    }
}

/// How a folder argument appears in messages: as typed, without a trailing
/// separator, with `/` between parts.
pub fn shown(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let t = s.trim_end_matches('/');
    if t.is_empty() { s } else { t.to_string() }
}

/// Loads the content folder, or says why it cannot.
pub fn load(dir: &std::path::Path) -> Result<(crate::content::Content, Vec<Diagnostic>), Report> {
    load_cached(dir, None)
}

/// [`load`] with the cache of earlier reads (`serve`).
pub fn load_cached(
    dir: &std::path::Path,
    cache: Option<&mut crate::content::Cache>,
) -> Result<(crate::content::Content, Vec<Diagnostic>), Report> {
    let shown = shown(dir);
    if !dir.is_dir() {
        let d = Diagnostic::error(shown, None, "the content folder does not exist; give it with --content DIR");
        return Err(Report::failed(vec![d], Exit::Usage));
    }
    let loaded = crate::content::load(dir, &shown, cache);
    match loaded.content {
        Some(c) => Ok((c, loaded.diags)),
        None => Err(Report::failed(loaded.diags, Exit::Content)),
    }
}

pub fn count_warnings(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| !d.is_error()).count()
}
