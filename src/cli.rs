//! The command line: `kaoping init`, `forms`, `import`, `check`, `build`, `verify`, `diff`, `serve`,
//! `key new`, `sign`.
//! The structs below define the commands, options and defaults; [`command`]
//! gives every help text from the catalog, in the language chosen before
//! parsing ([`lang_flag`] finds `--lang` in the raw arguments for that).

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

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

/// Parses `args`; on `--help`, `--version` or a usage error clap prints and
/// exits (0, or 2 for a usage error).
pub fn parse_from(args: Vec<OsString>) -> Cli {
    let parsed = command().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| {
        use clap::error::ErrorKind::{DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand, DisplayVersion};
        if matches!(e.kind(), DisplayHelp | DisplayHelpOnMissingArgumentOrSubcommand | DisplayVersion) {
            e.exit()
        }
        // clap words its usage errors in English; in Chinese they come
        // after a line that says what to do.
        // after a line that says what to do (`\n` in the catalog text is a
        // line break).
        let intro = crate::t!("cli.error", clap = "{clap}").replace("\\n", "\n");
        eprint!("{}", intro.replace("{clap}", &e.render().to_string()));
        std::process::exit(2)
    })
}

/// The command line with its help in the current language.
pub fn command() -> clap::Command {
    let cmd = Cli::command()
        .about(crate::t!("help.about"))
        .help_template(template(true, false))
        .mut_arg("lang", |a| a.help(crate::t!("help.lang")))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_arg())
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(crate::t!("help.version")),
        );
    let content = || crate::t!("help.content");
    let cmd = sub(
        cmd,
        "init",
        crate::t!("help.init"),
        crate::t!("help.init-example"),
        &[
            ("dir", crate::t!("help.init-dir")),
            ("theme", crate::t!("help.init-theme")),
            ("year", crate::t!("help.init-year")),
            ("from", crate::t!("help.init-from")),
            ("archive", crate::t!("help.init-archive")),
        ],
    );
    let cmd = sub(
        cmd,
        "forms",
        crate::t!("help.forms"),
        crate::t!("help.forms-example"),
        &[
            ("content", crate::t!("help.forms-content")),
            ("out", crate::t!("help.forms-out")),
            ("format", crate::t!("help.forms-format")),
            ("filled", crate::t!("help.forms-filled")),
        ],
    );
    let cmd = sub(
        cmd,
        "import",
        crate::t!("help.import"),
        crate::t!("help.import-example"),
        &[
            ("content", crate::t!("help.import-content")),
            ("replace", crate::t!("help.import-replace")),
            ("paths", crate::t!("help.import-paths")),
        ],
    );
    let cmd = sub(cmd, "check", crate::t!("help.check"), crate::t!("help.check-example"), &[("content", content())]);
    let cmd = sub(
        cmd,
        "build",
        crate::t!("help.build"),
        crate::t!("help.build-example"),
        &[
            ("content", content()),
            ("output", crate::t!("help.build-output")),
            ("no_source", crate::t!("help.build-no-source")),
            ("sign", crate::t!("help.build-sign")),
        ],
    );
    let cmd = sub(
        cmd,
        "verify",
        crate::t!("help.verify"),
        crate::t!("help.verify-example"),
        &[("dir", crate::t!("help.verify-dir")), ("pubkey", crate::t!("help.verify-pubkey"))],
    );
    let cmd = sub(
        cmd,
        "sign",
        crate::t!("help.sign"),
        crate::t!("help.sign-example"),
        &[("dir", crate::t!("help.sign-dir")), ("key", crate::t!("help.sign-key"))],
    );
    let cmd = sub(cmd, "key", crate::t!("help.key"), crate::t!("help.key-example"), &[]);
    let cmd = cmd.mut_subcommand("key", |k| k.help_template(template(true, false)));
    let cmd = cmd.mut_subcommand("key", |k| {
        sub(
            k,
            "new",
            crate::t!("help.key-new"),
            crate::t!("help.key-new-example"),
            &[
                ("file", crate::t!("help.key-new-file")),
                ("no_password", crate::t!("help.key-new-no-password")),
                ("comment", crate::t!("help.key-new-comment")),
            ],
        )
    });
    let cmd = sub(
        cmd,
        "diff",
        crate::t!("help.diff"),
        crate::t!("help.diff-example"),
        &[
            ("old", crate::t!("help.diff-old")),
            ("new", crate::t!("help.diff-new")),
            ("html", crate::t!("help.diff-html")),
        ],
    );
    let mut cmd = sub(
        cmd,
        "serve",
        crate::t!("help.serve"),
        crate::t!("help.serve-example"),
        &[("content", crate::t!("help.serve-content")), ("port", crate::t!("help.serve-port"))],
    );
    // clap adds `kaoping help [COMMAND]` when the command is built.
    cmd.build();
    let help = |s: clap::Command| {
        s.about(crate::t!("help.help-command")).help_template(template(false, true)).disable_help_flag(true)
    };
    cmd.mut_subcommand("help", help).mut_subcommand("key", |k| k.mut_subcommand("help", help))
}

/// clap's layout with the headings ("Usage:", "Commands:", "Options:") in
/// the current language.
fn template(commands: bool, positionals: bool) -> String {
    let mut t = format!("{{about-with-newline}}\n{}{{usage}}\n", crate::t!("help.usage"));
    if commands {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", crate::t!("help.commands")));
    }
    if positionals {
        t.push_str(&format!("\n{}\n{{positionals}}\n", crate::t!("help.arguments")));
    }
    t.push_str(&format!("\n{}\n{{options}}\n", crate::t!("help.options")));
    t
}

/// `-h, --help` in the current language (for the command and each
/// subcommand).
fn help_arg() -> clap::Arg {
    clap::Arg::new("help").short('h').long("help").action(clap::ArgAction::Help).help(crate::t!("help.help"))
}

/// A subcommand's about (one line in the list), its long about (with the
/// example), and the help of each of its arguments, each shown with its
/// default.
fn sub(cmd: clap::Command, name: &str, about: String, example: String, args: &[(&str, String)]) -> clap::Command {
    cmd.mut_subcommand(name, |mut s| {
        s = s
            .long_about(format!("{about}\n\n{example}"))
            .about(about)
            .help_template(template(false, matches!(name, "init" | "import" | "verify" | "diff" | "sign" | "new")))
            .disable_help_flag(true)
            .arg(help_arg());
        for (arg, help) in args {
            s = s.mut_arg(*arg, |a| {
                let defaults: Vec<String> =
                    a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
                match defaults.first() {
                    Some(d) => {
                        a.help(crate::t!("help.with-default", help = help, default = d)).hide_default_value(true)
                    }
                    None => a.help(help.clone()),
                }
            });
        }
        s
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
