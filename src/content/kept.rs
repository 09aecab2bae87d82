//! The content as a publication keeps it in `source/` (§13 of the
//! contract): every file `load` read, under its path in the content folder
//! (`site.yaml`, `standard.yaml`, `standard.md`, `cities/<id>.yaml`,
//! `units/<id>.yaml`), and the theme's files under `theme/`, wherever
//! site.yaml's `theme:` pointed (it may lie outside the folder). The texts
//! are those read: UTF-8 without a byte-order mark, with LF line ends.

use super::Sources;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of the theme under `source/`.
pub const THEME: &str = "theme";

/// The path of every file read, under `source/`, with its text; the
/// theme's `files` (paths in the theme folder) under [`THEME`].
pub fn source(src: &Sources, theme: Vec<(String, String)>) -> BTreeMap<String, Arc<str>> {
    let mut out = BTreeMap::new();
    let heads = [("site.yaml", &src.site), ("standard.yaml", &src.standard), ("standard.md", &src.standard_md)];
    for (name, text) in heads {
        if let Some(text) = text {
            out.insert(name.to_string(), Arc::from(text.as_str()));
        }
    }
    for (folder, files) in [("cities", &src.cities), ("units", &src.units)] {
        out.extend(files.iter().map(|f| (format!("{folder}/{}.yaml", f.id), Arc::clone(&f.text))));
    }
    out.extend(theme.into_iter().map(|(path, text)| (format!("{THEME}/{path}"), Arc::from(text))));
    out
}

/// Where the theme is read from, and how it is shown: the folder site.yaml
/// names (relative to the content folder `dir`); for content kept in a
/// publication (`published`), `source/theme/`, or none when no file of
/// the theme was kept (it replaced none of the built-in ones).
pub fn theme_folder(
    dir: &Path,
    shown: &str,
    named: Option<&str>,
    published: Option<&Path>,
) -> Option<(PathBuf, String)> {
    let named = named?;
    match published {
        None => Some((dir.join(named), format!("{shown}/{named}"))),
        Some(_) => {
            let kept = dir.join(THEME);
            kept.is_dir().then(|| (kept, format!("{shown}/{THEME}")))
        }
    }
}
