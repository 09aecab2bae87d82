//! The help in the current language: every about and argument help from
//! the catalog, clap's headings replaced through `help_template`.

use super::Cli;
use clap::CommandFactory;

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
    // The help says the formats in words (clap's list is English).
    let cmd = cmd.mut_subcommand("forms", |f| f.mut_arg("format", |a| a.hide_possible_values(true)));
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
    let cmd = sub(
        cmd,
        "serve",
        crate::t!("help.serve"),
        crate::t!("help.serve-example"),
        &[("content", crate::t!("help.serve-content")), ("port", crate::t!("help.serve-port"))],
    );
    let mut cmd = placeholders(cmd);
    // clap adds `kaoping help [COMMAND]` when the command is built.
    cmd.build();
    let help = |s: clap::Command| {
        s.about(crate::t!("help.help-command")).help_template(template(false, true)).disable_help_flag(true)
    };
    cmd.mut_subcommand("help", help).mut_subcommand("key", |k| k.mut_subcommand("help", help))
}

/// The placeholders of values (`<DIR>`, `<FILE>` …) and of the command
/// (`<COMMAND>`) in the current language: `value.dir` and the like in the
/// catalog, for this command and every sub-command.
fn placeholders(cmd: clap::Command) -> clap::Command {
    // clap keeps these as `&'static str`; the catalog's texts are.
    cmd.subcommand_value_name(crate::i18n::lookup("help.command-placeholder").unwrap_or("COMMAND"))
        .mut_args(|a| {
            let local: Vec<clap::builder::Str> = (a.get_value_names().unwrap_or_default().iter())
                .map(|n| crate::i18n::lookup(&format!("value.{}", n.to_lowercase())).map_or(n.clone(), Into::into))
                .collect();
            // The help says the possible values in words.
            if local.is_empty() { a } else { a.value_names(local) }
        })
        .mut_subcommands(placeholders)
}

/// Help as clap renders it, with the one word its templates cannot reach
/// (`[OPTIONS]` in the usage line) in the current language.
pub fn localize(help: &str) -> String {
    help.replace("[OPTIONS]", &crate::t!("help.options-placeholder"))
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
