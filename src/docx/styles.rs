//! The GB/T 9704-2012 layout (党政机关公文格式) as styles and a page: A4,
//! margins 37/35/28/26 mm, a grid of 22 lines of 28 characters, the title
//! in 2号 方正小标宋简体, the body in 3号 仿宋_GB2312, headings in 黑体 and
//! 楷体_GB2312, page numbers in 4号 宋体. Fonts are named, never embedded.

use std::fmt::Write;

/// The fonts, as GB/T 9704 names them.
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const HEADING1_FONT: &str = "黑体";
pub const HEADING2_FONT: &str = "楷体_GB2312";
pub const NUMBER_FONT: &str = "宋体";

/// Font sizes in half points: 2号 22 pt, 3号 16 pt, 4号 14 pt.
const SIZE_2: u32 = 44;
const SIZE_3: u32 = 32;
const SIZE_4: u32 = 28;

/// Millimetres in twips (1/1440 inch), rounded.
pub const fn twips(mm: u32) -> u32 {
    (mm * 14400 + 127) / 254
}

/// A4, and the margins of the standard.
pub const PAGE: (u32, u32) = (twips(210), twips(297));
pub const MARGINS: Margins = Margins { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) };

pub struct Margins {
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
}

/// The width of the text: 156 mm.
#[cfg(test)]
pub const TEXT_WIDTH: u32 = PAGE.0 - MARGINS.left - MARGINS.right;

/// 22 lines in the 225 mm of text: a line every 28.95 pt (579 twips).
const LINE_PITCH: u32 = (PAGE.1 - MARGINS.top - MARGINS.bottom) / 22;

/// 28 characters in 156 mm: 3号 (16 pt) characters set 0.3 pt closer
/// (15.7 pt each, in twentieths of a point), as offices set their
/// templates. A character grid would do it in Word, but LibreOffice gives
/// each character two of its cells where the character is wider than the
/// cell, halving the line.
const CHAR_SPACING: i32 = -6;

/// The page number's line: its top 7 mm below the text, so the footer
/// (measured from the page's foot to the line's foot, 4号 on one line
/// about 6 mm high) is 35 − 7 − 6 = 22 mm.
const FOOTER: u32 = twips(22);
const HEADER: u32 = twips(15);

/// The section's properties: page, margins, grid, and the footers of odd
/// (`odd`, the default) and even pages by their relationship ids.
pub fn section(odd: &str, even: &str) -> String {
    let m = MARGINS;
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{odd}\"/><w:footerReference w:type=\"even\" r:id=\"{even}\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{HEADER}\" w:footer=\"{FOOTER}\" w:gutter=\"0\"/>\
         <w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/>\
         <w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_PITCH}\"/></w:sectPr>",
        PAGE.0, PAGE.1, m.top, m.right, m.bottom, m.left
    )
}

