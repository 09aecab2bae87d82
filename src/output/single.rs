//! Writing one file outside a build: a key pair's files (`kaoping key
//! new`, never over an existing file, the secret key readable only by its
//! owner where the system has such rights), and one file added to the top
//! of a published folder (`kaoping sign`), written beside the folder and
//! renamed into place, so the folder holds the old file or the new one,
//! never half.

use super::Target;
use crate::diag::Diagnostic;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes a new file at `path` (shown as `shown`); one that exists is left
/// alone and is an error.
pub fn create_file(path: &Path, shown: &str, bytes: &[u8], private: bool) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Diagnostic::error(shown, None, crate::t!("output.exists")),
        _ => Diagnostic::error(shown, None, crate::t!("output.cannot-write-file", error = crate::i18n::io_error(&e))),
    };
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).map_err(fail)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(fail(e));
    }
    Ok(())
}

impl Target {
    /// Puts the file `name` at the top of the folder (which the caller has
    /// verified as a publication: it may be a copy, whose marker names
    /// another folder); an earlier file of that name is replaced.
    pub fn put(&self, name: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let beside = self.sibling("new");
        let fail = |e: std::io::Error| {
            self.fail(crate::t!("output.cannot-write", path = name, error = crate::i18n::io_error(&e)))
        };
        let written = fs::write(&beside, bytes).and_then(|()| fs::rename(&beside, self.dir.join(name)));
        if let Err(e) = written {
            let _ = fs::remove_file(&beside);
            return Err(fail(e));
        }
        Ok(())
    }
}
