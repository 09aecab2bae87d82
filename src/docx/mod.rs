//! `report.docx`: the office's written report of the year's 考核成绩 (§15),
//! an editable document in the GB/T 9704-2012 layout, from the same
//! results as the site: the opening, the ranking table, each city's lost
//! points, who reported late, the 落款. Above [`IN_BODY`] cities the lost
//! points go to an annex of their own, `report-annex.docx`. Pure: content
//! and results in, bytes out; the same content gives the same bytes.
//!
//! Written as WordprocessingML by hand (see docs/decisions.md: docx-rs
//! cannot repeat a table's head row on each page, nor name the fonts that
//! stand in for the GB2312 fonts).

mod losses;
pub mod package;
mod report;
mod styles;
#[cfg(test)]
mod tests;
pub mod xml;

use crate::content::Content;
use crate::content::read::Date;
use crate::diag::Diagnostic;
use crate::scoring::Results;

pub use styles::{BODY_FONT, HEADING1_FONT, HEADING2_FONT, NUMBER_FONT, TITLE_FONT};

/// The report's file in the site.
pub const NAME: &str = "report.docx";
/// The annex of each city's lost points, for a year of many cities.
pub const ANNEX: &str = "report-annex.docx";
/// Up to this many cities each city's lost points are in the report
/// itself (about 25 pages for 50); above, in the annex.
pub const IN_BODY: usize = 50;

/// Whether the year's lost points go to [`ANNEX`].
pub fn has_annex(results: &Results) -> bool {
    results.cities.len() > IN_BODY
}

/// `report.docx`'s bytes. `fingerprint` is the data fingerprint the
/// site's pages show, printed in the note at its end.
pub fn report(content: &Content, results: &Results, fingerprint: &str) -> Result<Vec<u8>, Diagnostic> {
    let title = report::title(content);
    let body = report::body(content, results, fingerprint, has_annex(results));
    package::zip(NAME, package::Document::whole(&title, date(content), body))
}

/// `report-annex.docx`'s bytes: every city's lost points.
pub fn annex(content: &Content, results: &Results, fingerprint: &str) -> Result<Vec<u8>, Diagnostic> {
    let title = losses::ANNEX_TITLE;
    let body = Box::new(losses::annex(content, results, fingerprint));
    package::zip(ANNEX, package::Document { title, date: date(content), body })
}

/// The date the document's properties carry: the report's own, else the
/// inspection deadline.
fn date(content: &Content) -> Date {
    content.site.report.date.unwrap_or(content.site.deadlines.inspection)
}

/// A date as official documents write it: 2014年2月24日 (GB/T 9704:
/// Arabic numerals, no leading zeros).
fn chinese_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}
