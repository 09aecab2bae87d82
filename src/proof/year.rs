//! One year's site made again from its `source/`: the content read as
//! `load` reads a folder (its attachments the publication's own), scored,
//! and every file made by the jobs `build` runs (the site is never held
//! whole), each compared by the hash its `SHA256SUMS` gives. A site verified on its own
//! may be a year of an archive, whose pages link back to it: its index
//! page tells which.

use super::compare::Compare;
use super::{Claim, Published};
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::record::sums::Sums;
use crate::scoring::Results;
use crate::site::jobs::{Job, Prepared, SOURCE, Site};
use std::sync::Arc;

/// Where the page that says which key signed the publication carries the
/// key id (`report.html`, the archive's `index.html`).
const SIGNED_BY: &str = "data-kaoping-signed-by=\"";

/// Reads the content kept in `prefix` + `source/` (`prefix` is `` or
/// `2013/`), with the key id its `report.html` says it is signed with;
/// its errors if it cannot be read, or holds a link.
pub fn load(p: &Published, prefix: &str) -> Result<Content, Vec<Diagnostic>> {
    let folder = format!("{prefix}{SOURCE}");
    let shown = format!("{}/{folder}", p.shown);
    let links = super::links(p, &folder);
    if !links.is_empty() {
        return Err(links);
    }
    let site = p.dir.join(prefix.trim_end_matches('/'));
    let loaded = crate::content::load_kept(&p.dir.join(&folder), &shown, &site);
    let mut content =
        loaded.content.ok_or_else(|| loaded.diags.into_iter().filter(Diagnostic::is_error).collect::<Vec<_>>())?;
    content.provenance.signer = claimed(p.dir, &format!("{prefix}report.html")).map(|c| c.key_id);
    Ok(content)
}

/// The key id that the page at `page` says the publication is signed
/// with, if it says so.
pub fn claimed(dir: &std::path::Path, page: &str) -> Option<Claim> {
    let bytes = super::compare::read_inside(dir, page).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let at = text.find(SIGNED_BY)? + SIGNED_BY.len();
    let id: String = text[at..].chars().take_while(char::is_ascii_hexdigit).take(16).collect();
    Some(Claim { page: page.to_string(), key_id: id })
}

/// Makes every file of the year `c` in the folder `prefix` and compares it
/// with the published one; `in_archive` as for `build` (`None`: told by the
/// index page). Each hash also goes into the archive's list, `outer`,
/// under `<folder>/`. Returns the results and whether the site is a year
/// of an archive.
pub fn render(
    p: &Published,
    cmp: &Compare,
    prefix: &str,
    c: &Content,
    in_archive: Option<bool>,
    outer: Option<(&Sums, &str)>,
) -> Result<(Results, bool), Diagnostic> {
    let results = crate::scoring::score(c);
    let site_dir = p.dir.join(prefix.trim_end_matches('/'));
    let attachments = |path: &str| crate::content::attachments::read(&site_dir, path, c.attachments.get(path).copied());
    let mut prepared = Arc::new(Prepared::new(c, &results, in_archive.unwrap_or(false))?);
    let mut is_year = in_archive.unwrap_or(false);
    if in_archive.is_none()
        && let Some(published) = p.present.get(&format!("{prefix}index.html"))
    {
        let index = |prepared: &Arc<Prepared>| {
            let site = Site::with(c, &results, &attachments, Arc::clone(prepared));
            site.make(Job::Index).map(|f| crate::record::sha256_hex(&f.bytes))
        };
        if index(&prepared)? != *published
            && let Some(year) = Arc::get_mut(&mut prepared)
        {
            year.set_in_archive(true);
            is_year = index(&prepared)? == *published;
            if !is_year && let Some(site) = Arc::get_mut(&mut prepared) {
                site.set_in_archive(false);
            }
        }
    }
    let site = Site::with(c, &results, &attachments, prepared);
    // The files are compared by the hashes their SHA256SUMS lists, which
    // comes last; one that differs is made again for its differing line.
    let remake = |path: &str| site.find(path).and_then(|job| site.make(job).ok()).map(|f| f.bytes);
    crate::site::make_all(&site, outer, &|f| {
        if f.path == crate::record::sums::NAME {
            cmp.listed(prefix, &f.bytes, &remake);
            cmp.file(prefix, &f);
        }
        Ok(())
    })?;
    drop(site);
    Ok((results, is_year))
}
