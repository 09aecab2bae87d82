//! Noticing that the content or a theme changed: by the system's file
//! events ([`events`], the `notify` crate) where it has them, by polling
//! ([`poll`]) where it has not, where they fail later, or when the user
//! asks for it (`KAOPING_POLL=1`, for network drives, whose changes made on
//! other computers raise no event here). Either way a save is waited out
//! until its changes settle, and the paths that changed are given, so that
//! an archive reads again only the years they lie in.

pub mod events;
pub mod poll;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What changed since the last look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Anything may have (the start, or events were lost).
    All,
    /// These files or folders changed (added, removed or written).
    Paths(BTreeSet<PathBuf>),
}

impl Change {
    /// Whether anything under one of `roots` may have changed.
    pub fn touches(&self, roots: &[PathBuf]) -> bool {
        match self {
            Change::All => true,
            Change::Paths(paths) => paths.iter().any(|p| roots.iter().any(|r| p.starts_with(r))),
        }
    }
}

/// How long the looks wait.
const POLL_EVERY: Duration = Duration::from_millis(50);
/// A save has settled once nothing more happened for this long…
const QUIET: Duration = Duration::from_millis(20);
/// …or after this long at most.
const SETTLE_AT_MOST: Duration = Duration::from_millis(500);

/// Watches a set of folders (with everything under them).
pub struct Watcher {
    roots: Vec<PathBuf>,
    how: How,
    /// Why polling began, once, for the console.
    notice: Option<Notice>,
}

enum How {
    Events(events::Events),
    Poll(poll::Fingerprint),
}

/// Why the watcher polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The user asked for it.
    Asked,
    /// The system's events could not start or failed: why.
    Fallback(String),
}

impl Watcher {
    /// Starts watching `roots`: by polling if `poll`, else by the system's
    /// events if it can.
    pub fn start(roots: Vec<PathBuf>, poll: bool) -> Watcher {
        let (how, notice) = if poll {
            (How::Poll(poll::fingerprint(&roots)), Some(Notice::Asked))
        } else {
            match events::Events::start(&roots) {
                Ok(e) => (How::Events(e), None),
                Err(why) => (How::Poll(poll::fingerprint(&roots)), Some(Notice::Fallback(why))),
            }
        };
        Watcher { roots, how, notice }
    }

    /// Whether changes are found by polling.
    pub fn polling(&self) -> bool {
        matches!(self.how, How::Poll(_))
    }

    /// Why the watcher polls, the first time it is asked after polling began.
    pub fn take_notice(&mut self) -> Option<Notice> {
        self.notice.take()
    }

    /// Watches `roots` from now on (a theme may have moved).
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        if roots == self.roots {
            return;
        }
        match &mut self.how {
            How::Events(e) => {
                if let Err(why) = e.set_roots(&roots) {
                    self.fall_back(why, &roots);
                }
            }
            How::Poll(last) => *last = poll::fingerprint(&roots),
        }
        self.roots = roots;
    }

    fn fall_back(&mut self, why: String, roots: &[PathBuf]) {
        self.how = How::Poll(poll::fingerprint(roots));
        self.notice = Some(Notice::Fallback(why));
    }

    /// Waits a while (about 0.1 s) for a change; what changed once it has
    /// settled, `None` if nothing did.
    pub fn wait(&mut self) -> Option<Change> {
        match &mut self.how {
            How::Events(e) => match e.next(2 * POLL_EVERY, QUIET, SETTLE_AT_MOST) {
                events::Heard::Nothing => None,
                events::Heard::Changed(Some(paths)) => Some(Change::Paths(paths)),
                events::Heard::Changed(None) => Some(Change::All),
                events::Heard::Failed(why) => {
                    // What happened meanwhile is unknown: read everything.
                    let roots = self.roots.clone();
                    self.fall_back(why, &roots);
                    Some(Change::All)
                }
            },
            How::Poll(last) => {
                std::thread::sleep(POLL_EVERY);
                let mut now = poll::fingerprint(&self.roots);
                if now == *last {
                    return None;
                }
                // Let a save finish: wait until two looks QUIET apart agree.
                let looks = SETTLE_AT_MOST.as_millis() / QUIET.as_millis();
                for _ in 0..looks {
                    std::thread::sleep(QUIET);
                    let again = poll::fingerprint(&self.roots);
                    if again == now {
                        break;
                    }
                    now = again;
                }
                let changed = poll::changed(last, &now);
                *last = now;
                Some(Change::Paths(changed))
            }
        }
    }
}

/// `path` made absolute with its links resolved, so that it compares with
/// the paths the watcher reports; as given where it cannot be.
pub fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// `roots` without those inside another one, in order.
pub fn outermost(roots: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for r in roots {
        if out.iter().any(|o| r.starts_with(o)) {
            continue;
        }
        out.retain(|o| !o.starts_with(&r));
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_inside_others_are_watched_with_them() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(outermost(vec![p("/a/b"), p("/a"), p("/c"), p("/a/d"), p("/c")]), vec![p("/a"), p("/c")]);
    }

    #[test]
    fn a_change_touches_the_folders_it_lies_in() {
        let change = Change::Paths(BTreeSet::from([PathBuf::from("/a/2014/cities/x.yaml")]));
        assert!(change.touches(&[PathBuf::from("/a/2014")]));
        assert!(!change.touches(&[PathBuf::from("/a/2013"), PathBuf::from("/a/201")]));
        assert!(Change::All.touches(&[]));
    }

    #[test]
    fn polling_sees_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let root = real(dir.path());
        std::fs::write(root.join("a.yaml"), "x").unwrap();
        let mut w = Watcher::start(vec![root.clone()], true);
        assert_eq!(w.take_notice(), Some(Notice::Asked));
        assert_eq!(w.wait(), None);
        std::fs::write(root.join("a.yaml"), "xy").unwrap();
        assert_eq!(w.wait(), Some(Change::Paths(BTreeSet::from([root.join("a.yaml")]))));
    }

    #[test]
    fn events_see_a_save_and_not_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = real(dir.path());
        std::fs::write(root.join("a.yaml"), "x").unwrap();
        let mut w = Watcher::start(vec![root.clone()], false);
        if w.polling() {
            return; // no file events on this system: polling is tested above
        }
        std::fs::read(root.join("a.yaml")).unwrap();
        assert_eq!(w.wait(), None, "reading a file is no change");
        std::fs::write(root.join("a.yaml"), "xy").unwrap();
        let Some(Change::Paths(paths)) = w.wait() else { panic!("no change seen") };
        assert!(paths.contains(&root.join("a.yaml")), "{paths:?}");
    }
}
