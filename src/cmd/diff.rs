//! `kaoping diff OLD NEW [--html FILE]`: reads two publications (site
//! folders or results.json files) and says per city what changed
//! (`record::diff`, in words by `record::explain`).

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::record::{diff, explain, fingerprint};
use std::path::{Path, PathBuf};

/// One publication read: its data, its fingerprint, a warning if any.
struct Read {
    publication: diff::Publication,
    fingerprint: String,
}

fn read(arg: &Path, diags: &mut Vec<Diagnostic>) -> Result<Read, Report> {
    let shown = super::shown(arg);
    let (results, standard): (PathBuf, PathBuf) = if arg.is_dir() {
        (arg.join("results.json"), arg.join("standard.json"))
    } else {
        (arg.to_path_buf(), arg.with_file_name("standard.json"))
    };
    if !arg.exists() {
        return Err(Report::failed(vec![Diagnostic::error(shown, None, crate::t!("diff.not-found"))], Exit::Usage));
    }
    let Ok(bytes) = std::fs::read(&results) else {
        return Err(Report::failed(vec![Diagnostic::error(shown, None, crate::t!("diff.no-results"))], Exit::Usage));
    };
    let results_shown = super::shown(&results);
    let text = String::from_utf8_lossy(&bytes);
    let mut publication = diff::parse_results(&text).map_err(|reason| {
        Report::failed(
            vec![Diagnostic::error(results_shown, None, crate::t!("diff.bad-results", reason = reason))],
            Exit::Content,
        )
    })?;
    if let Ok(s) = std::fs::read(&standard)
        && let Err(reason) = diff::add_standard(&mut publication, &String::from_utf8_lossy(&s))
    {
        diags.push(Diagnostic::warning(super::shown(&standard), None, crate::t!("diff.bad-standard", reason = reason)));
    }
    Ok(Read { publication, fingerprint: fingerprint::of(&bytes) })
}

/// The marking (内部资料) and sample flag the new publication's pages carry,
/// read from the site.yaml its `source/` keeps, so that the 更正说明 is
/// marked as they are. A publication without `source/` (`--no-source`), or
/// one whose source cannot be read, is said: the page then has no marking.
fn marks(new_arg: &Path, diags: &mut Vec<Diagnostic>) -> (Option<String>, bool) {
    let source = new_arg.join("source");
    let shown = super::shown(&source);
    if !new_arg.is_dir() || !source.join("site.yaml").is_file() {
        diags.push(Diagnostic::warning(super::shown(new_arg), None, crate::t!("diff.no-marking")));
        return (None, false);
    }
    match crate::content::load_kept(&source, &shown, new_arg).content {
        Some(c) => (c.site.marking, c.site.sample),
        None => {
            diags.push(Diagnostic::warning(shown, None, crate::t!("diff.bad-marking")));
            (None, false)
        }
    }
}

pub fn run(old_arg: &Path, new_arg: &Path, html: Option<&Path>) -> Report {
    let mut diags = Vec::new();
    let (old, new) = match (read(old_arg, &mut diags), read(new_arg, &mut diags)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(mut a), Err(b)) => {
            a.diags.extend(b.diags);
            if b.exit == Exit::Usage {
                a.exit = Exit::Usage;
            }
            return a;
        }
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let changes = diff::compare(&old.publication, &new.publication);
    let rows = explain::rows(&changes, &old.publication, &new.publication);
    let (old_shown, new_shown) = (super::shown(old_arg), super::shown(new_arg));
    let cities = new.publication.cities.len();
    let mut lines = vec![if rows.is_empty() {
        crate::t!("diff.none", old = old_shown, new = new_shown, cities = cities)
    } else {
        crate::t!("diff.summary", old = old_shown, new = new_shown, changed = rows.len(), cities = cities)
    }];
    lines.extend(explain::text(&rows));
    // Names and notes come from the files read: shown as `check` shows
    // them, with no terminal control character let through.
    let mut lines: Vec<String> = lines.iter().map(|l| crate::diag::visible(l).into_owned()).collect();
    if let Some(file) = html {
        let (marking, sample) = marks(new_arg, &mut diags);
        let page = crate::site::corrections::Corrections {
            old: old_shown.clone(),
            new: new_shown.clone(),
            old_fingerprint: old.fingerprint,
            new_fingerprint: new.fingerprint,
            title: new.publication.title.clone(),
            year: new.publication.year,
            count: cities,
            cities: &rows,
            marking,
            sample,
        };
        let file_shown = super::shown(file);
        match crate::site::corrections::render(&page).and_then(|bytes| write_file(file, &bytes)) {
            Ok(()) => lines.push(crate::t!("diff.html-written", file = file_shown)),
            Err(reason) => {
                diags.push(Diagnostic::error(file_shown, None, crate::t!("diff.html-failed", reason = reason)));
                return Report { diags, summary: Some(lines.join("\n")), exit: Exit::Content };
            }
        }
    }
    Report { diags, summary: Some(lines.join("\n")), exit: Exit::Ok }
}

/// Writes one file whole or not at all: into a new temporary file beside
/// it (a name no one can plant in advance, created new), then renamed over
/// it (a link at its name is replaced, not followed).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map_or_else(|| "diff.html".into(), |n| n.to_string_lossy().into_owned());
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = crate::nofollow::Dir::open(parent).map_err(|e| crate::i18n::io_error(&e))?;
    let (temp, mut file) =
        crate::nofollow::create_temp(&dir, &name, "kaoping-tmp").map_err(|e| crate::i18n::io_error(&e))?;
    std::io::Write::write_all(&mut file, bytes).and_then(|()| dir.rename(&temp, &name)).map_err(|e| {
        let _ = dir.remove_file(&temp);
        crate::i18n::io_error(&e)
    })
}
