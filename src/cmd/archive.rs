//! `check` and `build` of an archive of years (a folder with archive.yaml):
//! one year after another through the single-year pipeline (load, score,
//! render), the next year read while one is scored and rendered; a year's
//! content is dropped once it is rendered, so an archive holds at most two
//! years (one rendered, one read) plus its small history, however many
//! years it has. Every year is checked even after an error; on any error
//! nothing is written.
//! `serve` checks an archive through the same [`check`], with a [`Years`]
//! of its own that keeps the years it read.

use super::build::Built;
use super::{Exit, Report};
use crate::archive::file::{ArchiveFile, YearEntry};
use crate::archive::history::{self, History, YearResults};
use crate::archive::{self, pages::Pages};
use crate::content::Content;
use crate::content::theme::Theme;
use crate::diag::Diagnostic;
use crate::output::{Staging, Target};
use crate::record::sums::Sums;
use crate::site::OutFile;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the years of an archive are read: `build` reads each one afresh and
/// renders it as soon as it is scored; `serve` keeps them. [`check`] reads
/// the next year while the last one is scored, so both take `&self`.
pub trait Years: Sync {
    /// A year read without error.
    type Year: Borrow<Content> + Send;
    /// Reads the year `y` from `folder` (`shown` in messages): the year if
    /// it has no error, and its diagnostics.
    fn load(&self, y: &YearEntry, folder: &Path, shown: &str) -> (Option<Self::Year>, Vec<Diagnostic>);
    /// Scores a year read without error while the archive has none so far
    /// (`build` renders it here); what the history keeps of it.
    fn score(&self, y: &YearEntry, folder: &Path, year: Self::Year) -> Result<YearResults, Diagnostic>;
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
    let path = format!("{shown}/{}", archive::FILE);
    let errors = |d: &[Diagnostic]| d.iter().any(Diagnostic::is_error);
    let mut rosters = archive::Rosters::new();
    let mut summaries = Vec::new();
    let mut latest = None;
    // Years are independent: the next year is read while this one is
    // scored (and, by `build`, rendered), so that neither core waits on the
    // other's single-threaded steps. At most two years are held at once.
    let load = |i: usize| {
        let y = file.years.get(i)?;
        let folder = dir.join(&y.content);
        folder.is_dir().then(|| years.load(y, &folder, &format!("{shown}/{}", y.content)))
    };
    let mut next = load(0);
    for (i, y) in file.years.iter().enumerate() {
        let mut year = None;
        if let Some((read, said)) = next.take() {
            diags.extend(said);
            year = read;
        }
        let Some(year) = year else {
            rosters.push(None);
            next = load(i + 1);
            continue;
        };
        let c: &Content = year.borrow();
        rosters.push(Some(c.site.cities.iter().map(|m| m.id.clone()).collect()));
        if c.site.year != y.year {
            let site = format!("{shown}/{}/site.yaml", y.content);
            let message = crate::t!("archive.year-differs", year = y.year, site = site, site_year = c.site.year);
            diags.push(Diagnostic::error(&path, Some(y.year_pos), message));
        }
        if errors(&diags) {
            drop(year);
            next = load(i + 1);
            continue;
        }
        latest = Some((c.theme.clone(), c.site.units.len(), c.site.sample));
        let folder = dir.join(&y.content);
        let (done, read) = rayon::join(|| years.score(y, &folder, year), || load(i + 1));
        next = read;
        summaries.push(done.map_err(|d| failed(vec![d]))?);
    }
    diags.extend(archive::check_renames(&file, &path, &rosters));
    crate::diag::sort(&mut diags);
    if errors(&diags) {
        diags.retain(Diagnostic::is_error);
        return Err(failed(diags));
    }
    let Some((theme, units, sample)) = latest else { return Err(failed(diags)) };
    let renames: Vec<(String, String)> = file.renamed.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
    let history = history::compute(&file.title, summaries, &renames);
    Ok(Checked { file, history, theme, units, sample, diags })
}

/// `build`'s (and `check`'s) years: each read afresh, scored, rendered into
/// the staging folder if there is one, and dropped.
struct Fresh<'a> {
    staging: Option<&'a Staging>,
    sums: &'a Sums,
    files: AtomicUsize,
}

impl Years for Fresh<'_> {
    type Year = Content;

    fn load(&self, _: &YearEntry, folder: &Path, shown: &str) -> (Option<Content>, Vec<Diagnostic>) {
        let loaded = crate::content::load(folder, shown, None);
        (loaded.content, loaded.diags)
    }

    fn score(&self, y: &YearEntry, folder: &Path, c: Content) -> Result<YearResults, Diagnostic> {
        let results = crate::scoring::score(&c);
        if let Some(st) = self.staging {
            let prefix = y.year.to_string();
            let attachments = |p: &str| crate::content::attachments::read(folder, p, c.attachments.get(p).copied());
            let sink = |f: OutFile| st.write(&format!("{prefix}/{}", f.path), &f.bytes);
            let made = crate::site::render_year(&c, &results, &attachments, (self.sums, &prefix), &sink)?;
            self.files.fetch_add(made, Ordering::Relaxed);
        }
        Ok(history::summarize(&c, &results))
    }
}

/// Checks the archive in `dir` and, with a `target`, writes its site.
pub fn run(dir: &Path, target: Option<&Target>) -> Result<Built, Report> {
    let shown = super::shown(dir);
    let mut diags = Vec::new();
    let Some(file) = archive::read(dir, &shown, &mut diags) else { return Err(failed(diags)) };
    let staging = match target {
        Some(t) if !diags.iter().any(Diagnostic::is_error) => Some(t.begin(true).map_err(|d| failed(vec![d]))?),
        _ => None,
    };
    // The archive's SHA256SUMS lists every file, the years' included.
    let sums = Sums::default();
    let years = Fresh { staging: staging.as_ref(), sums: &sums, files: AtomicUsize::new(0) };
    let checked = check(dir, &shown, file, diags, &years)?;
    let mut files = years.files.into_inner();
    let cities = checked.history.years.last().map_or(0, |y| y.cities);
    let count = checked.history.years.len();
    if let Some(st) = staging {
        let marking = checked.file.marking.as_deref();
        // The archive's own pages show the fingerprint of history.json.
        let pages =
            Pages::new(&checked.theme, marking, checked.sample, checked.history).map_err(|d| failed(vec![d]))?;
        files += write_pages(&pages, &sums, &st).map_err(|d| failed(vec![d]))?;
        st.write(crate::record::sums::NAME, sums.text().as_bytes()).map_err(|d| failed(vec![d]))?;
        files += 1;
        st.finish().map_err(|d| failed(vec![d]))?;
    }
    Ok(Built { cities, units: checked.units, files, diags: checked.diags, years: Some(count) })
}

fn failed(diags: Vec<Diagnostic>) -> Report {
    Report::failed(diags, Exit::Content)
}

/// Writes the archive's own files (adding each to its SHA256SUMS); how many.
fn write_pages(pages: &Pages, sums: &Sums, st: &Staging) -> Result<usize, Diagnostic> {
    let list = pages.list();
    list.par_iter()
        .with_max_len(1)
        .map(|&p| {
            let file = pages.make(p)?;
            let _ = sums.add(&file.path, &file.bytes);
            st.write(&file.path, &file.bytes)
        })
        .collect::<Result<Vec<()>, _>>()?;
    Ok(list.len())
}
