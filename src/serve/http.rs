//! A small HTTP/1.1 server for the preview: GET and HEAD of the built files,
//! the live-reload event stream, and the error page while the content is
//! broken. It answers on 127.0.0.1 only.

use super::State;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The path of the live-reload event stream.
pub const EVENTS: &str = "/__kaoping/events";

/// Handles one connection (one request; the connection then closes).
pub fn handle(stream: TcpStream, state: &Arc<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Skip the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).map(|n| n > 2).unwrap_or(false) {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        let _ =
            respond(&mut out, "405 Method Not Allowed", "text/plain; charset=utf-8", b"GET only\n", method == "HEAD");
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == EVENTS {
        events(&mut out, state, query);
        return;
    }
    let head = method == "HEAD";
    let snapshot = state.snapshot();
    if let Some(errors) = &snapshot.errors
        && (path.ends_with('/') || path.ends_with(".html"))
    {
        let page = error_page(errors, snapshot.version);
        let _ = respond(&mut out, "200 OK", "text/html; charset=utf-8", page.as_bytes(), head);
        return;
    }
    match resolve(&state.site, path) {
        Some(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") { inject(bytes, snapshot.version) } else { bytes };
                let _ = respond(&mut out, "200 OK", kind, &body, head);
            }
            Err(_) => not_found(&mut out, head),
        },
        None => not_found(&mut out, head),
    }
}

fn not_found(out: &mut TcpStream, head: bool) {
    let _ = respond(out, "404 Not Found", "text/html; charset=utf-8", "<!DOCTYPE html><meta charset=\"utf-8\"><title>404</title><p>没有这个页面。<a href=\"/index.html\">返回首页</a></p>".as_bytes(), head);
}

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}

/// The file a request path names inside the site folder; `None` for
/// anything that would leave it.
pub fn resolve(site: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut rel = PathBuf::new();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => rel.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let full = site.join(&rel);
    if full.is_dir() { Some(full.join("index.html")) } else { Some(full) }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0') && !s.contains('\\'))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The live-reload script, added to pages in serve mode only: it asks the
/// server to say when the site built at `version` has been replaced.
fn script(version: u64) -> String {
    format!("<script>new EventSource(\"{EVENTS}?v={version}\").onmessage=function(){{location.reload();}};</script>")
}

fn inject(html: Vec<u8>, version: u64) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], script(version), &text[at..]).into_bytes(),
        None => html,
    }
}

/// Server-sent events: one `reload` message as soon as the version differs
/// from the one the page was built at.
fn events(out: &mut TcpStream, state: &Arc<State>, query: &str) {
    let seen: u64 = query.strip_prefix("v=").and_then(|v| v.parse().ok()).unwrap_or(0);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if out.write_all(head.as_bytes()).and_then(|()| out.flush()).is_err() {
        return;
    }
    loop {
        let changed = state.wait_for_change(seen, Duration::from_secs(15));
        if state.stopping() {
            return;
        }
        let message = if changed { "data: reload\n\n" } else { ": keep-alive\n\n" };
        if out.write_all(message.as_bytes()).and_then(|()| out.flush()).is_err() || changed {
            return;
        }
    }
}

/// The page shown while the content has errors: every diagnostic, and the
/// reload script, so the next good save brings the site back.
pub fn error_page(errors: &[String], version: u64) -> String {
    let items: String = errors.iter().map(|e| format!("<li><code>{}</code></li>\n", escape(e))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>内容有错误 — kaoping</title>\n\
<style>body{{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#1d1d1f}}h1{{color:#a33a16}}code{{white-space:pre-wrap}}li{{margin:.4em 0}}</style>\n\
</head>\n<body>\n<h1>内容有错误，网站未更新</h1>\n<p>请按下列提示修改文件并保存，页面会自动刷新。</p>\n<ul>\n{items}</ul>\n{}</body>\n</html>\n",
        script(version)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        let site = Path::new("/srv/site");
        assert_eq!(resolve(site, "/cities/a.html"), Some(site.join("cities/a.html")));
        assert_eq!(resolve(site, "/%E5%9F%8E.html"), Some(site.join("城.html")));
        for bad in ["/../etc/passwd", "/cities/../../x", "/%2e%2e/x", "/a%00b", "/%zz", "/..%5cx"] {
            assert_eq!(resolve(site, bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec(), 7);
        let text = String::from_utf8(html).unwrap();
        assert!(text.ends_with("location.reload();};</script></body></html>"), "{text}");
        assert!(text.contains("/__kaoping/events?v=7"));
    }

    #[test]
    fn the_error_page_escapes_messages() {
        let page = error_page(&["error: a.yaml:1:1: <script>".to_string()], 3);
        assert!(page.contains("&lt;script&gt;") && !page.contains("<code><script>"));
    }
}
