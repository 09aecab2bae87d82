//! One file per command. A command returns a [`Report`]; `main` prints it.

pub mod archive;
pub mod build;
pub mod check;
pub mod diff;
pub mod forms;
pub mod import;
pub mod init;
pub mod verify;

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

    /// A failed `check` or `build` ends with one line: how many errors, and
    /// that nothing was written (`output`: the site folder, left unchanged).
    pub fn nothing_written(mut self, output: Option<&str>) -> Report {
        let errors = errors(self.diags.iter().filter(|d| d.is_error()).count());
        self.summary = Some(match output {
            Some(output) => crate::t!("build.failed", errors = errors, output = output),
            None => crate::t!("check.failed", errors = errors),
        });
        self
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
        let d = Diagnostic::error(shown, None, crate::t!("cmd.no-content"));
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

/// "1 city", "3 cities" (English needs the plural; Chinese does not).
pub fn cities(n: usize) -> String {
    if n == 1 { crate::t!("count.city", n = n) } else { crate::t!("count.cities", n = n) }
}

/// "1 unit", "8 units".
pub fn units(n: usize) -> String {
    if n == 1 { crate::t!("count.unit", n = n) } else { crate::t!("count.units", n = n) }
}

/// "1 warning", "0 warnings".
pub fn warnings(n: usize) -> String {
    if n == 1 { crate::t!("count.warning", n = n) } else { crate::t!("count.warnings", n = n) }
}

/// "1 error", "2 errors".
pub fn errors(n: usize) -> String {
    if n == 1 { crate::t!("count.error", n = n) } else { crate::t!("count.errors", n = n) }
}
