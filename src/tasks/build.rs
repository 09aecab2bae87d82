//! `kaoping build`: check, score, render and write the site safely.

use super::publish::Publish;
use super::{Built, Exit, Report};
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::output::Target;
use crate::pipeline::load_scored;
use std::path::Path;
use std::time::Instant;

/// Loads, scores, renders and writes the site into `target`. A folder
/// with archive.yaml is an archive of years (`cmd::archive`).
pub fn build_site(content: &Path, target: &Target, publish: &Publish) -> Result<Built, Report> {
    if crate::archive::is_archive(content) {
        return super::archive::run(content, Some(target), publish);
    }
    let (mut c, results, mut diags) = load_scored(content, None)?;
    publish.year(&mut c);
    // Pages are written as they are rendered; the staging folder is
    // swapped in only when all of them are there.
    let written = target.begin(true).and_then(|staging| {
        let attachments =
            |path: &str| crate::content::attachments::read(content, path, c.attachments.get(path).copied());
        let (title, year) = (&c.site.title, c.site.year.to_string());
        // SHA256SUMS comes last: its signature is made from it.
        let sink = |f: OutFile| {
            if f.path == crate::record::sums::NAME
                && let Some(sig) = publish.signature(&f.bytes, title, &year, "results.json")
            {
                staging.write(&sig.path, &sig.bytes)?;
            }
            staging.write(&f.path, &f.bytes)
        };
        let files = crate::site::render_each(&c, &results, &attachments, &sink)?;
        let signed = usize::from(publish.key.is_some());
        staging.finish().map(|()| files + signed)
    });
    match written {
        Ok(files) => Ok(Built {
            cities: c.site.cities.len(),
            units: c.site.units.len(),
            files,
            diags,
            years: None,
            unlisted: 0,
            kept: Vec::new(),
        }),
        Err(d) => {
            diags.insert(0, d);
            Err(Report::failed(diags, Exit::Content))
        }
    }
}

/// `kaoping build`: `no_source` leaves `source/` out; `sign` is the
/// secret key to sign with.
pub fn run(content: &Path, output: &Path, no_source: bool, sign: Option<&Path>) -> Report {
    let started = Instant::now();
    // `--output .` or `..` name a folder by where one stands: the folders
    // kept beside the output need its real name and parent.
    let target = Target { dir: normalized(output), shown: super::shown(output) };
    let shown = target.shown.clone();
    // Nothing is created before the target is accepted.
    if let Err(d) = target.check(content) {
        return Report::failed(vec![d], Exit::Usage).nothing_written(Some(&shown));
    }
    // The key is opened (its password asked for) before the build starts.
    let key = match sign.map(|k| super::publish::open_key(k, &[&target.dir])).transpose() {
        Ok(key) => key,
        Err(d) => return Report::failed(vec![d], Exit::Usage).nothing_written(Some(&shown)),
    };
    let publish = Publish { source: !no_source, key };
    // One build at a time into a folder: a second one waits here. The lock
    // file is removed when the build ends (see output/lock.rs).
    let lock = match target.lock(&|| eprintln!("{}", crate::t!("output.waiting", target = shown))) {
        Ok(lock) => lock,
        Err(d) => return Report::failed(vec![d], Exit::Content).nothing_written(Some(&shown)),
    };
    // A swap stopped half way is repaired first, whatever the content.
    let restored = match target.repair() {
        Ok(r) => r,
        Err(d) => return Report::failed(vec![d], Exit::Content),
    };
    crate::output::pause("locked");
    let report = match build_site(content, &target, &publish) {
        Ok(b) if b.years.is_some() => {
            let summary = crate::t!(
                "archive.built",
                output = target.shown,
                years = b.years.unwrap_or(0),
                cities = b.cities,
                files = b.files,
                warnings = super::count_warnings(&b.diags) + b.unlisted,
                ms = started.elapsed().as_millis()
            );
            let all = Some(b.kept.len()) == b.years;
            let summary = if b.unlisted > 0 {
                let content = super::shown(content);
                let kept = if all {
                    crate::t!("archive.kept-warnings", n = b.unlisted, content = content)
                } else {
                    let years = crate::i18n::words::list(&b.kept);
                    crate::t!("archive.kept-years-warnings", years = years, n = b.unlisted, content = content)
                };
                format!("{kept}\n{summary}")
            } else {
                summary
            };
            crate::output::pause("done");
            Report { diags: b.diags, summary: Some(summary), exit: Exit::Ok }
        }
        Ok(b) => {
            let summary = crate::t!(
                "build.done",
                output = target.shown,
                cities = super::cities(b.cities),
                units = super::units(b.units),
                files = b.files,
                warnings = super::warnings(super::count_warnings(&b.diags)),
                ms = started.elapsed().as_millis()
            );
            crate::output::pause("done");
            Report { diags: b.diags, summary: Some(summary), exit: Exit::Ok }
        }
        Err(report) => report.nothing_written(Some(&shown)),
    };
    drop(lock);
    with_restored(report, restored)
}

/// The report with the warning that a stopped swap was repaired, if it was.
fn with_restored(mut report: Report, restored: Option<Diagnostic>) -> Report {
    if let Some(w) = restored {
        report.diags.insert(0, w);
    }
    report
}

/// `path` made absolute, with `.` and `..` resolved by name.
pub fn normalized(path: &Path) -> std::path::PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for part in abs.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
