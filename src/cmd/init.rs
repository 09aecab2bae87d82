//! `kaoping init [DIR]`: a new content folder for a new year; with
//! `--from LASTYEAR`, the next year of an existing one; with `--archive`,
//! an archive of years with its first year.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::output::Target;
use std::path::{Component, Path};

pub fn run(dir: &Path, year: u16, with_theme: bool) -> Report {
    let target = Target { dir: dir.to_path_buf(), shown: super::shown(dir) };
    let files = crate::scaffold::files(year, with_theme);
    if let Err(d) = target.create(&files) {
        return Report::failed(vec![d], Exit::Usage);
    }
    let theme = if with_theme { crate::t!("init.theme") } else { String::new() };
    let mut summary = format!(
        "{}\n{}",
        crate::t!("init.done", dir = target.shown, theme = theme),
        crate::t!("init.next", dir = target.shown)
    );
    summary.push('\n');
    summary.push_str(&crate::t!("init.revise-standard", folder = target.shown, year = year));
    Report { diags: Vec::new(), summary: Some(summary), exit: Exit::Ok }
}

/// `init --archive DIR`: DIR/archive.yaml and DIR/<year>/, a new content folder.
pub fn run_archive(dir: &Path, year: u16, with_theme: bool) -> Report {
    let target = Target { dir: dir.to_path_buf(), shown: super::shown(dir) };
    let mut files =
        vec![OutFile { path: "archive.yaml".into(), bytes: crate::next_year::archive_yaml(year).into_bytes() }];
    files.extend(
        crate::scaffold::files(year, with_theme)
            .into_iter()
            .map(|f| OutFile { path: format!("{year}/{}", f.path), ..f }),
    );
    if let Err(d) = target.create(&files) {
        return Report::failed(vec![d], Exit::Usage);
    }
    let summary = format!(
        "{}\n{}",
        crate::t!("init.archive", dir = target.shown, year = year),
        crate::t!("init.archive-next", dir = target.shown, year = year)
    );
    Report { diags: Vec::new(), summary: Some(summary), exit: Exit::Ok }
}

/// `init DIR --from LASTYEAR`: the next year of LASTYEAR.
pub fn run_from(dir: &Path, from: &Path) -> Report {
    let shown = super::shown(from);
    let read = |name: &str| crate::content::read_text(&from.join(name), &format!("{shown}/{name}"));
    let (site, standard, standard_md) = match (read("site.yaml"), read("standard.yaml"), read("standard.md")) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (a, b, c) => {
            let diags = [a.err(), b.err(), c.err()].into_iter().flatten().collect();
            return Report::failed(diags, Exit::Usage);
        }
    };
    let (theme, theme_files) = match crate::next_year::theme_of(&site) {
        Some(t) => match carry_theme(dir, from, &t) {
            Ok(carried) => carried,
            Err(d) => return Report::failed(vec![d], Exit::Usage),
        },
        None => (None, Vec::new()),
    };
    let last = crate::next_year::LastYear { shown: shown.clone(), site, standard, standard_md, theme, theme_files };
    let (year, files) = match crate::next_year::files(last) {
        Ok(done) => done,
        Err(diags) => return Report::failed(diags, Exit::Content),
    };
    let target = Target { dir: dir.to_path_buf(), shown: super::shown(dir) };
    if let Err(d) = target.create(&files) {
        return Report::failed(vec![d], Exit::Usage);
    }
    let mut summary = format!(
        "{}\n{}",
        crate::t!("init.from", dir = target.shown, year = year, from = shown),
        crate::t!("init.from-next", dir = target.shown)
    );
    if dir.parent().is_some_and(crate::archive::is_archive) {
        let name = dir.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        summary.push('\n');
        let line = format!("- {{ year: {year}, content: \"{name}\" }}");
        summary.push_str(&crate::t!("init.from-archive", line = line));
    }
    Report { diags: Vec::new(), summary: Some(summary), exit: Exit::Ok }
}

/// A theme inside the last year's folder is copied with it; one outside
/// keeps its path when the new folder is beside the last one, and is
/// otherwise named by its full path.
fn carry_theme(dir: &Path, from: &Path, theme: &str) -> Result<(Option<String>, Vec<OutFile>), Diagnostic> {
    let rel = Path::new(theme);
    let inside = rel.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if inside {
        let mut files = Vec::new();
        let names = crate::content::theme::TEMPLATES.iter().map(|n| format!("templates/{n}"));
        for name in names.chain(["static/style.css".to_string()]) {
            let path = from.join(rel).join(&name);
            if path.is_file() {
                let shown = format!("{}/{theme}/{name}", super::shown(from));
                let text = crate::content::read_text(&path, &shown)?;
                files.push(OutFile { path: format!("{theme}/{name}"), bytes: text.into_bytes() });
            }
        }
        return Ok((None, files));
    }
    let abs = |p: &Path| std::path::absolute(p).ok().and_then(|a| a.parent().map(Path::to_path_buf));
    if abs(dir).is_some() && abs(dir) == abs(from) {
        return Ok((None, Vec::new()));
    }
    let full = from.join(rel).canonicalize().unwrap_or_else(|_| from.join(rel));
    Ok((Some(full.to_string_lossy().into_owned()), Vec::new()))
}

/// The assessment year a new folder is for, when not given: the year
/// before the current one (the office starts in January on the year past).
pub fn default_year() -> u16 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // 365.2425 days a year from 1970; exact to the day is not needed here.
    let year = 1970 + secs / 31_556_952;
    u16::try_from(year.saturating_sub(1)).unwrap_or(2013)
}
