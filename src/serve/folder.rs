//! The preview folders that older versions of `serve` built into (in the
//! system's temporary folder, `TMPDIR`, with a marker file inside that says
//! which process owns it) and left behind when they were killed outright.
//! `serve` writes nothing any more, but still removes such a folder when
//! its marker proves the owner is gone: same boot and same process
//! namespace as ours (Linux: `/proc`), and no process with that pid and
//! start time. No marker, or an owner that cannot be judged: not ours to
//! remove.

use std::path::{Path, PathBuf};

/// The prefix of preview folders; only narrows the search, never decides.
const PREFIX: &str = "kaoping-serve-";
/// The marker's file name inside the folder.
pub const MARKER: &str = "kaoping-serve.owner";

/// Who runs a process, as far as this system can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    /// Clock ticks after boot when the process started (`/proc/<pid>/stat`, field 22).
    pub start: Option<u64>,
    /// `/proc/sys/kernel/random/boot_id`.
    pub boot: Option<String>,
    /// The pid namespace (`/proc/self/ns/pid`).
    pub namespace: Option<String>,
}

impl Owner {
    /// This process.
    pub fn me() -> Owner {
        let pid = std::process::id();
        Owner { pid, start: start_time(pid), boot: boot_id(), namespace: pid_namespace() }
    }

    #[cfg(test)]
    fn to_marker(&self) -> String {
        let field = |v: &Option<String>| v.clone().unwrap_or_default();
        format!(
            "kaoping serve\npid={}\nstart={}\nboot={}\nnamespace={}\n",
            self.pid,
            self.start.map(|s| s.to_string()).unwrap_or_default(),
            field(&self.boot),
            field(&self.namespace)
        )
    }

    fn from_marker(text: &str) -> Option<Owner> {
        let mut lines = text.lines();
        if lines.next() != Some("kaoping serve") {
            return None;
        }
        let mut owner = Owner { pid: 0, start: None, boot: None, namespace: None };
        for line in lines {
            let (key, value) = line.split_once('=')?;
            let value = (!value.is_empty()).then(|| value.to_string());
            match key {
                "pid" => owner.pid = value?.parse().ok()?,
                "start" => owner.start = value.map(|v| v.parse()).transpose().ok()?,
                "boot" => owner.boot = value,
                "namespace" => owner.namespace = value,
                _ => {}
            }
        }
        (owner.pid != 0).then_some(owner)
    }
}

/// Removes the preview folders in `temp` whose owner is proven gone; the
/// folders removed.
pub fn remove_stale(temp: &Path) -> Vec<PathBuf> {
    let me = Owner::me();
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(temp) else { return removed };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(path.join(MARKER)) else { continue };
        if Owner::from_marker(&text).is_some_and(|owner| is_gone(&owner, &me, start_time))
            && std::fs::remove_dir_all(&path).is_ok()
        {
            removed.push(path);
        }
    }
    removed
}

/// True only when `owner` is certainly not running: it ran on this boot in
/// this pid namespace (as `me` does), and its pid is free or now belongs to
/// a process started at another time. `started` looks up a pid's start.
fn is_gone(owner: &Owner, me: &Owner, started: impl Fn(u32) -> Option<u64>) -> bool {
    let same_world = me.boot.is_some()
        && me.namespace.is_some()
        && owner.boot == me.boot
        && owner.namespace == me.namespace
        && owner.start.is_some();
    same_world && owner.pid != me.pid && started(owner.pid) != owner.start
}

/// Field 22 of `/proc/<pid>/stat`; `None` where there is no such process or
/// no `/proc`. The second field (the command) may hold spaces and
/// parentheses, so fields are counted after its last `)`.
fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_start(&stat)
}

fn parse_start(stat: &str) -> Option<u64> {
    let after = &stat[stat.rfind(')')? + 1..];
    // Fields 3, 4, … follow the command: field 22 is the 20th of them.
    after.split_whitespace().nth(19)?.parse().ok()
}

fn boot_id() -> Option<String> {
    let id = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    Some(id.trim().to_string()).filter(|s| !s.is_empty() && !s.contains('\n'))
}

fn pid_namespace() -> Option<String> {
    let link = std::fs::read_link("/proc/self/ns/pid").ok()?;
    Some(link.to_string_lossy().into_owned()).filter(|s| !s.contains('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(pid: u32, start: u64) -> Owner {
        Owner { pid, start: Some(start), boot: Some("b1".into()), namespace: Some("pid:[1]".into()) }
    }

    #[test]
    fn the_marker_reads_back() {
        let me = Owner::me();
        assert_eq!(Owner::from_marker(&me.to_marker()), Some(me));
        assert_eq!(Owner::from_marker("pid=3\n"), None, "not a kaoping marker");
        assert_eq!(Owner::from_marker("kaoping serve\npid=x\n"), None);
    }

    #[test]
    fn only_a_proven_dead_owner_is_gone() {
        let me = owner(1, 10);
        // The pid is free, or taken by a process started at another time.
        assert!(is_gone(&owner(7, 500), &me, |_| None));
        assert!(is_gone(&owner(7, 500), &me, |_| Some(501)));
        // The same process is still running.
        assert!(!is_gone(&owner(7, 500), &me, |_| Some(500)));
        // Another boot, another namespace, or an unknown start: cannot tell.
        let other_boot = Owner { boot: Some("b2".into()), ..owner(7, 500) };
        assert!(!is_gone(&other_boot, &me, |_| None));
        let other_ns = Owner { namespace: Some("pid:[2]".into()), ..owner(7, 500) };
        assert!(!is_gone(&other_ns, &me, |_| None));
        let unknown = Owner { start: None, ..owner(7, 500) };
        assert!(!is_gone(&unknown, &me, |_| None));
        // Where this system cannot say who we are (no /proc), nothing is gone.
        let blind = Owner { boot: None, namespace: None, ..owner(1, 10) };
        assert!(!is_gone(&Owner { boot: None, namespace: None, ..owner(7, 500) }, &blind, |_| None));
    }

    #[test]
    fn the_start_time_is_field_22_even_with_odd_commands() {
        let stat = "42 (a) b (c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        assert_eq!(parse_start(stat), Some(987654));
        assert_eq!(parse_start("garbage"), None);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn this_process_has_a_start_time() {
        assert!(Owner::me().start.is_some());
    }
}
