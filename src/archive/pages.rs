//! The archive's own files as a list of jobs, like a year's
//! (`site::jobs`): `history.json`, `history.csv`, `index.html` and one
//! `cities/<id>.html` per city of the history. `build` makes them all,
//! `serve` the one a browser asks for. `SHA256SUMS`, which lists the years'
//! files too, is made by the caller.

use super::file::ArchiveFile;
use super::history::History;
use super::{data, view};
use crate::content::theme::Theme;
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::site::Renderer;

/// One file of the archive's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    HistoryJson,
    HistoryCsv,
    Index,
    /// The history of the city at this index of [`History::cities`].
    City(usize),
    /// A file of the archive's content as read (`archive.yaml`), kept in
    /// `source/` (§13): this one of [`Provenance::source`](crate::content::Provenance).
    Source(usize),
}

/// What the archive's own files are made from: the history, its
/// `history.json` (whose fingerprint the pages show) and the latest year's
/// theme, compiled.
pub struct Pages {
    renderer: Renderer,
    title: String,
    marking: Option<String>,
    sample: bool,
    pub history: History,
    json: Vec<u8>,
    source: Vec<(String, std::sync::Arc<str>)>,
}

impl Pages {
    /// Compiles `theme` (the latest year's) for the archive's pages, with
    /// the marking and what `file` keeps of how the archive is made.
    pub fn new(theme: &Theme, file: &ArchiveFile, sample: bool, history: History) -> Result<Pages, Diagnostic> {
        let json = data::json(&history);
        let fingerprint = crate::record::fingerprint::of(&json);
        let marking = file.marking.clone();
        let mut renderer = Renderer::with_theme(theme, marking.as_deref(), sample, &fingerprint)?;
        renderer.signed_by(file.provenance.signer.as_deref());
        let source = file.provenance.source.iter().map(|(p, t)| (p.clone(), std::sync::Arc::clone(t))).collect();
        let title = history.title.clone();
        Ok(Pages { renderer, title, marking, sample, history, json, source })
    }

    /// Every file, in the order `build` writes them.
    pub fn list(&self) -> Vec<Page> {
        let mut pages = vec![Page::HistoryJson, Page::HistoryCsv, Page::Index];
        pages.extend((0..self.history.cities.len()).map(Page::City));
        pages.extend((0..self.source.len()).map(Page::Source));
        pages
    }

    /// The path of a file in the archive's output (with `/`).
    pub fn path(&self, page: Page) -> String {
        match page {
            Page::HistoryJson => "history.json".into(),
            Page::HistoryCsv => "history.csv".into(),
            Page::Index => "index.html".into(),
            Page::City(i) => format!("cities/{}.html", self.history.cities[i].id),
            Page::Source(i) => format!("{}/{}", crate::site::jobs::SOURCE, self.source[i].0),
        }
    }

    /// The file at `path`, if the archive has one of its own there.
    pub fn find(&self, path: &str) -> Option<Page> {
        self.list().into_iter().find(|&p| self.path(p) == path)
    }

    /// Makes one file.
    pub fn make(&self, page: Page) -> Result<OutFile, Diagnostic> {
        let frame = view::Frame { title: &self.title, marking: self.marking.as_deref(), sample: self.sample };
        let (r, h, path) = (&self.renderer, &self.history, self.path(page));
        Ok(match page {
            Page::HistoryJson => OutFile { path, bytes: self.json.clone() },
            Page::HistoryCsv => OutFile { path, bytes: data::csv(h) },
            Page::Index => r.page("archive_index.html", path, &view::index(&frame, h))?,
            Page::City(i) => r.page("archive_city.html", path, &view::city(&frame, h, &h.cities[i]))?,
            Page::Source(i) => OutFile { path, bytes: self.source[i].1.as_bytes().to_vec() },
        })
    }
}
