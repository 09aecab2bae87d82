//! Dates as clerks write them: `2025-01-08`, and the Chinese forms
//! `2025年1月8日`, `2025/1/8`, `2025.1.8` (also `2025-1-8`). Every accepted
//! form puts a four-digit year first, then the month, then the day, so
//! none of them can be read two ways; the numbers are read exactly, and a
//! date that does not exist on the calendar (`2025-02-30`) is told apart
//! from one that is badly written.

/// A calendar date, `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date in any form [`read_date`] accepts.
pub fn parse_date(text: &str) -> Option<Date> {
    read_date(text).ok()
}

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not written as a date at all.
    Form,
    /// Written as a date, but the calendar has no such day (or month).
    NoSuchDay,
}

/// Reads a date in one of the accepted forms.
pub fn read_date(text: &str) -> Result<Date, DateError> {
    let (y, m, d) = split(text).ok_or(DateError::Form)?;
    let year: u16 = y.parse().map_err(|_| DateError::Form)?;
    let month: u8 = m.parse().map_err(|_| DateError::Form)?;
    let day: u8 = d.parse().map_err(|_| DateError::Form)?;
    if year < 1900 {
        return Err(DateError::Form);
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(DateError::NoSuchDay),
    };
    if (1..=days).contains(&day) { Ok(Date { year, month, day }) } else { Err(DateError::NoSuchDay) }
}

/// The year, month and day digits of `text`: four digits, then one or two,
/// then one or two, separated by `-`, `/` or `.` (the same twice), or
/// written `年`, `月`, `日`.
fn split(text: &str) -> Option<(&str, &str, &str)> {
    let digits = |s: &str, lo: usize, hi: usize| {
        (s.len() >= lo && s.len() <= hi && s.bytes().all(|b| b.is_ascii_digit())).then_some(())
    };
    let (y, m, d) = if let Some(rest) = text.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        (y, m, d)
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| text.contains(*c))?;
        let mut parts = text.split(sep);
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    digits(y, 4, 4)?;
    digits(m, 1, 2)?;
    digits(d, 1, 2)?;
    Some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Result<String, DateError> {
        read_date(text).map(|d| d.to_string())
    }

    #[test]
    fn reads_the_forms_clerks_write_exactly() {
        for text in ["2025-01-08", "2025年1月8日", "2025年01月08日", "2025/1/8", "2025.1.8", "2025-1-8"] {
            assert_eq!(shown(text), Ok("2025-01-08".into()), "{text}");
        }
        assert_eq!(shown("2024年12月31日"), Ok("2024-12-31".into()));
        assert_eq!(shown("2016-02-29"), Ok("2016-02-29".into()));
    }

    #[test]
    fn tells_a_missing_day_from_a_bad_form() {
        for text in ["2025-02-30", "2014-02-29", "2014-13-01", "2025年4月31日", "2025/2/30", "2014-01-32", "2014-00-10"]
        {
            assert_eq!(read_date(text), Err(DateError::NoSuchDay), "{text}");
        }
        for text in [
            "14-01-10",
            "2014/01-10",
            "2014-01-10-1",
            "1月8日",
            "2025年1月8",
            "20250108",
            "",
            "0999-01-01",
            "2025-001-08",
        ] {
            assert_eq!(read_date(text), Err(DateError::Form), "{text}");
        }
    }
}
