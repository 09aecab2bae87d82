//! Helpers for the integration tests: run the binary, make content folders.
#![allow(dead_code)]

pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `kaoping` with `args` in the repository root, its messages in
/// English (`KAOPING_LANG=en`).
pub fn kaoping(args: &[&str]) -> Run {
    kaoping_in("en", args)
}

/// Runs `kaoping` with `args` in the repository root, its messages in
/// Chinese (`KAOPING_LANG=zh`).
pub fn kaoping_zh(args: &[&str]) -> Run {
    kaoping_in("zh", args)
}

/// Runs `kaoping` with `args` and `KAOPING_LANG=lang` in the repository root.
pub fn kaoping_in(lang: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(args)
        .env("KAOPING_LANG", lang)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(path)).expect("readable")
}

/// Copies the fixture folder `name` into a new temporary folder, with
/// `changes` (path, bytes) written over it; `None` bytes delete the file.
pub fn fixture(name: &str, changes: &[(&str, Option<&[u8]>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&root().join("tests/fixtures").join(name), dir.path());
    for (path, bytes) in changes {
        let p = dir.path().join(path);
        match bytes {
            Some(b) => {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, b).unwrap();
            }
            None => std::fs::remove_file(&p).unwrap(),
        }
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    out
}

/// Lines of stderr with the temporary folder replaced by `C`.
pub fn lines(stderr: &str, dir: &Path) -> Vec<String> {
    let d = dir.to_string_lossy();
    stderr.lines().map(|l| l.replace(d.as_ref(), "C")).collect()
}

/// What holds for any scored content: every item and section within its
/// bounds, base and penalty the sums of their sections, the total
/// max(0, base − penalty), equal totals sharing a rank and better ranks
/// having higher totals.
pub fn assert_invariants(content: &kaoping::content::Content, results: &kaoping::scoring::Results) {
    use kaoping::decimal::Dec;
    for c in &results.cities {
        for i in c.items.iter() {
            assert!(i.outcome.value >= Dec::ZERO && i.outcome.value <= i.max, "{} {}", c.id, i.id);
        }
        for s in &c.sections {
            assert!(s.value >= Dec::ZERO && s.value <= s.max, "{} section {}", c.id, s.id);
        }
        let sum = |penalty: bool| c.sections.iter().filter(|s| s.penalty == penalty).map(|s| s.value).sum::<Dec>();
        assert_eq!(c.base, sum(false));
        assert_eq!(c.penalty, sum(true));
        assert!(c.base <= content.standard.total);
        assert_eq!(c.total, (c.base - c.penalty).max(Dec::ZERO));
        assert!(c.self_total >= Dec::ZERO && c.self_total <= content.standard.total);
        let better = results.cities.iter().filter(|o| o.total > c.total).count();
        assert_eq!(c.rank as usize, better + 1, "{}", c.id);
    }
    let mut order = results.by_rank();
    order.sort();
    assert_eq!(order, (0..results.cities.len()).collect::<Vec<_>>());
}

/// Whether the tests run under CI (`CI` set, other than `false` or `0`),
/// where no test may skip.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A test that cannot run here because `why` (a tool is missing): under CI
/// it fails; elsewhere it says on the terminal that it skipped and why
/// (written past the test harness's capture, so it is seen), and the caller
/// returns.
pub fn skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    assert!(!under_ci(), "{test} cannot run under CI: {why}");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("SKIPPED {test}: {why}\n").as_bytes());
}

/// A content folder holding only site.yaml, standard.yaml and standard.md
/// of the sample (the built-in theme): where `import` writes a year anew.
pub fn empty_copy(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let site = read("content/site.yaml").lines().filter(|l| !l.starts_with("theme:")).collect::<Vec<_>>().join("\n");
    std::fs::write(dir.join("site.yaml"), site + "\n").unwrap();
    for f in ["standard.yaml", "standard.md"] {
        std::fs::copy(root().join("content").join(f), dir.join(f)).unwrap();
    }
}

/// What a clerk does last to a YAML form (`kaoping forms --format yaml`): `findings: []` for every item still blank, the
/// full points for an award item still blank (as its comment allows), the
/// date the comment gives as an example.
pub fn fill_blanks(form: &str) -> String {
    let lines: Vec<&str> = form.lines().collect();
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let indent = &l[..l.len() - t.len()];
        let next_is_finding = lines.get(n + 1).is_some_and(|x| x.trim_start().starts_with("- {"));
        if t.starts_with("findings:") && t.contains("# 不扣分写 []") && !next_is_finding {
            out.push(format!("{indent}findings: []"));
        } else if let Some(max) = t.strip_prefix("score:   # 填 0 至 ") {
            out.push(format!("{indent}score: {max}"));
        } else if let Some(date) = t.strip_prefix("submitted:   # 报送日期：填实际报送的日期，如 ") {
            out.push(format!("{indent}submitted: {date}"));
        } else {
            out.push(l.to_string());
        }
    }
    out.join("\n") + "\n"
}

/// LibreOffice converts all `files` in one run into `out` (`to`: xlsx or a
/// csv filter), with its own profile folder so that runs do not collide.
pub fn soffice(files: &[PathBuf], to: &str, out: &Path, profile: &Path) {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}", profile.to_str().unwrap()))
        .args(["--headless", "--convert-to", to, "--outdir", out.to_str().unwrap()])
        .args(files);
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
