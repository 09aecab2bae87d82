//! What the preview sends: the site's files, made from memory on request
//! (with the live-reload script added to pages), and the error page while
//! the content is broken.

use super::Broken;
use super::site::Model;
use crate::diag::Diagnostic;

/// The path of the live-reload event stream.
pub const EVENTS: &str = "/__kaoping/events";

/// A file to send: its bytes and content type.
pub struct Page {
    pub body: Vec<u8>,
    pub kind: &'static str,
}

/// The file that the checked path `parts` names in `site`, a folder's
/// `index.html` for a folder; `None` if there is none, the error if it
/// could not be made.
pub fn load(site: &Model, parts: &[String]) -> Option<Result<Page, Diagnostic>> {
    let path = parts.join("/");
    let (path, made) = match site.file(&path) {
        Some(made) => (path, made),
        None => {
            let index = if path.is_empty() { "index.html".to_string() } else { format!("{path}/index.html") };
            let made = site.file(&index)?;
            (index, made)
        }
    };
    Some(made.map(|body| Page { body, kind: content_type(&path) }))
}

/// The page the browser gets for `parts`, with the reload script of
/// `version` and the site's `warnings` in every HTML page.
pub fn page(site: &Model, parts: &[String], version: u64, warnings: &[String]) -> Option<Result<Page, Diagnostic>> {
    Some(load(site, parts)?.map(|page| {
        if page.kind.starts_with("text/html") {
            return Page { body: inject(page.body, version, warnings), kind: page.kind };
        }
        page
    }))
}

/// The warnings, on previewed pages only: a panel at the top of the page,
/// open, each line as `check` prints it; not printed on paper.
fn warnings_panel(warnings: &[String]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let items: String = warnings.iter().map(|w| format!("<li><code>{}</code></li>", escape(w))).collect();
    format!(
        "<aside class=\"kaoping-preview\" style=\"margin:0 0 1em;padding:.6em 1em;border:2px solid #a3551a;background:#fdf3e7;color:#3b2410\">\
<details open><summary>{}</summary><ul>{items}</ul></details></aside>\
<style>@media print{{.kaoping-preview{{display:none}}}}</style>",
        escape(&crate::t!("serve.warnings-panel", warnings = crate::i18n::words::warnings(warnings.len())))
    )
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The live-reload script's code, added to pages in serve mode only: it
/// asks the server to say when the site built at the page's version (the
/// script element's `data-v`) has been replaced. The same for every page,
/// so that the policy allows it by its hash ([`CSP`]) and nothing else.
const RELOAD: &str = "new EventSource(\"/__kaoping/events?v=\"+document.currentScript.dataset.v).onmessage=function(){location.reload();};";

/// The reload script element for a site of `version`.
fn script(version: u64) -> String {
    format!("<script data-v=\"{version}\">{RELOAD}</script>")
}

/// The Content-Security-Policy of everything the preview sends: what the
/// built pages' own `<meta>` says (nothing but inline styles and images
/// from the site or `data:`), and the reload script, by its SHA-256, with
/// its event stream. Frames of other sites may not show the preview.
pub fn csp() -> &'static str {
    static CSP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSP.get_or_init(|| {
        let hash = ring::digest::digest(&ring::digest::SHA256, RELOAD.as_bytes());
        format!(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'sha256-{}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            base64(hash.as_ref())
        )
    })
}

/// Standard base64 with padding (for the script's hash).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A page with the site's `warnings` in a panel after `<body …>`, the
/// reload script before `</body>`, and without the page's own
/// Content-Security-Policy `<meta>` (which allows no script): the
/// preview's header ([`csp`]) takes its place.
fn inject(html: Vec<u8>, version: u64, warnings: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    let Some(end) = text.rfind("</body>") else { return html };
    let start = text.find("<body").and_then(|b| text[b..].find('>').map(|e| b + e + 1)).filter(|s| *s <= end);
    let panel = warnings_panel(warnings);
    let mut page = match start {
        Some(s) => format!("{}{panel}{}{}{}", &text[..s], &text[s..end], script(version), &text[end..]),
        None => format!("{}{}{}", &text[..end], script(version), &text[end..]),
    };
    const META: &str = "<meta http-equiv=\"Content-Security-Policy\"";
    if let Some(start) = page.find(META)
        && let Some(len) = page[start..].find('>')
    {
        let end = start + len + 1;
        let end = if page[end..].starts_with('\n') { end + 1 } else { end };
        page.replace_range(start..end, "");
    }
    page.into_bytes()
}

