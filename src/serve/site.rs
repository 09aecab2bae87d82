//! The preview's site in memory: what the last good save read, scored and
//! prepared (a year, or an archive of years), kept until the next one. A
//! file is made when a browser asks for it, by the same jobs as `build`
//! (`site::Site::make`, `archive::pages`), so it is byte for byte what
//! `build` writes at that path. Nothing is written to disk.

use crate::archive::pages::Pages;
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::record::sums::{self, Sums};
use crate::scoring::Results;
use crate::site::Site;
use crate::site::jobs::Prepared;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One year's site, ready to make any of its files.
pub struct Year {
    pub content: Content,
    pub results: Results,
    prepared: Arc<Prepared>,
    /// The content folder, whose `attachments/` are read on request.
    folder: PathBuf,
}

/// The site served: one year, or an archive.
pub enum Model {
    Year(Arc<Year>),
    Archive(Box<Archive>),
}

/// An archive: each year's site under its number, and the archive's own files.
pub struct Archive {
    pub years: Vec<(u16, Arc<Year>)>,
    pub pages: Pages,
}

/// A file made on request: its bytes, or why it could not be made; `None`
/// when the site has no file there.
pub type Made = Option<Result<Vec<u8>, Diagnostic>>;

impl Year {
    /// Compiles the theme and computes what every page shares (the
    /// expensive part, done once per save); `in_archive` as for `build`.
    /// With `earlier` (the last save's year), what did not change is taken
    /// from it.
    pub fn new(
        content: Content,
        results: Results,
        folder: PathBuf,
        in_archive: bool,
        earlier: Option<&Year>,
    ) -> Result<Year, Diagnostic> {
        let earlier = earlier.map(|y| (&y.results, &*y.prepared));
        let prepared = Arc::new(Prepared::again(&content, &results, in_archive, earlier)?);
        Ok(Year { content, results, prepared, folder })
    }

    /// Runs `f` on the site (cheap: what is shared is prepared already).
    fn site<T>(&self, f: impl FnOnce(&Site) -> T) -> T {
        let (folder, sizes) = (&self.folder, &self.content.attachments);
        let attachments = |path: &str| crate::content::attachments::read(folder, path, sizes.get(path).copied());
        f(&Site::with(&self.content, &self.results, &attachments, Arc::clone(&self.prepared)))
    }

    /// How many files the site has, `SHA256SUMS` included.
    pub fn files(&self) -> usize {
        self.site(|s| s.jobs().len()) + 1
    }

    /// The file at `path` (with `/`, no leading `/`).
    pub fn file(&self, path: &str) -> Made {
        if path == sums::NAME {
            return Some(self.sums(None));
        }
        self.site(|s| Some(s.make(s.find(path)?).map(|f| f.bytes)))
    }

    /// `SHA256SUMS`: every file made (slow on a large site, but only asked
    /// for to check it). Each file is also noted in `outer` under `prefix/`
    /// (an archive's own `SHA256SUMS`), the year's `SHA256SUMS` with them.
    fn sums(&self, outer: Option<(&Sums, u16)>) -> Result<Vec<u8>, Diagnostic> {
        let prefix = outer.map(|(_, year)| year.to_string());
        let archive = outer.zip(prefix.as_deref()).map(|((sums, _), folder)| (sums, folder));
        let text = Mutex::new(Vec::new());
        let keep = |f: OutFile| {
            if f.path == sums::NAME
                && let Ok(mut t) = text.lock()
            {
                *t = f.bytes;
            }
            Ok(())
        };
        self.site(|s| crate::site::make_all(s, archive, &keep))?;
        Ok(text.into_inner().unwrap_or_default())
    }
}

impl Model {
    /// The file at `path` (with `/`, no leading `/`).
    pub fn file(&self, path: &str) -> Made {
        match self {
            Model::Year(year) => year.file(path),
            Model::Archive(a) => a.file(path),
        }
    }
}

impl Archive {
    fn file(&self, path: &str) -> Made {
        if path == sums::NAME {
            return Some(self.sums());
        }
        if let Some((first, rest)) = path.split_once('/')
            && let Some((_, year)) = self.years.iter().find(|(y, _)| y.to_string() == first)
        {
            return year.file(rest);
        }
        let page = self.pages.find(path)?;
        Some(self.pages.make(page).map(|f| f.bytes))
    }

    /// How many files the archive has: its years', its own, `SHA256SUMS`.
    pub fn files(&self) -> usize {
        self.years.iter().map(|(_, y)| y.files()).sum::<usize>() + self.pages.list().len() + 1
    }

    /// The archive's `SHA256SUMS`: every file of every year, the years'
    /// `SHA256SUMS` included, and the archive's own.
    fn sums(&self) -> Result<Vec<u8>, Diagnostic> {
        let all = Sums::default();
        for (prefix, year) in &self.years {
            year.sums(Some((&all, *prefix)))?;
        }
        for page in self.pages.list() {
            let f = self.pages.make(page)?;
            let _ = all.add(&f.path, &f.bytes);
        }
        Ok(all.text().into_bytes())
    }
}
