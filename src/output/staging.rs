//! A staging folder being filled: files are noted in its journal, then
//! created new beneath it, through no link; [`Staging::finish`] swaps it
//! in, and a staging folder dropped unfinished is removed.

use super::{MARKER, Target, record};
use crate::diag::Diagnostic;
use crate::nofollow::{self, Dir};
use std::ffi::OsString;
use std::fs;
use std::io::{Read, Write};
use std::sync::Mutex;

/// A staging folder being filled. Dropped without [`Staging::finish`], it
/// is removed and the target stays as it was.
pub struct Staging {
    pub(super) target: Target,
    /// The output's parent, and the staging folder's name in it.
    pub(super) parent: Dir,
    pub(super) name: OsString,
    pub(super) dir: Dir,
    /// Open while files are written; closed before it is removed (on
    /// Windows a removed file that is still open stays until it is closed,
    /// and under Wine it then stayed in the swapped-in site, issue 24).
    pub(super) journal: Mutex<Option<fs::File>>,
    pub(super) mark: bool,
    pub(super) done: bool,
}

impl Staging {
    /// Writes one file (`path` relative, with `/`), making its folders;
    /// each is new, and none is reached through a link.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let noted = self.note(&[path]);
        let result =
            noted.and_then(|()| nofollow::create_beneath(&self.dir, path)).and_then(|mut f| f.write_all(bytes));
        result.map_err(|e| {
            self.target.fail(crate::t!("output.cannot-write", path = path, error = crate::i18n::io_error(&e)))
        })
    }

    /// Where the staging folder is (to read back what was written).
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Notes `paths` in the journal, in one write, before they are made.
    fn note(&self, paths: &[&str]) -> std::io::Result<()> {
        let mut list = String::new();
        for p in paths {
            list.push_str(p);
            list.push('\n');
        }
        match self.journal.lock().as_deref_mut() {
            Ok(Some(j)) => j.write_all(list.as_bytes()),
            _ => Err(std::io::Error::other(crate::i18n::Said("output.journal-broken"))),
        }
    }

    /// The output being replaced, opened (no link followed), if there is one:
    /// where [`Staging::keep_all`] takes files from.
    pub fn current(&self) -> Option<Dir> {
        self.parent.sub(self.target.leaf()).ok()
    }

    /// Keeps the files `paths` of the output being replaced (`current`, a
    /// year of an archive) in the new one as they are: hard links to the
    /// same files, so their bytes and times stay; all noted in the journal
    /// at once first, like any file written, then linked with each folder
    /// opened once; any the system cannot link is copied.
    pub fn keep_all(&self, current: &Dir, paths: &[&str]) -> Result<(), Diagnostic> {
        let fail = |path: &str, e: std::io::Error| {
            self.target.fail(crate::t!("output.cannot-write", path = path, error = crate::i18n::io_error(&e)))
        };
        self.note(paths).map_err(|e| fail(paths.first().copied().unwrap_or_default(), e))?;
        for (path, _) in nofollow::link_all_beneath(current, &self.dir, paths) {
            let mut bytes = Vec::new();
            nofollow::open_beneath(current.path(), path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| fail(path, e))?;
            nofollow::create_beneath(&self.dir, path)
                .and_then(|mut f| f.write_all(&bytes))
                .map_err(|e| fail(path, e))?;
        }
        Ok(())
    }

    /// Swaps the staging folder in (see the `swap` module); the old site is
    /// then removed. A site's journal goes just before (the site is then
    /// listed by its `SHA256SUMS`); an unmarked result (`init`) keeps its
    /// marker and journal until it is in place, so that a failed swap can
    /// still remove it, and loses them then.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        if let Ok(mut journal) = self.journal.lock() {
            journal.take();
        }
        if self.mark
            && let Err(e) = self.dir.remove_file(record::JOURNAL)
        {
            return Err(self.target.fail(crate::t!("output.cannot-start", error = crate::i18n::io_error(&e))));
        }
        self.done = true;
        if let Err(d) = self.target.swap(&self.parent, &self.name, &self.dir) {
            let _ = record::remove(&self.parent, &self.name, &self.target.name());
            return Err(d);
        }
        if !self.mark {
            // On Linux the staging folder's handle followed it into place;
            // where a folder is a path (Windows, macOS: `nofollow/other.rs`)
            // it is opened again by its new name (found by the Windows check).
            let placed = if cfg!(target_os = "linux") { None } else { Some(self.parent.sub(self.target.leaf())) };
            let unmarked = placed.transpose().and_then(|placed| {
                let dir = placed.as_ref().unwrap_or(&self.dir);
                dir.remove_file(record::JOURNAL).and_then(|()| dir.remove_file(MARKER))
            });
            unmarked
                .map_err(|e| self.target.fail(crate::t!("output.cannot-start", error = crate::i18n::io_error(&e))))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = record::remove(&self.parent, &self.name, &self.target.name());
        }
    }
}
