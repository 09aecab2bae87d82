//! `kaoping verify` on a hostile folder (issue 28): it follows no link
//! (SHA256SUMS itself or any file being one is reported, not followed),
//! reads no pipe, and hashes a huge file in bounded memory.
#![cfg(unix)]

mod common;

use common::{kaoping, kaoping_in, lines};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn build_small(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// Runs `kaoping verify dir`, killed after `limit`; its exit code, stderr
/// and the peak memory it held (VmHWM, polled while it ran), in KiB.
fn verify_within(dir: &Path, limit: Duration) -> (Option<i32>, String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["verify", dir.to_str().unwrap()])
        .env("KAOPING_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (started, mut peak) = (Instant::now(), 0);
    let status = loop {
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok());
        peak = peak.max(hwm.unwrap_or(0));
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    (status.and_then(|s| s.code()), stderr, peak)
}

#[test]
fn a_linked_sha256sums_is_refused_not_followed() {
    for lang in ["en", "zh"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = build_small(tmp.path());
        // To a copy outside that still matches, and to an endless device.
        for target in [tmp.path().join("copy"), "/dev/zero".into()] {
            if target.starts_with(tmp.path()) {
                std::fs::copy(out.join("SHA256SUMS"), &target).unwrap();
            }
            let _ = std::fs::remove_file(out.join("SHA256SUMS"));
            symlink(&target, out.join("SHA256SUMS")).unwrap();
            let started = Instant::now();
            let run = kaoping_in(lang, &["verify", out.to_str().unwrap()]);
            assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
            assert_eq!(run.code, 1);
            let expected = match lang {
                "en" => {
                    "error: C/SHA256SUMS: SHA256SUMS is a link; verify follows no link, so the folder cannot be checked. Put the published SHA256SUMS itself here"
                }
                _ => {
                    "错误：C/SHA256SUMS：SHA256SUMS 是一个链接；verify 不跟随链接，因此无法核对这个文件夹。请把发布时的 SHA256SUMS 文件本身放在这里"
                }
            };
            assert_eq!(lines(&run.stderr, &out), [expected], "{}", target.display());
        }
    }
}

#[test]
fn links_and_pipes_in_the_folder_are_reported_not_followed_or_read() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_small(tmp.path());
    // A listed page swapped for a link to an identical copy, a linked
    // folder and a pipe added.
    let copy = tmp.path().join("index-copy.html");
    std::fs::rename(out.join("index.html"), &copy).unwrap();
    symlink(&copy, out.join("index.html")).unwrap();
    symlink(tmp.path(), out.join("elsewhere")).unwrap();
    assert!(Command::new("mkfifo").arg(out.join("cities/pipe.html")).status().unwrap().success());
    let (code, stderr, _) = verify_within(&out, Duration::from_secs(20));
    assert_eq!(code, Some(1), "verify stopped: {stderr}");
    assert_eq!(
        lines(&stderr, &out),
        [
            "error: C/cities/pipe.html: not an ordinary file (a pipe, socket or device): verify does not read it",
            "error: C/elsewhere: a link: verify follows no link (kaoping never writes one into a site)",
            "error: C/index.html: a link: verify follows no link (kaoping never writes one into a site)",
        ]
    );
}

#[test]
fn a_huge_added_file_is_hashed_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_small(tmp.path());
    // 1 GiB, sparse: quick to make, and read whole it would take 1 GiB.
    let big = std::fs::File::create(out.join("big.pdf")).unwrap();
    big.set_len(1024 * 1024 * 1024).unwrap();
    let started = Instant::now();
    let (code, stderr, peak) = verify_within(&out, Duration::from_secs(120));
    eprintln!("verify of a site with a 1 GiB file: {:?}, peak {peak} KiB", started.elapsed());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(lines(&stderr, &out), ["error: C/big.pdf: added: it is in the folder, but SHA256SUMS does not list it"]);
    assert!(peak < 64 * 1024, "verify held {peak} KiB");
}
