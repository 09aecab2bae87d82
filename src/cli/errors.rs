//! clap's usage errors in the catalog's words: each [`ErrorKind`] is one
//! message naming the option or value, with clap's suggestion (the nearest
//! option, command or value) as "是不是想写 …？" and the help to read.
//! clap's own English never reaches the user, in either language.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The one line for the usage error `e`, made from the raw arguments `args`
/// (to name the command whose help to read).
pub fn message(e: &Error, args: &[String]) -> String {
    let arg = || option(e, ContextKind::InvalidArg);
    let value = || one(e, ContextKind::InvalidValue);
    let text = match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = one(e, ContextKind::InvalidArg);
            if arg.starts_with('-') {
                crate::t!("cli.unknown-option", arg = arg)
            } else {
                crate::t!("cli.unexpected-argument", arg = arg)
            }
        }
        ErrorKind::InvalidSubcommand => {
            crate::t!("cli.unknown-command", command = one(e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = all(e, ContextKind::ValidValue);
            if value().is_empty() {
                crate::t!("cli.empty-value", arg = arg())
            } else if valid.is_empty() {
                crate::t!("cli.invalid-value", arg = arg(), value = value())
            } else {
                crate::t!("cli.invalid-choice", arg = arg(), value = value(), values = list(&valid))
            }
        }
        ErrorKind::ValueValidation => {
            let arg = arg();
            let message = crate::t!("cli.invalid-value", arg = arg, value = value());
            match arg.as_str() {
                "--port" => crate::t!("cli.why", message = message, why = crate::t!("cli.port-range")),
                "--year" => crate::t!("cli.why", message = message, why = crate::t!("cli.year-range")),
                _ => message,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let args: Vec<String> =
                all(e, ContextKind::InvalidArg).iter().map(|a| a.trim_end_matches("...").to_string()).collect();
            crate::t!("cli.missing", args = list(&args))
        }
        ErrorKind::MissingSubcommand => crate::t!(
            "cli.missing-command",
            command = one(e, ContextKind::InvalidSubcommand),
            commands = list(&all(e, ContextKind::ValidSubcommand))
        ),
        ErrorKind::ArgumentConflict => {
            let prior: Vec<String> = all(e, ContextKind::PriorArg).iter().map(|a| name(a)).collect();
            let arg = arg();
            if prior.is_empty() || prior == [arg.clone()] {
                crate::t!("cli.repeated", arg = arg)
            } else {
                crate::t!("cli.conflict", arg = arg, other = list(&prior))
            }
        }
        ErrorKind::NoEquals => crate::t!("cli.no-equals", arg = arg()),
        ErrorKind::TooManyValues => crate::t!("cli.too-many-values", arg = arg(), value = value()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => crate::t!("cli.value-count", arg = arg()),
        ErrorKind::InvalidUtf8 => crate::t!("cli.not-unicode"),
        _ => crate::t!("cli.other"),
    };
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(|k| all(e, k))
        .find(|s| !s.is_empty());
    let help = help_command(args);
    match suggestion {
        Some(s) => crate::t!("cli.suggest", message = text, suggestion = list(&s), help = help),
        None => crate::t!("cli.see-help", message = text, help = help),
    }
}

/// The context `kind` as one string ("" where clap gave none).
fn one(e: &Error, kind: ContextKind) -> String {
    all(e, kind).into_iter().next().unwrap_or_default()
}

/// The context `kind` as strings.
fn all(e: &Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// The option the context `kind` names, without its value's placeholder
/// (`--format <xlsx|yaml>` is `--format`).
fn option(e: &Error, kind: ContextKind) -> String {
    name(&one(e, kind))
}

fn name(arg: &str) -> String {
    match arg.split_once(' ') {
        Some((n, _)) if n.starts_with('-') => n.to_string(),
        _ => arg.to_string(),
    }
}

/// `a`, `a 或 b`, `a、b 或 c` (`a`, `a or b`, `a, b or c`).
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [first, rest @ .., last] => {
            let head = rest.iter().fold(first.clone(), |list, item| crate::t!("cli.and", list = list, item = item));
            crate::t!("cli.or", list = head, item = last)
        }
    }
}

/// `kaoping --help`, or the help of the command (and sub-command) named in
/// the arguments.
fn help_command(args: &[String]) -> String {
    let cmd = super::command();
    let mut words = vec!["kaoping".to_string()];
    let mut at = &cmd;
    for a in args.iter().skip(1) {
        if a == "--" {
            break;
        }
        if let Some(sub) = at.get_subcommands().find(|s| s.get_name() == a && s.get_name() != "help") {
            words.push(a.clone());
            at = sub;
        }
    }
    words.push("--help".into());
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_joined_in_words() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&s(&["xlsx"])), "xlsx");
        assert_eq!(list(&s(&["xlsx", "yaml"])), "xlsx or yaml");
        assert_eq!(list(&s(&["a", "b", "c"])), "a, b or c");
        assert_eq!(name("--format <xlsx|yaml>"), "--format");
        assert_eq!(name("<PATH>..."), "<PATH>...");
    }
}
