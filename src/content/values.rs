//! Plain values read from the content: dates, ids, and how long texts are
//! cut in messages. No YAML here.

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

/// Why `text` is not a valid id, if it is not.
pub fn check_id(text: &str) -> Result<(), String> {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let bytes = text.as_bytes();
    let valid = !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    if !valid {
        return Err(crate::t!("id.invalid"));
    }
    let windows_numbered =
        (text.starts_with("com") || text.starts_with("lpt")) && text.len() == 4 && matches!(bytes[3], b'1'..=b'9');
    if RESERVED.contains(&text) || windows_numbered {
        return Err(crate::t!("id.reserved"));
    }
    Ok(())
}

/// A date in any form [`super::dates::read_date`] accepts.
pub fn parse_date(text: &str) -> Option<Date> {
    super::dates::read_date(text).ok()
}

/// Long values are cut in messages so one bad line stays one line, and
/// invisible or direction-changing characters (which could make a message
/// read as something else) are shown as `\u{202e}`.
pub fn shorten(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push(' ');
        } else if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Zero-width, joiner, direction and other format characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{00ad}')
        || c == '\u{061c}'
}

/// The characters that change the direction text is shown in (embeddings,
/// overrides, isolates and marks): `报告\u{202e}fdp.exe` reads as
/// `报告exe.pdf`. No file name may hold one.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_id("jinan").is_ok());
        assert!(check_id("a-1").is_ok());
        assert!(check_id("com10").is_ok());
        for bad in ["", "Jinan", "-a", "a b", "../x", "济南", "a_b", &"a".repeat(65)] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        for reserved in ["con", "nul", "com1", "lpt9", "aux", "prn"] {
            assert!(check_id(reserved).unwrap_err().contains("Windows"), "{reserved}");
        }
    }

    #[test]
    fn messages_show_invisible_characters() {
        assert_eq!(shorten("e\u{202e}t"), "e\\u{202e}t");
        assert_eq!(shorten("z\u{200b}w"), "z\\u{200b}w");
        assert_eq!(shorten(&"长".repeat(50)), format!("{}…", "长".repeat(40)));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2014-01-10").map(|d| d.to_string()), Some("2014-01-10".into()));
        assert!(parse_date("2016-02-29").is_some());
        for bad in ["2014-02-29", "2014-13-01", "14-01-10", "2014/01-10", "2014-01-32"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
