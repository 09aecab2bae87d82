//! Typed reading of YAML nodes that records every problem instead of
//! stopping at the first: each getter returns `Option` and, on `None`, has
//! already noted an error with the node's line and column.

use super::yaml::{Node, Value};
use crate::decimal::{Dec, DecError};
use crate::diag::{Diagnostic, Pos};

pub use super::values::{Date, check_id, shorten};

/// Reads one file: knows its display path and collects its diagnostics.
pub struct Reader<'d> {
    pub path: String,
    pub diags: &'d mut Vec<Diagnostic>,
    /// The file's text, when known: to tell a value split by a comma.
    source: &'d str,
}

impl<'d> Reader<'d> {
    pub fn new(path: impl Into<String>, diags: &'d mut Vec<Diagnostic>) -> Self {
        Reader { path: path.into(), diags, source: "" }
    }

    /// The reader with the file's text, for [`Reader::after_comma`].
    pub fn with_source(self, source: &'d str) -> Self {
        Reader { source, ..self }
    }

    /// The key at `pos` stands right after an ASCII comma inside `{ }`, with
    /// no value: a value such as `200,000` or `登记不全, 协管员不足` was
    /// split there.
    pub fn after_comma(&self, pos: Pos) -> bool {
        let Some(line) = self.source.lines().nth(usize::try_from(pos.line).unwrap_or(usize::MAX).saturating_sub(1))
        else {
            return false;
        };
        let col = usize::try_from(pos.col).unwrap_or(0).saturating_sub(1);
        let before: Vec<char> = line.chars().take(col).collect();
        let open = before.iter().filter(|c| **c == '{').count() > before.iter().filter(|c| **c == '}').count();
        // A key split off has no value of its own: no `:` before the next
        // `,` or `}` (`town: 5` after a comma is just an unknown key).
        let bare = line.chars().skip(col).find(|c| matches!(c, ',' | '}' | ':')) != Some(':');
        open && bare && before.iter().rev().find(|c| **c != ' ') == Some(&',')
    }

