//! `check` and `build` of an archive of years (a folder with archive.yaml):
//! one year after another through the single-year pipeline (load, score,
//! render); a year's content is dropped once it is rendered, before the
//! next is read, so an archive holds one year plus its small history,
//! however many years it has. Every year is checked even after an error; on any error
//! nothing is written.
//! The check itself is [`crate::archive::check`], which `serve` shares
//! with a [`Years`] of its own that keeps the years it read.

use super::Built;
use super::publish::Publish;
use super::reuse;
use super::{Exit, Report};
use crate::archive::check::{Kept, Years, check};
use crate::archive::file::YearEntry;
use crate::archive::history::{self, YearResults};
use crate::archive::summary::{self, Summary};
use crate::archive::{self, pages::Pages};
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::nofollow::Dir;
use crate::output::OutFile;
use crate::output::marker::INPUTS;
use crate::output::{Staging, Target};
use crate::record::sums::Sums;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `build`'s (and `check`'s) years: each read afresh, scored, rendered into
/// the staging folder if there is one, and dropped.
struct Fresh<'a> {
    staging: Option<&'a Staging>,
    publish: &'a Publish,
    sums: &'a Sums,
    files: AtomicUsize,
    /// Each year's inputs fingerprint (`tasks::reuse`), and whether its
    /// output is current and kept as it is (then `current` is the output).
    inputs: BTreeMap<u16, (String, bool)>,
    current: Option<Dir>,
    /// How many warnings reading each year gave (for its record).
    warned: Mutex<BTreeMap<u16, usize>>,
}

impl Years for Fresh<'_> {
    type Year = Content;

    fn load(&self, y: &YearEntry, folder: &Path, shown: &str) -> (Option<Content>, Vec<Diagnostic>) {
        let mut loaded = crate::content::load(folder, shown, None);
        let warned = loaded.diags.iter().filter(|d| !d.is_error()).count();
        self.warned.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(y.year, warned);
        if let Some(c) = &mut loaded.content {
            self.publish.year(c);
        }
        (loaded.content, loaded.diags)
    }

    fn score(&self, y: &YearEntry, folder: &Path, c: Content) -> Result<YearResults, Diagnostic> {
        let results = crate::scoring::score(&c);
        if let Some(st) = self.staging {
            let prefix = y.year.to_string();
            let inputs = self.inputs.get(&y.year);
            let made = match (inputs, &self.current) {
                (Some((_, true)), Some(current)) => keep(st, current, &prefix, self.sums)?,
                _ => {
                    let attachments =
                        |p: &str| crate::content::attachments::read(folder, p, c.attachments.get(p).copied());
                    let sink = |f: OutFile| st.write(&format!("{prefix}/{}", f.path), &f.bytes);
                    crate::site::render_year(&c, &results, &attachments, (self.sums, &prefix), &sink)?
                }
            };
            self.files.fetch_add(made, Ordering::Relaxed);
            if let Some((inputs, false)) = inputs {
                return self.record(st, y.year, inputs, &c, &results);
            }
        }
        Ok(history::summarize(&c, &results))
    }

    fn kept(&self, y: &YearEntry, folder: &Path, shown: &str, latest: bool) -> Option<Result<Kept, Diagnostic>> {
        let (st, current) = (self.staging?, self.current.as_ref()?);
        let (_, true) = self.inputs.get(&y.year)? else { return None };
        let prefix = y.year.to_string();
        // Where the record has no summary, or the theme cannot be read
        // again, the year is read and scored (its output still kept).
        let summary = summary::from_line(y.year, &reuse::summary(&current.path().join(&prefix))?)?;
        let theme = if latest { Some(crate::content::theme(folder, shown)?) } else { None };
        Some(keep(st, current, &prefix, self.sums).map(|made| {
            self.files.fetch_add(made, Ordering::Relaxed);
            Kept { summary, theme }
        }))
    }
}

impl Fresh<'_> {
    /// Writes the record of the year `year` (`c`, scored as `results`)
    /// built from `inputs` into `st`: after every file of the year (see
    /// `tasks::reuse`), with what the archive keeps of it; that.
    fn record(
        &self,
        st: &Staging,
        year: u16,
        inputs: &str,
        c: &Content,
        results: &crate::scoring::Results,
    ) -> Result<YearResults, Diagnostic> {
        let (name, prefix) = (crate::record::sums::NAME, year.to_string());
        let listed = self.sums.get(&format!("{prefix}/{name}")).unwrap_or_default();
        let mine = self.sums.paths(|p| p.strip_prefix(&prefix).is_some_and(|r| r.starts_with('/')));
        let mine = mine.iter().filter_map(|p| p.strip_prefix(&format!("{prefix}/")).map(str::to_string));
        let files = reuse::own(mine.filter(|p| p != name), false, &[]);
        let warned = self.warned.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&year).copied();
        let summary = Summary {
            site_year: c.site.year,
            roster: c.site.cities.iter().map(|m| m.id.clone()).collect(),
            units: c.site.units.len(),
            sample: c.site.sample,
            warnings: warned.unwrap_or(0),
            results: history::summarize(c, results),
        };
        let line = summary::to_line(&summary);
        let record = reuse::record(&st.path().join(&prefix), inputs, &listed, None, Some(&line), &files);
        st.write(&format!("{prefix}/{INPUTS}"), record.as_bytes())?;
        Ok(summary.results)
    }
}

