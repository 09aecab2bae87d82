//! One cell's value as kaoping reads it. A number is read as the decimal
//! it shows: the shortest text that gives back the same double (Rust's
//! `Display` for `f64`), parsed exactly; never arithmetic on floats. So a
//! double 0.1 is 0.1, and 1.234 is refused (more than 2 decimals). Dates are
//! read as text (2014-01-08, 2014/1/8, 2014年1月8日) or as Excel dates.

use crate::content::values::{Date, parse_date};
use crate::decimal::{Dec, DecError};
use calamine::Data;

/// The catalog message for a cell that holds the wrong thing.
pub fn decimal(d: &Data) -> Result<Option<Dec>, String> {
    let text = match d {
        Data::Empty => return Ok(None),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() => f.to_string(),
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::String(s) => s.trim().replace(['，', ','], ""),
        Data::Error(e) => return Err(crate::t!("import.cell_error", error = e)),
        other => return Err(crate::t!("import.not_number", value = shown(other))),
    };
    match Dec::parse(&text) {
        Ok(v) => Ok(Some(v)),
        Err(DecError::TooManyDecimals) => Err(crate::t!("import.decimals", value = text)),
        Err(DecError::TooLarge) => Err(crate::t!("import.too_large", value = text)),
        Err(DecError::NotANumber) => Err(crate::t!("import.not_number", value = text)),
    }
}

/// A whole number ≥ 0, or nothing.
pub fn whole(d: &Data) -> Result<Option<u64>, String> {
    match decimal(d)? {
        None => Ok(None),
        Some(v) => match v.whole() {
            Some(n) if n >= 0 => Ok(Some(n as u64)),
            _ => Err(crate::t!("import.not_whole", value = v)),
        },
    }
}

/// Text, trimmed; a number as it shows; nothing when empty.
pub fn text(d: &Data) -> Option<String> {
    let s = match d {
        Data::Empty => return None,
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n").trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        other => shown(other),
    };
    (!s.is_empty()).then_some(s)
}

fn shown(d: &Data) -> String {
    match d {
        Data::DateTime(dt) => dt.as_f64().to_string(),
        other => other.to_string(),
    }
}

/// 是 / 否 (also 否 for an empty cell); anything else is an error.
pub fn yes_no(d: &Data) -> Result<bool, String> {
    match text(d).as_deref() {
        Some("是" | "Y" | "y" | "yes" | "Yes" | "YES" | "TRUE" | "true" | "√") => Ok(true),
        None | Some("否" | "N" | "n" | "no" | "No" | "NO" | "FALSE" | "false") => Ok(false),
        Some(other) => Err(crate::t!("import.yes_no", value = other)),
    }
}

/// A date typed as text or stored as an Excel date (1900 system).
pub fn date(d: &Data) -> Result<Option<Date>, String> {
    let serial = match d {
        Data::Empty => return Ok(None),
        Data::DateTime(dt) => Some(dt.as_f64()),
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    if let Some(s) = serial {
        return from_serial(s).map(Some).ok_or_else(|| crate::t!("import.date", value = s));
    }
    let raw = text(d).unwrap_or_default();
    if raw.is_empty() {
        return Ok(None);
    }
    let t = raw.get(..10).filter(|_| raw.len() > 10 && raw.as_bytes()[10] == b'T').unwrap_or(&raw);
    let parts: Vec<&str> =
        t.split(['-', '/', '.', '年', '月', '日']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let normal = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => String::new(),
    };
    parse_date(&normal).map(Some).ok_or_else(|| crate::t!("import.date", value = raw))
}

/// An Excel serial day (1900 system, whole days) as a date.
fn from_serial(serial: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01; Excel's day 25569 is 1970-01-01.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn doubles_read_as_they_show() {
        assert_eq!(decimal(&Data::Float(0.1)), Ok(Some(dec("0.1"))));
        assert_eq!(decimal(&Data::Float(1_200_000.25)), Ok(Some(dec("1200000.25"))));
        assert!(decimal(&Data::Float(2.675)).is_err());
        assert!(decimal(&Data::Float(1.234)).is_err());
        assert!(decimal(&Data::Float(0.30000000000000004)).is_err());
        assert_eq!(decimal(&Data::Int(3)), Ok(Some(dec("3"))));
        assert_eq!(decimal(&Data::String(" 1.5 ".into())), Ok(Some(dec("1.5"))));
        assert_eq!(decimal(&Data::Empty), Ok(None));
        assert!(decimal(&Data::Float(f64::NAN)).is_err());
        assert_eq!(whole(&Data::Float(1_200_000.0)), Ok(Some(1_200_000)));
        assert!(whole(&Data::Float(1.5)).is_err());
    }

    #[test]
    fn dates_as_text_or_serials() {
        let d = Date { year: 2014, month: 1, day: 8 };
        assert_eq!(date(&Data::String("2014-01-08".into())), Ok(Some(d)));
        assert_eq!(date(&Data::String("2014/1/8".into())), Ok(Some(d)));
        assert_eq!(date(&Data::String("2014年1月8日".into())), Ok(Some(d)));
        assert_eq!(date(&Data::Float(41647.0)), Ok(Some(d)));
        assert_eq!(date(&Data::DateTimeIso("2014-01-08T00:00:00".into())), Ok(Some(d)));
        assert!(date(&Data::String("明天".into())).is_err());
        assert_eq!(from_serial(61.0), Some(Date { year: 1900, month: 3, day: 1 }));
    }
}
