//! Faults: builds killed in every phase of writing (the test-only hook
//! `KAOPING_TEST_PAUSE` stops a build at a named point, where the test kills
//! it), on both swap paths (`KAOPING_TEST_TWO_RENAMES` forces the one used
//! off Linux), builds running at the same time, a full or read-only disk.
//! The output folder always holds one complete site, the old one or the new
//! one, never a mix, and nothing of kaoping's stays beside it.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn content(dir: &Path, cities: usize, seed: u64) -> String {
    kaoping::synthetic::write(dir, cities, seed).unwrap();
    dir.to_str().unwrap().to_string()
}

/// The names beside the output (in its parent), sorted.
fn beside(root: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Starts a build of `source` into `out` that pauses at `phase` (the
/// `KAOPING_TEST_PAUSE` hook) and kills it there. Returns whether the kill
/// landed in that phase (the build said it paused there).
fn kill_at(source: &str, out: &str, phase: &str, two_renames: bool) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["build", "--content", source, "--output", out])
        .env("KAOPING_LANG", "en")
        .env("KAOPING_TEST_PAUSE", phase)
        .env("KAOPING_TEST_TWO_RENAMES", if two_renames { "1" } else { "0" })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let said = format!("kaoping-test: paused at {phase}");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let paused = stderr.lines().map_while(Result::ok).any(|l| l == said);
    let _ = child.kill();
    child.wait().unwrap();
    paused
}

/// Where a build can be stopped, and whether the output then holds the new
/// site (else the old one). `aside` (between the two renames) exists only
/// on the two-rename path; there the output is missing until the next
/// build puts the old site back.
const PHASES: [(&str, bool); 7] = [
    ("locked", false),
    ("staging", false),
    ("written", false),
    ("aside", false),
    ("swapped", true),
    ("removing", true),
    ("done", true),
];

#[test]
fn a_build_killed_in_any_phase_leaves_the_old_site_or_the_new_one() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (content(&root.path().join("a"), 6, 1), content(&root.path().join("b"), 6, 2));
    let broken = root.path().join("broken");
    copy_dir(&common::root().join("tests/fixtures/broken-entries"), &broken);
    let broken = broken.to_str().unwrap();
    let out = root.path().join("site");
    let o = out.to_str().unwrap();
    assert_eq!(kaoping(&["build", "--content", &b, "--output", o]).code, 0);
    let site_b = snapshot(&out);
    assert_eq!(kaoping(&["build", "--content", &a, "--output", o]).code, 0);
    let site_a = snapshot(&out);
    assert_ne!(site_a, site_b);
    let (mut now, mut other) = ((&a, &site_a), (&b, &site_b));

    let mut landed: BTreeMap<String, usize> = BTreeMap::new();
    for two_renames in [false, true] {
        let path = if two_renames { "two renames" } else { "exchange" };
        for (phase, gives_new) in PHASES {
            if phase == "aside" && !two_renames {
                continue;
            }
            for round in 0..2 {
                let at = format!("{path}, {phase}, round {round}");
                let hit = kill_at(other.0, o, phase, two_renames);
                assert!(hit, "{at}: the build never reached {phase}");
                *landed.entry(format!("{path}: {phase}")).or_default() += 1;
                if phase == "aside" {
                    assert!(!out.exists(), "{at}: between the renames the output is set aside");
                } else {
                    let expected = if gives_new { other.1 } else { now.1 };
                    assert!(snapshot(&out) == *expected, "{at}: the output is not the expected whole site");
                }
                // The next build, even of broken content, repairs first and
                // leaves nothing of kaoping's beside the output.
                let run = kaoping(&["build", "--content", broken, "--output", o]);
                assert_eq!(run.code, 1, "{at}: {}", run.stderr);
                let expected = if gives_new { other.1 } else { now.1 };
                assert!(snapshot(&out) == *expected, "{at}: after the next build the output is not whole");
                assert_eq!(beside(root.path()), ["a", "b", "broken", "site"], "{at}");
                if gives_new {
                    std::mem::swap(&mut now, &mut other);
                }
            }
        }
    }
    let counts: Vec<String> = landed.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("kills per phase: {}\n", counts.join(", ")).as_bytes(),
    );
    assert_eq!(landed.len(), 13, "every phase of both swap paths");
    assert!(landed.values().all(|&n| n == 2), "{counts:?}");
}

