//! The only place that writes the site. Files go into a staging folder
//! beside the target; only when all are written is the staging folder
//! swapped in (`swap`), so a failed build leaves the earlier output as it
//! was. kaoping marks the folders it makes (`marker`) and replaces or
//! deletes only what its own record of a folder lists (`record`); one build
//! at a time writes a folder (`lock`), and nothing of kaoping's stays
//! beside it. No name is written, renamed or deleted through a link
//! (`crate::nofollow`): a link at the output's place, or at a name kaoping
//! keeps beside it, is refused and named.

mod hook;
mod lock;
pub mod marker;
pub mod record;
mod single;
mod staging;
pub mod sums_list;
mod swap;

pub use hook::pause;
pub use lock::Lock;
pub use marker::MARKER;
pub use single::create_file;

pub use staging::Staging;
pub use sums_list::NAME as SUMS;

use crate::diag::Diagnostic;
use crate::nofollow::{self, Dir, Kind};
use record::Record;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
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

/// Whether a folder beside the output may be replaced or removed.
enum Owned {
    Yes,
    /// It is a link.
    Link,
    /// No marker made for this name.
    Unmarked,
    /// Marked, but holding this entry its record does not list.
    Unlisted(String),
}

impl Target {
    fn fail(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.shown.clone(), None, message)
    }

    /// The folder's own name, which its marker records.
    fn name(&self) -> String {
        self.dir.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
    }

    /// The output's name in its parent folder.
    fn leaf(&self) -> OsString {
        self.dir.file_name().map_or_else(|| "output".into(), OsStr::to_os_string)
    }

    /// The name of the folder or file `tag` kaoping keeps beside the output.
    fn sibling_name(&self, tag: &str) -> OsString {
        format!(".{}.kaoping-{tag}", self.name()).into()
    }

    fn sibling(&self, tag: &str) -> PathBuf {
        self.parent().join(self.sibling_name(tag))
    }

    fn parent(&self) -> PathBuf {
        match self.dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The parent folder, opened (as the user named it).
    fn parent_dir(&self) -> Result<Dir, Diagnostic> {
        let parent = self.parent();
        Dir::open(&parent).map_err(|e| self.fail(crate::t!("output.cannot-read", error = crate::i18n::io_error(&e))))
    }

    /// Whether the folder `name` in `parent` is kaoping's to replace or
    /// remove: empty, or marked for this name with nothing its record does
    /// not list.
    fn owned(&self, parent: &Dir, name: &OsStr) -> Result<Owned, Diagnostic> {
        let read_fail =
            |e: std::io::Error| self.fail(crate::t!("output.cannot-read", error = crate::i18n::io_error(&e)));
        let dir = match parent.sub(name) {
            Ok(d) => d,
            Err(e) if nofollow::is_link(&e) => return Ok(Owned::Link),
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(Owned::Unmarked),
            Err(e) => return Err(read_fail(e)),
        };
        if dir.entries().map_err(read_fail)?.is_empty() {
            return Ok(Owned::Yes);
        }
        let Some(record) = Record::read(&dir, &self.name()) else { return Ok(Owned::Unmarked) };
        Ok(match record::first_unlisted(&dir, &record).map_err(read_fail)? {
            Some(path) => Owned::Unlisted(path),
            None => Owned::Yes,
        })
    }

    /// Checks, before anything is built or created, that the target may be
    /// written: it is missing, an empty folder, or a folder kaoping made for
    /// this name holding only what it wrote; and it is neither the content
    /// folder nor inside it.
    pub fn check(&self, content: &Path) -> Result<(), Diagnostic> {
        if let (Ok(c), Ok(t)) = (content.canonicalize(), absolute_target(&self.dir))
            && (t == c || t.starts_with(&c) || c.starts_with(&t))
        {
            return Err(self.fail(crate::t!("output.inside-content")));
        }
        let meta = match fs::symlink_metadata(&self.dir) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(self.fail(crate::t!("output.cannot-read", error = crate::i18n::io_error(&e)))),
        };
        if !meta.is_dir() {
            return Err(self.fail(crate::t!("output.not-a-folder")));
        }
        self.check_owned(&self.parent_dir()?)
    }

    /// That the existing output is kaoping's to replace (see [`Target::check`]).
    fn check_owned(&self, parent: &Dir) -> Result<(), Diagnostic> {
        Err(match self.owned(parent, &self.leaf())? {
            Owned::Yes => return Ok(()),
            Owned::Link => self.fail(crate::t!("output.not-a-folder")),
            Owned::Unlisted(path) => {
                let message = crate::t!("output.unlisted", folder = self.shown, sums = SUMS);
                Diagnostic::error(format!("{}/{path}", self.shown), None, message)
            }
            Owned::Unmarked => match parent.sub(self.leaf()).map(|d| marker::read(&d)) {
                Ok(marker::Mark::For(made_for)) => {
                    self.fail(crate::t!("output.marker-for-other", marker = MARKER, made_for = made_for))
                }
                _ => self.fail(crate::t!("output.not-kaopings", marker = MARKER)),
            },
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
    /// output marker. The folder must be missing or empty, and no link.
    pub fn create(&self, files: &[OutFile]) -> Result<(), Diagnostic> {
        match fs::symlink_metadata(&self.dir) {
            Ok(m) if !m.is_dir() => return Err(self.fail(crate::t!("output.init-not-a-folder"))),
            Ok(_) if !Dir::open(&self.dir).and_then(|d| d.entries()).is_ok_and(|e| e.is_empty()) => {
                return Err(self.fail(crate::t!("output.init-not-empty")));
            }
            _ => {}
        }
        let staging = self.begin(false)?;
        for f in files {
            staging.write(&f.path, &f.bytes)?;
        }
        staging.finish()
    }

    /// Starts a staging folder beside the target, after putting back a site
    /// set aside by a stopped swap and removing what a stopped build left
    /// (only folders that are empty or hold kaoping's marker for this name
    /// and nothing it did not write); files are then written into it, from
    /// any thread, and [`Staging::finish`] swaps it in. The staging folder
    /// is marked even for an unmarked result (`init`), until just before
    /// the swap; each file is noted in its journal before it is written.
    pub fn begin(&self, mark: bool) -> Result<Staging, Diagnostic> {
        let parent = self.parent();
        fs::create_dir_all(&parent).map_err(|e| {
            self.fail(crate::t!(
                "output.cannot-create-folder",
                folder = parent.display(),
                error = crate::i18n::io_error(&e)
            ))
        })?;
        self.repair()?;
        let parent = self.parent_dir()?;
        for tag in ["staging", "old"] {
            self.remove_leftover(&parent, tag)?;
        }
        let name = self.sibling_name("staging");
        let start_fail =
            |e: std::io::Error| self.fail(crate::t!("output.cannot-start", error = crate::i18n::io_error(&e)));
        // Made new: a folder or link of that name appearing meanwhile is an error.
        parent.create_dir(&name).map_err(start_fail)?;
        let dir = parent.sub(&name).map_err(start_fail)?;
        let made = dir
            .create_file(MARKER)
            .and_then(|mut m| m.write_all(marker::text(&self.name()).as_bytes()))
            .and_then(|()| dir.create_file(record::JOURNAL));
        let journal = match made {
            Ok(j) => j,
            Err(e) => {
                drop(dir);
                let _ = record::remove(&parent, &name, &self.name());
                return Err(start_fail(e));
            }
        };
        let stage = Staging {
            target: Target { dir: self.dir.clone(), shown: self.shown.clone() },
            parent,
            name,
            dir,
            journal: std::sync::Mutex::new(Some(journal)),
            mark,
            done: false,
        };
        hook::pause("staging");
        Ok(stage)
    }

    /// Removes a folder a stopped build left beside the output, if it is
    /// kaoping's; refuses to go on if it is a link or someone else's.
    fn remove_leftover(&self, parent: &Dir, tag: &str) -> Result<(), Diagnostic> {
        let name = self.sibling_name(tag);
        let leftover = self.sibling(tag);
        let leftover = leftover.display();
        match parent.kind(&name) {
            Ok(None) => return Ok(()),
            Ok(Some(Kind::Link)) => return Err(self.fail(crate::t!("output.leftover-link", leftover = leftover))),
            Ok(Some(_)) => {}
            Err(e) => {
                return Err(self.fail(crate::t!(
                    "output.cannot-remove-leftover",
                    leftover = leftover,
                    error = crate::i18n::io_error(&e)
                )));
            }
        }
        match self.owned(parent, &name)? {
            Owned::Yes => {}
            Owned::Link => return Err(self.fail(crate::t!("output.leftover-link", leftover = leftover))),
            Owned::Unlisted(path) => {
                let file = format!("{leftover}/{path}");
                return Err(self.fail(crate::t!("output.leftover-unlisted", leftover = leftover, file = file)));
            }
            Owned::Unmarked => {
                return Err(self.fail(crate::t!(
                    "output.leftover-not-kaopings",
                    leftover = leftover,
                    marker = MARKER,
                    name = self.name()
                )));
            }
        }
        record::remove(parent, &name, &self.name()).map_err(|e| {
            self.fail(crate::t!(
                "output.cannot-remove-leftover",
                leftover = leftover,
                error = crate::i18n::io_error(&e)
            ))
        })
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
            Diagnostic::error(
                shown_path.clone(),
                None,
                crate::t!("output.cannot-write-file", error = crate::i18n::io_error(&e)),
            )
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
