//! What every workbook kaoping writes shares: column widths that fit
//! Chinese text, the marking in the page header, A4 print setup, document
//! properties dated from the content (never the clock), and decimals
//! written as numbers.

use crate::content::Content;
use crate::decimal::Dec;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// A4 in Excel's paper codes.
const A4: u8 = 9;

/// The display width of a text in Excel's character units: a CJK or other
/// wide character counts two, the widest line counts.
pub fn text_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()).max().unwrap_or(0)
}

/// Tracks the widest text of each column and sets the widths at the end,
/// between `min` and `max` characters.
pub struct Widths(Vec<usize>);

impl Widths {
    pub fn new(columns: usize) -> Widths {
        Widths(vec![0; columns])
    }

    pub fn see(&mut self, col: u16, text: &str) {
        if let Some(w) = self.0.get_mut(usize::from(col)) {
            *w = (*w).max(text_width(text));
        }
    }

    pub fn apply(&self, sheet: &mut Worksheet, min: usize, max: usize) -> Result<(), XlsError> {
        for (col, w) in self.0.iter().enumerate() {
            let width = (*w + 2).clamp(min, max);
            sheet.set_column_width(col as u16, width as f64)?;
        }
        Ok(())
    }
}

type XlsError = XlsxError;

/// A4 print, the marking (if any) centred in the page header and the page
/// number in the footer; `landscape` for wide tables; `repeat` header rows
/// (first, last) on every page; one page wide.
pub fn print_setup(
    sheet: &mut Worksheet,
    marking: Option<&str>,
    landscape: bool,
    repeat: (u32, u32),
) -> Result<(), XlsError> {
    sheet.set_paper_size(A4);
    if landscape {
        sheet.set_landscape();
    }
    if let Some(m) = marking {
        // `&` starts a control code in Excel's header language.
        let text: String = m.replace('&', "&&").chars().take(200).collect();
        sheet.set_header(format!("&C{text}"));
    }
    sheet.set_footer("&C&P / &N");
    sheet.set_repeat_rows(repeat.0, repeat.1)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Title, company and the creation date taken from the content (the
/// inspection deadline), so that two runs give identical bytes.
pub fn properties(workbook: &mut Workbook, content: &Content, title: &str) -> Result<(), XlsError> {
    let d = content.site.deadlines.inspection;
    let date = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
    let props = DocProperties::new().set_title(title).set_author("kaoping").set_creation_datetime(&date);
    workbook.set_properties(&props);
    Ok(())
}

/// A decimal as the number Excel stores: the double nearest to its exact
/// value, so that Excel shows it as written.
pub fn number(d: Dec) -> f64 {
    d.to_f64()
}

/// An error of the xlsx writer as kaoping's message (it only fails on
/// limits: a text longer than a cell holds, a sheet too large).
pub fn fail(path: &str, e: &XlsError) -> crate::diag::Diagnostic {
    let message = match e {
        // results.xlsx streams its rows through a temporary file.
        XlsError::TempFileError(dir, why) => {
            crate::t!("xlsx.temp_failed", dir = dir.display(), error = crate::i18n::io_error(why))
        }
        _ => {
            let words = || match e {
                XlsError::IoError(io) => crate::i18n::io_error(io),
                XlsError::MaxStringLengthExceeded => crate::t!("xlsx.why-text-too-long"),
                XlsError::RowColumnLimitError => crate::t!("xlsx.why-too-many-rows"),
                _ => crate::t!("xlsx.why-other"),
            };
            crate::t!("xlsx.write_failed", error = crate::i18n::library(words, e))
        }
    };
    crate::diag::Diagnostic::error(path, None, message)
}

/// The cell formats of a form: input cells (unlocked, pale yellow), locked
/// text, grey cells that take nothing, and headings.
pub struct Formats {
    pub input: Format,
    pub input_num: Format,
    pub locked: Format,
    pub grey: Format,
    pub bold: Format,
}

pub fn formats() -> Formats {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let input = wrap.clone().set_unlocked().set_background_color(Color::RGB(0xFFF9E5));
    Formats {
        input_num: input.clone().set_num_format("General"),
        input,
        locked: wrap.clone(),
        grey: wrap.clone().set_background_color(Color::RGB(0xEEEEEE)),
        bold: Format::new().set_bold().set_text_wrap().set_border(FormatBorder::Thin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(text_width("济南市"), 6);
        assert_eq!(text_width("ab\n济南"), 4);
        assert_eq!(text_width(""), 0);
    }

    #[test]
    fn numbers_are_the_nearest_double() {
        assert_eq!(number(Dec::parse("0.1").unwrap()), 0.1);
        assert_eq!(number(Dec::parse("93.5").unwrap()), 93.5);
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_the_double_of_their_text(h in -99_999_999_999_999i64..=99_999_999_999_999) {
            let d = Dec::from_hundredths(h);
            proptest::prop_assert_eq!(number(d), d.to_string().parse::<f64>().unwrap());
        }
    }
}
