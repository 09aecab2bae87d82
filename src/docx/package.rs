//! The .docx package: its parts (document, styles, settings, fonts, the
//! odd and even page footers, properties) zipped with fixed timestamps in
//! name order, so that the same content gives the same bytes on every
//! system (the host and permissions set, not taken from the build's).

use crate::content::read::Date;
use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use std::io::Write;

pub const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// What a document is made of besides its body.
pub struct Document<'a> {
    /// `dc:title` of the properties.
    pub title: &'a str,
    /// The date the properties give (from the content: never the clock).
    pub date: Date,
    /// The paragraphs and tables of `w:body`, in pieces made one by one
    /// as the part is zipped: an annex of 3,000 cities (60 MB of XML) is
    /// never held whole (issue 26).
    pub body: Box<dyn Iterator<Item = String> + 'a>,
}

impl<'a> Document<'a> {
    /// A document whose body is made at once.
    pub fn whole(title: &'a str, date: Date, body: String) -> Document<'a> {
        Document { title, date, body: Box::new(std::iter::once(body)) }
    }
}

/// The part the body goes into.
const DOCUMENT: &str = "word/document.xml";

/// The package's bytes; `path` names the file in a message should the
/// zip writer fail.
pub fn zip(path: &str, doc: Document) -> Result<Vec<u8>, Diagnostic> {
    let parts = parts(&doc);
    let fail = |e: zip::result::ZipError| fail(path, &e);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = options();
    let mut body = Some(doc.body);
    for (name, text) in &parts {
        w.start_file(*name, options).map_err(fail)?;
        w.write_all(text.as_bytes()).map_err(|e| fail(e.into()))?;
        if *name == DOCUMENT {
            for piece in body.take().into_iter().flatten() {
                w.write_all(piece.as_bytes()).map_err(|e| fail(e.into()))?;
            }
            let tail = format!("{}</w:body></w:document>", super::styles::section("rId4", "rId5"));
            w.write_all(tail.as_bytes()).map_err(|e| fail(e.into()))?;
        }
    }
    Ok(w.finish().map_err(fail)?.into_inner())
}

/// The deflate level: 3, as results.xlsx's (faster than the default 6 for
/// a few per cent more bytes; issue 26).
const LEVEL: i64 = 3;

/// How each part is zipped: deflated, at fixed times, the same on every
/// system (the workbench's forms.zip is zipped so too).
pub fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        // The host named in the central directory: Unix on every system
        // (the zip crate would say DOS in a Windows build; issue 24).
        .system(zip::System::Unix)
}

/// An error of the zip writer as kaoping's message (writing into memory,
/// it fails only where memory does).
pub fn fail(path: &str, e: &zip::result::ZipError) -> Diagnostic {
    let words = || match e {
        zip::result::ZipError::Io(io) => crate::i18n::io_error(io),
        _ => crate::t!("io.other"),
    };
    Diagnostic::error(path, None, crate::t!("docx.write-failed", error = crate::i18n::library(words, e)))
}

/// Every part by its name in the package.
fn parts(doc: &Document) -> BTreeMap<&'static str, String> {
    let mut parts = BTreeMap::new();
    parts.insert("[Content_Types].xml", content_types());
    parts.insert(
        "_rels/.rels",
        rels(&[
            ("rId1", &format!("{REL}/officeDocument"), "word/document.xml"),
            ("rId2", &format!("{PKG}/metadata/core-properties"), "docProps/core.xml"),
            ("rId3", &format!("{REL}/extended-properties"), "docProps/app.xml"),
        ]),
    );
    parts.insert(
        "word/_rels/document.xml.rels",
        rels(&[
            ("rId1", &format!("{REL}/styles"), "styles.xml"),
            ("rId2", &format!("{REL}/settings"), "settings.xml"),
            ("rId3", &format!("{REL}/fontTable"), "fontTable.xml"),
            ("rId4", &format!("{REL}/footer"), "footer1.xml"),
            ("rId5", &format!("{REL}/footer"), "footer2.xml"),
        ]),
    );
    // The document's head; its body and the end follow as they are made.
    parts.insert(DOCUMENT, format!("{XML_HEAD}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"));
    parts.insert("word/styles.xml", super::styles::styles_xml());
    parts.insert("word/fontTable.xml", super::styles::font_table_xml());
    parts.insert("word/settings.xml", settings());
    parts.insert("word/footer1.xml", footer(true));
    parts.insert("word/footer2.xml", footer(false));
    parts.insert("docProps/core.xml", core(doc));
    parts.insert("docProps/app.xml", app());
    parts
}

