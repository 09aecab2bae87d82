//! One build at a time into an output folder, with nothing left behind.
//!
//! The lock is a file `.<name>.kaoping-lock` beside the output, created
//! when a build starts and removed when it ends. Removing a lock file is
//! racy in general: a build waiting on the old file could take its lock
//! after it was removed, while a third build creates a new file and locks
//! that one. So a build counts the lock as held only when, with the file
//! locked, the path still names that same file (same device and inode, or
//! volume and file index on Windows, compared by `same-file`); otherwise it
//! drops it and starts again. The holder removes the file while still
//! holding its lock, so a path can only stop naming a locked file by the
//! holder's own hand: two builds can never both hold a lock on the file the
//! path names. Parent folders the lock had to create are removed again if
//! the build leaves them empty (a refused or failed build into a new place).

use super::Target;
use crate::diag::Diagnostic;
use crate::nofollow::Dir;
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Held while a build writes an output folder; dropped, it removes its file
/// and the folders it created that stayed empty.
pub struct Lock {
    file: Option<same_file::Handle>,
    path: PathBuf,
    created: Vec<PathBuf>,
}

impl Target {
    /// Takes the output folder's lock, calling `on_wait` once if another
    /// build holds it, and waiting up to ten minutes for it.
    pub fn lock(&self, on_wait: &dyn Fn()) -> Result<Lock, Diagnostic> {
        let path = self.sibling("lock");
        let mut lock = Lock { file: None, path, created: Vec::new() };
        let started = Instant::now();
        let mut told = false;
        loop {
            self.make_parent(&mut lock.created)?;
            match self.try_lock(&lock.path)? {
                Some(handle) => {
                    lock.file = Some(handle);
                    return Ok(lock);
                }
                None => {
                    if !told {
                        on_wait();
                        told = true;
                    }
                    if started.elapsed() > Duration::from_secs(600) {
                        return Err(self.fail(crate::t!("output.lock-timeout")));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// One attempt: the locked file if the path still names it, `None` if
    /// another build holds it (or removed it meanwhile: try again). The
    /// lock file is opened without following a link: a link at its name is
    /// refused.
    fn try_lock(&self, path: &std::path::Path) -> Result<Option<same_file::Handle>, Diagnostic> {
        let fail = |e: std::io::Error| {
            self.fail(crate::t!("output.cannot-lock", lock = path.display(), error = crate::i18n::io_error(&e)))
        };
        let opened = Dir::open(&self.parent()).and_then(|parent| parent.open_shared(self.sibling_name("lock")));
        let file = match opened {
            Ok(f) => f,
            // The parent was removed by a build that just ended, or (Windows)
            // the file is being deleted: look again.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            #[cfg(windows)]
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => return Ok(None),
            Err(e) => return Err(fail(e)),
        };
        let handle = same_file::Handle::from_file(file).map_err(fail)?;
        match handle.as_file().try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        Ok(names(path, &handle).then_some(handle))
    }

    /// Makes the parent folder if missing, noting each folder it made.
    fn make_parent(&self, created: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
        let parent = self.parent();
        let mut missing = Vec::new();
        let mut at = parent.as_path();
        while !at.exists() {
            missing.push(at.to_path_buf());
            match at.parent() {
                Some(p) if !p.as_os_str().is_empty() => at = p,
                _ => break,
            }
        }
        for dir in missing.into_iter().rev() {
            match fs::create_dir(&dir) {
                Ok(()) => created.push(dir),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(self.fail(crate::t!(
                        "output.cannot-create-folder",
                        folder = dir.display(),
                        error = crate::i18n::io_error(&e)
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Whether `path` names the file `handle` holds (and is no link to it).
fn names(path: &std::path::Path, handle: &same_file::Handle) -> bool {
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    !link && same_file::Handle::from_path(path).is_ok_and(|named| named == *handle)
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(handle) = self.file.take() {
            // Removed while still locked (see the module's doc), then
            // unlocked; only if the name is still the file locked.
            if names(&self.path, &handle) {
                let _ = fs::remove_file(&self.path);
            }
            drop(handle);
        }
        for dir in self.created.iter().rev() {
            if fs::remove_dir(dir).is_err() {
                break;
            }
        }
    }
}