/// The page for a path that names no file.
pub const NOT_FOUND: &str = "<!DOCTYPE html><meta charset=\"utf-8\"><title>404</title><p>没有这个页面。<a href=\"/index.html\">返回首页</a></p>";

/// The page shown while the content has errors: how many, every
/// diagnostic, and the reload script, so the next good save brings the site
/// back.
pub fn error_page(broken: &Broken, version: u64) -> String {
    let items: String = broken.lines.iter().map(|e| format!("<li><code>{}</code></li>\n", escape(e))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>内容有错误 — kaoping</title>\n\
<style>body{{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#1d1d1f}}h1{{color:#a33a16}}code{{white-space:pre-wrap}}li{{margin:.4em 0}}</style>\n\
</head>\n<body>\n<h1>内容有错误，网站未更新</h1>\n<p>{}</p>\n<p>请按下列提示修改文件并保存，页面会自动刷新。</p>\n<ul>\n{items}</ul>\n{}</body>\n</html>\n",
        escape(&crate::i18n::words::errors(broken.errors)),
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
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec(), 7, &[]);
        let text = String::from_utf8(html).unwrap();
        assert!(text.ends_with("location.reload();};</script></body></html>"), "{text}");
        assert!(text.contains("<script data-v=\"7\">new EventSource(\"/__kaoping/events?v=\"+"));
    }

    #[test]
    fn the_page_policy_gives_way_to_one_that_allows_the_script_by_its_hash() {
        let page = "<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n</head><body></body>";
        let text = String::from_utf8(inject(page.as_bytes().to_vec(), 3, &[])).unwrap();
        assert!(text.starts_with("<head>\n<meta charset=\"utf-8\">\n</head><body><script"), "{text}");
        // The hash of RELOAD, as `printf %s "$RELOAD" | openssl dgst -sha256 -binary | base64` gives it
        // (and Chromium, refusing the script under another policy).
        assert!(csp().contains("script-src 'sha256-Xwslnq0V17R/Vr8gCY75DES955caF8reygYrpyS+BIQ='; "), "{}", csp());
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b"a"), "YQ==");
        assert!(csp().contains("script-src 'sha256-") && csp().contains("connect-src 'self'"), "{}", csp());
    }

    #[test]
    fn warnings_open_the_page_escaped() {
        let warnings = ["warning: a.yaml: <b>late</b>".to_string()];
        let html = inject(b"<html><body class=\"x\"><p>x</p></body></html>".to_vec(), 7, &warnings);
        let text = String::from_utf8(html).unwrap();
        assert!(text.starts_with("<html><body class=\"x\"><aside class=\"kaoping-preview\""), "{text}");
        assert!(
            text.contains(
                "<summary>Preview: 1 warning (as kaoping check prints them; not shown on built pages)</summary>"
            ),
            "{text}"
        );
        assert!(text.contains("<li><code>warning: a.yaml: &lt;b&gt;late&lt;/b&gt;</code></li>"), "{text}");
    }

    #[test]
    fn the_error_page_escapes_messages() {
        let broken = Broken { lines: vec!["error: a.yaml:1:1: <script>".to_string()], errors: 1 };
        let page = error_page(&broken, 3);
        assert!(page.contains("&lt;script&gt;") && !page.contains("<code><script>"));
    }

    #[test]
    fn the_error_page_says_how_many_errors() {
        // Unit tests run in English (the language is chosen once, by main);
        // tests/workflow.rs pins the Chinese.
        let count = |errors| error_page(&Broken { lines: Vec::new(), errors }, 1);
        assert!(count(1).contains("<p>1 error</p>"), "{}", count(1));
        assert!(count(2).contains("<p>2 errors</p>"), "{}", count(2));
    }
}
