//! The command line: `kaoping check` and `kaoping build`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// kaoping (考评): scores the actual-population group's assessment exactly
/// and publishes the results as a static website.
#[derive(Parser, Debug)]
#[command(name = "kaoping", version, about, long_about = None)]
pub struct Cli {
    /// The language of messages: zh (中文) or en (default: KAOPING_LANG, then the system's language).
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// The format of `kaoping forms`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormFormat {
    Xlsx,
    Yaml,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a new content folder: site.yaml to complete, the 2013 standard, empty cities/ and units/.
    ///
    /// Example: kaoping init content2024 --year 2024
    Init {
        /// The new folder; it must not exist yet or be empty.
        #[arg(default_value = "content", value_name = "DIR")]
        dir: PathBuf,
        /// Also copy the default theme into DIR/theme for editing.
        #[arg(long)]
        theme: bool,
        /// The assessment year (default: last year).
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(u16).range(1900..=9998))]
        year: Option<u16>,
    },
    /// Write a blank fill-in form for every city and every member unit (never overwriting a file).
    ///
    /// Example: kaoping forms --content content --out forms
    Forms {
        /// The content folder (site.yaml with the roster, standard.yaml).
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the forms go: DIR/cities/<id>.xlsx and DIR/units/<id>.xlsx (or .yaml).
        #[arg(long, default_value = "forms", value_name = "DIR")]
        out: PathBuf,
        /// xlsx: workbooks to fill in Excel or WPS; yaml: the YAML files themselves.
        #[arg(long, default_value = "xlsx", value_name = "xlsx|yaml")]
        format: FormFormat,
        /// Put in what the content folder already has (a correction, a resubmission).
        #[arg(long)]
        filled: bool,
    },
    /// Read returned workbooks (.xlsx, .xls, .ods) and write cities/<id>.yaml and units/<id>.yaml.
    ///
    /// Example: kaoping import --content content returned/
    Import {
        /// The content folder the forms were made from.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Replace YAML files that already exist.
        #[arg(long)]
        replace: bool,
        /// Workbooks, or folders holding them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
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
    /// Preview the site in a browser; rebuild and reload on every save.
    ///
    /// Serves on 127.0.0.1 only and builds into a temporary folder, never into the output folder.
    /// Example: kaoping serve --content content --port 8000, then open http://127.0.0.1:8000/
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 8000, value_name = "N")]
        port: u16,
    },
}
