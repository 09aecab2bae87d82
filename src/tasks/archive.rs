//! `check` and `build` of an archive of years (a folder with archive.yaml):
//! one year after another through the single-year pipeline (load, score,
//! render), the next year read while one is scored and rendered; a year's
//! content is dropped once it is rendered, so an archive holds at most two
//! years (one rendered, one read) plus its small history, however many
//! years it has. Every year is checked even after an error; on any error
//! nothing is written.
//! The check itself is [`crate::archive::check`], which `serve` shares
//! with a [`Years`] of its own that keeps the years it read.

use super::Built;
use super::publish::Publish;
use super::{Exit, Report};
use crate::archive::check::{Years, check};
use crate::archive::file::YearEntry;
use crate::archive::history::{self, YearResults};
use crate::archive::{self, pages::Pages};
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::output::{Staging, Target};
use crate::record::sums::Sums;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `build`'s (and `check`'s) years: each read afresh, scored, rendered into
/// the staging folder if there is one, and dropped.
struct Fresh<'a> {
    staging: Option<&'a Staging>,
    publish: &'a Publish,
    sums: &'a Sums,
    files: AtomicUsize,
}

impl Years for Fresh<'_> {
    type Year = Content;

    fn load(&self, _: &YearEntry, folder: &Path, shown: &str) -> (Option<Content>, Vec<Diagnostic>) {
        let mut loaded = crate::content::load(folder, shown, None);
        if let Some(c) = &mut loaded.content {
            self.publish.year(c);
        }
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
pub fn run(dir: &Path, target: Option<&Target>, publish: &Publish) -> Result<Built, Report> {
    let shown = super::shown(dir);
    let mut diags = Vec::new();
    let Some(file) = archive::read(dir, &shown, &mut diags) else { return Err(failed(diags)) };
    let staging = match target {
        Some(t) if !diags.iter().any(Diagnostic::is_error) => Some(t.begin(true).map_err(|d| failed(vec![d]))?),
        _ => None,
    };
    // The archive's SHA256SUMS lists every file, the years' included.
    let sums = Sums::default();
    let years = Fresh { staging: staging.as_ref(), publish, sums: &sums, files: AtomicUsize::new(0) };
    let mut checked = check(dir, &shown, file, diags, &years)?;
    publish.archive(&mut checked.file);
    let mut files = years.files.into_inner();
    let cities = checked.history.years.last().map_or(0, |y| y.cities);
    let count = checked.history.years.len();
    if let Some(st) = staging {
        // The archive's own pages show the fingerprint of history.json.
        let pages =
            Pages::new(&checked.theme, &checked.file, checked.sample, checked.history).map_err(|d| failed(vec![d]))?;
        files += write_pages(&pages, &sums, &st).map_err(|d| failed(vec![d]))?;
        let text = sums.text();
        let (first, last) = (pages.history.years.first(), pages.history.years.last());
        let years = super::publish::years(first.map_or(0, |y| y.year), last.map_or(0, |y| y.year));
        if let Some(sig) = publish.signature(text.as_bytes(), &checked.file.title, &years, "history.json") {
            st.write(&sig.path, &sig.bytes).map_err(|d| failed(vec![d]))?;
            files += 1;
        }
        st.write(crate::record::sums::NAME, text.as_bytes()).map_err(|d| failed(vec![d]))?;
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
