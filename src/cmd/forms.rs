//! `kaoping forms`: a fill-in form for every city and member unit (the
//! work is `tasks::forms`, which the workbench shares).

use super::Report;
use crate::cli::FormFormat;
use std::path::Path;

pub fn run(content: &Path, out: &Path, format: FormFormat, filled: bool) -> Report {
    crate::tasks::forms::run(content, out, format == FormFormat::Yaml, filled)
}
