//! An archive's publication made again: `source/archive.yaml` read and
//! checked as `build` checks an archive (`archive::check`), each year made
//! again from the year's own `source/` as it is scored, then the archive's
//! own pages from the years, and its `SHA256SUMS` from every file made.

use super::compare::Compare;
use super::{Outcome, Published, Rederived, year};
use crate::archive::check::{Years, check};
use crate::archive::file::YearEntry;
use crate::archive::history::{self, YearResults};
use crate::archive::pages::Pages;
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::record::sums::{self, Sums};
use crate::site::jobs::SOURCE;
use std::path::{Path, PathBuf};

/// The years of an archive as its publication keeps them.
struct Kept<'a> {
    p: &'a Published<'a>,
    cmp: &'a Compare<'a>,
    sums: &'a Sums,
}

impl Years for Kept<'_> {
    type Year = Content;

    fn folder(&self, _: &Path, _: &str, y: &YearEntry) -> (PathBuf, String) {
        (self.p.dir.join(y.year.to_string()).join(SOURCE), format!("{}/{}/{SOURCE}", self.p.shown, y.year))
    }

    fn load(&self, y: &YearEntry, _: &Path, _: &str) -> (Option<Content>, Vec<Diagnostic>) {
        match year::load(self.p, &format!("{}/", y.year)) {
            Ok(c) => (Some(c), Vec::new()),
            Err(diags) => (None, diags),
        }
    }

    fn score(&self, y: &YearEntry, _: &Path, c: Content) -> Result<YearResults, Diagnostic> {
        let folder = y.year.to_string();
        let outer = Some((self.sums, folder.as_str()));
        let (results, _) = year::render(self.p, self.cmp, &format!("{folder}/"), &c, Some(true), outer)?;
        Ok(history::summarize(&c, &results))
    }
}

/// Makes the archive in `p` again (see the module's doc).
pub fn rederive(p: &Published) -> Outcome {
    let source = p.dir.join(SOURCE);
    let shown = format!("{}/{SOURCE}", p.shown);
    let links = super::links(p, SOURCE);
    if !links.is_empty() {
        return Outcome::Unreadable(links);
    }
    let path = format!("{shown}/{}", crate::archive::FILE);
    let mut diags = Vec::new();
    let file = crate::content::read_text(&source.join(crate::archive::FILE), &path)
        .map_err(|d| diags.push(d))
        .ok()
        .and_then(|text| crate::archive::file::read(&text, &path, &mut diags));
    let Some(file) = file else { return Outcome::Unreadable(diags) };
    for y in &file.years {
        let folder = p.dir.join(y.year.to_string()).join(SOURCE);
        if std::fs::symlink_metadata(&folder).is_err() {
            let message = crate::t!("proof.no-year-source", year = y.year);
            diags.push(Diagnostic::error(format!("{}/{}/{SOURCE}", p.shown, y.year), None, message));
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Outcome::Unreadable(diags);
    }
    let (cmp, all) = (Compare::new(p), Sums::default());
    let years = Kept { p, cmp: &cmp, sums: &all };
    let mut checked = match check(&source, &shown, file, diags, &years) {
        Ok(c) => c,
        Err(report) => return Outcome::Unreadable(report.diags),
    };
    let claim = year::claimed(p.dir, "index.html");
    checked.file.provenance.signer = claim.as_ref().map(|c| c.key_id.clone());
    let pages = match Pages::new(&checked.theme, &checked.file, checked.sample, checked.history) {
        Ok(pages) => pages,
        Err(d) => return Outcome::Unreadable(vec![d]),
    };
    for page in pages.list() {
        match pages.make(page) {
            Ok(f) => match all.add(&f.path, &f.bytes) {
                Some(hash) => cmp.hashed(f.path.clone(), &hash, &|| Some(f.bytes.clone())),
                None => cmp.file("", &f),
            },
            Err(d) => return Outcome::Unreadable(vec![d]),
        }
    }
    cmp.file("", &OutFile { path: sums::NAME.to_string(), bytes: all.text().into_bytes() });
    let mut claims: Vec<_> = claim.into_iter().collect();
    claims.extend(pages.history.years.iter().filter_map(|y| year::claimed(p.dir, &format!("{}/report.html", y.year))));
    let (same, found) = cmp.finish();
    Outcome::Rederived(Rederived { same, found, claims, year_of_archive: false })
}
