//! The console's words. Every message kaoping prints (errors, warnings,
//! summaries, help) lives in one catalog per language, `zh.txt` and
//! `en.txt` beside this file, under a key; code names the key and its
//! arguments with [`t!`](crate::t), and the text is made in the language
//! chosen once, in `main`, by [`choose`]. Tests check that both catalogs
//! hold the same keys with the same placeholders, and that every key the
//! code names is in both.
//!
//! Catalog lines are `key = template`; `{name}` in a template is replaced by
//! the argument `name`; `#` starts a comment line; blank lines are ignored.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::sync::OnceLock;

/// A language of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `zh` or `en` (also `zh-CN`, `en_US.UTF-8` and the like); `None` for
    /// anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let is = |code: &str| {
            s.strip_prefix(code).is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.', '@']))
        };
        if is("zh") {
            Some(Lang::Zh)
        } else if is("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

pub const ZH: &str = include_str!("zh.txt");
pub const EN: &str = include_str!("en.txt");

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the process (the first call wins).
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language chosen by [`set`]; English where none was (library users
/// and unit tests).
pub fn current() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// Chooses the language: `--lang`, then `KAOPING_LANG` (an empty one is
/// not set), then the system's locale. Chinese for any `zh*` locale and
/// where the locale cannot be told (none set, `C`, `POSIX`); English for any
/// other. A value that names no language is passed over here; [`unsupported`]
/// tells it, so that `main` refuses it in the language chosen without it.
pub fn choose(flag: Option<&str>, env: Option<&str>, system: Option<&str>) -> Lang {
    if let Some(l) = flag.and_then(Lang::parse) {
        return l;
    }
    if let Some(l) = env.and_then(Lang::parse) {
        return l;
    }
    match system.map(str::trim) {
        None | Some("") | Some("C") | Some("POSIX") => Lang::Zh,
        Some(s) if s.starts_with("C.") => Lang::Zh,
        Some(s) => Lang::parse(s).unwrap_or(Lang::En),
    }
}

/// The message refusing the language asked for, if it is none kaoping
/// speaks: `--lang` where given, else a non-empty `KAOPING_LANG` (one
/// overridden by `--lang` does not matter).
pub fn unsupported(flag: Option<&str>, env: Option<&str>) -> Option<String> {
    let (name, value) = match (flag, env) {
        (Some(f), _) => ("--lang", f),
        (None, Some(e)) if !e.trim().is_empty() => ("KAOPING_LANG", e),
        _ => return None,
    };
    match Lang::parse(value) {
        Some(_) => None,
        None => Some(crate::t!("i18n.unsupported", name = name, value = value)),
    }
}

fn catalog(lang: Lang) -> &'static BTreeMap<&'static str, &'static str> {
    static ZH_MAP: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    static EN_MAP: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::Zh => ZH_MAP.get_or_init(|| parse_catalog(ZH)),
        Lang::En => EN_MAP.get_or_init(|| parse_catalog(EN)),
    }
}

/// The entries of a catalog file, in key order.
pub fn parse_catalog(text: &'static str) -> BTreeMap<&'static str, &'static str> {
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some((k, v)) = line.split_once(" = ") {
            map.insert(k.trim(), v);
        }
    }
    map
}

/// The names of the `{placeholders}` in a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

/// The message `key` in `lang`, its placeholders filled from `args`. A key
/// missing from the catalog (which the tests forbid) gives the key and its
/// arguments rather than nothing.
pub fn render(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let Some(template) = catalog(lang).get(key) else {
        let mut s = key.to_string();
        for (name, value) in args {
            s.push_str(&format!(" {name}={value}"));
        }
        return s;
    };
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest: &str = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &after[..end];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of `key` in the [`current`] language, if the catalog has it
/// (for keys made at run time, such as `field.<yaml key>`).
pub fn lookup(key: &str) -> Option<&'static str> {
    catalog(current()).get(key).copied()
}

/// [`render`] in the [`current`] language.
pub fn text(key: &str, args: &[(&str, &dyn Display)]) -> String {
    render(current(), key, args)
}

/// A message from the catalog in the current language:
/// `t!("content.unknown-rule", rule = name, item = id)`.
#[macro_export]
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

mod io;
pub use io::{Said, io_error, is_said, library};
#[cfg(test)]
mod tests;
pub mod words;
