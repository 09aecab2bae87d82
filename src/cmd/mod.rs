//! One file per command. A command returns a [`Report`]; `main` prints it.

pub mod archive;
pub mod build;
pub mod check;
pub mod diff;
pub mod forms;
pub mod import;
pub mod init;
pub mod key;
pub mod publish;
pub mod reuse;
pub mod sign;
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
}