/// Checks the archive in `dir` and, with a `target`, writes its site;
/// what has not changed since the target was written is kept
/// (`tasks::reuse`): all of it, untouched, when nothing has.
pub fn run(dir: &Path, target: Option<&Target>, publish: &Publish) -> Result<Built, Report> {
    let shown = super::shown(dir);
    let mut diags = Vec::new();
    let Some(file) = archive::read(dir, &shown, &mut diags) else { return Err(failed(diags)) };
    let errors = diags.iter().any(Diagnostic::is_error);
    let inputs = target.filter(|_| !errors).map(|_| reuse::Inputs::of(dir, &file, publish));
    let prefixes: Vec<String> = file.years.iter().map(|y| y.year.to_string()).collect();
    // Whether each year's output is current (each checked once).
    let now: Vec<bool> = match (target, &inputs) {
        (Some(t), Some(i)) => prefixes
            .par_iter()
            .zip(&i.years)
            .map(|(y, f)| f.as_ref().is_some_and(|f| reuse::current(&t.dir.join(y), f, false, &[]).is_some()))
            .collect(),
        _ => Vec::new(),
    };
    if let (Some(t), Some(i)) = (target, &inputs)
        && let Some(all) = &i.archive
        && now.iter().all(|&n| n)
        && let Some(Some([cities, units, files, years, warned])) =
            reuse::current(&t.dir, all, publish.key.is_some(), &prefixes)
    {
        // The years were not read again: their warnings are not repeated
        // line by line, but counted and said (`Built::unlisted`).
        let kept = file.years.iter().map(|y| y.year).collect();
        return Ok(Built { cities, units, files, diags, years: Some(years), unlisted: warned, kept });
    }
    let staging = match target {
        Some(t) if !errors => Some(t.begin(true).map_err(|d| failed(vec![d]))?),
        _ => None,
    };
    let current = staging.as_ref().and_then(Staging::current);
    let mut kept = BTreeMap::new();
    if let Some(i) = &inputs {
        for ((y, f), now) in file.years.iter().zip(&i.years).zip(&now) {
            if let Some(f) = f {
                kept.insert(y.year, (f.clone(), *now && current.is_some()));
            }
        }
    }
    // The archive's SHA256SUMS lists every file, the years' included.
    let sums = Sums::default();
    let years = Fresh {
        staging: staging.as_ref(),
        publish,
        sums: &sums,
        files: AtomicUsize::new(0),
        inputs: kept,
        current,
        warned: Mutex::default(),
    };
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
        if let Some(all) = inputs.and_then(|i| i.archive) {
            // Last of all: see `tasks::reuse`.
            let warned = checked.diags.iter().filter(|d| !d.is_error()).count() + checked.unlisted;
            let built = [cities, checked.units, files, count, warned];
            let mine = reuse::own(sums.paths(|_| true).into_iter(), publish.key.is_some(), &prefixes);
            let hash = crate::record::sha256_hex(text.as_bytes());
            let record = reuse::record(st.path(), &all, &hash, Some(built), None, &mine);
            st.write(INPUTS, record.as_bytes()).map_err(|d| failed(vec![d]))?;
        }
        st.finish().map_err(|d| failed(vec![d]))?;
    }
    let (unlisted, kept) = (checked.unlisted, checked.kept);
    Ok(Built { cities, units: checked.units, files, diags: checked.diags, years: Some(count), unlisted, kept })
}

/// Keeps the year `prefix` of the output being replaced (`current`) in the
/// staging folder as it is, each file noted in the archive's `sums` with
/// the hash the year's own list gives; how many files.
fn keep(st: &Staging, current: &Dir, prefix: &str, sums: &Sums) -> Result<usize, Diagnostic> {
    let name = crate::record::sums::NAME;
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            format!("{prefix}/{name}"),
            None,
            crate::t!("output.cannot-read", error = crate::i18n::io_error(&e)),
        )
    };
    let mut list = Vec::new();
    crate::nofollow::open_beneath(current.path(), &format!("{prefix}/{name}"))
        .and_then(|mut f| f.read_to_end(&mut list))
        .map_err(fail)?;
    let text = String::from_utf8_lossy(&list);
    let listed = crate::record::sums::parse(&text).map_err(|_| fail(std::io::ErrorKind::InvalidData.into()))?;
    let mut paths: Vec<String> = listed.keys().map(|path| format!("{prefix}/{path}")).collect();
    for (path, hash) in paths.iter().zip(listed.values()) {
        sums.insert(path, hash.clone());
    }
    sums.insert(&format!("{prefix}/{name}"), crate::record::sha256_hex(&list));
    paths.extend([format!("{prefix}/{name}"), format!("{prefix}/{INPUTS}")]);
    st.keep_all(current, &paths.iter().map(String::as_str).collect::<Vec<_>>())?;
    Ok(listed.len() + 1)
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
