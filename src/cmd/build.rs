//! `kaoping build`: check, score, render and write the site safely.

use super::{Exit, Report};
use crate::output::Target;
use std::path::Path;
use std::time::Instant;

pub fn run(content: &Path, output: &Path) -> Report {
    let started = Instant::now();
    let target = Target {
        dir: output.to_path_buf(),
        shown: super::shown(output),
    };
    if let Err(d) = target.check(content) {
        return Report::failed(vec![d], Exit::Usage);
    }
    let (c, mut diags) = match super::load(content) {
        Ok(loaded) => loaded,
        Err(report) => return report,
    };
    let results = crate::scoring::score(&c);
    let files = match crate::site::render(&c, &results) {
        Ok(files) => files,
        Err(d) => {
            diags.insert(0, d);
            return Report::failed(diags, Exit::Content);
        }
    };
    if let Err(d) = target.write(&files) {
        diags.insert(0, d);
        return Report::failed(diags, Exit::Content);
    }
    let summary = format!(
        "built {}: {} cities, {} units, {} files, {} warnings, in {} ms",
        target.shown,
        c.site.cities.len(),
        c.site.units.len(),
        files.len(),
        super::count_warnings(&diags),
        started.elapsed().as_millis()
    );
    Report {
        diags,
        summary: Some(summary),
        exit: Exit::Ok,
    }
}
