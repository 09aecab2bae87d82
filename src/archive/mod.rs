//! The archive of years (§10 of the contract): `archive.yaml` and one
//! content folder per year. Each year is read, checked, scored and rendered
//! by the single-year pipeline; this room adds what is the archive's own:
//! reading and checking `archive.yaml` ([`file`]), the history over the
//! years as pure functions ([`history`]), its data files ([`data`]), the
//! views of its pages ([`view`]) and those files as jobs ([`pages`]). The
//! build itself is `cmd::archive`.

pub mod check;
pub mod data;
pub mod file;
pub mod history;
pub mod pages;
pub mod summary;
pub mod view;

use crate::diag::Diagnostic;
use crate::t;
use file::ArchiveFile;
use std::collections::BTreeSet;
use std::path::Path;

/// The file that makes a folder an archive.
pub const FILE: &str = "archive.yaml";

/// Whether `dir` is an archive (it holds `archive.yaml`).
pub fn is_archive(dir: &Path) -> bool {
    dir.join(FILE).is_file()
}

/// Reads and checks `DIR/archive.yaml` (`shown` is the folder as the user
/// named it), and that every year's folder is there.
pub fn read(dir: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<ArchiveFile> {
    let path = format!("{shown}/{FILE}");
    let text = match crate::content::read_text(&dir.join(FILE), &path) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let f = file::read(&text, &path, diags)?;
    // A year's folder inside the archive's, also where a link would lead
    // (the output is checked against the archive's folder only).
    let root = dir.canonicalize().ok();
    for y in &f.years {
        let folder = dir.join(&y.content);
        if !folder.is_dir() {
            diags.push(Diagnostic::error(
                &path,
                Some(y.content_pos),
                t!("archive.missing-folder", year = y.year, folder = format!("{shown}/{}", y.content)),
            ));
        } else if let (Some(root), Ok(real)) = (&root, folder.canonicalize())
            && (!real.starts_with(root) || real == *root)
        {
            diags.push(Diagnostic::error(
                &path,
                Some(y.content_pos),
                t!("archive.content-outside", content = y.content),
            ));
        }
    }
    Some(f)
}

/// The ids on each year's roster, oldest first; `None` for a year that
/// could not be read (its errors are reported already).
pub type Rosters = Vec<Option<BTreeSet<String>>>;

/// Checks each rename against the rosters: `from` must be on an earlier
/// year's roster and on none from its year on; `to` must be on the roster
/// of its year. Years that could not be read are not judged.
pub fn check_renames(f: &ArchiveFile, path: &str, rosters: &Rosters) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(known) = rosters.iter().map(Option::as_ref).collect::<Option<Vec<_>>>() else {
        return out;
    };
    for r in &f.renamed {
        let Some(at) = f.years.iter().position(|y| y.year == r.year) else { continue };
        let (before, since) = known.split_at(at);
        if !before.iter().any(|ids| ids.contains(&r.from)) {
            out.push(Diagnostic::error(
                path,
                Some(r.from_pos),
                t!("archive.rename-unknown-from", id = r.from, year = r.year),
            ));
        } else if let Some(k) = since.iter().position(|ids| ids.contains(&r.from)) {
            let year = f.years[at + k].year;
            out.push(Diagnostic::error(
                path,
                Some(r.from_pos),
                t!("archive.rename-still-there", id = r.from, year = year),
            ));
        }
        if !since.first().is_some_and(|ids| ids.contains(&r.to)) {
            out.push(Diagnostic::error(
                path,
                Some(r.to_pos),
                t!("archive.rename-unknown-to", id = r.to, year = r.year),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Option<BTreeSet<String>> {
        Some(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn renames_are_checked_against_the_rosters() {
        let text = "title: x\nyears:\n  - { year: 2013, content: a }\n  - { year: 2014, content: b }\nrenamed:\n  - { from: old, to: new, in: 2014 }\n  - { from: nope, to: gone, in: 2014 }\n";
        let mut diags = Vec::new();
        let f = file::read(text, "x/archive.yaml", &mut diags).unwrap();
        let good = check_renames(&f, "x/archive.yaml", &vec![ids(&["old", "a"]), ids(&["new", "a"])]);
        let lines: Vec<String> = good.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "error: x/archive.yaml:7:13: renamed: \"nope\" is on no roster before 2014; name an id of an earlier year's site.yaml",
                "error: x/archive.yaml:7:23: renamed: \"gone\" is not on the 2014 roster; name the city's id in that year's site.yaml",
            ]
        );
        let still = check_renames(&f, "x/archive.yaml", &vec![ids(&["old", "nope"]), ids(&["new", "old", "gone"])]);
        assert_eq!(
            still.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "error: x/archive.yaml:6:13: renamed: \"old\" is still on the 2014 roster; a renamed id may only appear before the rename"
            ]
        );
        assert!(check_renames(&f, "x/archive.yaml", &vec![None, ids(&[])]).is_empty());
    }
}
