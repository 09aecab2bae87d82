//! 发布 and 核对: a build into the folder the user names (`tasks::build`,
//! which never writes over a folder that is not kaoping's output), then its
//! verification (`tasks::verify`); a published folder verified alone; the
//! last published folder's files offered read-only under `published/`.

use super::{Response, said};
use crate::diag::Exit;
use std::path::{Path, PathBuf};

/// The folder a request names: its body, one line of UTF-8; a relative
/// name is taken beside the content folder.
pub fn folder(content: &Path, body: &[u8]) -> Result<PathBuf, Response> {
    let name = std::str::from_utf8(body).map(str::trim).unwrap_or("");
    if name.is_empty() || name.contains(['\n', '\r', '\0']) {
        return Err(Response::text(400, crate::t!("bench.no-folder")));
    }
    let path = Path::new(name);
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let beside = crate::tasks::build::normalized(content);
    Ok(beside.parent().map_or_else(|| path.to_path_buf(), |p| p.join(path)))
}

/// Builds `content` into `out` as `kaoping build` does, then verifies it
/// as `kaoping verify` does; both reports, one after the other.
pub fn publish(content: &Path, out: &Path) -> (bool, Response) {
    let built = crate::tasks::build::run(content, out, false, None);
    if built.exit != Exit::Ok {
        return (false, Response::text(422, said(&built)));
    }
    let verified = crate::tasks::verify::run(out, None);
    let ok = verified.exit == Exit::Ok;
    let text = format!("{}\n\n{}", said(&built), said(&verified));
    (ok, Response::text(if ok { 200 } else { 422 }, text))
}

/// Verifies `dir` as `kaoping verify DIR` does.
pub fn verify(dir: &Path) -> Response {
    let report = crate::tasks::verify::run(dir, None);
    Response::text(if report.exit == Exit::Ok { 200 } else { 422 }, said(&report))
}

/// A file of the folder last published, by its path under it (with `/`):
/// plain names only, no link followed.
pub fn file(dir: Option<&Path>, rel: &str) -> Response {
    let missing = || Response::text(404, crate::t!("bench.not-found"));
    let Some(dir) = dir else { return missing() };
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains(['\\', ':', '\0']);
    let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if !rel.split('/').all(plain) {
        return missing();
    }
    let read = crate::nofollow::open_beneath(dir, &rel).and_then(|f| crate::nofollow::read_at_most(f, 256 << 20));
    let Ok(body) = read else { return missing() };
    let kind = match rel.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
    Response { status: 200, kind, body }
}