    /// The message for an unknown key or kind `key`: split off by a comma
    /// (see [`Reader::after_comma`]), or `otherwise`.
    /// A key holding a full-width colon or space is told as that mistake.
    pub fn unknown(&self, pos: Pos, key: &str, otherwise: String) -> String {
        if let Some(hint) = super::hints::in_key(key, pos) {
            return hint.message;
        }
        if self.after_comma(pos) { crate::t!("read.after-comma", key = shorten(key)) } else { otherwise }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.path.clone(), Some(pos), message));
    }

    pub fn warning(&mut self, pos: Option<Pos>, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.path.clone(), pos, message));
    }

    /// The keys and values of a mapping; `what` names it in messages.
    pub(super) fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: impl Fn() -> String,
    ) -> Option<Vec<(&'n str, &'n Node, &'n Node)>> {
        let Value::Map(entries) = &node.value else {
            let message = crate::t!("read.not-mapping", what = label(&what()), kind = kind(node));
            self.error(node.pos, full_width(node).unwrap_or(message));
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match &k.value {
                Value::Scalar { text, .. } => out.push((text.as_str(), k, v)),
                _ => self.error(k.pos, crate::t!("read.key-not-word", what = label(&what()), kind = kind(k))),
            }
        }
        Some(out)
    }

    /// The items of a list; `nothing` (an empty value) is an empty list.
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            _ => {
                let message = crate::t!("read.not-list", what = label(what), kind = kind(node));
                self.error(node.pos, full_width(node).unwrap_or(message));
                None
            }
        }
    }

    /// A single text value; numbers written plainly are accepted as text.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.error(node.pos, crate::t!("read.not-text", what = label(what), kind = kind(node)));
                None
            }
        }
    }

    /// A non-empty single line of text (a title, a name).
    pub fn line(&mut self, node: &Node, what: &str) -> Option<String> {
        let Value::Scalar { text, .. } = &node.value else {
            return self.text(node, what);
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.error(node.pos, crate::t!("read.empty", what = label(what)));
            return None;
        }
        if trimmed.contains(['\n', '\r']) {
            self.error(node.pos, crate::t!("read.multi-line", what = label(what)));
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
            // The usual case, a good line, needs no label for messages.
            if let Value::Scalar { text, .. } = &item.value {
                let trimmed = text.trim();
                if !trimmed.is_empty() && !trimmed.contains(['\n', '\r']) {
                    out.push(trimmed.to_string());
                    continue;
                }
            }
            match self.line(item, &crate::t!("what.entry-of", what = label(what))) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// An exact decimal number with at most two decimal places.
    /// An error for a key written with nothing after it: a blank is never
    /// a value (issue 21). True when `node` is blank.
    pub fn refuse_blank(&mut self, node: &Node, what: &str) -> bool {
        let blank = node.value == Value::Null;
        if blank {
            self.error(node.pos, crate::t!("read.blank", what = label(what)));
        }
        blank
    }

    pub fn number(&mut self, node: &Node, what: &str) -> Option<Dec> {
        if self.refuse_blank(node, what) {
            return None;
        }
        let text = match &node.value {
            Value::Scalar { text, .. } => text.trim(),
            _ => {
                self.error(node.pos, crate::t!("read.not-number", what = label(what), kind = kind(node)));
                return None;
            }
        };
        match Dec::parse(text) {
            Ok(d) => Some(d),
            Err(DecError::NotANumber) => {
                self.error(node.pos, crate::t!("read.bad-number", what = label(what), text = shorten(text)));
                None
            }
            Err(DecError::TooManyDecimals) => {
                self.error(node.pos, crate::t!("read.decimals", what = label(what), text = shorten(text)));
                None
            }
            Err(DecError::TooLarge) => {
                self.error(node.pos, crate::t!("read.too-large", what = label(what), text = shorten(text)));
                None
            }
        }
    }

    /// A whole number within `[min, max]`.
    pub fn whole(&mut self, node: &Node, what: &str, min: i64, max: i64) -> Option<i64> {
        let d = self.number(node, what)?;
        let Some(n) = d.whole() else {
            self.error(node.pos, crate::t!("read.not-whole", what = label(what), n = d));
            return None;
        };
        if n < min {
            self.error(node.pos, crate::t!("read.at-least", what = label(what), min = min, n = n));
            return None;
        }
        if n > max {
            self.error(node.pos, crate::t!("read.at-most", what = label(what), max = max, n = n));
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
                self.error(node.pos, crate::t!("read.not-bool", what = label(what)));
                None
            }
        }
    }

    /// A date written `YYYY-MM-DD` (or a form of [`super::dates`]).
    pub fn date(&mut self, node: &Node, what: &str) -> Option<Date> {
        if self.refuse_blank(node, what) {
            return None;
        }
        let text = self.text(node, what)?;
        match super::dates::read_date(text.trim()) {
            Ok(d) => Some(d),
            Err(super::dates::DateError::Form) => {
                self.error(node.pos, crate::t!("read.bad-date", what = label(what), text = shorten(&text)));
                None
            }
            Err(super::dates::DateError::NoSuchDay) => {
                self.error(node.pos, crate::t!("read.no-such-day", what = label(what), text = shorten(&text)));
                None
            }
        }
    }

    /// An id: an ASCII slug `[a-z0-9][a-z0-9-]{0,63}`, not a name Windows reserves.
    pub fn id(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.text(node, what)?;
        match check_id(&text) {
            Ok(()) => Some(text),
            Err(why) => {
                self.error(node.pos, crate::t!("read.bad-id", what = label(what), text = shorten(&text), why = why));
                None
            }
        }
    }
}

/// How a value is named in a message: a YAML key (`staff`) with what it
/// means in the current language (`staff（协管员人数）`, catalog keys
/// `field.<key>`); any other name as it is.
pub fn label(what: &str) -> String {
    let mut out = crate::i18n::lookup(&format!("field.{what}")).map_or_else(|| what.to_string(), str::to_string);
    // Chinese text runs on without spaces, but a name ending in a number or
    // a Latin word keeps a space before the Chinese that follows it
    // (项目 1.1 的标题, not 项目 1.1的标题).
    if crate::i18n::current() == crate::i18n::Lang::Zh && out.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        out.push(' ');
    }
    out
}

/// A value that should be a list or mapping but is text starting with a
/// full-width bracket (`findings: ［］`): the hint for that bracket.
fn full_width(node: &Node) -> Option<String> {
    let Value::Scalar { text, quoted: false } = &node.value else {
        return None;
    };
    super::hints::in_key(text.get(..text.char_indices().nth(1).map_or(text.len(), |(i, _)| i))?, node.pos)
        .map(|h| h.message)
}

/// What a node is, for messages ("a list", "列表").
pub fn kind(node: &Node) -> String {
    match node.value {
        Value::Null => crate::t!("kind.nothing"),
        Value::Scalar { .. } => crate::t!("kind.scalar"),
        Value::Seq(_) => crate::t!("kind.list"),
        Value::Map(_) => crate::t!("kind.mapping"),
    }
}
