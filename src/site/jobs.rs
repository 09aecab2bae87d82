//! The files of a site as a list of jobs, and a [`Site`] that makes any
//! one of them: `build` makes them all in parallel, `serve` only the one a
//! browser asks for.

use super::{OutFile, Renderer, data, standard_data, view};
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::scoring::Results;
use std::sync::Arc;

/// One file of the site to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job<'a> {
    Index,
    Standard,
    City(usize),
    Unit(usize),
    /// A page of the ranking of a large site, counted from 1.
    Ranking(usize),
    /// A page of a unit's table on a large site: (unit, page from 1).
    UnitPart(usize, usize),
    Csv,
    StandardJson,
    Report,
    /// An attachment, copied to `attachments/<path>`.
    Attachment(&'a str),
    /// A file of the content as read, kept as `source/<path>` (§13).
    Source(&'a str),
    Xlsx,
    /// `report.docx`, the written report.
    Docx,
    /// `report-annex.docx`: every city's lost points, for a large year.
    DocxAnnex,
    /// `results.json`: its bytes are made with the site (every page shows
    /// their fingerprint).
    Json,
}

/// The folder of a publication that keeps its content as read (§13).
pub const SOURCE: &str = "source";

/// Gives the bytes of an attachment by its path under `attachments/` (the
/// caller reads the disk; rendering does not).
pub type Attachments<'a> = &'a (dyn Fn(&str) -> Result<Vec<u8>, Diagnostic> + Sync);

/// What every file of one site is made with besides its content and
/// results: the compiled theme, what pages compare against, the ranking
/// order and results.json. Computed once per site (`serve`: once per save).
pub struct Prepared {
    pub renderer: Renderer,
    shared: view::Shared,
    order: Vec<usize>,
    json: data::Json,
    /// results.json's SHA-256, kept so that the next save's is resumed.
    hash: crate::record::resume::Hashed,
}

impl Prepared {
    /// The SHA-256 of results.json (hex), as its fingerprint was taken.
    pub fn json_sha256(&self) -> &str {
        &self.hash.hex
    }

    /// The data fingerprint every page shows.
    pub fn fingerprint(&self) -> String {
        crate::record::fingerprint::from_hash(&self.hash.hex)
    }

    /// Compiles the theme and computes what pages share; `in_archive` gives
    /// every page a link back to the archive one folder up.
    pub fn new(content: &Content, results: &Results, in_archive: bool) -> Result<Prepared, Diagnostic> {
        Prepared::again(content, results, in_archive, None)
    }

    /// [`Prepared::new`] taking from `earlier` (`serve`: the results and
    /// site of the last save) what did not change.
    pub fn again(
        content: &Content,
        results: &Results,
        in_archive: bool,
        earlier: Option<(&Results, &Prepared)>,
    ) -> Result<Prepared, Diagnostic> {
        let json = data::Json::new(content, results, earlier.map(|(r, p)| (r, &p.json)));
        let earlier_hash = earlier.map(|(_, p)| (&p.hash, &p.json.bytes[..]));
        let hash = crate::record::resume::Hashed::again(&json.bytes, earlier_hash);
        let renderer = Renderer::new(content, &crate::record::fingerprint::from_hash(&hash.hex))?;
        let shared = view::Shared::new(content, results);
        let order = results.by_rank();
        let mut prepared = Prepared { renderer, shared, order, json, hash };
        prepared.set_in_archive(in_archive);
        Ok(prepared)
    }

    /// Whether every page links back to an archive one folder up (`verify`
    /// tells a year of an archive by its index page).
    pub fn set_in_archive(&mut self, in_archive: bool) {
        self.renderer.tera.global_context().insert("archive", &in_archive);
    }
}

/// Everything needed to make any file of one site: the content, its
/// results, and what was [`Prepared`] from them.
pub struct Site<'a> {
    pub content: &'a Content,
    pub results: &'a Results,
    pub prepared: Arc<Prepared>,
    attachments: Attachments<'a>,
}

