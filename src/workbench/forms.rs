//! 生成填报表: the forms written into the folder the user names, as
//! `kaoping forms --out` writes them (`tasks::forms`: a form already there
//! is kept), and the forms made offered as one zip (`forms.zip`), the same
//! bytes on every run and system (zipped as report.docx is).

use super::{Response, said};
use crate::diag::Exit;
use crate::output::OutFile;
use std::io::Write;
use std::path::Path;

/// Writes the blank workbooks of `content` into `out`; the answer and the zip.
pub fn make(content: &Path, out: &Path) -> (Response, Option<Vec<u8>>) {
    let (report, files) = crate::tasks::forms::write(content, out, false, false);
    if report.exit != Exit::Ok {
        return (Response::text(422, said(&report)), None);
    }
    match zip(&files) {
        Ok(bytes) => (Response::text(200, said(&report)), Some(bytes)),
        Err(d) => (Response::text(500, d.to_string()), None),
    }
}

/// The files as one zip, by their paths.
fn zip(files: &[OutFile]) -> Result<Vec<u8>, crate::diag::Diagnostic> {
    let fail = |e: zip::result::ZipError| crate::docx::package::fail("forms.zip", &e);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = crate::docx::package::options();
    for f in files {
        w.start_file(f.path.as_str(), options).map_err(fail)?;
        w.write_all(&f.bytes).map_err(|e| fail(e.into()))?;
    }
    Ok(w.finish().map_err(fail)?.into_inner())
}
