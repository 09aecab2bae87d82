//! Plain hints for the YAML mistakes a clerk makes on a Chinese keyboard,
//! given when a file fails to parse: a full-width `：，｛｝［］－`, an
//! ideographic space (U+3000) or a tab where YAML needs its own signs, a
//! multi-line `report:` whose lines are not indented, and `findings: []`
//! kept above a list. The parser often stops lines after the real mistake;
//! the hint names the character's own line and column and the fix. Pure:
//! source text and the parser's position in, a hint out.

use crate::diag::Pos;

/// A hint: where the mistake is, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub pos: Pos,
    pub message: String,
}

/// The mistake nearest before the parser's position `at` (on an earlier
/// line, or on its line), if the text has one of the known kinds.
pub fn explain(src: &str, at: Pos) -> Option<Hint> {
    let lines: Vec<&str> = src.lines().collect();
    let last = usize::try_from(at.line).ok()?.min(lines.len());
    let mut found: Option<(usize, usize, Kind)> = None;
    for (n, line) in lines.iter().enumerate().take(last) {
        let cols = scan(line, n, &lines);
        for (col, kind) in cols {
            let here = (n + 1, col + 1);
            let after = (u32::try_from(here.0).ok()?, u32::try_from(here.1).ok()?) > (at.line, at.col);
            // On the parser's own line a mistake may also stand after the
            // column it names (it stops at the start of a flow or a key).
            // The first mistake on the last line that has one.
            if (!after || n + 1 == last) && found.as_ref().is_none_or(|f| f.0 != here.0) {
                found = Some((here.0, here.1, kind.clone()));
            }
        }
    }
    let (line, col, kind) = found?;
    let pos = Pos { line: u32::try_from(line).ok()?, col: u32::try_from(col).ok()? };
    Some(Hint { pos, message: kind.message(line, col) })
}

/// A key the parser read whole although it holds a full-width colon,
/// space or opening bracket (`submitted：2025-01-08`, `　"1.3"`, a value
/// `［］`): the hint for that character.
/// `at` is where the key starts.
pub fn in_key(key: &str, at: Pos) -> Option<Hint> {
    let (i, c) = key.chars().enumerate().find(|(_, c)| matches!(c, '：' | '\u{3000}' | '\t' | '［' | '｛'))?;
    let line = usize::try_from(at.line).ok()?;
    let col = usize::try_from(at.col).ok()? + i;
    let kind = match c {
        '：' => Kind::Colon,
        '\t' => Kind::Tab,
        '［' => Kind::Bracket(c, '['),
        '｛' => Kind::Bracket(c, '{'),
        _ => Kind::IdeographicSpace,
    };
    Some(Hint { pos: Pos { line: at.line, col: u32::try_from(col).ok()? }, message: kind.message(line, col) })
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Colon,
    Comma,
    Bracket(char, char),
    Dash,
    IdeographicSpace,
    Tab,
    ReportNotIndented,
    KeptBrackets(String),
}

impl Kind {
    fn message(&self, line: usize, col: usize) -> String {
        match self {
            Kind::Colon => crate::t!("hint.colon", line = line, col = col),
            Kind::Comma => crate::t!("hint.comma", line = line, col = col),
            Kind::Bracket(ch, ascii) => crate::t!("hint.bracket", line = line, col = col, ch = ch, ascii = ascii),
            Kind::Dash => crate::t!("hint.dash", line = line, col = col),
            Kind::IdeographicSpace => crate::t!("hint.ideographic-space", line = line, col = col),
            Kind::Tab => crate::t!("hint.tab", line = line, col = col),
            Kind::ReportNotIndented => crate::t!("hint.report-indent", line = line),
            Kind::KeptBrackets(key) => crate::t!("hint.kept-brackets", line = line, col = col, key = key),
        }
    }
}

/// The suspicious characters of line `n` (0-based) outside quotes and
/// comments, as (0-based column, kind).
fn scan(line: &str, n: usize, lines: &[&str]) -> Vec<(usize, Kind)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut flow = 0usize;
    let mut leading = true;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        match c {
            '"' | '\'' if before == ' ' || matches!(before, ':' | '{' | '[' | ',' | '-') || i == 0 => quote = Some(c),
            '#' if before.is_whitespace() || i == 0 => break,
            '{' | '[' => flow += 1,
            '}' | ']' => flow = flow.saturating_sub(1),
            '：' if key_before(&chars[..i]) => out.push((i, Kind::Colon)),
            '，' if flow > 0 && key_after(&chars[i + 1..]) => out.push((i, Kind::Comma)),
            '｛' => out.push((i, Kind::Bracket(c, '{'))),
            '｝' => out.push((i, Kind::Bracket(c, '}'))),
            '［' => out.push((i, Kind::Bracket(c, '['))),
            '］' => out.push((i, Kind::Bracket(c, ']'))),
            '－' if leading => out.push((i, Kind::Dash)),
            '\u{3000}' if leading || matches!(before, ':' | '-') => out.push((i, Kind::IdeographicSpace)),
            '\t' if leading || before == ':' => out.push((i, Kind::Tab)),
            _ => {}
        }
        if c != ' ' {
            leading = false;
        }
    }
    if report_not_indented(line, n, lines) {
        out.push((0, Kind::ReportNotIndented));
    }
    if let Some((col, key)) = kept_brackets(line, n, lines) {
        out.push((col, Kind::KeptBrackets(key)));
    }
    out
}

