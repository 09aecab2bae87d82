//! Reading the content again after a save, as little as possible: a year's
//! files that did not change are not parsed again (`content::Cache`), and
//! an archive's years whose folders (and themes) did not change are not
//! read at all — the year as read last time is kept, its site prepared.
//! An archive is checked as `build` checks it (`archive::check`).

use super::site::{Archive, Model, Year};
use super::watch::{self, Change};
use crate::archive::check::{Checked, Years};
use crate::archive::file::YearEntry;
use crate::archive::history::{self, YearResults};
use crate::archive::pages::Pages;
use crate::content::{Cache, Content};
use crate::diag::Diagnostic;
use crate::diag::{Exit, Report, shown};
use crate::pipeline::{self, Earlier};
use std::borrow::Borrow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the preview keeps between saves to read less on the next.
pub struct Reader {
    content: PathBuf,
    /// A single year's files as read last time.
    cache: Cache,
    /// An archive's years as read last time.
    years: Vec<Kept>,
    /// A single year's last good read, scored: its cities are scored again
    /// only where their files changed.
    last: Option<Arc<Year>>,
}

/// One year of an archive as read last time.
struct Kept {
    /// The folder and how messages show it (together, the year's key).
    folder: PathBuf,
    shown: String,
    /// The folders to watch for it: its own and its theme's, links resolved.
    watched: Vec<PathBuf>,
    /// Where a change means the year must be read again: those, and the
    /// folder's path through the archive (a year's folder may be a link).
    roots: Vec<PathBuf>,
    /// What reading it gave.
    year: Option<Scored>,
    diags: Vec<Diagnostic>,
    cache: Cache,
    /// Whether the last check of the archive used it.
    used: bool,
}

/// A year of an archive read without error: its site and what the history
/// keeps of it.
#[derive(Clone)]
pub struct Scored {
    site: Arc<Year>,
    summary: Arc<YearResults>,
}

impl Borrow<Content> for Scored {
    fn borrow(&self) -> &Content {
        &self.site.content
    }
}

/// A good read: the site, and what the console says of it.
pub struct Read {
    pub model: Model,
    pub cities: usize,
    pub units: usize,
    pub files: usize,
    /// Warnings.
    pub diags: Vec<Diagnostic>,
    /// The folders to watch: the content, and themes or years elsewhere.
    pub roots: Vec<PathBuf>,
    /// For an archive: the years read again, and those kept as they were.
    pub years: Option<(Vec<u16>, Vec<u16>)>,
}

impl Reader {
    pub fn new(content: &Path) -> Reader {
        Reader { content: content.to_path_buf(), cache: Cache::default(), years: Vec::new(), last: None }
    }

    /// Reads what `change` may have changed; the site, or every problem.
    pub fn read(&mut self, change: &Change) -> Result<Read, Report> {
        if crate::archive::is_archive(&self.content) {
            return self.read_archive(change);
        }
        self.years.clear();
        let dir = self.content.clone();
        if let Some(paths) = within(change, &watch::real(&dir)) {
            self.cache.only_changed(paths);
        }
        let last = self.last.clone();
        let scored = last.as_deref().map(|y| (&y.content, &y.results));
        let earlier = Earlier { cache: &mut self.cache, scored };
        let (c, results, mut diags) = pipeline::load_scored(&dir, Some(earlier))?;
        let (cities, units) = (c.site.cities.len(), c.site.units.len());
        let mut roots = vec![watch::real(&dir)];
        roots.extend(c.site.theme.as_ref().map(|t| watch::real(&dir.join(t))));
        match Year::new(c, results, dir, false, last.as_deref()) {
            Ok(year) => {
                let files = year.files();
                let year = Arc::new(year);
                self.last = Some(Arc::clone(&year));
                let model = Model::Year(year);
                Ok(Read { model, cities, units, files, diags, roots: watch::outermost(roots), years: None })
            }
            Err(d) => {
                diags.insert(0, d);
                Err(Report::failed(diags, Exit::Content))
            }
        }
    }

