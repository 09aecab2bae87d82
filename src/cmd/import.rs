//! `kaoping import`: returned workbooks in, YAML files of the content
//! folder out (the work is `tasks::import`, which the workbench shares).

pub use crate::tasks::import::run;
