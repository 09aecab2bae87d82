//! Text helpers every room may use, at the bottom of the house: number
//! words as the standard writes them, and the characters that do not show.

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