/// `word/styles.xml`.
pub fn styles_xml() -> String {
    let mut out = String::from(super::package::XML_HEAD);
    out.push_str("<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"{SIZE_3}\"/><w:szCs w:val=\"{SIZE_3}\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(BODY_FONT)
    );
    let body_ppr = format!(
        "<w:jc w:val=\"both\"/><w:spacing w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
    );
    let flush = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    let table_ppr = "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>";
    let s = &mut out;
    // The size is the Normal style's own too: LibreOffice takes the grid's
    // character pitch from it.
    let size_3 = format!("<w:spacing w:val=\"{CHAR_SPACING}\"/><w:sz w:val=\"{SIZE_3}\"/><w:szCs w:val=\"{SIZE_3}\"/>");
    paragraph(s, "Normal", "Normal", None, &body_ppr, &format!("{}{size_3}", fonts(BODY_FONT)), true);
    let title_ppr = format!(
        "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/><w:spacing w:line=\"700\" w:lineRule=\"exact\"/>{flush}"
    );
    let title_rpr = format!("{}<w:sz w:val=\"{SIZE_2}\"/><w:szCs w:val=\"{SIZE_2}\"/>", fonts(TITLE_FONT));
    paragraph(s, "Title", "Title", Some("Normal"), &title_ppr, &title_rpr, false);
    let (h1, h2) = (format!("{}{size_3}", fonts(HEADING1_FONT)), format!("{}{size_3}", fonts(HEADING2_FONT)));
    paragraph(s, "Heading1", "heading 1", Some("Normal"), "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", &h1, false);
    paragraph(s, "Heading2", "heading 2", Some("Normal"), "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", &h2, false);
    let left = format!("<w:jc w:val=\"left\"/>{flush}");
    paragraph(s, "Marking", "版头标记", Some("Normal"), &left, &h1, false);
    paragraph(s, "Addressee", "主送机关", Some("Normal"), &left, "", false);
    let signature =
        "<w:jc w:val=\"right\"/><w:ind w:rightChars=\"200\" w:right=\"640\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    paragraph(s, "Signature", "落款", Some("Normal"), signature, "", false);
    let caption = format!("<w:keepNext/><w:jc w:val=\"center\"/>{flush}");
    let size_4 = format!("<w:sz w:val=\"{SIZE_4}\"/><w:szCs w:val=\"{SIZE_4}\"/>");
    paragraph(s, "Caption", "表题", Some("Normal"), &caption, &format!("{}{size_4}", fonts(HEADING1_FONT)), false);
    paragraph(s, "TableText", "表格文字", None, table_ppr, &format!("{}{size_4}", fonts(BODY_FONT)), false);
    paragraph(s, "TableHead", "表格标题行", Some("TableText"), "", &fonts(HEADING1_FONT), false);
    let footer_ppr = "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>";
    paragraph(s, "Footer", "footer", None, footer_ppr, &format!("{}{size_4}", fonts(NUMBER_FONT)), false);
    s.push_str(
        "<w:style w:type=\"character\" w:styleId=\"Blank\"><w:name w:val=\"待填写\"/><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr></w:style>",
    );
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"ReportTable\"><w:name w:val=\"考评表格\"/><w:tblPr>\
         <w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>\
         <w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr></w:style>",
    );
    out.push_str("</w:styles>");
    out
}

/// One font for every script of a run (Latin, East Asian, complex).
fn fonts(name: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{name}\" w:eastAsia=\"{name}\" w:hAnsi=\"{name}\" w:cs=\"{name}\" w:hint=\"eastAsia\"/>"
    )
}

fn paragraph(out: &mut String, id: &str, name: &str, based: Option<&str>, ppr: &str, rpr: &str, default: bool) {
    let default = if default { " w:default=\"1\"" } else { "" };
    let _ = write!(out, "<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>");
    if let Some(b) = based {
        let _ = write!(out, "<w:basedOn w:val=\"{b}\"/>");
    }
    let _ = write!(out, "<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>");
}

/// `word/fontTable.xml`: each font with the character set and family a
/// machine without it substitutes by, and the name of the font Windows
/// ships that stands in (仿宋_GB2312 → 仿宋).
pub fn font_table_xml() -> String {
    let mut out = String::from(super::package::XML_HEAD);
    out.push_str("<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    let fonts = [
        (BODY_FONT, Some("仿宋"), "modern", "fixed"),
        (TITLE_FONT, Some("宋体"), "auto", "variable"),
        (HEADING1_FONT, Some("SimHei"), "modern", "fixed"),
        (HEADING2_FONT, Some("楷体"), "modern", "fixed"),
        (NUMBER_FONT, Some("SimSun"), "auto", "variable"),
    ];
    for (name, alt, family, pitch) in fonts {
        let _ = write!(out, "<w:font w:name=\"{name}\">");
        if let Some(alt) = alt {
            let _ = write!(out, "<w:altName w:val=\"{alt}\"/>");
        }
        let _ =
            write!(out, "<w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>");
    }
    out.push_str("</w:fonts>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_a4_with_the_standards_margins_and_grid() {
        assert_eq!(PAGE, (11906, 16838));
        assert_eq!((MARGINS.top, MARGINS.bottom, MARGINS.left, MARGINS.right), (2098, 1984, 1587, 1474));
        // 156 mm by 225 mm of text: 22 lines of 28 characters.
        assert_eq!(TEXT_WIDTH, 8845);
        assert_eq!(LINE_PITCH, 579);
        assert!(LINE_PITCH * 22 <= PAGE.1 - MARGINS.top - MARGINS.bottom);
        // 28 characters fit a line, 29 do not (in twentieths of a point).
        let pitch = (16 * 20 + CHAR_SPACING) as u32;
        assert!(28 * pitch <= TEXT_WIDTH && 29 * pitch > TEXT_WIDTH, "{pitch}");
    }

    #[test]
    fn the_styles_name_the_fonts() {
        let xml = styles_xml();
        for font in [TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT, NUMBER_FONT] {
            assert!(xml.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
        }
        assert!(!xml.contains("embed"));
    }
}
