//! The command line: `kaoping init`, `forms`, `import`, `check`, `build`, `verify`, `diff`, `serve`,
//! `key new`, `sign`.
//! The structs below define the commands, options and defaults; [`command`]
//! (`help.rs`) gives every help text from the catalog, in the language
//! chosen before parsing ([`lang_flag`] finds `--lang` in the raw arguments
//! for that); `errors.rs` words clap's usage errors from the catalog.

use clap::{FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

mod errors;
mod help;
pub use help::command;

/// kaoping (考评): scores the actual-population group's assessment exactly
/// and publishes the results as a static website.
#[derive(Parser, Debug)]
#[command(name = "kaoping", version, about, long_about = None)]
pub struct Cli {
    /// The language of messages: zh (中文) or en.
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
    /// Start a new content folder.
    Init {
        /// The new folder.
        #[arg(default_value = "content", value_name = "DIR")]
        dir: PathBuf,
        /// Also copy the default theme.
        #[arg(long)]
        theme: bool,
        /// The assessment year.
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(u16).range(1900..=9998))]
        year: Option<u16>,
        /// Start from last year's folder.
        #[arg(long, value_name = "LASTYEAR", conflicts_with_all = ["year", "theme", "archive"])]
        from: Option<PathBuf>,
        /// Make an archive of years.
        #[arg(long)]
        archive: bool,
    },
    /// Write a blank fill-in form for every city and every member unit.
    Forms {
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the forms go.
        #[arg(long, default_value = "forms", value_name = "DIR")]
        out: PathBuf,
        /// xlsx or yaml.
        #[arg(long, default_value = "xlsx", value_name = "xlsx|yaml")]
        format: FormFormat,
        /// Put in what the content folder already has.
        #[arg(long)]
        filled: bool,
    },
    /// Read returned workbooks and write the YAML files.
    Import {
        /// The content folder the forms were made from.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Replace YAML files that already exist.
        #[arg(long)]
        replace: bool,
        /// Workbooks, folders holding them (with their sub-folders), or .zip files of returned forms.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Read and check the content folder.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
    /// Check, score and write the site.
    Build {
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the site goes.
        #[arg(long, default_value = "output", value_name = "DIR")]
        output: PathBuf,
        /// Leave out source/ (the content as read).
        #[arg(long)]
        no_source: bool,
        /// Sign SHA256SUMS with this secret key.
        #[arg(long, value_name = "KEY")]
        sign: Option<PathBuf>,
    },
    /// Check a published site against its SHA256SUMS, its source/ and its signature.
    Verify {
        /// The published folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The public key to check the signature with.
        #[arg(long, value_name = "FILE|KEY")]
        pubkey: Option<String>,
    },
    /// Sign a published folder.
    Sign {
        /// The published folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The secret key.
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
    },
    /// Signing keys.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// What changed between two publications.
    Diff {
        /// The earlier publication.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later publication.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Also write the changes as a page.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Preview the site in a browser.
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// The port.
        #[arg(long, default_value_t = 8000, value_name = "N")]
        port: u16,
    },
}

/// What `kaoping key` does.
#[derive(Subcommand, Debug)]
pub enum KeyAction {
    /// Make a key pair: FILE (secret) and FILE.pub.
    New {
        /// The secret key's file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Leave the secret key without a password.
        #[arg(long)]
        no_password: bool,
        /// Who the key is (the public key's comment).
        #[arg(long, value_name = "TEXT")]
        comment: Option<String>,
    },
}

/// The value of `--lang` (`--lang zh` or `--lang=zh`) among the raw
/// arguments, read before clap parses them so that help and clap's
/// messages are already in that language.
pub fn lang_flag(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = arg.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// Parses `args`; on `--help` or `--version` prints and exits 0 (2 where
/// help stands in for a missing command); on a usage error prints one line
/// from the catalog ([`errors::message`]) and exits 2.
pub fn parse_from(args: Vec<OsString>) -> Cli {
    let raw: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let parsed = command().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| {
        use clap::error::ErrorKind::{DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand, DisplayVersion};
        if matches!(e.kind(), DisplayHelp | DisplayHelpOnMissingArgumentOrSubcommand | DisplayVersion) {
            let text = help::localize(&e.render().to_string());
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            std::process::exit(e.exit_code())
        }
        eprintln!("{}", crate::t!("diag.error", message = errors::message(&e, &raw)));
        std::process::exit(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_flag_is_found_before_parsing() {
        assert_eq!(lang_flag(&os(&["kaoping", "check", "--lang", "en"])), Some("en".into()));
        assert_eq!(lang_flag(&os(&["kaoping", "--lang=zh", "build"])), Some("zh".into()));
        assert_eq!(lang_flag(&os(&["kaoping", "check", "--", "--lang", "en"])), None);
        assert_eq!(lang_flag(&os(&["kaoping", "check"])), None);
    }

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }
}
