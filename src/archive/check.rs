//! An archive checked year by year through the single-year pipeline: a
//! year is read, then scored (and, by `build`, rendered) and dropped before
//! the next is read, so an archive holds one year plus its small history.
//! Every year is checked even after an error. How a year is read and scored is the
//! caller's ([`Years`]): `build` reads each afresh and renders it, `serve`
//! keeps them.

use super::file::{ArchiveFile, YearEntry};
use super::history::{self, History, YearResults};
use super::summary::Summary;
use crate::content::Content;
use crate::content::theme::Theme;
use crate::diag::{Diagnostic, Exit, Report};
use std::borrow::Borrow;
use std::path::{Path, PathBuf};

/// How the years of an archive are read: `build` reads each one afresh and
/// renders it as soon as it is scored; `serve` keeps them.
pub trait Years {
    /// A year read without error.
    type Year: Borrow<Content>;
    /// Reads the year `y` from `folder` (`shown` in messages): the year if
    /// it has no error, and its diagnostics.
    fn load(&self, y: &YearEntry, folder: &Path, shown: &str) -> (Option<Self::Year>, Vec<Diagnostic>);
    /// The folder of the year `y`'s content in the archive `dir` (`shown`
    /// in messages), and how it is shown: the one archive.yaml names
    /// (`verify` reads the year's `source/` in the publication instead).
    fn folder(&self, dir: &Path, shown: &str, y: &YearEntry) -> (PathBuf, String) {
        (dir.join(&y.content), format!("{shown}/{}", y.content))
    }
    /// Scores a year read without error while the archive has none so far
    /// (`build` renders it here); what the history keeps of it.
    fn score(&self, y: &YearEntry, folder: &Path, year: Self::Year) -> Result<YearResults, Diagnostic>;
    /// The year `y` (content in `folder`, `shown` in messages) as the record
    /// of its output gives it, where `build` keeps that output as it is
    /// (issue 26): then it is neither read nor scored. With `latest` (the
    /// archive's last year, whose theme its pages use), its theme too. An
    /// error: the output could not be kept.
    fn kept(&self, _: &YearEntry, _: &Path, _: &str, _latest: bool) -> Option<Result<Kept, Diagnostic>> {
        None
    }
}

/// A year kept as it was built: what its record says, and with `latest`
/// its theme.
pub struct Kept {
    pub summary: Summary,
    pub theme: Option<Theme>,
}

/// A year as [`check`] gets it: kept, or read (if without error) with its
/// diagnostics.
enum Got<Y> {
    Kept(Result<Kept, Diagnostic>),
    Read(Option<Y>, Vec<Diagnostic>),
}

/// An archive checked without error.
pub struct Checked {
    pub file: ArchiveFile,
    pub history: History,
    /// The latest year's theme.
    pub theme: Theme,
    /// The latest year's number of units, and whether it is a sample.
    pub units: usize,
    pub sample: bool,
    /// Warnings.
    pub diags: Vec<Diagnostic>,
    /// The kept years, and how many warnings reading them gave when they
    /// were built (not repeated: they were not read again).
    pub kept: Vec<u16>,
    pub unlisted: usize,
}

/// Checks the archive `file` read from `dir` (`shown` in messages; `diags`
/// holds what reading it said), reading its years through `years`.
pub fn check(
    dir: &Path,
    shown: &str,
    file: ArchiveFile,
    mut diags: Vec<Diagnostic>,
    years: &impl Years,
) -> Result<Checked, Report> {
    let path = format!("{shown}/{}", super::FILE);
    let errors = |d: &[Diagnostic]| d.iter().any(Diagnostic::is_error);
    let mut rosters = super::Rosters::new();
    let mut summaries = Vec::new();
    let mut latest = None;
    let differs = |site_year: u16, y: &YearEntry, diags: &mut Vec<Diagnostic>| {
        if site_year != y.year {
            let site = format!("{}/site.yaml", years.folder(dir, shown, y).1);
            let message = crate::t!("archive.year-differs", year = y.year, site = site, site_year = site_year);
            diags.push(Diagnostic::error(&path, Some(y.year_pos), message));
        }
    };
    let last = file.years.len().saturating_sub(1);
    // One year at a time: reading the next while this one was scored and
    // rendered held two years (10 × 3,000: 310 MiB peak against 220 MiB)
    // and gained 3 % of wall time at most, both cores being busy with the
    // year's own work (docs/decisions.md). A year whose output is kept
    // comes from its record instead.
    let load = |i: usize| {
        let y = file.years.get(i)?;
        let (folder, shown) = years.folder(dir, shown, y);
        if let Some(kept) = years.kept(y, &folder, &shown, i == last) {
            return Some(Got::Kept(kept));
        }
        folder.is_dir().then(|| {
            let (read, said) = years.load(y, &folder, &shown);
            Got::Read(read, said)
        })
    };
    let (mut kept, mut unlisted) = (Vec::new(), 0);
    for (i, y) in file.years.iter().enumerate() {
        let mut year = None;
        match load(i) {
            Some(Got::Kept(Ok(k))) => {
                let s = k.summary;
                rosters.push(Some(s.roster));
                differs(s.site_year, y, &mut diags);
                if let Some(theme) = k.theme {
                    latest = Some((theme, s.units, s.sample));
                }
                kept.push(y.year);
                unlisted += s.warnings;
                summaries.push(s.results);
                continue;
            }
            Some(Got::Kept(Err(d))) => return Err(failed(vec![d])),
            Some(Got::Read(read, said)) => {
                diags.extend(said);
                year = read;
            }
            None => {}
        }
        let Some(year) = year else {
            rosters.push(None);
            continue;
        };
        let c: &Content = year.borrow();
        rosters.push(Some(c.site.cities.iter().map(|m| m.id.clone()).collect()));
        differs(c.site.year, y, &mut diags);
        if errors(&diags) {
            continue;
        }
        latest = Some((c.theme.clone(), c.site.units.len(), c.site.sample));
        let (folder, _) = years.folder(dir, shown, y);
        summaries.push(years.score(y, &folder, year).map_err(|d| failed(vec![d]))?);
    }
    diags.extend(super::check_renames(&file, &path, &rosters));
    crate::diag::sort(&mut diags);
    if errors(&diags) {
        diags.retain(Diagnostic::is_error);
        return Err(failed(diags));
    }
    let Some((theme, units, sample)) = latest else { return Err(failed(diags)) };
    let renames: Vec<(String, String)> = file.renamed.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
    let history = history::compute(&file.title, summaries, &renames);
    Ok(Checked { file, history, theme, units, sample, diags, kept, unlisted })
}

fn failed(diags: Vec<Diagnostic>) -> Report {
    Report::failed(diags, Exit::Content)
}