#[test]
fn many_builds_at_once_take_turns_and_leave_nothing_beside() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (content(&root.path().join("a"), 6, 1), content(&root.path().join("b"), 6, 2));
    let out = root.path().join("site");
    let o = out.to_str().unwrap();
    for two_renames in ["0", "1"] {
        let children: Vec<_> = (0..4)
            .map(|i| {
                Command::new(env!("CARGO_BIN_EXE_kaoping"))
                    .args(["build", "--content", if i % 2 == 0 { &a } else { &b }, "--output", o])
                    .env("KAOPING_TEST_TWO_RENAMES", two_renames)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            // A build that ran while another wrote would have found its
            // staging folder gone and failed.
            assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
        }
        let check = root.path().join("check/site");
        let whole = [&a, &b].iter().any(|c| {
            kaoping(&["build", "--content", c, "--output", check.to_str().unwrap()]);
            snapshot(&out) == snapshot(&check)
        });
        std::fs::remove_dir_all(root.path().join("check")).unwrap();
        assert!(whole, "the output is one whole site");
        assert_eq!(beside(root.path()), ["a", "b", "site"]);
    }
}

#[test]
fn two_builds_at_once_into_one_folder_take_turns() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (content(&root.path().join("a"), 6, 1), content(&root.path().join("b"), 6, 2));
    let out = root.path().join("site");
    let o = out.to_str().unwrap();
    let spawn = |source: &str, lang: &str, pause: &str| {
        Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", source, "--output", o])
            .env("KAOPING_LANG", lang)
            .env("KAOPING_TEST_PAUSE", pause)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let waiting = [
        ("en", format!("waiting for another kaoping build into {o} to finish…")),
        ("zh", format!("另一个 kaoping 正在生成到 {o}，等它完成…")),
    ];
    for (lang, line) in waiting {
        // The first build holds the lock for 1.5 s once it has it.
        let mut first = spawn(&a, "en", "locked:1500");
        let mut said = BufReader::new(first.stderr.take().unwrap());
        let mut paused = String::new();
        said.read_line(&mut paused).unwrap();
        assert_eq!(paused, "kaoping-test: paused at locked\n");
        let second = spawn(&b, lang, "");
        let (first, second) = (first.wait().unwrap(), second.wait_with_output().unwrap());
        assert!(first.success() && second.status.success());
        let stderr = String::from_utf8_lossy(&second.stderr);
        assert_eq!(stderr.lines().next(), Some(line.as_str()), "{stderr}");
        // The later build's site is there, whole.
        let check = root.path().join("check/site");
        assert_eq!(kaoping(&["build", "--content", &b, "--output", check.to_str().unwrap()]).code, 0);
        assert_eq!(snapshot(&out), snapshot(&check));
        assert_eq!(beside(root.path()), ["a", "b", "check", "site"]);
    }
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
        return skip("cannot mount a small tmpfs here (mount needs root)");
    }
    let out = disk.join("site");
    let o = out.to_str().unwrap().to_string();
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", &o]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = snapshot(&out);
    let big = root.path().join("big");
    let big = content(&big, 200, 3);
    let run = kaoping(&["build", "--content", &big, "--output", &o]);
    let unmount = || Command::new("umount").arg(&disk).status();
    let after = snapshot(&out);
    let leftovers: Vec<_> = std::fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    let _ = unmount();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("error: {o}: cannot write ")), "{}", run.stderr);
    assert!(run.stderr.contains("No space left on device") && run.stderr.contains("the previous output is unchanged"));
    assert_eq!(after, before);
    assert_eq!(leftovers, ["site"], "only the site, no lock file or staging folder");
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
        return skip("cannot make a read-only bind mount here (mount needs root)");
    }
    let run = kaoping(&["build", "--output", &o]);
    let after = snapshot(&out);
    let _ = Command::new("umount").arg(d).status();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("error: {o}: ")), "{}", run.stderr);
    assert!(run.stderr.contains("Read-only file system"), "{}", run.stderr);
    assert_eq!(after, before);
}
