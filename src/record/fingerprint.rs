//! The data fingerprint: the first 16 hex digits of the SHA-256 of
//! `results.json` (an archive's own pages: of `history.json`), in groups of
//! four, `1a2b 3c4d 5e6f 7a8b`. Every page shows it after the words
//! [`LABEL`], in its footer and in a print margin box, so a printout can be
//! matched with the electronic record.

/// The words that precede the fingerprint wherever a page shows it.
pub const LABEL: &str = "数据指纹";

/// The fingerprint of a data file's bytes.
pub fn of(bytes: &[u8]) -> String {
    from_hash(&super::sha256_hex(bytes))
}

/// The fingerprint of a file whose SHA-256 is `hash` (hex digits).
pub fn from_hash(hash: &str) -> String {
    let digits: Vec<char> = hash.chars().take(16).collect();
    digits.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// Every fingerprint a page shows: for each [`LABEL`], the text after it
/// (past spaces and tags) of a fingerprint's length, as written. Text that
/// is not a fingerprint is returned as found, so an edit shows.
pub fn shown(html: &str) -> Vec<String> {
    let len = "0000 0000 0000 0000".len();
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(LABEL) {
        rest = &rest[at + LABEL.len()..];
        let mut s = rest;
        loop {
            let trimmed = s.trim_start_matches([' ', '：', ':']);
            match trimmed.strip_prefix('<').and_then(|t| t.find('>').map(|e| &t[e + 1..])) {
                Some(after_tag) => s = after_tag,
                None => {
                    s = trimmed;
                    break;
                }
            }
        }
        out.push(s.chars().take(len).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_digits_in_groups_of_four() {
        // SHA-256("abc") = ba7816bf8f01cfea…
        assert_eq!(of(b"abc"), "ba78 16bf 8f01 cfea");
    }

    #[test]
    fn found_in_the_footer_and_in_the_print_rules() {
        let page = "<style>@bottom-right { content: \"数据指纹 ba78 16bf 8f01 cfea\"; }</style>\
                    <p>数据指纹：<code class=\"fp\">ba78 16bf 8f01 cfeb</code></p>";
        assert_eq!(shown(page), ["ba78 16bf 8f01 cfea", "ba78 16bf 8f01 cfeb"]);
        assert!(shown("<p>no label</p>").is_empty());
        assert_eq!(shown("数据指纹 12"), ["12"]);
    }
}
