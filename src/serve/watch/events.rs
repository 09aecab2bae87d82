//! Noticing changes through the system's file events (inotify on Linux,
//! ReadDirectoryChangesW on Windows, FSEvents on macOS), by the `notify`
//! crate: nothing is looked at until something changes. Links are not
//! followed (as the content reader does not follow them). Opening and
//! reading a file is no change: the preview reads the content itself.
//! Closing a file written is one.

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The system's events for a set of folders.
pub struct Events {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    roots: Vec<PathBuf>,
}

/// What came from the system: the paths that changed (`None`: anything may
/// have, as after an overflow of the system's queue), or an error.
pub enum Heard {
    Nothing,
    Changed(Option<BTreeSet<PathBuf>>),
    Failed(String),
}

impl Events {
    /// Starts watching `roots`, each with everything under it; an error if
    /// the system cannot.
    pub fn start(roots: &[PathBuf]) -> Result<Events, String> {
        let (send, events) = std::sync::mpsc::channel();
        let config = notify::Config::default().with_follow_symlinks(false);
        let watcher = RecommendedWatcher::new(send, config).map_err(|e| why(&e))?;
        let mut events = Events { watcher, events, roots: Vec::new() };
        events.set_roots(roots)?;
        Ok(events)
    }

    /// Watches `roots` from now on instead of the folders before.
    pub fn set_roots(&mut self, roots: &[PathBuf]) -> Result<(), String> {
        for gone in self.roots.iter().filter(|r| !roots.contains(r)) {
            // A folder that has gone away is no longer watched anyway.
            let _ = self.watcher.unwatch(gone);
        }
        for new in roots.iter().filter(|r| !self.roots.contains(r)) {
            self.watcher.watch(new, RecursiveMode::Recursive).map_err(|e| why(&e))?;
        }
        self.roots = roots.to_vec();
        Ok(())
    }

    /// Waits up to `wait` for a change, then until changes have settled:
    /// no event for `quiet` (a save may take several), at most `most`.
    pub fn next(&self, wait: Duration, quiet: Duration, most: Duration) -> Heard {
        let mut paths = Some(BTreeSet::new());
        match self.take(wait, &mut paths) {
            Ok(true) => {}
            Ok(false) => return Heard::Nothing,
            Err(why) => return Heard::Failed(why),
        }
        let end = Instant::now() + most;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.take(quiet.min(left), &mut paths) {
                Ok(true) => {}
                Ok(false) => break,
                Err(why) => return Heard::Failed(why),
            }
        }
        Heard::Changed(paths)
    }

    /// Takes events until one that changes something (`true`, its paths
    /// added to `paths`) or until `wait` has passed (`false`).
    fn take(&self, wait: Duration, paths: &mut Option<BTreeSet<PathBuf>>) -> Result<bool, String> {
        let end = Instant::now() + wait;
        loop {
            let Some(left) = end.checked_duration_since(Instant::now()) else { return Ok(false) };
            match self.events.recv_timeout(left) {
                Ok(Ok(event)) if is_reading(&event.kind) => {}
                Ok(Ok(event)) => {
                    if event.need_rescan() || event.paths.is_empty() {
                        *paths = None;
                    } else if let Some(p) = paths {
                        p.extend(event.paths);
                    }
                    return Ok(true);
                }
                Ok(Err(e)) => return Err(why(&e)),
                Err(RecvTimeoutError::Timeout) => return Ok(false),
                Err(RecvTimeoutError::Disconnected) => return Err(crate::t!("serve.events-ended")),
            }
        }
    }
}

/// An event that only says a file was opened or read (the server's own
/// reading among them). A file closed after writing is a change: a slow
/// save read half way is read again once it is complete.
fn is_reading(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if *access != AccessKind::Close(AccessMode::Write))
}

/// Why the system's events failed: in Chinese by the error's kind (the
/// limit of watched files said as such), in English notify's words.
fn why(e: &notify::Error) -> String {
    let words = || match &e.kind {
        notify::ErrorKind::Io(io) => crate::i18n::io_error(io),
        notify::ErrorKind::MaxFilesWatch => crate::t!("serve.too-many-watched"),
        notify::ErrorKind::PathNotFound => crate::i18n::io_error(&std::io::ErrorKind::NotFound.into()),
        _ => crate::t!("io.other"),
    };
    crate::i18n::library(words, e)
}
