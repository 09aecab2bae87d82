//! The only place that writes the site. Files go into a staging folder
//! beside the target; only when all are written is the staging folder
//! swapped in, so a failed build leaves the earlier output as it was.
//! kaoping marks the folders it makes and never replaces a non-empty folder
//! without its mark.

use crate::diag::Diagnostic;
use crate::site::OutFile;
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as kaoping's output.
pub const MARKER: &str = ".kaoping-output";
const MARKER_TEXT: &str = "This folder is written by kaoping. `kaoping build` replaces it as a whole.\n";

/// The output folder and how it is shown in messages.
pub struct Target {
    pub dir: PathBuf,
    pub shown: String,
}

impl Target {
    fn fail(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.shown.clone(), None, message)
    }

    fn sibling(&self, tag: &str) -> PathBuf {
        let name = self.dir.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        self.parent().join(format!(".{name}.kaoping-{tag}"))
    }

    fn parent(&self) -> PathBuf {
        match self.dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Checks, before anything is built, that the target may be written:
    /// it is missing, an empty folder, or a folder kaoping made; and it is
    /// neither the content folder nor inside it.
    pub fn check(&self, content: &Path) -> Result<(), Diagnostic> {
        if let (Ok(c), Ok(t)) = (content.canonicalize(), absolute_target(&self.dir))
            && (t == c || t.starts_with(&c) || c.starts_with(&t))
        {
            return Err(self.fail(
                "the output folder must not be the content folder, inside it, or around it; choose another --output",
            ));
        }
        let meta = match fs::symlink_metadata(&self.dir) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(self.fail(format!("cannot read the output folder: {e}"))),
        };
        if !meta.is_dir() {
            return Err(self.fail("this is a file or link, not a folder; choose another --output"));
        }
        if self.dir.join(MARKER).is_file() {
            return Ok(());
        }
        let empty = fs::read_dir(&self.dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if empty {
            Ok(())
        } else {
            Err(self.fail(format!(
                "this folder has files that kaoping did not make (it has no {MARKER} file); kaoping will not replace it. Choose another --output, or empty the folder"
            )))
        }
    }

    /// Writes the site: every file into a staging folder with kaoping's
    /// marker, then swaps it in.
    pub fn write(&self, files: &[OutFile]) -> Result<(), Diagnostic> {
        let staging = self.begin(true)?;
        for f in files {
            staging.write(&f.path, &f.bytes)?;
        }
        staging.finish()
    }

    /// Writes a new folder (`kaoping init`) the same safe way, without the
    /// output marker. The folder must be missing or empty.
    pub fn create(&self, files: &[OutFile]) -> Result<(), Diagnostic> {
        let empty = fs::read_dir(&self.dir).map_or(true, |mut d| d.next().is_none());
        if self.dir.exists() && (!self.dir.is_dir() || !empty) {
            return Err(self.fail("this folder is not empty; kaoping init starts only in a new or empty folder"));
        }
        let staging = self.begin(false)?;
        for f in files {
            staging.write(&f.path, &f.bytes)?;
        }
        staging.finish()
    }

    /// Starts a staging folder beside the target (removing one left by an
    /// interrupted run); files are then written into it, from any thread,
    /// and [`Staging::finish`] swaps it in.
    pub fn begin(&self, mark: bool) -> Result<Staging, Diagnostic> {
        let staging = self.sibling("staging");
        let old = self.sibling("old");
        let parent = self.parent();
        fs::create_dir_all(&parent)
            .map_err(|e| self.fail(format!("cannot create the folder {}: {e}", parent.display())))?;
        // A build stopped between its two renames (systems without an atomic
        // exchange) leaves the previous site set aside: put it back first.
        if !self.dir.exists() && old.join(MARKER).is_file() {
            fs::rename(&old, &self.dir)
                .map_err(|e| self.fail(format!("cannot restore the previous output from {}: {e}", old.display())))?;
        }
        for leftover in [&staging, &old] {
            if leftover.exists() {
                fs::remove_dir_all(leftover)
                    .map_err(|e| self.fail(format!("cannot remove the leftover {}: {e}", leftover.display())))?;
            }
        }
        let made = fs::create_dir(&staging)
            .and_then(|()| if mark { fs::write(staging.join(MARKER), MARKER_TEXT) } else { Ok(()) });
        let stage = Staging {
            target: Target { dir: self.dir.clone(), shown: self.shown.clone() },
            dir: staging,
            old,
            done: false,
        };
        made.map_err(|e| stage.target.fail(format!("cannot write the site: {e}; the previous output is unchanged")))?;
        Ok(stage)
    }
}

