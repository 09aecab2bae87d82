//! `kaoping init [DIR]`: a new content folder for a new year.

use super::{Exit, Report};
use crate::output::Target;
use std::path::Path;

pub fn run(dir: &Path, year: u16, with_theme: bool) -> Report {
    let target = Target { dir: dir.to_path_buf(), shown: super::shown(dir) };
    let files = crate::scaffold::files(year, with_theme);
    if let Err(d) = target.create(&files) {
        return Report::failed(vec![d], Exit::Usage);
    }
    let theme = if with_theme { crate::t!("init.theme") } else { String::new() };
    let mut summary = format!(
        "{}\n{}",
        crate::t!("init.done", dir = target.shown, theme = theme),
        crate::t!("init.next", dir = target.shown)
    );
    summary.push('\n');
    summary.push_str(&crate::t!("init.revise-standard", folder = target.shown, year = year));
    Report { diags: Vec::new(), summary: Some(summary), exit: Exit::Ok }
}

/// The assessment year a new folder is for, when not given: the year
/// before the current one (the office starts in January on the year past).
pub fn default_year() -> u16 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // 365.2425 days a year from 1970; exact to the day is not needed here.
    let year = 1970 + secs / 31_556_952;
    u16::try_from(year.saturating_sub(1)).unwrap_or(2013)
}
