//! The one room that knows the YAML parser (granit-parser, the parser of
//! the saphyr family underneath serde-saphyr).
//!
//! A file is parsed into a small tree of [`Node`]s, each with its line and
//! column, built straight from the parser's events (`events`). Scalars keep
//! their text exactly as written (a plain `0.10` stays `"0.10"`), so numbers
//! are read as exact decimals later and every value can be checked, and
//! every problem reported, with its position. Duplicate keys and unknown
//! tags are refused, and depth, values, events and aliases are bounded
//! (`budget`); files are at most 16 MiB (checked before parsing). The
//! parser's syntax errors are worded from the catalog (`syntax`).

mod budget;
mod events;
mod syntax;

use crate::diag::Pos;

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
    events::build(src.strip_prefix('\u{feff}').unwrap_or(src))
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

    #[test]
    fn aliases_repeat_their_value_at_the_alias() {
        let root = parse("a: &x [1, \"2\"]\nb: *x\n").unwrap();
        let e = entries(&root);
        assert_eq!(e[1].1.value, e[0].1.value);
        assert_eq!(e[1].1.pos, Pos { line: 2, col: 4 });
        let (pos, msg) = parse("a: &x [1, *x]\n").unwrap_err();
        assert_eq!(pos, Pos { line: 1, col: 11 });
        assert!(msg.contains("alias"), "{msg}");
        assert!(parse("a: *nowhere\n").unwrap_err().1.contains("unknown anchor"));
    }

    #[test]
    fn tags_of_the_core_schema_are_accepted_and_others_refused() {
        let root = parse("a: !!str 5\nb: !!int 7\nc: !!null x\nd: !!seq [1]\n").unwrap();
        let e = entries(&root);
        assert_eq!(scalar(&e[0].1), ("5", true));
        assert_eq!(scalar(&e[1].1), ("7", false));
        assert_eq!(e[2].1.value, Value::Null);
        let (pos, msg) = parse("a: !custom 5\n").unwrap_err();
        assert_eq!((pos, msg.as_str()), (Pos { line: 1, col: 12 }, "invalid YAML: unsupported tag `!custom`"));
        assert!(parse("a: !!map [1]\n").is_err());
    }

    #[test]
    fn null_spellings_and_duplicates_in_large_mappings() {
        let root = parse("a: ~\nb: null\nc: NULL\nd:\ne: \"null\"\n").unwrap();
        let nulls: Vec<_> = entries(&root).iter().map(|(_, v)| v.value == Value::Null).collect();
        assert_eq!(nulls, [true, true, true, true, false]);
        let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(parse(&text).is_ok());
        text.push_str("k57: again\n");
        let (pos, msg) = parse(&text).unwrap_err();
        assert_eq!(pos, Pos { line: 101, col: 1 });
        assert!(msg.starts_with("the key k57 appears twice"), "{msg}");
    }

    #[test]
    fn one_document_per_file_and_columns_in_characters() {
        let (pos, msg) = parse("a: 1\n---\na: 2\n").unwrap_err();
        assert_eq!(pos, Pos { line: 3, col: 1 });
        assert!(msg.starts_with("a file holds one YAML document"), "{msg}");
        assert!(parse("a: 1\n...\n").is_ok());
        let root = parse("中文: [甲, 乙]\n").unwrap();
        let Value::Seq(items) = &entries(&root)[0].1.value else { panic!() };
        assert_eq!(items[1].pos, Pos { line: 1, col: 9 });
    }

    #[test]
    fn multi_line_scalars_are_decoded() {
        let root = parse("a: one\n  two\nb: |\n  x\n  y\nc: 'it''s'\n").unwrap();
        let got: Vec<_> = entries(&root).iter().map(|(_, v)| scalar(v)).collect();
        assert_eq!(got, [("one two", false), ("x\ny\n", true), ("it's", true)]);
    }
}