fn content_types() -> String {
    let doc = "application/vnd.openxmlformats-officedocument";
    let ml = format!("{doc}.wordprocessingml");
    let overrides = [
        ("/word/document.xml", format!("{ml}.document.main+xml")),
        ("/word/styles.xml", format!("{ml}.styles+xml")),
        ("/word/settings.xml", format!("{ml}.settings+xml")),
        ("/word/fontTable.xml", format!("{ml}.fontTable+xml")),
        ("/word/footer1.xml", format!("{ml}.footer+xml")),
        ("/word/footer2.xml", format!("{ml}.footer+xml")),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".to_string()),
        ("/docProps/app.xml", format!("{doc}.extended-properties+xml")),
    ];
    let mut out = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    );
    for (part, kind) in overrides {
        out.push_str(&format!("<Override PartName=\"{part}\" ContentType=\"{kind}\"/>"));
    }
    out.push_str("</Types>");
    out
}

fn rels(list: &[(&str, &str, &str)]) -> String {
    let mut out = format!("{XML_HEAD}<Relationships xmlns=\"{PKG}\">");
    for (id, kind, target) in list {
        out.push_str(&format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"));
    }
    out.push_str("</Relationships>");
    out
}

/// Odd and even pages have their own footers; punctuation is compressed
/// as Chinese documents set it.
fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>"
    )
}

/// The page number as GB/T 9704 sets it: `— 1 —` in 4号 宋体, one
/// character in from the right on odd pages, from the left on even ones.
fn footer(odd: bool) -> String {
    let (jc, ind) = if odd { ("right", "w:right=\"280\"") } else { ("left", "w:left=\"280\"") };
    let field = |kind: &str| format!("<w:r><w:fldChar w:fldCharType=\"{kind}\"/></w:r>");
    format!(
        "{XML_HEAD}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"{jc}\"/><w:ind {ind}/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">— </w:t></w:r>{}<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>{}\
         <w:r><w:t>1</w:t></w:r>{}<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>",
        field("begin"),
        field("separate"),
        field("end")
    )
}

fn core(doc: &Document) -> String {
    let d = doc.date;
    let when = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>kaoping</dc:creator>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified></cp:coreProperties>",
        super::xml::escape(doc.title)
    )
}

fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>kaoping</Application></Properties>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document<'static> {
        Document::whole("关于<考评>的报告", Date { year: 2014, month: 2, day: 24 }, "<w:p/>".into())
    }

    #[test]
    fn the_same_document_gives_the_same_bytes_with_parts_in_name_order() {
        let a = zip("report.docx", doc()).unwrap();
        assert_eq!(a, zip("report.docx", doc()).unwrap());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names[0], "[Content_Types].xml");
        let entry = archive.by_name("docProps/core.xml").unwrap();
        assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
    }

    #[test]
    fn a_body_made_in_pieces_gives_the_bytes_of_the_body_made_whole() {
        let pieces: Vec<String> = (0..2000).map(|i| format!("<w:p><w:r><w:t>第{i}段</w:t></w:r></w:p>")).collect();
        let date = Date { year: 2014, month: 2, day: 24 };
        let whole = zip("a.docx", Document::whole("t", date, pieces.concat())).unwrap();
        let body = Box::new(pieces.into_iter());
        assert_eq!(zip("a.docx", Document { title: "t", date, body }).unwrap(), whole);
    }

    #[test]
    fn every_entry_says_unix_0644_whatever_the_build() {
        // What a Windows build would otherwise write: host DOS (0).
        let a = zip("report.docx", doc()).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        for i in 0..archive.len() {
            let e = archive.by_index_raw(i).unwrap();
            assert_eq!((e.system(), e.unix_mode()), (zip::System::Unix, Some(0o100_644)), "{:?}", e.name());
        }
    }

    #[test]
    fn properties_are_dated_from_the_content_and_escaped() {
        let core = core(&doc());
        assert!(core.contains("<dc:title>关于&lt;考评&gt;的报告</dc:title>"), "{core}");
        assert!(core.contains(">2014-02-24T00:00:00Z</dcterms:created>"));
    }

    #[test]
    fn odd_pages_number_at_the_right_even_ones_at_the_left() {
        assert!(footer(true).contains("<w:jc w:val=\"right\"/><w:ind w:right=\"280\"/>"));
        assert!(footer(false).contains("<w:jc w:val=\"left\"/><w:ind w:left=\"280\"/>"));
        assert!(footer(true).contains("— </w:t>") && footer(true).contains(" PAGE "));
    }

    #[test]
    fn a_zip_error_is_told_with_the_file() {
        let d = fail("out/report.docx", &zip::result::ZipError::FileNotFound);
        assert_eq!(
            d.to_string(),
            "error: out/report.docx: cannot make the document: specified file not found in archive"
        );
    }
}
