//! The workbench: the preview's own pages under [`ROOT`], in the
//! catalog's words, working offline, for what the commands do: importing
//! returned workbooks (`tasks::import`, the same messages at the same
//! cells). It knows no HTTP library: `serve` checks the `Host`, reads a
//! request within [`MAX_BODY`] and hands it here. Every request that
//! changes anything is a POST that carries the per-run token and comes
//! from the preview's own origin.

pub mod forms;
pub mod guard;
pub mod page;
pub mod publish;
pub mod status;
pub mod upload;

use std::path::PathBuf;
use std::sync::Mutex;

/// Where the workbench lives in the preview.
pub const ROOT: &str = "/_kaoping/";
/// The largest request body read (the uploads together).
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// The largest workbook uploaded, as `import` reads at most.
pub const MAX_FILE: usize = crate::sheets::workbook::MAX_FILE;
/// The most workbooks in one upload.
pub const MAX_FILES: usize = 200;
/// The header that carries the token.
pub const TOKEN_HEADER: &str = "x-kaoping-token";

/// The workbench of one run of `serve`.
pub struct Bench {
    content: PathBuf,
    port: u16,
    token: String,
    /// The folder last published, whose files `published/` offers.
    published: Mutex<Option<PathBuf>>,
    /// The forms made last, as one zip.
    forms: Mutex<Option<Vec<u8>>>,
}

/// A request as `serve` read it (its `Host` already checked).
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub origin: Option<&'a [u8]>,
    pub token: Option<&'a [u8]>,
    pub body: &'a [u8],
}

/// What to answer.
pub struct Response {
    pub status: u16,
    pub kind: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    fn text(status: u16, message: String) -> Response {
        Response { status, kind: "text/plain; charset=utf-8", body: format!("{message}\n").into_bytes() }
    }
}

/// The workbench's Content-Security-Policy: its own script only, requests
/// to itself only, never in a frame.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

impl Bench {
    /// The workbench of `content`, served on `port`, with a new token.
    pub fn new(content: PathBuf, port: u16) -> std::io::Result<Bench> {
        Ok(Bench { content, port, token: guard::token()?, published: Mutex::new(None), forms: Mutex::new(None) })
    }

    /// Whether `path` is the workbench's.
    pub fn owns(path: &str) -> bool {
        path == ROOT.trim_end_matches('/') || path.starts_with(ROOT)
    }

    pub fn handle(&self, r: &Request) -> Response {
        let action = r.path.strip_prefix(ROOT).unwrap_or("");
        match (r.method, action) {
            ("GET" | "HEAD", "") => page::main(&self.token, &status::section(&self.content)),
            ("GET" | "HEAD", "bench.js") => {
                Response { status: 200, kind: "text/javascript; charset=utf-8", body: page::SCRIPT.as_bytes().to_vec() }
            }
            ("GET" | "HEAD", "forms.zip") => match self.forms.lock().ok().and_then(|z| z.clone()) {
                Some(body) => Response { status: 200, kind: "application/zip", body },
                None => Response::text(404, crate::t!("bench.not-found")),
            },
            ("GET" | "HEAD", rel) if rel.starts_with("published/") => {
                let dir = self.published.lock().ok().and_then(|p| p.clone());
                publish::file(dir.as_deref(), &rel["published/".len()..])
            }
            (_, "forms" | "publish" | "verify" | "check" | "import") => match guard::check(r, self.port, &self.token) {
                Err(refused) => refused,
                Ok(()) => self.act(action, r),
            },
            _ => Response::text(404, crate::t!("bench.not-found")),
        }
    }

    /// A request that passed the guard.
    fn act(&self, action: &str, r: &Request) -> Response {
        match action {
            "forms" | "publish" | "verify" => {
                let dir = match publish::folder(&self.content, r.body) {
                    Ok(dir) => dir,
                    Err(refused) => return refused,
                };
                if action == "forms" {
                    let (answer, zip) = forms::make(&self.content, &dir);
                    if let (Some(zip), Ok(mut last)) = (zip, self.forms.lock()) {
                        *last = Some(zip);
                    }
                    return answer;
                }
                if action == "verify" {
                    return publish::verify(&dir);
                }
                let (ok, answer) = publish::publish(&self.content, &dir);
                if ok && let Ok(mut last) = self.published.lock() {
                    *last = Some(dir);
                }
                answer
            }
            _ => {
                let books = match upload::books(r.body) {
                    Ok(books) => books,
                    Err(refused) => return refused,
                };
                let replace = r.query.split('&').any(|p| p == "replace=1");
                let report = crate::tasks::import::run_books(&self.content, books, replace, action == "check");
                Response::text(if report.exit == crate::diag::Exit::Ok { 200 } else { 422 }, said(&report))
            }
        }
    }
}

/// A report as the console shows it: the diagnostics, then the summary.
fn said(report: &crate::diag::Report) -> String {
    let mut lines: Vec<String> = report.diags.iter().map(ToString::to_string).collect();
    lines.extend(report.summary.clone());
    lines.join("\n")
}
