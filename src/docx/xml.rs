//! The WordprocessingML a report is made of, written as text: paragraphs
//! of runs, tables with a repeated head row, and the escaping that keeps
//! any content text well-formed XML.

use std::fmt::Write;

/// `text` escaped for XML, without the characters XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE/U+FFFF).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A piece of text of one look.
#[derive(Clone, Debug)]
pub struct Run {
    pub text: String,
    /// A part the office must fill in: highlighted (character style `Blank`).
    pub blank: bool,
}

/// Plain text.
pub fn run(text: impl Into<String>) -> Run {
    Run { text: text.into(), blank: false }
}

/// A marked blank: `〔请填写…〕`, highlighted.
pub fn blank(what: &str) -> Run {
    Run { text: format!("〔请填写{what}〕"), blank: true }
}

/// How a paragraph sits apart from its style.
#[derive(Clone, Copy, Debug, Default)]
pub struct Look {
    /// Kept on the page of the next paragraph (a heading, a caption).
    pub keep_next: bool,
    /// Starts a new page.
    pub page_break: bool,
}

/// Appends a paragraph of style `style` holding `runs` to `out`. Line
/// breaks in a run's text become `<w:br/>`.
pub fn paragraph(out: &mut String, style: &str, look: Look, runs: &[Run]) {
    out.push_str("<w:p><w:pPr>");
    let _ = write!(out, "<w:pStyle w:val=\"{style}\"/>");
    if look.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if look.page_break {
        out.push_str("<w:pageBreakBefore/>");
    }
    out.push_str("</w:pPr>");
    for r in runs {
        push_run(out, r);
    }
    out.push_str("</w:p>");
}

/// A paragraph of one plain run.
pub fn text(out: &mut String, style: &str, text: &str) {
    paragraph(out, style, Look::default(), &[run(text)]);
}

fn push_run(out: &mut String, r: &Run) {
    out.push_str("<w:r>");
    if r.blank {
        out.push_str("<w:rPr><w:rStyle w:val=\"Blank\"/><w:highlight w:val=\"yellow\"/></w:rPr>");
    }
    for (n, line) in r.text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(line.trim_end_matches('\r')));
    }
    out.push_str("</w:r>");
}

/// A table column: its width (twips) and whether its cells are centred.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub head: &'static str,
    pub width: u32,
    pub centred: bool,
}

/// A table with a head row repeated on every page it runs over; its rows
/// are never split across pages.
pub struct Table<'a> {
    out: &'a mut String,
    columns: &'a [Column],
}

impl<'a> Table<'a> {
    /// Opens the table in `out` and writes its head row.
    pub fn new(out: &'a mut String, columns: &'a [Column]) -> Table<'a> {
        let total: u32 = columns.iter().map(|c| c.width).sum();
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>\
             <w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        );
        for c in columns {
            let _ = write!(out, "<w:gridCol w:w=\"{}\"/>", c.width);
        }
        out.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for c in columns {
            cell(out, c.width, "TableHead", true, c.head);
        }
        out.push_str("</w:tr>");
        Table { out, columns }
    }

    /// One row; `cells` in column order (missing ones are empty).
    pub fn row(&mut self, cells: &[&str]) {
        self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (n, c) in self.columns.iter().enumerate() {
            cell(self.out, c.width, "TableText", c.centred, cells.get(n).copied().unwrap_or(""));
        }
        self.out.push_str("</w:tr>");
    }

    /// Closes the table.
    pub fn finish(self) {
        self.out.push_str("</w:tbl>");
    }
}

fn cell(out: &mut String, width: u32, style: &str, centred: bool, text: &str) {
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>");
    out.push_str("<w:p><w:pPr>");
    let _ = write!(out, "<w:pStyle w:val=\"{style}\"/>");
    if !centred {
        out.push_str("<w:jc w:val=\"left\"/>");
    }
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        push_run(out, &run(text));
    }
    out.push_str("</w:p></w:tc>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_any_text_well_formed() {
        assert_eq!(escape("a<b>&\"c\"\u{1}\u{7}d\t市"), "a&lt;b&gt;&amp;&quot;c&quot;d\t市");
        assert_eq!(escape("\u{fffe}x\u{ffff}"), "x");
    }

    #[test]
    fn a_paragraph_breaks_lines_and_marks_blanks() {
        let mut out = String::new();
        paragraph(&mut out, "Body", Look { keep_next: true, page_break: false }, &[run("甲\n乙"), blank("成文日期")]);
        assert_eq!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"Body\"/><w:keepNext/></w:pPr>\
             <w:r><w:t xml:space=\"preserve\">甲</w:t><w:br/><w:t xml:space=\"preserve\">乙</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"Blank\"/><w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">〔请填写成文日期〕</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn a_table_repeats_its_head_and_fills_missing_cells() {
        let columns =
            [Column { head: "名次", width: 900, centred: true }, Column { head: "城市", width: 2000, centred: false }];
        let mut out = String::new();
        let mut t = Table::new(&mut out, &columns);
        t.row(&["1"]);
        t.finish();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(out.matches("<w:tr>").count(), 2);
        assert_eq!(out.matches("<w:tc>").count(), 4);
        assert!(out.contains("<w:gridCol w:w=\"900\"/><w:gridCol w:w=\"2000\"/>"));
        assert!(out.ends_with("</w:tbl>"));
    }
}
