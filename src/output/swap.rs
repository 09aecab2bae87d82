//! Putting a finished staging folder in the output's place, and repairing a
//! swap that was stopped half way. On Linux the two folders are exchanged
//! in one atomic step (`renameat2` with `RENAME_EXCHANGE`), so at every
//! moment the output path holds one complete site; elsewhere (or with
//! `KAOPING_TEST_TWO_RENAMES=1`) the old output is moved aside to
//! `.<name>.kaoping-old`, then the new one renamed into place, and a stop
//! between the two is repaired by [`Target::repair`] at the start of the
//! next build. The old site is then removed, its marker last.

use super::marker;
use super::{Target, hook};
use crate::diag::Diagnostic;
use std::fs;
use std::path::Path;

impl Target {
    /// Repairs what a stopped build left: puts back a previous site that a
    /// build stopped between its two renames left at `.<name>.kaoping-old`
    /// (the output is then missing), and removes the staging and old
    /// folders beside the output that are kaoping's (empty, or marked for
    /// this name; others are left alone). Returns a warning when it put a
    /// site back.
    pub fn repair(&self) -> Result<Option<Diagnostic>, Diagnostic> {
        let old = self.sibling("old");
        let mut restored = None;
        if !self.dir.exists() && old.is_dir() && marker::is_kaopings(&old, &self.name()) {
            if let Err(e) = fs::rename(&old, &self.dir) {
                return Err(self.fail(crate::t!(
                    "output.restore-failed",
                    old = old.display(),
                    target = self.dir.display(),
                    error = e
                )));
            }
            restored =
                Some(Diagnostic::warning(self.shown.clone(), None, crate::t!("output.restored", old = old.display())));
        }
        for leftover in [self.sibling("staging"), old] {
            if self.is_ours(&leftover) {
                let _ = marker::remove(&leftover);
            }
        }
        Ok(restored)
    }

    /// Swaps the finished folder `staging` in for the output.
    pub(super) fn swap(&self, staging: &Path) -> Result<(), Diagnostic> {
        hook::pause("written");
        if self.dir.exists() && !hook::two_renames() && exchange(staging, &self.dir).is_ok() {
            hook::pause("swapped");
            let _ = marker::remove(staging);
            return Ok(());
        }
        let old = self.sibling("old");
        let had_old = self.dir.exists();
        if had_old && let Err(e) = fs::rename(&self.dir, &old) {
            let _ = marker::remove(staging);
            return Err(self.fail(crate::t!("output.cannot-move-aside", error = e)));
        }
        if had_old {
            hook::pause("aside");
        }
        if let Err(e) = fs::rename(staging, &self.dir) {
            let _ = marker::remove(staging);
            if !had_old {
                return Err(self.fail(crate::t!("output.cannot-move-in", error = e)));
            }
            return Err(match fs::rename(&old, &self.dir) {
                Ok(()) => self.fail(crate::t!("output.cannot-move-in", error = e)),
                Err(back) => self.fail(crate::t!(
                    "output.cannot-move-in-or-back",
                    error = e,
                    restore_error = back,
                    old = old.display(),
                    target = self.dir.display()
                )),
            });
        }
        hook::pause("swapped");
        if had_old {
            let _ = marker::remove(&old);
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
