//! Hostile input: every attack gets one clear `error: path:line:col: ...`
//! (or a warning where the file is simply not read), exit status 1 where it
//! is an error, in bounded time, and never a crash.
//! Limits: files up to 16 MiB, nesting up to 32 levels, 250,000 values
//! (aliases expanded), numbers with at most 2 decimals and 12 digits.

mod common;
use common::*;
use std::time::{Duration, Instant};

const BOMB: &[u8] = b"a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
";

/// Checks the small fixture with `changes`; the exit status and the lines
/// of the report, the folder shown as `C`.
fn attack(changes: &[(&str, Option<&[u8]>)]) -> (i32, Vec<String>) {
    let dir = fixture("small", changes);
    let started = Instant::now();
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    (run.code, lines(&run.stderr, dir.path()))
}

fn one_error(changes: &[(&str, Option<&[u8]>)], expected: &str) {
    let (code, lines) = attack(changes);
    assert_eq!((code, lines), (1, vec![expected.to_string()]));
}

#[test]
fn alias_bombs_nesting_and_size_are_bounded() {
    one_error(
        &[("cities/north.yaml", Some(BOMB))],
        "error: C/cities/north.yaml:6:14: the file is too large once its aliases (*name) are expanded, or has too many values; write the values out instead",
    );
    let flow = [b"submitted: 2014-01-08\nitems: ".to_vec(), vec![b'['; 10_000], vec![b']'; 10_000]].concat();
    one_error(
        &[("cities/north.yaml", Some(&flow))],
        "error: C/cities/north.yaml:2:263: the file is nested more than 32 levels deep; kaoping files need far fewer",
    );
    let block: Vec<u8> =
        (0..40).flat_map(|i| format!("{}k:\n", "  ".repeat(i)).into_bytes()).chain(b"  x\n".iter().copied()).collect();
    one_error(
        &[("cities/north.yaml", Some(&block))],
        "error: C/cities/north.yaml:33:65: the file is nested more than 32 levels deep; kaoping files need far fewer",
    );
    // 200 MB, sparse: refused before it is read.
    let dir = fixture("small", &[]);
    let big = std::fs::File::create(dir.path().join("cities/north.yaml")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(
        (run.code, lines(&run.stderr, dir.path())),
        (1, vec!["error: C/cities/north.yaml: the file is 200 MiB; content files may be at most 16 MiB".to_string()])
    );
}

#[test]
fn duplicate_keys_tags_and_documents() {
    one_error(
        &[(
            "cities/north.yaml",
            Some(b"submitted: 2014-01-08\nitems:\n  \"1.1\": { findings: [] }\n  1.1: { findings: [] }\n"),
        )],
        "error: C/cities/north.yaml:4:3: the key 1.1 appears twice here; each key may appear once in a mapping",
    );
    one_error(
        &[("cities/north.yaml", Some(b"submitted: !!python/object:os.system 2014-01-08\n"))],
        "error: C/cities/north.yaml:1:38: invalid YAML: unsupported tag `!!python/object:os.system`",
    );
    one_error(
        &[("cities/north.yaml", Some(b"submitted: 2014-01-08\n---\nsubmitted: 2014-01-09\n"))],
        "error: C/cities/north.yaml:3:1: a file holds one YAML document: remove the `---` line and what follows it, or put it in its own file",
    );
    one_error(&[("cities/north.yaml", Some(b""))], "error: C/cities/north.yaml:1:1: the file is empty");
    one_error(&[("cities/north.yaml", Some(b"\xef\xbb\xbf"))], "error: C/cities/north.yaml:1:1: the file is empty");
    one_error(
        &[("cities/north.yaml", Some(b"submitted: 2014-01-08\x00\n"))],
        "error: C/cities/north.yaml:1:22: invalid YAML: unexpected character: `\\u{0}'",
    );
}

#[test]
fn odd_numbers_are_refused_where_they_stand() {
    let police = b"submitted: 2014-02-05
cities:
  north:
    \"2.1\": { findings: [ { rule: not-done, amount: 1e400, note: x } ] }
  south:
    \"2.1\": { findings: [ { rule: not-done, amount: .nan, note: x } ] }
  east:
    \"2.1\": { findings: [ { rule: not-done, amount: 0x10, note: x } ] }
    \"1.3\": { score: .inf }
    \"1.2\": { findings: [ { rule: coordinators, population: { urban: 1.000000000000000000000000000001, rural: -0 }, staff: 30 } ] }
";
    let (code, lines) = attack(&[("units/police.yaml", Some(police))]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "error: C/units/police.yaml:4:52: amount must be a number like 5 or 2.5, not \"1e400\"",
            "error: C/units/police.yaml:6:52: amount must be a number like 5 or 2.5, not \".nan\"",
            "error: C/units/police.yaml:8:52: amount must be a number like 5 or 2.5, not \"0x10\"",
            "error: C/units/police.yaml:9:21: score must be a number like 5 or 2.5, not \".inf\"",
            "error: C/units/police.yaml:10:69: population urban has more than 2 decimal places: \"1.000000000000000000000000000001\"",
        ]
    );
}

