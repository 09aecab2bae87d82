//! The only place that writes the site. Files go into a staging folder
//! beside the target; only when all are written is the staging folder
//! swapped in (`swap`), so a failed build leaves the earlier output as it
//! was. kaoping marks the folders it makes (`marker`) and never replaces or
//! deletes a folder without the mark made for it; one build at a time
//! writes a folder (`lock`), and nothing of kaoping's stays beside it.

mod hook;
mod lock;
pub mod marker;
mod single;
mod swap;

pub use hook::pause;
pub use lock::Lock;
pub use marker::MARKER;
pub use single::create_file;

use crate::diag::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// One file to write: its path relative to the output folder (always with
/// `/`) and its bytes. Made by the site, the forms, the scaffolds and
/// import; written only here.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The output folder and how it is shown in messages.
pub struct Target {
    pub dir: PathBuf,
    pub shown: String,
}

impl Target {
    fn fail(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.shown.clone(), None, message)
    }

    /// The folder's own name, which its marker records.
    fn name(&self) -> String {
        self.dir.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
    }

    fn sibling(&self, tag: &str) -> PathBuf {
        self.parent().join(format!(".{}.kaoping-{tag}", self.name()))
    }

    fn parent(&self) -> PathBuf {
        match self.dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Checks, before anything is built or created, that the target may be
    /// written: it is missing, an empty folder, or a folder kaoping made for
    /// this name; and it is neither the content folder nor inside it.
    pub fn check(&self, content: &Path) -> Result<(), Diagnostic> {
        if let (Ok(c), Ok(t)) = (content.canonicalize(), absolute_target(&self.dir))
            && (t == c || t.starts_with(&c) || c.starts_with(&t))
        {
            return Err(self.fail(crate::t!("output.inside-content")));
        }
        let meta = match fs::symlink_metadata(&self.dir) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(self.fail(crate::t!("output.cannot-read", error = e))),
        };
        if !meta.is_dir() {
            return Err(self.fail(crate::t!("output.not-a-folder")));
        }
        if marker::is_empty_dir(&self.dir) || marker::is_kaopings(&self.dir, &self.name()) {
            return Ok(());
        }
        Err(match marker::read(&self.dir) {
            marker::Mark::For(made_for) => {
                self.fail(crate::t!("output.marker-for-other", marker = MARKER, made_for = made_for))
            }
            _ => self.fail(crate::t!("output.not-kaopings", marker = MARKER)),
        })
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
        if self.dir.exists() && !marker::is_empty_dir(&self.dir) {
            return Err(self.fail(crate::t!("output.init-not-empty")));
        }
        let staging = self.begin(false)?;
        for f in files {
            staging.write(&f.path, &f.bytes)?;
        }
        staging.finish()
    }

    /// Starts a staging folder beside the target, after putting back a site
    /// set aside by a stopped swap and removing what a stopped build left
    /// (only folders that are empty or hold kaoping's marker for this
    /// name); files are then written into it, from any thread, and
    /// [`Staging::finish`] swaps it in. The staging folder is marked even
    /// for an unmarked result (`init`), until just before the swap.
    pub fn begin(&self, mark: bool) -> Result<Staging, Diagnostic> {
        let parent = self.parent();
        fs::create_dir_all(&parent)
            .map_err(|e| self.fail(crate::t!("output.cannot-create-folder", folder = parent.display(), error = e)))?;
        self.repair()?;
        let staging = self.sibling("staging");
        for leftover in [&staging, &self.sibling("old")] {
            self.remove_leftover(leftover)?;
        }
        let made = fs::create_dir(&staging).and_then(|()| fs::write(staging.join(MARKER), marker::text(&self.name())));
        let stage = Staging {
            target: Target { dir: self.dir.clone(), shown: self.shown.clone() },
            dir: staging,
            mark,
            done: false,
        };
        made.map_err(|e| stage.target.fail(crate::t!("output.cannot-start", error = e)))?;
        hook::pause("staging");
        Ok(stage)
    }

    /// Whether `leftover`, beside the output, is a folder kaoping made for
    /// it: empty, or marked for this name.
    fn is_ours(&self, leftover: &Path) -> bool {
        leftover.is_dir() && (marker::is_empty_dir(leftover) || marker::is_kaopings(leftover, &self.name()))
    }

    /// Removes a folder a stopped build left beside the output, if it is
    /// kaoping's; refuses to go on if it is someone else's.
    fn remove_leftover(&self, leftover: &Path) -> Result<(), Diagnostic> {
        if fs::symlink_metadata(leftover).is_err() {
            return Ok(());
        }
        if !self.is_ours(leftover) {
            return Err(self.fail(crate::t!(
                "output.leftover-not-kaopings",
                leftover = leftover.display(),
                marker = MARKER,
                name = self.name()
            )));
        }
        marker::remove(leftover).map_err(|e| {
            self.fail(crate::t!("output.cannot-remove-leftover", leftover = leftover.display(), error = e))
        })
    }
}

/// A staging folder being filled. Dropped without [`Staging::finish`], it
/// is removed and the target stays as it was.
pub struct Staging {
    target: Target,
    dir: PathBuf,
    mark: bool,
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
        result.map_err(|e| self.target.fail(crate::t!("output.cannot-write", path = path, error = e)))
    }

    /// Swaps the staging folder in (see the `swap` module); the old site is
    /// then removed.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        self.done = true;
        if !self.mark
            && let Err(e) = fs::remove_file(self.dir.join(MARKER))
        {
            let _ = marker::remove(&self.dir);
            return Err(self.target.fail(crate::t!("output.cannot-start", error = e)));
        }
        self.target.swap(&self.dir)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = marker::remove(&self.dir);
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
        let fail = |e: std::io::Error| {
            Diagnostic::error(shown_path.clone(), None, crate::t!("output.cannot-write-file", error = e))
        };
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
