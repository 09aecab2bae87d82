//! The command line: `kaoping check` and `kaoping build`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// kaoping (考评): scores the actual-population group's assessment exactly
/// and publishes the results as a static website.
#[derive(Parser, Debug)]
#[command(name = "kaoping", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read and check the content folder; report every problem, write nothing.
    ///
    /// Example: kaoping check --content content
    Check {
        /// The content folder (site.yaml, standard.yaml, cities/, units/).
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
    /// Check, score and write the site with results.json and results.csv.
    ///
    /// Example: kaoping build --content content --output output
    Build {
        /// The content folder (site.yaml, standard.yaml, cities/, units/).
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the site goes; replaced as a whole, and only if kaoping made it.
        #[arg(long, default_value = "output", value_name = "DIR")]
        output: PathBuf,
    },
}
