//! What the commands do, below the command line: the bodies that both a
//! command (`cmd`) and the workbench (`workbench`) call, so that both give
//! exactly the same messages.

pub mod import;
