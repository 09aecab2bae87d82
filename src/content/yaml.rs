//! The one module that knows the YAML library (serde-saphyr).
//!
//! A file is parsed into a small tree of [`Node`]s, each with its line and
//! column. Scalars keep their text exactly as written (a plain `0.10` stays
//! `"0.10"`), so numbers are read as exact decimals later and every value can
//! be checked, and every problem reported, with its position. The library
//! rejects duplicate keys and unknown tags and bounds depth, aliases and size.

use crate::diag::Pos;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// A YAML value with the position where it appears.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// A scalar's text: as written for plain scalars, decoded for quoted and
    /// block scalars. `quoted` tells them apart (`"5"` is text, `5` a number).
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Entries in file order; keys are nodes too, so they have positions.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A short name of the node's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document. `src` must already be UTF-8 text; a leading
/// byte-order mark and CRLF line endings are accepted.
pub fn parse(src: &str) -> Result<Node, (Pos, String)> {
    let options = serde_saphyr::options! {
        budget: Some(budget()),
        with_snippet: false,
        reject_unsupported_tags: true,
        strict_booleans: true,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(src, options) {
        Ok(root) => Ok(build(src, root)),
        Err(e) => {
            let pos = e.location().map(to_pos).unwrap_or(Pos { line: 1, col: 1 });
            Err((pos, clean_message(&e.to_string())))
        }
    }
}

/// Limits on one file. Content is at most about eight levels deep (a unit's
/// file: cities, city, item, findings, finding, population); 32 leaves room
/// and keeps the recursion of reading it shallow. The other limits are the
/// library's defaults (250,000 nodes, 1,000,000 events, alias expansion
/// bounded), and files are at most 16 MiB (checked before parsing).
pub const MAX_DEPTH: usize = 32;

fn budget() -> serde_saphyr::budget::Budget {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget
}

/// The library's message without its own "at line N, column M" tail, since
/// kaoping prints positions in front.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let cut = [" at line ", "line "]
        .iter()
        .filter_map(|pat| first.find(pat).filter(|&i| first[i..].contains("column")))
        .min()
        .unwrap_or(first.len());
    let mut text = first[..cut].trim_end_matches([',', ':', ' ']).to_string();
    if let Some(rest) = text.strip_prefix(": ") {
        text = rest.to_string();
    }
    if text.is_empty() {
        return "this is not valid YAML".to_string();
    }
    // The library's budget and document messages, in the user's terms.
    if text.contains("budget breached: Depth") || text.contains("recursion limit") {
        return format!("the file is nested more than {MAX_DEPTH} levels deep; kaoping files need far fewer");
    }
    if text.contains("budget breached") {
        return "the file is too large once its aliases (*name) are expanded, or has too many values; write the values out instead".to_string();
    }
    if let Some(key) = text.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!("the key {key} appears twice here; each key may appear once in a mapping");
    }
    if text.contains("multiple YAML documents") {
        return "a file holds one YAML document: remove the `---` line and what follows it, or put it in its own file"
            .to_string();
    }
    format!("invalid YAML: {text}")
}

fn to_pos(loc: Location) -> Pos {
    let clamp = |n: u64| u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    Pos { line: clamp(loc.line()), col: clamp(loc.column()) }
}

/// The tree as the library hands it over, before the text of plain scalars
/// is recovered from the source.
enum Raw {
    Null,
    Str(String),
    /// A number, boolean or other typed plain scalar: its text comes from
    /// the source span.
    Plain,
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

fn build(src: &str, node: Spanned<Raw>) -> Node {
    let pos = to_pos(node.referenced);
    let value = match node.value {
        Raw::Null => Value::Null,
        Raw::Str(text) => {
            let written = source_text(src, node.defined).trim();
            let quoted = written.starts_with(['"', '\'', '|', '>']);
            // A one-line plain scalar keeps its text as written (the
            // library turns `1e400` into `.inf`); others are decoded.
            let text = if quoted || written.is_empty() || written.contains('\n') { text } else { written.to_string() };
            Value::Scalar { text, quoted }
        }
        Raw::Plain => Value::Scalar { text: source_text(src, node.defined).trim().to_string(), quoted: false },
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| build(src, n)).collect()),
        Raw::Map(entries) => Value::Map(entries.into_iter().map(|(k, v)| (build(src, k), build(src, v))).collect()),
    };
    Node { pos, value }
}

/// The source text a location spans (where the value is defined, so an
/// alias yields its anchor's text).
fn source_text(src: &str, loc: Location) -> &str {
    let span = loc.span();
    let range = span.byte_offset().zip(span.byte_len()).and_then(|(o, l)| {
        let start = usize::try_from(o).ok()?;
        let end = start.checked_add(usize::try_from(l).ok()?)?;
        Some(start..end)
    });
    range.and_then(|r| src.get(r)).unwrap_or("")
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(n: &Node) -> (&str, bool) {
        match &n.value {
            Value::Scalar { text, quoted } => (text.as_str(), *quoted),
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn entries(n: &Node) -> &[(Node, Node)] {
        match &n.value {
            Value::Map(e) => e,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_plain_numbers_as_written_with_positions() {
        let root = parse("a: 0.10\n2.6: \"x\"\nb: [1, yes]\n").unwrap();
        let e = entries(&root);
        assert_eq!(scalar(&e[0].1), ("0.10", false));
        assert_eq!(e[0].1.pos, Pos { line: 1, col: 4 });
        assert_eq!(scalar(&e[1].0), ("2.6", false));
        assert_eq!(scalar(&e[1].1), ("x", true));
        let Value::Seq(items) = &e[2].1.value else { panic!() };
        assert_eq!(scalar(&items[1]), ("yes", false));
        assert_eq!(items[1].pos, Pos { line: 3, col: 8 });
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let root = parse("\u{feff}a: 1\r\nb: 中文\r\n").unwrap();
        let e = entries(&root);
        assert_eq!(scalar(&e[1].1), ("中文", false));
        assert_eq!(e[1].1.pos, Pos { line: 2, col: 4 });
    }

    #[test]
    fn reports_duplicate_keys_and_syntax_errors_with_position() {
        let (pos, msg) = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(pos, Pos { line: 2, col: 1 });
        assert_eq!(msg, "the key a appears twice here; each key may appear once in a mapping");
        let (pos, _) = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(pos.line >= 1);
    }

    #[test]
    fn non_finite_and_odd_numbers_stay_text() {
        let root = parse("a: 1e400\nb: .inf\nc: 0x10\nd: -0\n").unwrap();
        let got: Vec<_> = entries(&root).iter().map(|(_, v)| scalar(v).0.to_string()).collect();
        assert_eq!(got, ["1e400", ".inf", "0x10", "-0"]);
    }

    #[test]
    fn empty_documents_are_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("\u{feff}").unwrap().value, Value::Null);
    }
}
