//! The proof of a publication (§13 of the contract): every file of a
//! published folder made again, in memory, from the content it keeps as
//! read (`source/`), and compared with the file published. Builds are
//! byte-identical by design, so any difference is an edit: a page whose
//! figures are not those its data gives is named with its first differing
//! line. An archive is made again year by year, then its own pages from the
//! years. Nothing is written, and no link is followed.

pub mod compare;
mod history;
mod year;

use crate::diag::Diagnostic;
use crate::site::jobs::SOURCE;
use compare::Found;
use std::collections::BTreeMap;
use std::path::Path;

/// A published folder as `verify` found it.
pub struct Published<'a> {
    pub dir: &'a Path,
    /// The folder as shown in messages.
    pub shown: &'a str,
    /// Every file in it (the checksum files and markers left out): path
    /// with `/` → SHA-256, as found on disk.
    pub present: &'a BTreeMap<String, String>,
}

/// A page that says which key signed the publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub page: String,
    pub key_id: String,
}

/// What making the publication again showed.
pub enum Outcome {
    /// It keeps no `source/`: nothing was made again.
    NoSource,
    /// Its `source/` cannot be read (these errors).
    Unreadable(Vec<Diagnostic>),
    Rederived(Rederived),
}

/// A publication made again from its `source/`.
pub struct Rederived {
    /// How many files came out the same.
    pub same: usize,
    /// Each file that did not, in path order.
    pub found: Vec<(String, Found)>,
    /// The pages that say which key signed it.
    pub claims: Vec<Claim>,
    /// Whether the folder is a year of an archive, verified on its own.
    pub year_of_archive: bool,
}

/// Makes the publication in `p` again from its `source/`: an archive's when
/// it keeps `archive.yaml`, else a single site's.
pub fn rederive(p: &Published) -> Outcome {
    let source = p.dir.join(SOURCE);
    if std::fs::symlink_metadata(&source).is_err() {
        return Outcome::NoSource;
    }
    if std::fs::symlink_metadata(source.join(crate::archive::FILE)).is_ok() {
        return history::rederive(p);
    }
    let cmp = compare::Compare::new(p);
    let made = year::load(p, "").and_then(|c| year::render(p, &cmp, "", &c, None, None).map_err(|d| vec![d]));
    match made {
        Err(diags) => Outcome::Unreadable(diags),
        Ok((_, year_of_archive)) => {
            let claims = year::claimed(p.dir, "report.html").into_iter().collect();
            let (same, found) = cmp.finish();
            Outcome::Rederived(Rederived { same, found, claims, year_of_archive })
        }
    }
}

/// Whether the file at `path` (with `/`) is one of the content kept as read
/// (a site's `source/…`, an archive year's `2013/source/…`), not a page:
/// a template there shows no fingerprint.
pub fn is_kept(path: &str) -> bool {
    let in_year = path.split_once('/').filter(|(year, _)| !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()));
    let rest = in_year.map_or(path, |(_, rest)| rest);
    path.starts_with("source/") || rest.starts_with("source/")
}

/// The pages at the top of the folder `dir` that say which key signed the
/// publication (`report.html`; an archive's `index.html`).
pub fn claims(dir: &Path) -> Vec<Claim> {
    ["report.html", "index.html"].iter().filter_map(|page| year::claimed(dir, page)).collect()
}

/// An error for every link under the folder `rel` of the publication (the
/// folder itself included): verify follows none.
fn links(p: &Published, rel: &str) -> Vec<Diagnostic> {
    let link = |path: &str| Diagnostic::error(format!("{}/{path}", p.shown), None, crate::t!("proof.link"));
    let root = p.dir.join(rel);
    if std::fs::symlink_metadata(&root).is_ok_and(|m| m.file_type().is_symlink()) {
        return vec![link(rel)];
    }
    let walk = walkdir::WalkDir::new(&root).min_depth(1).follow_links(false).sort_by_file_name();
    walk.into_iter()
        .flatten()
        .filter(|e| e.path_is_symlink())
        .filter_map(|e| e.path().strip_prefix(p.dir).ok().map(|r| link(&r.to_string_lossy().replace('\\', "/"))))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn kept_files_are_those_under_a_sites_source() {
        assert!(super::is_kept("source/theme/templates/base.html"));
        assert!(super::is_kept("2013/source/cities/a.yaml"));
        assert!(!super::is_kept("units/source/1.html"));
        assert!(!super::is_kept("cities/source.html"));
        assert!(!super::is_kept("x/source/a.html"));
    }
}
