//! What the commands do, below the command line: the bodies that both a
//! command (`cmd`) and the workbench (`workbench`) call, so that both give
//! exactly the same messages: `forms`, `import`, `build` (with `publish` and, for an
//! archive of years, `archive`), `verify` (with `verdict`).

pub mod archive;
pub mod build;
pub mod forms;
pub mod import;
pub mod publish;
pub mod reuse;
pub mod verdict;
pub mod verify;

use crate::diag::Diagnostic;

pub use crate::diag::{Exit, Report, count_warnings, shown};
pub use crate::i18n::words::{cities, errors, units, warnings};
pub use crate::pipeline::{load, load_cached};

/// What one successful build made (a year by `build`, an archive by
/// `archive`).
pub struct Built {
    pub cities: usize,
    pub units: usize,
    pub files: usize,
    /// Warnings (a build with errors writes nothing).
    pub diags: Vec<Diagnostic>,
    /// The number of years, for an archive.
    pub years: Option<usize>,
    /// Warnings of the years of an archive kept as they were, counted when
    /// they were built and not listed again (they were not read again).
    pub unlisted: usize,
    /// Those years; all of them where nothing changed.
    pub kept: Vec<u16>,
}