/// A staging folder being filled. Dropped without [`Staging::finish`], it
/// is removed and the target stays as it was.
pub struct Staging {
    target: Target,
    dir: PathBuf,
    old: PathBuf,
    done: bool,
}

impl Staging {
    /// Writes one file (`path` relative, with `/`), making its folders.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let full = self.dir.join(path);
        let result = match full.parent() {
            Some(parent) => fs::create_dir_all(parent).and_then(|()| fs::write(&full, bytes)),
            None => fs::write(&full, bytes),
        };
        result.map_err(|e| self.target.fail(format!("cannot write {path}: {e}; the previous output is unchanged")))
    }

    /// Swaps the staging folder in. On Linux the two folders are exchanged
    /// in one atomic step (`renameat2` with `RENAME_EXCHANGE`), so at every
    /// moment the output path holds one complete site; elsewhere the old
    /// output is moved aside, the new one renamed into place (a stop between
    /// the two is repaired by the next build). The old site is then removed.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        self.done = true;
        let t = &self.target;
        if t.dir.exists() && exchange(&self.dir, &t.dir).is_ok() {
            let _ = fs::remove_dir_all(&self.dir);
            return Ok(());
        }
        let had_old = t.dir.exists();
        if had_old && let Err(e) = fs::rename(&t.dir, &self.old) {
            let _ = fs::remove_dir_all(&self.dir);
            return Err(t.fail(format!("cannot move the previous output aside: {e}; it is unchanged")));
        }
        if let Err(e) = fs::rename(&self.dir, &t.dir) {
            if had_old {
                let _ = fs::rename(&self.old, &t.dir);
            }
            let _ = fs::remove_dir_all(&self.dir);
            return Err(t.fail(format!("cannot move the new site into place: {e}; the previous output is unchanged")));
        }
        if had_old {
            let _ = fs::remove_dir_all(&self.old);
        }
        Ok(())
    }
}

/// Exchanges two folders atomically (Linux).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Held while a build writes an output folder: a second build into the same
/// folder waits for it.
pub struct Lock {
    _file: fs::File,
}

impl Target {
    /// Takes the output folder's lock (`.<name>.kaoping-lock` beside it),
    /// calling `on_wait` once if another build holds it, and waiting up to
    /// ten minutes for it.
    pub fn lock(&self, on_wait: &dyn Fn()) -> Result<Lock, Diagnostic> {
        let parent = self.parent();
        fs::create_dir_all(&parent)
            .map_err(|e| self.fail(format!("cannot create the folder {}: {e}", parent.display())))?;
        let path = self.sibling("lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| self.fail(format!("cannot create the lock file {}: {e}", path.display())))?;
        let started = std::time::Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        on_wait();
                        told = true;
                    }
                    if started.elapsed() > std::time::Duration::from_secs(600) {
                        return Err(
                            self.fail("another kaoping build has held this output folder for ten minutes; gave up")
                        );
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(self.fail(format!("cannot lock {}: {e}", path.display())));
                }
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes each file under `dir` unless a file of that name is already
/// there (`kaoping forms` never overwrites). Returns the paths written and
/// the paths left alone.
pub fn write_new_files(dir: &Path, shown: &str, files: &[OutFile]) -> Result<(Vec<String>, Vec<String>), Diagnostic> {
    let mut written = Vec::new();
    let mut kept = Vec::new();
    for f in files {
        let path = dir.join(&f.path);
        let shown_path = format!("{shown}/{}", f.path);
        let fail =
            |e: std::io::Error| Diagnostic::error(shown_path.clone(), None, format!("cannot write the file: {e}"));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(fail)?;
        }
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, &f.bytes).map_err(fail)?;
                written.push(shown_path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => kept.push(shown_path),
            Err(e) => return Err(fail(e)),
        }
    }
    Ok((written, kept))
}

/// The target as an absolute path with its existing part resolved.
fn absolute_target(dir: &Path) -> std::io::Result<PathBuf> {
    if let Ok(p) = dir.canonicalize() {
        return Ok(p);
    }
    let abs = std::path::absolute(dir)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name().map(|n| n.to_os_string()).unwrap_or_default());
        existing = match existing.parent() {
            Some(p) => p,
            None => return Ok(abs),
        };
    }
    let mut out = existing.canonicalize()?;
    out.extend(rest.iter().rev());
    Ok(out)
}