#[test]
fn ids_with_paths_device_names_case_spaces_and_invisible_characters_are_refused() {
    let site = read("tests/fixtures/small/site.yaml").replace(
        "{ id: east, name: 东城市 }",
        "{ id: \"../x\", name: A }\n  - { id: CON, name: B }\n  - { id: nul, name: C }\n  - { id: \"a b\", name: D }\n  - { id: \"e\u{202e}t\", name: E }\n  - { id: \"z\u{200b}w\", name: F }",
    );
    let (code, lines) = attack(&[("site.yaml", Some(site.as_bytes()))]);
    let invalid =
        "is not a valid id: use 1 to 64 lower-case letters a-z, digits and '-', starting with a letter or digit";
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            format!("error: C/site.yaml:10:11: city id \"../x\" {invalid}"),
            format!("error: C/site.yaml:11:11: city id \"CON\" {invalid}"),
            "error: C/site.yaml:12:11: city id \"nul\" is a name Windows reserves for devices; choose another id"
                .to_string(),
            format!("error: C/site.yaml:13:11: city id \"a b\" {invalid}"),
            format!("error: C/site.yaml:14:11: city id \"e\\u{{202e}}t\" {invalid}"),
            format!("error: C/site.yaml:15:11: city id \"z\\u{{200b}}w\" {invalid}"),
        ]
    );
    let (code, lines) = attack(&[
        ("cities/NUL.yaml", Some(b"submitted: 2014-01-08\n")),
        ("cities/a b.yaml", Some(b"x: 1\n")),
        ("cities/e\u{202e}t.yaml", Some(b"x: 1\n")),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            format!("error: C/cities/NUL.yaml: the file name \"NUL\" {invalid}"),
            format!("error: C/cities/a b.yaml: the file name \"a b\" {invalid}"),
            format!("error: C/cities/e\\u{{202e}}t.yaml: the file name \"e\\u{{202e}}t\" {invalid}"),
        ]
    );
}

#[test]
#[cfg(unix)]
fn symbolic_links_are_never_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "submitted: 2014-01-08\n").unwrap();
    let dir = fixture("small", &[]);
    let c = dir.path();
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), c.join("cities/west.yaml")).unwrap();
    std::os::unix::fs::symlink(c.join("cities/loop.yaml"), c.join("cities/loop.yaml")).unwrap();
    std::fs::rename(c.join("standard.md"), outside.path().join("standard.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("standard.md"), c.join("standard.md")).unwrap();
    let run = kaoping(&["check", "--content", c.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, c),
        [
            "error: C/standard.md: this is a symbolic link; kaoping reads only the files in the content folder itself and follows no link: put the file here",
            "warning: C/cities/loop.yaml: ignored: a symbolic link (kaoping does not follow links)",
            "warning: C/cities/west.yaml: ignored: a symbolic link (kaoping does not follow links)",
        ]
    );
    // A linked cities/ folder is refused as a whole.
    let dir = fixture("small", &[]);
    let c = dir.path();
    std::fs::rename(c.join("cities"), outside.path().join("cities")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("cities"), c.join("cities")).unwrap();
    let run = kaoping(&["check", "--content", c.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(lines(&run.stderr, c)[0].starts_with("error: C/cities: this is a symbolic link"), "{}", run.stderr);
}

#[test]
#[cfg(unix)]
fn content_on_a_read_only_disk_builds() {
    let dir = fixture("small", &[]);
    let mounted = std::process::Command::new("mount")
        .args(["--bind", "-o", "ro", dir.path().to_str().unwrap(), dir.path().to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    // A bind mount is read-only only after a remount.
    let ro = mounted
        && std::process::Command::new("mount")
            .args(["-o", "remount,bind,ro", dir.path().to_str().unwrap()])
            .status()
            .is_ok_and(|s| s.success());
    if !ro {
        return skip("cannot make a read-only bind mount here (mount needs root)");
    }
    assert!(std::fs::write(dir.path().join("probe"), "x").is_err(), "the content folder is read-only");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = kaoping(&["build", "--content", dir.path().to_str().unwrap(), "--output", target.to_str().unwrap()]);
    let _ = std::process::Command::new("umount").arg(dir.path()).status();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
}
