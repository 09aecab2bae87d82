//! Exact decimal numbers for scores: a count of hundredths in an `i64`.
//!
//! Every number in the content has at most two decimal places, and every
//! result is rounded half up to two places where the method asks for it, so
//! hundredths are exact. No binary floating point touches a score.

use std::fmt;

/// A decimal number with two fixed decimal places (hundredths).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(i64);

/// The largest magnitude accepted from content: twelve integer digits.
const MAX_HUNDREDTHS: i64 = 100_000_000_000_000 - 1;

/// Why a text is not a decimal number of the kind kaoping accepts.
#[derive(Debug, PartialEq, Eq)]
pub enum DecError {
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

impl Dec {
    pub const ZERO: Dec = Dec(0);

    /// A whole number.
    pub const fn int(n: i64) -> Dec {
        Dec(n * 100)
    }

    pub const fn from_hundredths(h: i64) -> Dec {
        Dec(h)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Parses `12`, `-3`, `0.5`, `1.25`; rejects exponents, hex, `inf`, more
    /// than two decimal places and more than twelve integer digits.
    pub fn parse(text: &str) -> Result<Dec, DecError> {
        let (neg, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int_part) || frac_part.is_some_and(|f| !digits(f)) {
            return Err(DecError::NotANumber);
        }
        let frac = frac_part.unwrap_or("");
        let significant = frac.trim_end_matches('0');
        if significant.len() > 2 {
            return Err(DecError::TooManyDecimals);
        }
        let int_digits = int_part.trim_start_matches('0');
        if int_digits.len() > 12 {
            return Err(DecError::TooLarge);
        }
        let mut h: i64 = 0;
        for b in int_digits.bytes() {
            h = h * 10 + i64::from(b - b'0');
        }
        let mut frac_digits = significant.bytes();
        for _ in 0..2 {
            h = h * 10 + frac_digits.next().map_or(0, |b| i64::from(b - b'0'));
        }
        if h > MAX_HUNDREDTHS {
            return Err(DecError::TooLarge);
        }
        Ok(Dec(if neg { -h } else { h }))
    }

    /// True when the number has no fractional part.
    pub fn is_whole(self) -> bool {
        self.0 % 100 == 0
    }

    /// The whole number, if the value is one.
    pub fn whole(self) -> Option<i64> {
        self.is_whole().then_some(self.0 / 100)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self × n`, saturating (content bounds keep real values far from it).
    pub fn times(self, n: i64) -> Dec {
        Dec(self.0.saturating_mul(n))
    }

    /// The mean of the values, rounded half up to two decimal places.
    /// `None` for an empty list.
    pub fn mean_half_up(values: &[Dec]) -> Option<Dec> {
        let n = i128::try_from(values.len()).ok().filter(|&n| n > 0)?;
        let sum: i128 = values.iter().map(|d| i128::from(d.0)).sum();
        Some(Dec(div_half_up(sum, n)))
    }

    /// `self × factor / 100`, rounded half up to two decimal places
    /// (the weighted score: `total × weight / 100`).
    pub fn percent_of(self, factor: Dec) -> Dec {
        let product = i128::from(self.0) * i128::from(factor.0);
        Dec(div_half_up(product, 10_000))
    }
}

/// `num / den` rounded half up (away from zero at .5), for `den > 0`.
fn div_half_up(num: i128, den: i128) -> i64 {
    let q = (2 * num.abs() + den) / (2 * den);
    let q = if num < 0 { -q } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

impl std::ops::Add for Dec {
    type Output = Dec;
    fn add(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Dec {
    type Output = Dec;
    fn sub(self, rhs: Dec) -> Dec {
        Dec(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, |a, b| a + b)
    }
}

/// Shortest form: `15`, `3.6`, `0.05`, `-1.4`.
impl Dec {
    /// The double nearest to the decimal (for JSON writers and Excel, which
    /// store doubles). The hundredths (below 10^14, so exact as a double)
    /// and 100 are both exact, and IEEE division rounds the exact quotient
    /// to the nearest double: the same double as parsing the decimal's text.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl Dec {
    /// The number with its sign, as pages show a difference: `+2.5`, `0`,
    /// `−1` (a minus sign, not a hyphen).
    pub fn signed(self) -> String {
        if self.0 > 0 {
            format!("+{self}")
        } else if self.0 < 0 {
            format!("−{}", Dec(-self.0))
        } else {
            "0".to_string()
        }
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (int, frac) = (abs / 100, abs % 100);
        match frac {
            0 => write!(f, "{sign}{int}"),
            f10 if f10 % 10 == 0 => write!(f, "{sign}{int}.{}", f10 / 10),
            _ => write!(f, "{sign}{int}.{frac:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints_shortest() {
        for (input, shown) in [
            ("5", "5"),
            ("0.1", "0.1"),
            ("0.10", "0.1"),
            ("1.25", "1.25"),
            ("-0", "0"),
            ("007", "7"),
            ("3.600", "3.6"),
            ("0.05", "0.05"),
            ("-1.4", "-1.4"),
        ] {
            assert_eq!(d(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for s in ["", "-", ".5", "5.", "1e3", "0x10", ".inf", "NaN", "+5", "1_000", " 5"] {
            assert_eq!(Dec::parse(s), Err(DecError::NotANumber), "{s:?}");
        }
        assert_eq!(Dec::parse("0.125"), Err(DecError::TooManyDecimals));
        assert_eq!(Dec::parse("0.100000000000000000000000000001"), Err(DecError::TooManyDecimals));
        assert_eq!(Dec::parse("1234567890123"), Err(DecError::TooLarge));
        assert_eq!(d("999999999999.99").hundredths(), MAX_HUNDREDTHS);
    }

    #[test]
    fn mean_rounds_half_up() {
        assert_eq!(Dec::mean_half_up(&[d("3"), d("4"), d("4")]), Some(d("3.67")));
        assert_eq!(Dec::mean_half_up(&[d("3"), d("3.25")]), Some(d("3.13")));
        assert_eq!(Dec::mean_half_up(&[d("1"), d("2"), d("2")]), Some(d("1.67")));
        assert_eq!(Dec::mean_half_up(&[]), None);
    }

    #[test]
    fn weighted_rounds_half_up() {
        // The contract's case: 93.75 × 14 / 100 = 13.125 → 13.13.
        assert_eq!(d("93.75").percent_of(d("14")), d("13.13"));
        assert_eq!(d("93.5").percent_of(d("14")), d("13.09"));
        assert_eq!(d("100").percent_of(d("14")), d("14"));
        assert_eq!(d("0").percent_of(d("14")), d("0"));
    }
}
