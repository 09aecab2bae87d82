//! One cell's value as kaoping reads it. A number is read as the decimal
//! it shows: the shortest text that gives back the same double (Rust's
//! `Display` for `f64`), parsed exactly; never arithmetic on floats. So a
//! double 0.1 is 0.1, and 1.234 is refused (more than 2 decimals). Dates are
//! read as text (2014-01-08, 2014/1/8, 2014年1月8日) or as Excel dates.
//! Full-width digits, minus and decimal point read as the number they
//! show. An empty cell is never a value: readers return [`Answer::Blank`]
//! or `None`, and the caller decides whether that is an error.

use super::layout::{Choice, Kind};
use crate::content::dates::{DateError, read_date};
use crate::content::values::Date;
use crate::decimal::{Dec, DecError};
use calamine::Data;

/// What a decision cell holds: nothing, an explicit "no", or a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    Blank,
    No,
    Yes(T),
}

/// Full-width digits, signs and the decimal point as their ASCII forms.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '−' | '﹣' => '-',
            '＋' => '+',
            '／' => '/',
            other => other,
        })
        .collect()
}

/// The catalog message for a cell that holds the wrong thing.
pub fn decimal(d: &Data) -> Result<Option<Dec>, String> {
    let text = match d {
        Data::Empty => return Ok(None),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() => f.to_string(),
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::String(s) => half_width(s.trim()).replace(['，', ','], ""),
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

fn is_no(t: &str) -> bool {
    matches!(t, "否" | "N" | "n" | "no" | "No" | "NO" | "FALSE" | "false" | "×" | "无" | "没有")
}

/// 是 / 否; an empty cell is [`Answer::Blank`], anything else an error.
pub fn yes_no(d: &Data) -> Result<Answer<()>, String> {
    match text(d).as_deref() {
        None => Ok(Answer::Blank),
        Some("是" | "Y" | "y" | "yes" | "Yes" | "YES" | "TRUE" | "true" | "√") => Ok(Answer::Yes(())),
        Some(t) if is_no(t) => Ok(Answer::No),
        Some(other) => Err(crate::t!("import.yes_no", value = other)),
    }
}

/// A range rule's amount: a number, or 0 / 否 for "no such case".
pub fn amount(d: &Data) -> Result<Answer<Dec>, String> {
    if text(d).as_deref().is_some_and(is_no) {
        return Ok(Answer::No);
    }
    Ok(match decimal(d)? {
        None => Answer::Blank,
        Some(v) if v == Dec::ZERO => Answer::No,
        Some(v) => Answer::Yes(v),
    })
}

/// A per-count rule's count: a whole number, or 0 / 否.
pub fn count(d: &Data) -> Result<Answer<u64>, String> {
    if text(d).as_deref().is_some_and(is_no) {
        return Ok(Answer::No);
    }
    Ok(match whole(d)? {
        None => Answer::Blank,
        Some(0) => Answer::No,
        Some(n) => Answer::Yes(n),
    })
}

/// An award item's score, or the words for "not assessed" (`no`).
pub fn score(d: &Data, no: &str) -> Result<Answer<Dec>, String> {
    match text(d) {
        Some(t) if t == no || t == "未评" || t == "未自评" || t == "未检查" => Ok(Answer::No),
        _ => Ok(decimal(d)?.map_or(Answer::Blank, Answer::Yes)),
    }
}

/// An item's decision cell: one of the three choices for `kind` (their
/// short forms 不扣分 and 有扣分 too).
pub fn choice(d: &Data, kind: Kind) -> Result<Option<Choice>, String> {
    let Some(t) = text(d) else { return Ok(None) };
    let t: String = t.chars().map(|c| if c == ',' { '，' } else { c }).filter(|c| !c.is_whitespace()).collect();
    if let Some(c) = Choice::ALL.iter().find(|c| c.words(kind) == t) {
        return Ok(Some(*c));
    }
    match t.as_str() {
        "不扣分" => Ok(Some(Choice::NoDeduction)),
        "有扣分" => Ok(Some(Choice::Deductions)),
        "未评" | "未自评" | "未检查" => Ok(Some(Choice::NotAssessed)),
        _ => {
            let words: Vec<&str> = Choice::ALL.iter().map(|c| c.words(kind)).collect();
            Err(crate::t!("import.choice", value = t, choices = quoted(&words)))
        }
    }
}

/// Words each in Chinese quotes, joined by 、: “A”、“B”.
pub fn quoted(words: &[&str]) -> String {
    words.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join("、")
}

/// An example date in the content's own year, for messages and hints.
pub fn example_date(year: u16) -> String {
    format!("{}-01-08", year.saturating_add(1))
}

/// A date typed as text or stored as an Excel date (1900 system).
pub fn date(d: &Data, example: &str) -> Result<Option<Date>, String> {
    let serial = match d {
        Data::Empty => return Ok(None),
        Data::DateTime(dt) => Some(dt.as_f64()),
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    if let Some(s) = serial {
        return from_serial(s).map(Some).ok_or_else(|| crate::t!("import.date", value = s, example = example));
    }
    let raw = half_width(&text(d).unwrap_or_default());
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
    match read_date(&normal) {
        Ok(d) => Ok(Some(d)),
        Err(DateError::NoSuchDay) => Err(no_such_day(parts.as_slice(), example)),
        Err(DateError::Form) => Err(crate::t!("import.date", value = raw, example = example)),
    }
}

/// `2026年2月没有30日`, `没有13月`.
fn no_such_day(parts: &[&str], example: &str) -> String {
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts {
        [y, m, d] if (1..=12).contains(&n(m)) => crate::t!("import.no_such_day", year = n(y), month = n(m), day = n(d)),
        [_, m, _] => crate::t!("import.no_such_month", month = n(m)),
        _ => crate::t!("import.date", value = parts.join("-"), example = example),
    }
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
        assert_eq!(date(&Data::String("2014-01-08".into()), "2014-01-08"), Ok(Some(d)));
        assert_eq!(date(&Data::String("2014/1/8".into()), "2014-01-08"), Ok(Some(d)));
        assert_eq!(date(&Data::String("2014年1月8日".into()), "2014-01-08"), Ok(Some(d)));
        assert_eq!(date(&Data::Float(41647.0), "2014-01-08"), Ok(Some(d)));
        assert_eq!(date(&Data::DateTimeIso("2014-01-08T00:00:00".into()), "2014-01-08"), Ok(Some(d)));
        assert!(date(&Data::String("明天".into()), "2014-01-08").is_err());
        assert_eq!(from_serial(61.0), Some(Date { year: 1900, month: 3, day: 1 }));
    }

    #[test]
    fn full_width_numbers_and_impossible_dates() {
        assert_eq!(decimal(&Data::String("１．５".into())), Ok(Some(dec("1.5"))));
        assert_eq!(decimal(&Data::String("－２".into())), Ok(Some(dec("-2"))));
        assert_eq!(whole(&Data::String("１２００".into())), Ok(Some(1200)));
        assert_eq!(
            date(&Data::String("２０１４年１月８日".into()), "x"),
            Ok(Some(Date { year: 2014, month: 1, day: 8 }))
        );
        assert_eq!(
            date(&Data::String("2026年2月30日".into()), "x"),
            Err("2/2026 has no day 30; check the date".into())
        );
        assert_eq!(date(&Data::String("2026-13-01".into()), "x"), Err("there is no month 13; check the date".into()));
    }

    #[test]
    fn a_blank_is_no_answer() {
        assert_eq!(yes_no(&Data::Empty), Ok(Answer::Blank));
        assert_eq!(yes_no(&Data::String("否".into())), Ok(Answer::No));
        assert_eq!(amount(&Data::Empty), Ok(Answer::Blank));
        assert_eq!(amount(&Data::Float(0.0)), Ok(Answer::No));
        assert_eq!(amount(&Data::String("否".into())), Ok(Answer::No));
        assert_eq!(count(&Data::Int(0)), Ok(Answer::No));
        assert_eq!(count(&Data::Int(2)), Ok(Answer::Yes(2)));
        assert_eq!(choice(&Data::Empty, Kind::City), Ok(None));
        assert_eq!(choice(&Data::String("已检查,不扣分".into()), Kind::Unit), Ok(Some(Choice::NoDeduction)));
        assert_eq!(score(&Data::String("未检查".into()), "未检查"), Ok(Answer::No));
        assert_eq!(score(&Data::Empty, "未检查"), Ok(Answer::Blank));
    }
}
