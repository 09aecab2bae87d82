//! Text helpers every room may use, at the bottom of the house: number
//! words as the standard writes them, the characters that do not show, and
//! the names a file may have everywhere.

use std::path::{Component, Path};

/// Section numbers as the standard writes them: 一、二、…
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
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

/// A name that means the same file on every system kaoping runs on: no
/// `.` or `..`, no separator (`/`, `\`), no `:` (drive letters, Windows
/// streams), no control or direction characters, no name Windows gives to a
/// device (`CON`, `nul.txt`, `COM1`…), no trailing dot or space (which
/// Windows drops).
pub fn is_plain_name(name: &str) -> bool {
    const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
    if name.is_empty() || name == "." || name == ".." || name.ends_with('.') || name.ends_with(' ') {
        return false;
    }
    let odd = |c: char| c.is_control() || is_bidi_control(c) || FORBIDDEN.contains(&c);
    if name.chars().any(odd) || is_device(name) {
        return false;
    }
    // Whatever the platform's own path rules, the name is one ordinary part.
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(Component::Normal(n)) if n == name) && components.next().is_none()
}

/// Names Windows opens as devices, in any case, with or without an extension
/// (`con`, `CON.html`, `com1.txt`, `NUL .csv`).
fn is_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ').to_ascii_uppercase();
    const NAMED: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];
    if NAMED.contains(&stem.as_str()) || stem == "CLOCK$" {
        return true;
    }
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| matches!(n, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"))
    };
    numbered("COM") || numbered("LPT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words() {
        assert_eq!(chinese_number(4), "四");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(23), "二十三");
    }

    #[test]
    fn invisible_characters() {
        assert!(is_invisible('\u{200b}'));
        assert!(is_invisible('\u{202e}'));
        assert!(!is_invisible('市'));
    }
}