    fn read_archive(&mut self, change: &Change) -> Result<Read, Report> {
        self.cache = Cache::default();
        self.last = None;
        let dir = self.content.clone();
        let shown = shown(&dir);
        let mut diags = Vec::new();
        let Some(file) = crate::archive::read(&dir, &shown, &mut diags) else {
            return Err(Report::failed(diags, Exit::Content));
        };
        for k in &mut self.years {
            k.used = false;
        }
        let years = Kind {
            kept: Mutex::new(std::mem::take(&mut self.years)),
            change,
            real: watch::real(&dir),
            sites: Mutex::new(Vec::new()),
            read: Mutex::new((Vec::new(), Vec::new())),
        };
        let checked = crate::archive::check::check(&dir, &shown, file, diags, &years);
        let (kept, sites, (again, same)) = (inner(years.kept), inner(years.sites), inner(years.read));
        // Years no longer in archive.yaml are forgotten.
        self.years = kept.into_iter().filter(|k| k.used).collect();
        let Checked { file, history, theme, units, sample, diags, .. } = checked?;
        let cities = history.years.last().map_or(0, |y| y.cities);
        let pages = Pages::new(&theme, &file, sample, history).map_err(|d| Report::failed(vec![d], Exit::Content))?;
        let archive = Archive { years: sites, pages };
        let files = archive.files();
        let mut roots = vec![watch::real(&dir)];
        roots.extend(self.years.iter().flat_map(|k| k.watched.iter().cloned()));
        Ok(Read {
            model: Model::Archive(Box::new(archive)),
            cities,
            units,
            files,
            diags,
            roots: watch::outermost(roots),
            years: Some((again, same)),
        })
    }
}

/// The archive's years as `serve` reads them: kept from last time where
/// nothing under their folders changed. `check` reads a year while it
/// scores the one before, hence the locks.
struct Kind<'a> {
    kept: Mutex<Vec<Kept>>,
    change: &'a Change,
    /// The archive's folder, links resolved.
    real: PathBuf,
    /// The years scored, in order, under their numbers.
    sites: Mutex<Vec<(u16, Arc<Year>)>>,
    /// The years read again and those kept.
    read: Mutex<(Vec<u16>, Vec<u16>)>,
}

/// The paths of `change` relative to the content folder `real`; `None`
/// (read every file) for a change not known path by path, or one outside
/// the folder (a theme elsewhere; or a path the events name otherwise).
fn within(change: &Change, real: &Path) -> Option<Vec<PathBuf>> {
    let Change::Paths(paths) = change else { return None };
    paths.iter().map(|p| p.strip_prefix(real).ok().map(Path::to_path_buf)).collect()
}

/// What a lock holds, even if a thread panicked while holding it.
fn inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Years for Kind<'_> {
    type Year = Scored;

    fn load(&self, y: &YearEntry, folder: &Path, shown: &str) -> (Option<Scored>, Vec<Diagnostic>) {
        let mut kept = lock(&self.kept);
        let at = kept.iter().position(|k| k.folder == folder && k.shown == shown && !k.used);
        // A year with errors is read again after any change: its theme,
        // elsewhere, may be what was wrong.
        let i = match at {
            Some(i) if kept[i].year.is_some() && !self.change.touches(&kept[i].roots) => {
                lock(&self.read).1.push(y.year);
                i
            }
            _ => {
                lock(&self.read).0.push(y.year);
                let mut k = match at {
                    Some(i) => kept.swap_remove(i),
                    None => Kept::new(folder, shown),
                };
                k.read(self.real.join(&y.content));
                kept.push(k);
                kept.len() - 1
            }
        };
        let k = &mut kept[i];
        k.used = true;
        (k.year.clone(), k.diags.clone())
    }

    fn score(&self, y: &YearEntry, _: &Path, year: Scored) -> Result<YearResults, Diagnostic> {
        lock(&self.sites).push((y.year, year.site));
        Ok((*year.summary).clone())
    }
}

impl Kept {
    fn new(folder: &Path, shown: &str) -> Kept {
        Kept {
            folder: folder.to_path_buf(),
            shown: shown.to_string(),
            watched: Vec::new(),
            roots: Vec::new(),
            year: None,
            diags: Vec::new(),
            cache: Cache::default(),
            used: false,
        }
    }

    /// Reads, scores and prepares the year from its folder, which lies at
    /// `linked` through the archive's folder.
    fn read(&mut self, linked: PathBuf) {
        let loaded = crate::content::load(&self.folder, &self.shown, Some(&mut self.cache));
        self.diags = loaded.diags;
        let real = watch::real(&self.folder);
        self.watched = vec![real.clone()];
        self.roots = vec![real.clone(), linked];
        self.year = loaded.content.and_then(|c| {
            if let Some(theme) = &c.site.theme {
                let dir = watch::real(&self.folder.join(theme));
                self.watched.push(dir.clone());
                self.roots.extend([dir, real.join(theme)]);
            }
            let results = crate::scoring::score(&c);
            let summary = Arc::new(history::summarize(&c, &results));
            match Year::new(c, results, self.folder.clone(), true, None) {
                Ok(site) => Some(Scored { site: Arc::new(site), summary }),
                Err(d) => {
                    self.diags.push(d);
                    None
                }
            }
        });
    }
}
