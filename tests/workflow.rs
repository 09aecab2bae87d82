//! The office's year: init → forms → fill a few → check → build, and the
//! preview server.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_year_from_init_to_build() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    let c = content.to_str().unwrap();
    let run = kaoping(&["init", c, "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("created {c}: site.yaml")), "{}", run.stdout);
    // init refuses a folder that is not empty.
    let again = kaoping(&["init", c]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);

    let forms = root.path().join("forms");
    let f = forms.to_str().unwrap();
    let run = kaoping(&["forms", "--content", c, "--out", f]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("wrote 10 forms into {f}/")), "{}", run.stdout);
    // Forms never overwrite: a second run keeps them all.
    std::fs::write(forms.join("cities/example-a.yaml"), "edited").unwrap();
    let run = kaoping(&["forms", "--content", c, "--out", f]);
    assert!(run.stdout.contains("wrote 0 forms") && run.stdout.contains("10 already there"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(forms.join("cities/example-a.yaml")).unwrap(), "edited");
    std::fs::remove_file(forms.join("cities/example-a.yaml")).unwrap();
    kaoping(&["forms", "--content", c, "--out", f]);

    // Untouched forms check clean: every item assessed, nothing deducted.
    copy_dir(&forms.join("cities"), &content.join("cities"));
    copy_dir(&forms.join("units"), &content.join("units"));
    // Untouched forms pass: every item assessed, nothing deducted. Each
    // untouched unit form is pointed out, since it counts as inspections.
    let run = kaoping(&["check", "--content", c]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 8, "{}", run.stderr);
    assert!(
        warnings.iter().all(|w| w.starts_with("warning: ") && w.contains("is it the blank form?")),
        "{}",
        run.stderr
    );

    // Fill two forms the way the comments say.
    let a = std::fs::read_to_string(content.join("cities/example-a.yaml")).unwrap();
    assert!(a.contains("#   - { rule: no-meeting, note: 说明 }    ← 没有召开会议的,扣5分"), "{a}");
    let a = a.replacen(
        "  \"1.3\":\n    findings: []",
        "  \"1.3\":\n    findings:\n      - { rule: no-meeting, note: 全年未开会 }",
        1,
    );
    std::fs::write(content.join("cities/example-a.yaml"), a).unwrap();
    let police = std::fs::read_to_string(content.join("units/police.yaml")).unwrap();
    let police = police.replacen(
        "    \"2.6\": { findings: [] }",
        "    \"2.6\": { findings: [ { rule: coordinators, population: { rural: 300000, urban: 1200000 }, staff: 1800 } ] }",
        1,
    );
    std::fs::write(content.join("units/police.yaml"), police).unwrap();

    let out = root.path().join("site");
    let run = kaoping(&["build", "--content", c, "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Seven unit forms are still untouched (only police's was filled in).
    assert!(
        run.stdout.starts_with(&format!("built {}: 2 cities, 8 units, 14 files, 7 warnings, in ", out.display())),
        "{}",
        run.stdout
    );
    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    // 示例乙市 untouched: full marks. 示例甲市: 1.3 inspected by the office (nothing
    // deducted) decides over its own claim; police's staffing count takes 1.4.
    assert!(csv.contains("1,示例乙市,100,0,100,14,100\r\n"), "{csv}");
    assert!(csv.contains("2,示例甲市,98.6,0,98.6,13.8,95\r\n"), "{csv}");
}

#[test]
fn init_can_copy_the_theme_out() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("c");
    assert_eq!(kaoping(&["init", content.to_str().unwrap(), "--theme", "--year", "2024"]).code, 0);
    assert!(content.join("theme/templates/city.html").is_file());
    assert!(content.join("theme/static/style.css").is_file());
    assert_eq!(kaoping(&["check", "--content", content.to_str().unwrap()]).code, 0);
}

#[test]
fn every_command_has_help_with_an_example_and_there_is_a_version() {
    for command in ["init", "forms", "check", "build", "serve"] {
        let run = kaoping(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        assert!(run.stdout.contains("Example: kaoping"), "{command}: {}", run.stdout);
    }
    let run = kaoping(&["--version"]);
    assert_eq!(run.stdout, format!("kaoping {}\n", env!("CARGO_PKG_VERSION")));
}

/// GET `path` from the server; the body.
fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default()
}

/// Polls `path` until `want` appears, for at most `limit`; the time it took.
fn wait_for(address: &str, path: &str, want: &str, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if get(address, path).contains(want) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// Starts `kaoping serve` on `content` with a free port; the child, its
/// console, and the line that names the address.
fn start_serve(content: &std::path::Path) -> (std::process::Child, BufReader<std::process::ChildStdout>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["serve", "--content", content.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("serving") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "the server printed no address");
    }
    (child, stdout, line)
}

#[test]
#[cfg(unix)]
fn serve_rebuilds_shows_errors_recovers_and_stops() {
    let dir = fixture("small", &[]);
    // A preview left by a serve killed outright (no such process): removed.
    let stale = std::env::temp_dir().join("kaoping-serve-4000000000");
    std::fs::create_dir_all(stale.join("site")).unwrap();
    let (mut child, stdout, line) = start_serve(dir.path());
    let address = line
        .split("http://")
        .nth(1)
        .unwrap()
        .trim_end()
        .trim_end_matches(" (Ctrl-C stops)")
        .trim_end_matches('/')
        .to_string();
    std::thread::spawn(move || for _ in stdout.lines() {});

    assert!(!stale.exists(), "the stale preview folder is removed at start");
    let index = get(&address, "/index.html");
    assert!(index.contains("1,南城市") || index.contains("南城市"), "{index}");
    assert!(index.contains("/__kaoping/events?v="), "serve mode adds the reload script");
    assert!(get(&address, "/cities/south.html").contains(">8.35</dd>"));

    // South's self-assessment of 1.2 decides that item; drop its finding: 8.35 → 9.75.
    let south = dir.path().join("cities/south.yaml");
    let text = std::fs::read_to_string(&south).unwrap();
    std::fs::write(&south, text.replace("staff: 1720", "staff: 2000")).unwrap();
    let took = wait_for(&address, "/cities/south.html", ">9.75</dd>", Duration::from_secs(2));
    assert!(took.is_some(), "the new figure was not served within 2 s");
    eprintln!("saved change to new page: {:?}", took.unwrap());

    std::fs::write(&south, "submitted: 2014-01-08\nitems: [\n").unwrap();
    assert!(wait_for(&address, "/index.html", "内容有错误", Duration::from_secs(2)).is_some());
    // serve runs in the default language, Chinese (the YAML reader's words are in the catalog).
    assert!(get(&address, "/index.html").contains("south.yaml:2:8: YAML 写法有误：unclosed bracket"));

    std::fs::write(&south, text).unwrap();
    assert!(wait_for(&address, "/cities/south.html", ">8.35</dd>", Duration::from_secs(2)).is_some());

    let temp = std::env::temp_dir().join(format!("kaoping-serve-{}", child.id()));
    assert!(temp.is_dir());
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!temp.exists(), "the preview folder is removed on Ctrl-C");
}

#[test]
#[cfg(unix)]
fn serve_stops_on_sigterm_even_when_its_console_is_gone() {
    let dir = fixture("small", &[]);
    let (mut child, stdout, _) = start_serve(dir.path());
    drop(stdout); // the console goes away: printing "stopped" fails
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let started = Instant::now();
    let mut exited = None;
    while exited.is_none() && started.elapsed() < Duration::from_secs(5) {
        exited = child.try_wait().unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    if exited.is_none() {
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    assert!(exited.is_some(), "serve kept running after SIGTERM");
    assert!(status.success(), "{status:?}");
}
