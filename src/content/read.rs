//! Typed reading of YAML nodes that records every problem instead of
//! stopping at the first: each getter returns `Option` and, on `None`, has
//! already noted an error with the node's line and column.

use super::yaml::{Node, Value};
use crate::decimal::{Dec, DecError};
use crate::diag::{Diagnostic, Pos};
use std::collections::BTreeSet;

pub use super::values::{Date, check_id, parse_date, shorten};

/// Reads one file: knows its display path and collects its diagnostics.
pub struct Reader<'d> {
    pub path: String,
    pub diags: &'d mut Vec<Diagnostic>,
}

/// The entries of a mapping, taken one key at a time; `finish` reports the
/// keys nobody took as unknown.
pub struct Fields<'n> {
    node: &'n Node,
    entries: Vec<(String, &'n Node, &'n Node)>,
    taken: BTreeSet<String>,
    what: String,
}

impl<'d> Reader<'d> {
    pub fn new(path: impl Into<String>, diags: &'d mut Vec<Diagnostic>) -> Self {
        Reader { path: path.into(), diags }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.path.clone(), Some(pos), message));
    }

    pub fn warning(&mut self, pos: Option<Pos>, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.path.clone(), pos, message));
    }

    /// The entries of a mapping `what` (for messages, e.g. "item 2.6").
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(node.pos, format!("{what} must be a mapping of keys and values, not {}", node.kind()));
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match &k.value {
                Value::Scalar { text, .. } => out.push((text.clone(), k, v)),
                _ => self.error(k.pos, format!("a key in {what} must be a plain word, not {}", k.kind())),
            }
        }
        Some(Fields { node, entries: out, taken: BTreeSet::new(), what: what.to_string() })
    }

    /// Like [`Reader::fields`], but an empty value (`items:` with nothing
    /// after it) is an empty mapping.
    pub fn fields_or_empty<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        if node.value == Value::Null {
            return Some(Fields { node, entries: Vec::new(), taken: BTreeSet::new(), what: what.to_string() });
        }
        self.fields(node, what)
    }

    /// The items of a list; `nothing` (an empty value) is an empty list.
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            _ => {
                self.error(node.pos, format!("{what} must be a list (`- ...` or `[...]`), not {}", node.kind()));
                None
            }
        }
    }

    /// A single text value; numbers written plainly are accepted as text.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.error(node.pos, format!("{what} must be text, not {}", node.kind()));
                None
            }
        }
    }

    /// A non-empty single line of text (a title, a name).
    pub fn line(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.text(node, what)?;
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.error(node.pos, format!("{what} must not be empty"));
            return None;
        }
        if trimmed.contains(['\n', '\r']) {
            self.error(node.pos, format!("{what} must be a single line"));
            return None;
        }
        Some(trimmed.to_string())
    }

    /// A list of single-line texts (evidence, assessors).
    pub fn lines(&mut self, node: &Node, what: &str) -> Option<Vec<String>> {
        let items = self.list(node, what)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.line(item, &format!("an entry of {what}")) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// An exact decimal number with at most two decimal places.
    pub fn number(&mut self, node: &Node, what: &str) -> Option<Dec> {
        let text = match &node.value {
            Value::Scalar { text, .. } => text.trim(),
            _ => {
                self.error(node.pos, format!("{what} must be a number, not {}", node.kind()));
                return None;
            }
        };
        match Dec::parse(text) {
            Ok(d) => Some(d),
            Err(DecError::NotANumber) => {
                self.error(node.pos, format!("{what} must be a number like 5 or 2.5, not \"{}\"", shorten(text)));
                None
            }
            Err(DecError::TooManyDecimals) => {
                self.error(node.pos, format!("{what} has more than 2 decimal places: \"{}\"", shorten(text)));
                None
            }
            Err(DecError::TooLarge) => {
                self.error(node.pos, format!("{what} is too large: \"{}\"", shorten(text)));
                None
            }
        }
    }

    /// A whole number within `[min, max]`.
    pub fn whole(&mut self, node: &Node, what: &str, min: i64, max: i64) -> Option<i64> {
        let d = self.number(node, what)?;
        let Some(n) = d.whole() else {
            self.error(node.pos, format!("{what} must be a whole number, not {d}"));
            return None;
        };
        if n < min {
            self.error(node.pos, format!("{what} must be at least {min}, not {n}"));
            return None;
        }
        if n > max {
            self.error(node.pos, format!("{what} must be at most {max}, not {n}"));
            return None;
        }
        Some(n)
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar { text, quoted: false } if text == "true" => Some(true),
            Value::Scalar { text, quoted: false } if text == "false" => Some(false),
            _ => {
                self.error(node.pos, format!("{what} must be true or false"));
                None
            }
        }
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, what: &str) -> Option<Date> {
        let text = self.text(node, what)?;
        let parsed = parse_date(text.trim());
        if parsed.is_none() {
            self.error(node.pos, format!("{what} must be a date written like 2014-01-10, not \"{}\"", shorten(&text)));
        }
        parsed
    }

    /// An id: an ASCII slug `[a-z0-9][a-z0-9-]{0,63}`, not a name Windows reserves.
    pub fn id(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.text(node, what)?;
        match check_id(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                self.error(node.pos, format!("{what} \"{}\" {why}", shorten(&text)));
                None
            }
        }
    }
}

impl<'n> Fields<'n> {
    /// The value of `key`, if present.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        self.taken.insert(key.to_string());
        self.entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| *v)
    }

    /// The value of a key that must be present; notes an error if it is not.
    pub fn need(&mut self, r: &mut Reader, key: &str) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            r.error(self.node.pos, format!("{} is missing `{key}`", self.what));
        }
        found
    }

    /// Every entry, key node first, in file order (for id-keyed mappings).
    pub fn all(&mut self) -> Vec<(String, &'n Node, &'n Node)> {
        self.taken.extend(self.entries.iter().map(|(k, _, _)| k.clone()));
        self.entries.clone()
    }

    /// Names the mapping in later messages (once its id is known).
    pub fn set_what(&mut self, what: &str) {
        self.what = what.to_string();
    }

    pub fn pos(&self) -> Pos {
        self.node.pos
    }

    /// Reports every key that was not asked for, with the keys that are known.
    pub fn finish(self, r: &mut Reader) {
        let known = self.taken.iter().cloned().collect::<Vec<_>>().join(", ");
        for (key, key_node, _) in &self.entries {
            if !self.taken.contains(key) {
                r.error(key_node.pos, format!("unknown key \"{}\" in {} (known: {known})", shorten(key), self.what));
            }
        }
    }
}
