//! One file per command. A command returns a [`Report`]; `main` prints it.

pub mod check;
pub mod diff;
pub mod forms;
pub mod import;
pub mod init;
pub mod key;
pub mod sign;
pub mod start;

pub use crate::diag::{Exit, Report, count_warnings, shown};
pub use crate::i18n::words::{cities, errors, units, warnings};
pub use crate::pipeline::{load, load_cached};
// What the workbench does too lives in `tasks`; the commands name it here.
pub use crate::tasks::{Built, archive, build, publish, verdict, verify};
