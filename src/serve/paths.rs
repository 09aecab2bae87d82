//! Which file a request path names. Only plain names pass: each part of the
//! path, once percent-decoded, is a name a file could have on every system
//! kaoping runs on — no `.` or `..`, no drive (`C:`), no separator (`/`, `\`),
//! no `:` (drive letters, Windows streams), no control characters, no name
//! Windows gives to a device (`CON`, `nul.txt`, `COM1`…), no trailing dot or
//! space (which Windows drops). The check needs no file system, and the
//! site it looks in is in memory: a path names one of the site's files, or
//! nothing.

use crate::text::is_plain_name;
use percent_encoding::percent_decode_str;

/// The parts of a request path (the part before `?`), decoded and checked;
/// `None` for anything that is not a plain relative path. Only the last part
/// may be empty: `/cities/` names the folder `cities`, `//x` nothing.
pub fn plain(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let mut parts = Vec::new();
    if rest.is_empty() {
        return Some(parts);
    }
    for raw in rest.strip_suffix('/').unwrap_or(rest).split('/') {
        if raw.is_empty() || !well_encoded(raw) {
            return None;
        }
        let name = percent_decode_str(raw).decode_utf8().ok()?;
        if !is_plain_name(&name) {
            return None;
        }
        parts.push(name.into_owned());
    }
    Some(parts)
}

/// Every `%` starts a two-digit hexadecimal escape.
fn well_encoded(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b != b'%' || (bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(list: &[&str]) -> Option<Vec<String>> {
        Some(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn plain_paths_pass() {
        assert_eq!(plain("/"), parts(&[]));
        assert_eq!(plain("/index.html"), parts(&["index.html"]));
        assert_eq!(plain("/cities/a.html"), parts(&["cities", "a.html"]));
        assert_eq!(plain("/cities/"), parts(&["cities"]));
        assert_eq!(plain("/%E5%9F%8E.html"), parts(&["城.html"]));
        // Names that only start like a device are ordinary.
        assert_eq!(plain("/console.html"), parts(&["console.html"]));
        assert_eq!(plain("/com10.csv"), parts(&["com10.csv"]));
        assert_eq!(plain("/nully/auxiliary.html"), parts(&["nully", "auxiliary.html"]));
    }

    #[test]
    fn paths_never_leave_the_site() {
        for bad in [
            // Drive letters (the review's Windows finding), any case, encoded or not.
            "/x/C:/windows/win.ini",
            "/x/Z:../etc/hostname",
            "/C:",
            "/c:x",
            "/x/C%3A/windows/win.ini",
            "/x/c%3a%5cwindows%5cwin.ini",
            // Windows devices, with or without an extension.
            "/CON",
            "/x/CON",
            "/con",
            "/con.html",
            "/NUL.txt",
            "/x/nul",
            "/PRN",
            "/aux.csv",
            "/COM1",
            "/com9.json",
            "/LPT1",
            "/lpt3.html",
            "/CON%20.txt",
            "/conin$",
            "/COM%C2%B9",
            // Parent folders, plain and encoded.
            "/..",
            "/../etc/passwd",
            "/cities/../../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/.%2e/b",
            "/..%2fx",
            "/..%5cx",
            "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/.",
            "/a/./b",
            // Roots, separators, UNC and verbatim prefixes.
            "//server/share",
            "/%2Fetc/passwd",
            "/a\\b",
            "/%5C%5C%3F%5CC%3A%5Cwin.ini",
            "/\\\\?\\C:\\x",
            "/cities//a.html",
            "//",
            "relative.html",
            "",
            // Broken escapes, NUL and other control characters, non-UTF-8.
            "/%zz",
            "/a%2",
            "/a%00b",
            "/a%0Ab",
            "/%ff.html",
            // Trailing dots and spaces (Windows drops them: aliases).
            "/index.html.",
            "/index.html%20",
            // Characters Windows refuses in names.
            "/a*b",
            "/a%3Fb",
            "/a%7Cb",
            // Characters that turn the reading direction around.
            "/%E6%8A%A5%E5%91%8A%E2%80%AEfdp.exe.pdf",
            "/a%E2%81%A7b.html",
            "/a%D8%9C.html",
        ] {
            assert_eq!(plain(bad), None, "{bad}");
        }
    }
}