impl<'a> Site<'a> {
    /// Prepares the site (see [`Prepared::new`]).
    pub fn new(
        content: &'a Content,
        results: &'a Results,
        attachments: Attachments<'a>,
        in_archive: bool,
    ) -> Result<Site<'a>, Diagnostic> {
        let prepared = Arc::new(Prepared::new(content, results, in_archive)?);
        Ok(Site::with(content, results, attachments, prepared))
    }

    /// The site of `content` and `results` with what was prepared from
    /// them earlier (cheap: `serve` makes one per request).
    pub fn with(
        content: &'a Content,
        results: &'a Results,
        attachments: Attachments<'a>,
        prepared: Arc<Prepared>,
    ) -> Site<'a> {
        Site { content, results, prepared, attachments }
    }

    /// Every file of the site but `SHA256SUMS`, `results.json` last.
    /// The workbook comes first: it is the longest single job.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let (content, results) = (self.content, self.results);
        let mut jobs = vec![Job::Xlsx];
        if crate::docx::has_annex(results) {
            jobs.push(Job::DocxAnnex);
        }
        jobs.extend([Job::Docx, Job::Index, Job::Standard]);
        jobs.extend((0..results.cities.len()).map(Job::City));
        jobs.extend((0..results.units.len()).map(Job::Unit));
        if results.cities.len() > view::LARGE {
            jobs.extend((1..=view::overview::pages(self.prepared.order.len()).len()).map(Job::Ranking));
            let parts = results.cities.len().div_ceil(view::PAGE_SIZE);
            jobs.extend((0..results.units.len()).flat_map(|u| (1..=parts).map(move |p| Job::UnitPart(u, p))));
        }
        jobs.extend([Job::Csv, Job::StandardJson]);
        if results.cities.len() <= view::report::MAX_CITIES {
            jobs.push(Job::Report);
        }
        jobs.extend(content.attachments.keys().map(|p| Job::Attachment(p)));
        jobs.extend(content.provenance.source.keys().map(|p| Job::Source(p)));
        jobs.push(Job::Json);
        jobs
    }

    /// The path of a job's file in the site (with `/`).
    pub fn path(&self, job: Job) -> String {
        let (results, folder) = (self.results, crate::content::attachments::FOLDER);
        match job {
            Job::Index => "index.html".into(),
            Job::Standard => "standard.html".into(),
            Job::City(i) => format!("cities/{}.html", results.cities[i].id),
            Job::Unit(i) => format!("units/{}.html", results.units[i].id),
            Job::Ranking(page) => format!("ranking/{page}.html"),
            Job::UnitPart(u, page) => format!("units/{}/{page}.html", results.units[u].id),
            Job::Csv => "results.csv".into(),
            Job::StandardJson => "standard.json".into(),
            Job::Report => "report.html".into(),
            Job::Attachment(path) => format!("{folder}/{path}"),
            Job::Source(path) => format!("{SOURCE}/{path}"),
            Job::Xlsx => "results.xlsx".into(),
            Job::Docx => crate::docx::NAME.into(),
            Job::DocxAnnex => crate::docx::ANNEX.into(),
            Job::Json => "results.json".into(),
        }
    }

    /// The job that makes the file at `path`, if the site has one.
    pub fn find(&self, path: &str) -> Option<Job<'a>> {
        self.jobs().into_iter().find(|&job| self.path(job) == path)
    }

    /// Makes one file.
    pub fn make(&self, job: Job) -> Result<OutFile, Diagnostic> {
        let (content, results, p) = (self.content, self.results, &*self.prepared);
        let r = &p.renderer;
        let path = self.path(job);
        Ok(match job {
            Job::Index => r.page("index.html", path, &view::index::build(content, results, &p.shared))?,
            Job::Standard => r.page("standard.html", path, &view::standard::build(content))?,
            Job::City(i) => r.city_page(content, results, &p.shared, &results.cities[i])?,
            Job::Unit(i) => r.page("unit.html", path, &view::unit::build(content, &results.units[i]))?,
            Job::Ranking(page) => {
                r.page("ranking.html", path, &view::ranking::build(content, results, &p.order, page))?
            }
            Job::UnitPart(u, page) => {
                r.page("unit_cities.html", path, &view::unit::build_part(content, &results.units[u], page))?
            }
            Job::Csv => OutFile { path, bytes: data::csv(results) },
            Job::Attachment(name) => OutFile { path, bytes: (self.attachments)(name)? },
            Job::Source(name) => {
                let text = content.provenance.source.get(name).map_or("", |t| t);
                OutFile { path, bytes: text.as_bytes().to_vec() }
            }
            Job::Report => r.report(content, results, &p.shared)?,
            Job::StandardJson => OutFile { path, bytes: standard_data::json(&content.standard) },
            Job::Xlsx => {
                let bytes = crate::sheets::results::xlsx(content, results)
                    .map_err(|e| crate::sheets::cells::fail("results.xlsx", &e))?;
                OutFile { path, bytes }
            }
            Job::Docx => OutFile { path, bytes: crate::docx::report(content, results, &p.fingerprint())? },
            Job::DocxAnnex => OutFile { path, bytes: crate::docx::annex(content, results, &p.fingerprint())? },
            Job::Json => OutFile { path, bytes: p.json.bytes.clone() },
        })
    }
}
