//! The uploads of one request: the page sends the workbooks in one body,
//! each as `<name length>:<file length>\n`, the name (UTF-8), the bytes;
//! no multipart. Bounded: [`MAX_FILES`] workbooks of at most [`MAX_FILE`]
//! bytes (413 beyond); a name is a file name only, never a path (403).

use super::{MAX_FILE, MAX_FILES, Response};

/// The workbooks of `body`, each with its file name.
pub fn books(mut body: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Response> {
    let bad = || Response::text(400, crate::t!("bench.bad-upload"));
    let mut books = Vec::new();
    while !body.is_empty() {
        if books.len() == MAX_FILES {
            return Err(Response::text(413, crate::t!("bench.too-many", n = MAX_FILES)));
        }
        let end = body.iter().take(40).position(|&b| b == b'\n').ok_or_else(bad)?;
        let head = std::str::from_utf8(&body[..end]).map_err(|_| bad())?;
        let (n, f) = head.split_once(':').ok_or_else(bad)?;
        let (n, f): (usize, usize) = (n.parse().map_err(|_| bad())?, f.parse().map_err(|_| bad())?);
        if f > MAX_FILE {
            return Err(Response::text(413, crate::t!("bench.too-large", mib = MAX_FILE / 1024 / 1024)));
        }
        body = &body[end + 1..];
        if n > 255 || n.saturating_add(f) > body.len() {
            return Err(bad());
        }
        let name = std::str::from_utf8(&body[..n]).map_err(|_| bad())?;
        if !plain(name) {
            return Err(Response::text(403, crate::t!("bench.bad-name")));
        }
        books.push((name.to_string(), body[n..n + f].to_vec()));
        body = &body[n + f..];
    }
    if books.is_empty() {
        return Err(Response::text(400, crate::t!("bench.no-books")));
    }
    Ok(books)
}

/// A file name alone: no folder, no `..`, no control character.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.chars().any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
}

/// Workbooks framed as the page frames them (for tests and other clients).
pub fn framed(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        out.extend(format!("{}:{}\n", name.len(), bytes.len()).into_bytes());
        out.extend(name.as_bytes());
        out.extend(*bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_come_out_as_sent() {
        let got = books(&framed(&[("霜浦市.xlsx", b"abc"), ("b.xlsx", b"")])).ok().unwrap();
        assert_eq!(got, vec![("霜浦市.xlsx".to_string(), b"abc".to_vec()), ("b.xlsx".to_string(), Vec::new())]);
    }

    #[test]
    fn paths_and_bad_frames_are_refused() {
        assert_eq!(books(&framed(&[("../x.xlsx", b"a")])).err().unwrap().status, 403);
        assert_eq!(books(&framed(&[("a\\x.xlsx", b"a")])).err().unwrap().status, 403);
        assert_eq!(books(b"3:9\nabcdef").err().unwrap().status, 400);
        assert_eq!(books(b"").err().unwrap().status, 400);
        assert_eq!(books(format!("1:{}\na", MAX_FILE + 1).as_bytes()).err().unwrap().status, 413);
    }
}
