//! Putting a finished staging folder in the output's place, and repairing a
//! swap that was stopped half way. On Linux the two folders are exchanged
//! in one atomic step (`renameat2` with `RENAME_EXCHANGE`), so at every
//! moment the output path holds one complete site; elsewhere (or with
//! `KAOPING_TEST_TWO_RENAMES=1`) the old output is moved aside to
//! `.<name>.kaoping-old`, then the new one renamed into place, and a stop
//! between the two is repaired by [`Target::repair`] at the start of the
//! next build. The old site is then removed, only what its record lists,
//! its marker last. Renames are made in the parent folder by name; a name
//! that became a link is renamed as the link, never followed.

use super::record::{self, Record};
use super::{Owned, Target, hook};
use crate::diag::Diagnostic;
use crate::nofollow::{Dir, Kind};
use std::ffi::OsStr;

impl Target {
    /// Repairs what a stopped build left: puts back a previous site that a
    /// build stopped between its two renames left at `.<name>.kaoping-old`
    /// (the output is then missing), and removes the staging and old
    /// folders beside the output that are kaoping's (empty, or marked for
    /// this name and holding only what their record lists; others, and
    /// links, are left alone for [`Target::begin`] to name). Returns a
    /// warning when it put a site back.
    pub fn repair(&self) -> Result<Option<Diagnostic>, Diagnostic> {
        // No parent folder: nothing was left.
        let Ok(parent) = Dir::open(&self.parent()) else { return Ok(None) };
        let (old, leaf) = (self.sibling_name("old"), self.leaf());
        let mut restored = None;
        if matches!(parent.kind(&leaf), Ok(None)) && self.is_site(&parent, &old)? {
            if let Err(e) = parent.rename(&old, &leaf) {
                return Err(self.fail(crate::t!(
                    "output.restore-failed",
                    old = self.sibling("old").display(),
                    target = self.dir.display(),
                    error = crate::i18n::io_error(&e)
                )));
            }
            let message = crate::t!("output.restored", old = self.sibling("old").display());
            restored = Some(Diagnostic::warning(self.shown.clone(), None, message));
        }
        for tag in ["staging", "old"] {
            let name = self.sibling_name(tag);
            if matches!(parent.kind(&name), Ok(Some(Kind::Dir))) && matches!(self.owned(&parent, &name)?, Owned::Yes) {
                let _ = record::remove(&parent, &name, &self.name());
            }
        }
        Ok(restored)
    }

    /// Whether the folder `name` in `parent` is a site kaoping made for
    /// this name, holding only what it wrote.
    fn is_site(&self, parent: &Dir, name: &OsStr) -> Result<bool, Diagnostic> {
        if !matches!(parent.kind(name), Ok(Some(Kind::Dir))) || !matches!(self.owned(parent, name)?, Owned::Yes) {
            return Ok(false);
        }
        Ok(parent.sub(name).is_ok_and(|d| Record::read(&d, &self.name()).is_some()))
    }

    /// Swaps the finished folder `staging` (its name in `parent`, and the
    /// folder itself as it was opened) in for the output. The output is
    /// checked once more first (it must still hold only what kaoping
    /// wrote), and the name `staging` must still be that folder.
    pub(super) fn swap(&self, parent: &Dir, staging: &OsStr, dir: &Dir) -> Result<(), Diagnostic> {
        hook::pause("written");
        let leaf = self.leaf();
        let had_old = match parent.kind(&leaf) {
            Ok(k) => k.is_some(),
            Err(e) => return Err(self.fail(crate::t!("output.cannot-read", error = crate::i18n::io_error(&e)))),
        };
        if had_old {
            self.check_owned(parent)?;
        }
        let ours = dir.id().ok();
        let still = |name: &OsStr| ours.is_some() && parent.id_of(name).ok().flatten() == ours;
        let replaced = || {
            let staging = self.sibling("staging");
            self.fail(crate::t!("output.staging-replaced", staging = staging.display()))
        };
        if !still(staging) {
            return Err(replaced());
        }
        if had_old && !hook::two_renames() && parent.exchange(staging, &leaf).is_ok() {
            if !still(&leaf) {
                let _ = parent.exchange(staging, &leaf);
                return Err(replaced());
            }
            hook::pause("swapped");
            let _ = record::remove(parent, staging, &self.name());
            return Ok(());
        }
        let old = self.sibling_name("old");
        if had_old && let Err(e) = parent.rename(&leaf, &old) {
            return Err(self.fail(crate::t!("output.cannot-move-aside", error = crate::i18n::io_error(&e))));
        }
        if had_old {
            hook::pause("aside");
        }
        if let Err(e) = parent.rename(staging, &leaf) {
            if !had_old {
                return Err(self.fail(crate::t!("output.cannot-move-in", error = crate::i18n::io_error(&e))));
            }
            return Err(match parent.rename(&old, &leaf) {
                Ok(()) => self.fail(crate::t!("output.cannot-move-in", error = crate::i18n::io_error(&e))),
                Err(back) => self.fail(crate::t!(
                    "output.cannot-move-in-or-back",
                    error = crate::i18n::io_error(&e),
                    restore_error = crate::i18n::io_error(&back),
                    old = self.sibling("old").display(),
                    target = self.dir.display()
                )),
            });
        }
        hook::pause("swapped");
        if had_old {
            let _ = record::remove(parent, &old, &self.name());
        }
        Ok(())
    }
}
