//! kaoping (考评): scores the actual-population group's assessment exactly
//! and publishes it as a static website.
//!
//! content (read, check) → scoring (pure) → site (pure rendering) → output
//! (the only writer). The map, and the layers `tests/architecture.rs`
//! holds the modules to, are in docs/architecture.md.

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod content;
pub mod decimal;
pub mod diag;
pub mod docx;
pub mod forms;
pub mod i18n;
pub mod next_year;
pub mod nofollow;
pub mod output;
pub mod pipeline;
pub mod proof;
pub mod record;
pub mod scaffold;
pub mod scoring;
pub mod serve;
pub mod sheets;
pub mod site;
pub mod standard;
pub mod synthetic;
pub mod tasks;
pub mod text;
pub mod workbench;
