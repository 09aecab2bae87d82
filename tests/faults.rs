//! Faults: builds killed at random moments, builds running at the same
//! time, a full disk. The output folder always holds one complete site,
//! the old one or the new one, never a mix.

mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::Duration;

fn content(dir: &std::path::Path, seed: u64) -> String {
    kaoping::synthetic::write(dir, 200, seed).unwrap();
    dir.to_str().unwrap().to_string()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (content(&root.path().join("a"), 1), content(&root.path().join("b"), 2));
    let out = root.path().join("site");
    let o = out.to_str().unwrap();
    assert_eq!(kaoping(&["build", "--content", &b, "--output", o]).code, 0);
    let site_b = snapshot(&out);
    assert_eq!(kaoping(&["build", "--content", &a, "--output", o]).code, 0);
    let site_a = snapshot(&out);
    assert_ne!(site_a, site_b);

    // Splitmix-style delays spread over the whole build (about 0.6 s here).
    let mut state: u64 = 2013;
    let mut completed = 0;
    for i in 0..50 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = Duration::from_millis((state >> 33) % 900);
        let source = if i % 2 == 0 { &b } else { &a };
        let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", source, "--output", o])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        completed += usize::from(status.success());
        let now = snapshot(&out);
        assert!(now == site_a || now == site_b, "try {i} (killed after {delay:?}): the output is neither site");
    }
    eprintln!("50 kills, {completed} builds finished before their kill");
    // The next build cleans up what the killed ones left beside the output.
    assert_eq!(kaoping(&["build", "--content", &a, "--output", o]).code, 0);
    assert_eq!(snapshot(&out), site_a);
    let mut beside: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, [".site.kaoping-lock", "a", "b", "site"]);
}

#[test]
fn two_builds_at_once_into_one_folder_take_turns() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (content(&root.path().join("a"), 1), content(&root.path().join("b"), 2));
    let out = root.path().join("site");
    let o = out.to_str().unwrap();
    let spawn = |source: &str| {
        Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", source, "--output", o])
            .env("KAOPING_LANG", "en")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn(&a);
    std::thread::sleep(Duration::from_millis(50));
    let second = spawn(&b);
    let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
    assert!(first.status.success() && second.status.success());
    let waited = String::from_utf8_lossy(&second.stderr);
    assert!(waited.contains(&format!("waiting for another kaoping build into {o} to finish")), "{waited}");
    // The later build's site is there, whole.
    let check = root.path().join("check");
    assert_eq!(kaoping(&["build", "--content", &b, "--output", check.to_str().unwrap()]).code, 0);
    assert_eq!(snapshot(&out), snapshot(&check));
}

#[test]
#[cfg(unix)]
fn a_full_disk_fails_cleanly_and_keeps_the_previous_site() {
    let root = tempfile::tempdir().unwrap();
    let disk = root.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=400k", "tmpfs", disk.to_str().unwrap()])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root and can mount a small tmpfs");
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let out = disk.join("site");
    let o = out.to_str().unwrap().to_string();
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", &o]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = snapshot(&out);
    let big = root.path().join("big");
    let big = content(&big, 3);
    let run = kaoping(&["build", "--content", &big, "--output", &o]);
    let unmount = || Command::new("umount").arg(&disk).status();
    let after = snapshot(&out);
    let leftovers: Vec<_> = std::fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    let _ = unmount();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("error: {o}: cannot write ")), "{}", run.stderr);
    assert!(run.stderr.contains("No space left on device") && run.stderr.contains("the previous output is unchanged"));
    assert_eq!(after, before);
    assert_eq!(leftovers.len(), 2, "only the site and its lock: {leftovers:?}");
}

#[test]
#[cfg(unix)]
fn a_read_only_output_disk_fails_cleanly_and_keeps_the_previous_site() {
    let root = tempfile::tempdir().unwrap();
    let disk = root.path().join("disk");
    let out = disk.join("site");
    let o = out.to_str().unwrap().to_string();
    assert_eq!(kaoping(&["build", "--content", "tests/fixtures/small", "--output", &o]).code, 0);
    let before = snapshot(&out);
    let d = disk.to_str().unwrap();
    let ro = Command::new("mount").args(["--bind", d, d]).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
        && Command::new("mount").args(["-o", "remount,bind,ro", d]).status().is_ok_and(|s| s.success());
    if !ro {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root and can bind-mount read-only");
        eprintln!("skipped: cannot make a read-only mount here");
        return;
    }
    let run = kaoping(&["build", "--output", &o]);
    let after = snapshot(&out);
    let _ = Command::new("umount").arg(d).status();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("error: {o}: ")), "{}", run.stderr);
    assert!(run.stderr.contains("Read-only file system"), "{}", run.stderr);
    assert_eq!(after, before);
}
