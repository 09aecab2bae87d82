//! The workbooks `import` is given, as they come back: a file as named; a
//! folder searched with its sub-folders in the order of their paths,
//! following no link; a `.zip` of returned forms read as a folder (see
//! [`returned`]). What is no workbook (a lock file `~$…`, a PDF, a link) is
//! named in one line, not an error; a folder or zip with no workbook at all
//! is an error naming it.

use super::returned::{self, Named};
use crate::diag::{Diagnostic, shown};
use std::path::{Path, PathBuf};

/// The most entries (files and folders) searched under one folder given:
/// a folder of returned forms holds a few hundred, a home folder more.
pub const MAX_WALK: usize = 10_000;
/// The most skipped files named in the summary line (the rest are counted).
const NAMED: usize = 20;

/// Where a workbook's bytes are.
#[derive(Debug)]
pub enum Bytes {
    /// A file named on the command line, opened as named.
    Named(PathBuf),
    /// A file found under a folder: the folder and the path under it (with
    /// `/`), opened through no link.
    Under(PathBuf, String),
    /// Read from a zip already, or why it could not be.
    Read(Result<Vec<u8>, String>),
}

/// One workbook found: how its diagnostics locate it, and its bytes.
#[derive(Debug)]
pub struct Found {
    pub shown: String,
    pub bytes: Bytes,
}

/// Everything given to import, gathered.
#[derive(Debug, Default)]
pub struct Gathered {
    pub books: Vec<Found>,
    /// The files that are no workbooks, as shown.
    pub skipped: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

/// Gathers the workbooks of `paths`, in the order given.
pub fn gather(paths: &[PathBuf]) -> Gathered {
    let mut g = Gathered::default();
    for p in paths {
        let before = (g.books.len(), g.diags.len());
        if p.is_dir() {
            walk(p, MAX_WALK, &mut g);
        } else if p.is_file() && returned::named(&p.to_string_lossy()) == Named::Zip {
            let bytes = std::fs::File::open(p).and_then(|f| crate::nofollow::read_at_most(f, returned::MAX_ZIP));
            zip(&shown(p), bytes, &mut g);
        } else if p.is_file() {
            g.books.push(Found { shown: shown(p), bytes: Bytes::Named(p.clone()) });
            continue;
        } else {
            g.diags.push(Diagnostic::error(shown(p), None, crate::t!("import.no_path")));
            continue;
        }
        if (g.books.len(), g.diags.len()) == before {
            g.diags.push(Diagnostic::error(shown(p), None, crate::t!("import.no_workbook")));
        }
    }
    g
}

/// The folder `root` and its sub-folders, sorted by path; links are named
/// and not followed.
fn walk(root: &Path, max: usize, g: &mut Gathered) {
    // Files under it are opened from the folder itself: a link named on
    // the command line is followed once, here, as named.
    let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let entries = walkdir::WalkDir::new(root).follow_links(false).sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for (n, entry) in entries.into_iter().enumerate() {
        if n > max {
            g.diags.push(Diagnostic::error(shown(root), None, crate::t!("import.folder_too_big", n = max)));
            return;
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map_or_else(|| shown(root), shown);
                let error = e.io_error().map_or_else(|| crate::t!("io.other"), crate::i18n::io_error);
                g.diags.push(Diagnostic::error(at, None, crate::t!("import.cannot_read", error = error)));
                continue;
            }
        };
        let (path, kind) = (entry.path(), entry.file_type());
        if entry.depth() == 0 || kind.is_dir() {
            continue;
        }
        let rel: Vec<String> = match path.strip_prefix(root) {
            Ok(r) => r.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect(),
            Err(_) => continue,
        };
        let rel = rel.join("/");
        if kind.is_symlink() {
            g.skipped.push(crate::t!("import.skipped_link", file = shown(path)));
            continue;
        }
        match (kind.is_file(), returned::named(&rel)) {
            (true, Named::Workbook) => {
                g.books.push(Found { shown: shown(path), bytes: Bytes::Under(base.clone(), rel) })
            }
            (true, Named::Zip) => {
                let bytes = crate::nofollow::open_beneath(&base, &rel)
                    .and_then(|f| crate::nofollow::read_at_most(f, returned::MAX_ZIP));
                zip(&shown(path), bytes, g);
            }
            _ => g.skipped.push(shown(path)),
        }
    }
}

/// A zip's workbooks, located as `zip/entry`.
fn zip(at: &str, bytes: std::io::Result<Vec<u8>>, g: &mut Gathered) {
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            let mib = returned::MAX_ZIP / 1024 / 1024;
            g.diags.push(Diagnostic::error(at, None, crate::t!("import.zip_file_too_big", mib = mib)));
            return;
        }
        Err(e) => {
            g.diags.push(Diagnostic::error(
                at,
                None,
                crate::t!("import.cannot_read", error = crate::i18n::io_error(&e)),
            ));
            return;
        }
    };
    match returned::unzip(&bytes) {
        Ok(z) => {
            g.books.extend(
                z.books.into_iter().map(|(name, b)| Found { shown: format!("{at}/{name}"), bytes: Bytes::Read(b) }),
            );
            g.skipped.extend(z.skipped.into_iter().map(|name| format!("{at}/{name}")));
        }
        Err(m) => g.diags.push(Diagnostic::error(at, None, m)),
    }
}

/// The summary's line naming the skipped files, if any.
pub fn skipped_line(skipped: &[String]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let mut files = skipped.iter().take(NAMED).cloned().collect::<Vec<_>>().join(&crate::t!("import.sep"));
    if skipped.len() > NAMED {
        files.push_str(&crate::t!("import.skipped_more", n = skipped.len() - NAMED));
    }
    Some(match skipped.len() {
        1 => crate::t!("import.skipped_one", files = files),
        n => crate::t!("import.skipped", n = n, files = files),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_twenty_skipped_files_are_named() {
        assert_eq!(skipped_line(&[]), None);
        assert_eq!(skipped_line(&["a.txt".into()]), Some(crate::t!("import.skipped_one", files = "a.txt")));
        let names: Vec<String> = (0..22).map(|i| format!("{i:02}.txt")).collect();
        let line = skipped_line(&names).unwrap();
        assert!(line.contains("19.txt") && !line.contains("20.txt"), "{line}");
        assert!(line.ends_with(&crate::t!("import.skipped_more", n = 2)), "{line}");
    }

    #[test]
    fn a_folder_of_too_many_files_is_refused_and_sub_folders_are_searched_in_path_order() {
        let t = tempfile::tempdir().unwrap();
        for f in ["b/x.xlsx", "a.xlsx", "b/a/y.ods", "c.txt"] {
            let p = t.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"").unwrap();
        }
        let mut g = Gathered::default();
        walk(t.path(), 10, &mut g);
        let rel: Vec<&str> = g
            .books
            .iter()
            .map(|b| match &b.bytes {
                Bytes::Under(_, rel) => rel.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(rel, ["a.xlsx", "b/a/y.ods", "b/x.xlsx"]);
        assert_eq!(g.skipped, [shown(&t.path().join("c.txt"))]);
        assert!(g.diags.is_empty());
        let mut g = Gathered::default();
        walk(t.path(), 3, &mut g);
        let refused = Diagnostic::error(shown(t.path()), None, crate::t!("import.folder_too_big", n = 3));
        assert_eq!(g.diags, [refused]);
    }
}
