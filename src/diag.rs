//! Diagnostics: errors and warnings are data with a location; only `main`
//! prints them, as `error: path:line:col: message` in English and
//! `错误：path:line:col：message` in Chinese (the location keeps its ASCII
//! `:line:col`; the label and the location end with a full-width colon).

use std::fmt;

/// A line and column in a file, both counted from 1 (columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content, the output folder or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (`content/cities/x.yaml`); empty when
    /// the problem is not about one file.
    pub path: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), pos, message: message.into() }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, pos, message) }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = visible(&self.message);
        if self.path.is_empty() {
            let line = match self.severity {
                Severity::Error => crate::t!("diag.error", message = message),
                Severity::Warning => crate::t!("diag.warning", message = message),
            };
            return f.write_str(&line);
        }
        let mut location = visible(&self.path).into_owned();
        if let Some(p) = self.pos {
            location.push_str(&format!(":{}:{}", p.line, p.col));
        }
        let line = match self.severity {
            Severity::Error => crate::t!("diag.error-at", location = location, message = message),
            Severity::Warning => crate::t!("diag.warning-at", location = location, message = message),
        };
        f.write_str(&line)
    }
}

/// Text with invisible and direction-changing characters written as
/// `\u{202e}` and control characters (line breaks, terminal escapes) as
/// spaces, so that a diagnostic (or a line of `diff`) is one line that
/// reads as what it says, whatever the content holds.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| c.is_control() || crate::text::is_invisible(c);
    if !text.chars().any(odd) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
        } else if crate::text::is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts diagnostics for printing: errors before warnings, then by file,
/// position and message, so the report is the same on every run.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (a.severity, &a.path, a.pos, &a.message).cmp(&(b.severity, &b.path, b.pos, &b.message)));
}

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

/// What a command has to say (printed by `main` alone): diagnostics, a summary line, an exit status.
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
        let errors = crate::i18n::words::errors(self.diags.iter().filter(|d| d.is_error()).count());
        self.summary = Some(match output {
            Some(output) => crate::t!("build.failed", errors = errors, output = output),
            None => crate::t!("check.failed", errors = errors),
        });
        self
    }
}

/// How many of `diags` are warnings.
pub fn count_warnings(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| !d.is_error()).count()
}

/// How a folder argument appears in messages: as typed, without a trailing
/// separator, with `/` between parts.
pub fn shown(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let t = s.trim_end_matches('/');
    if t.is_empty() { s } else { t.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_and_without_position() {
        let pos = Some(Pos { line: 12, col: 7 });
        let e = Diagnostic::error("content/units/police.yaml", pos, "unknown rule");
        assert_eq!(e.to_string(), "error: content/units/police.yaml:12:7: unknown rule");
        let w = Diagnostic::warning("content/cities/a.yaml", None, "late");
        assert_eq!(w.to_string(), "warning: content/cities/a.yaml: late");
        let g = Diagnostic::error("", None, "no content");
        assert_eq!(g.to_string(), "error: no content");
        let spoof = Diagnostic::error("a\u{202e}b.yaml", None, "key x\u{200b}y\nz");
        assert_eq!(spoof.to_string(), "error: a\\u{202e}b.yaml: key x\\u{200b}y z");
    }
}