/// `chars` (a line up to a `：`) ends in a key: a word of ASCII letters,
/// digits, `_`, `-` or `.`, perhaps quoted, after the indentation, a `- `,
/// a `{` or a `,`.
fn key_before(chars: &[char]) -> bool {
    let text: String = chars.iter().collect();
    let text = text.trim_end_matches([' ', '"', '\'']);
    let keyish = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let word_start = text.char_indices().rev().find(|(_, c)| !keyish(*c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &text[word_start..];
    let rest = text[..word_start].trim_end_matches(['"', '\'']).trim_end();
    !word.is_empty() && (rest.is_empty() || rest.ends_with(['{', ',', '-']))
}

/// After a `，` comes a key: a word of ASCII letters and `_`, then `:` or `：`.
fn key_after(chars: &[char]) -> bool {
    let text: String = chars.iter().collect();
    let text = text.trim_start();
    let word = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(text, |i| &text[..i]);
    !word.is_empty() && text[word.len()..].starts_with([':', '：'])
}

/// Line `n` is a continuation of a `report:` text written at the start of
/// the line: it has no `:`, and above it (over other such lines) stands a
/// `report:` line with text after it.
fn report_not_indented(line: &str, n: usize, lines: &[&str]) -> bool {
    let plain = |l: &str| !l.trim().is_empty() && !l.starts_with([' ', '#', '-']) && !l.contains(':');
    if !plain(line) {
        return false;
    }
    for above in lines[..n].iter().rev() {
        if above.trim().is_empty() || plain(above) {
            continue;
        }
        return above.starts_with("report:") && !above["report:".len()..].trim().is_empty();
    }
    false
}

/// Line `n` reads `key: []` and the next non-empty line is a more indented
/// `- ` item: the column of the `[`, and the key.
fn kept_brackets(line: &str, n: usize, lines: &[&str]) -> Option<(usize, String)> {
    let body = line.split(" #").next()?.trim_end();
    let key = body.strip_suffix("[]")?.trim_end().strip_suffix(':')?;
    if key.trim().is_empty() || key.contains(':') {
        return None;
    }
    let indent = line.len() - line.trim_start().len();
    let next = lines[n + 1..].iter().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let next_indent = next.len() - next.trim_start().len();
    let col = line[..line.rfind("[]")?].chars().count();
    (next.trim_start().starts_with("- ") && next_indent > indent).then(|| (col, key.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    fn hint(src: &str, line: u32, col: u32) -> Option<(u32, u32, String)> {
        explain(src, at(line, col)).map(|h| (h.pos.line, h.pos.col, h.message))
    }

    #[test]
    fn a_full_width_colon_is_named_on_its_own_line() {
        let src = "# form\nreport: \"\"\nsubmitted：2025-01-08\nitems:\n  \"1.1\":\n    findings: []\n";
        let (line, col, message) = hint(src, 5, 1).unwrap();
        assert_eq!((line, col), (3, 10));
        assert!(message.contains("line 3, column 10"), "{message}");
        // A colon inside a value's text is no mistake.
        assert_eq!(hint("note: 经费：不足\nx: [\n", 2, 4), None);
    }

    #[test]
    fn a_full_width_comma_before_a_key_in_braces() {
        let src = "items:\n  - { rule: no-plan，note: 没有方案，已整改 }\n";
        let (line, col, _) = hint(src, 2, 30).unwrap();
        assert_eq!((line, col), (2, 20));
    }

    #[test]
    fn brackets_dashes_spaces_and_tabs() {
        assert_eq!(hint("a:\n  - ｛ rule: x ｝\n", 2, 20).map(|h| (h.0, h.1)), Some((2, 5)));
        assert_eq!(hint("a:\n  － { rule: x }\n", 2, 20).map(|h| (h.0, h.1)), Some((2, 3)));
        assert_eq!(hint("a:\n  b: 1\n　c: 2\n", 3, 5).map(|h| (h.0, h.1)), Some((3, 1)));
        assert_eq!(hint("a:\n\tb: 1\n", 2, 2).map(|h| (h.0, h.1)), Some((2, 1)));
        // In quotes and comments they are text.
        assert_eq!(hint("a: \"｛｝\" # ［\nb: [\n", 2, 4), None);
    }

    #[test]
    fn a_report_whose_lines_are_not_indented() {
        let src = "submitted: 2025-01-08\nreport: 全年工作部署到位，\n各项任务完成。\nitems:\n";
        let (line, col, message) = hint(src, 3, 1).unwrap();
        assert_eq!((line, col), (3, 1));
        assert!(message.contains("report: |"), "{message}");
    }

    #[test]
    fn brackets_kept_above_a_list() {
        let src = "  \"1.1\":\n    findings: []\n      - { rule: no-plan }\n";
        let (line, col, _) = hint(src, 3, 7).unwrap();
        assert_eq!((line, col), (2, 15));
    }

    #[test]
    fn nothing_to_say_about_other_errors() {
        assert_eq!(hint("a: [1, 2\nb: 3\n", 2, 1), None);
        assert_eq!(hint("", 1, 1), None);
    }
}
