//! The office's year: init → forms → fill a few → check → build, and the
//! preview server.

mod common;
use common::serve::*;
use common::*;
use std::process::Command;
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
    let run = kaoping(&["forms", "--format", "yaml", "--content", c, "--out", f]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("wrote 10 forms into {f}/")), "{}", run.stdout);
    // Forms never overwrite: a second run keeps them all.
    std::fs::write(forms.join("cities/example-a.yaml"), "edited").unwrap();
    let run = kaoping(&["forms", "--format", "yaml", "--content", c, "--out", f]);
    assert!(run.stdout.starts_with(&format!("10 forms in {f}/ (cities/ for the 2 cities, units/ for the 8 units): 0 written, 10 already there and left unchanged: {f}/cities/")), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(forms.join("cities/example-a.yaml")).unwrap(), "edited");
    std::fs::remove_file(forms.join("cities/example-a.yaml")).unwrap();
    kaoping(&["forms", "--format", "yaml", "--content", c, "--out", f]);

    // Untouched forms are refused: a blank is never a value (issue 21),
    // each blank at its line.
    copy_dir(&forms.join("cities"), &content.join("cities"));
    copy_dir(&forms.join("units"), &content.join("units"));
    let run = kaoping(&["check", "--content", c]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "error: {c}/cities/example-a.yaml:18:10: submitted is not filled in (a blank is no value); fill it in\n"
        )),
        "{}",
        run.stderr
    );
    // Answered as the comments say: [] where nothing is deducted, the
    // award items' points, the dates. Each unit form answered so is
    // pointed out, since it counts as inspections without a word.
    for folder in ["cities", "units"] {
        for e in std::fs::read_dir(content.join(folder)).unwrap() {
            let path = e.unwrap().path();
            std::fs::write(&path, fill_blanks(&std::fs::read_to_string(&path).unwrap())).unwrap();
        }
    }
    let run = kaoping(&["check", "--content", c]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    // Also: the report's date is not given, the roster, standard.md and
    // the standard's ##省 are still init's (tests/new_year.rs).
    assert_eq!(warnings.len(), 12, "{}", run.stderr);
    assert!(warnings[0].contains("site.yaml:12:3: report.docx marks the date (成文日期) blank"), "{}", run.stderr);
    assert!(warnings[1].contains("site.yaml:17:7: the city roster is still the example"), "{}", run.stderr);
    assert!(warnings[2].contains("standard.md:3:76: standard.md still names the year 2013"), "{}", run.stderr);
    assert!(warnings[3].contains("standard.yaml:"), "{}", run.stderr);
    assert!(
        warnings[4..].iter().all(|w| w.starts_with("warning: ") && w.contains("is it the blank form?")),
        "{}",
        run.stderr
    );

    // Fill two forms the way the comments say.
    let a = std::fs::read_to_string(content.join("cities/example-a.yaml")).unwrap();
    assert!(a.contains("  #     - { rule: no-meeting, note: 写明实际情况 }    # ← 没有召开会议的,扣5分"), "{a}");
    let a = a.replacen(
        "  \"1.3\":\n    findings: []",
        "  \"1.3\":\n    findings:\n      - { rule: no-meeting, note: 全年未开会 }",
        1,
    );
    std::fs::write(content.join("cities/example-a.yaml"), a).unwrap();
    let police = std::fs::read_to_string(content.join("units/police.yaml")).unwrap();
    let police = police.replacen(
        "    \"2.6\":\n      findings: []",
        "    \"2.6\":\n      findings:\n       - { rule: coordinators, population: { rural: 300000, urban: 1200000 }, staff: 1800 }",
        1,
    );
    std::fs::write(content.join("units/police.yaml"), police).unwrap();

    let out = root.path().join("site");
    let run = kaoping(&["build", "--content", c, "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Seven unit forms still deduct nothing anywhere (only police's was
    // filled in), the roster, standard.md and ##省 are still init's, and
    // the office's inspection of 1.3 finds less than 示例甲市 admitted: said
    // by build as by check (issue 21).
    assert!(
        run.stdout.starts_with(&format!("built {}: 2 cities, 8 units, 32 files, 12 warnings, in ", out.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("示例甲市, item 1.3: self-assessed 0, inspected by 省综治办实有人口专项组办公室 as 5; the inspection counts, 5 more than the city claimed"),
        "{}",
        run.stderr
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

#[test]
#[cfg(unix)]
fn serve_rebuilds_shows_errors_recovers_and_stops() {
    let dir = fixture("small", &[]);
    let tmp = tempfile::tempdir().unwrap();
    // Previews left by older serves killed outright: removed only when their
    // marker proves the owner gone (a finished process), never by name.
    let mut dead = Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    let stale = stale_preview(tmp.path(), "kaoping-serve-dead", Some(dead_pid));
    let live = stale_preview(tmp.path(), "kaoping-serve-live", Some(std::process::id()));
    let unmarked = stale_preview(tmp.path(), "kaoping-serve-1", None);
    let mut serve = start_serve_in(dir.path(), tmp, "en");
    let address = serve.address.clone();
    serve.drain_console();

    assert!(!stale.exists(), "the stale preview folder is removed at start");
    assert!(live.join("site").is_dir(), "a live server's preview is kept");
    assert!(unmarked.join("site").is_dir(), "a folder without a marker is not ours");
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
    // This serve runs in English (start_serve_in(…, "en")).
    assert!(get(&address, "/index.html").contains("south.yaml:2:8: invalid YAML: unclosed bracket"));

    std::fs::write(&south, text).unwrap();
    assert!(wait_for(&address, "/cities/south.html", ">8.35</dd>", Duration::from_secs(2)).is_some());

    // Pages are made from memory: nothing was written beside the folders
    // planted above.
    assert_eq!(serve.temp_files(), [unmarked.clone(), live.clone()]);
    Command::new("kill").args(["-INT", &serve.child.id().to_string()]).status().unwrap();
    let status = serve.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(serve.temp_files(), [unmarked, live]);
}

/// A folder as a killed `serve` of an older version (which built into
/// one) left it, with a marker naming `pid` (this
/// boot and namespace, the start time of `pid` if it runs, else 1), or none.
fn stale_preview(tmp: &std::path::Path, name: &str, pid: Option<u32>) -> std::path::PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(dir.join("site")).unwrap();
    if let Some(pid) = pid {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let start = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(19)).unwrap_or("1");
        let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap();
        let ns = std::fs::read_link("/proc/self/ns/pid").unwrap();
        let marker =
            format!("kaoping serve\npid={pid}\nstart={start}\nboot={}\nnamespace={}\n", boot.trim(), ns.display());
        std::fs::write(dir.join("kaoping-serve.owner"), marker).unwrap();
    }
    dir
}

#[test]
#[cfg(unix)]
fn serve_stops_on_sigterm_even_when_its_console_is_gone() {
    let dir = fixture("small", &[]);
    let mut serve = start_serve(dir.path());
    drop(serve.stdout.take()); // the console goes away: printing "stopped" fails
    let child = &mut serve.child;
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let started = Instant::now();
    let mut exited = None;
    while exited.is_none() && started.elapsed() < Duration::from_secs(5) {
        exited = child.try_wait().unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = exited.unwrap_or_else(|| {
        let _ = child.kill();
        child.wait().unwrap()
    });
    assert!(exited.is_some(), "serve kept running after SIGTERM");
    assert!(status.success(), "{status:?}");
}

/// The race of a script that stops the server as soon as it prints: the
/// handler is in place before the first line, so a SIGTERM right after it
/// ends the server with success, leaving nothing in its `TMPDIR`.
#[test]
#[cfg(unix)]
fn serve_cleans_up_on_sigterm_right_after_its_first_line() {
    let dir = fixture("small", &[]);
    for _ in 0..5 {
        let tmp = tempfile::tempdir().unwrap();
        let (mut child, mut stdout) = spawn_serve(dir.path(), &tmp, "en");
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        assert!(first.starts_with("rebuilt: 3 cities, 2 units, 21 files, 6 warnings, in "), "{first}");
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.path()).collect();
        assert!(left.is_empty(), "nothing is left behind: {left:?}");
    }
}

/// Issue 14 item 10: every count serve prints agrees with its number, in
/// both languages: the console lines and the error page.
#[test]
#[cfg(unix)]
fn serve_counts_errors_in_the_singular_and_the_plural() {
    let cases = [
        ("en", "rebuilt: ", "3 cities, 2 units, 21 files, 6 warnings, in ", "not rebuilt: ", ["1 error", "2 errors"]),
        (
            "zh",
            "已重新生成：",
            "3 个市，2 个成员单位，21 个文件，6 个警告，用时 ",
            "未重新生成：",
            ["1 个错误", "2 个错误"],
        ),
    ];
    for (lang, built, counted, failed, counts) in cases {
        let dir = fixture("small", &[]);
        let mut serve = start_serve_in(dir.path(), tempfile::tempdir().unwrap(), lang);
        let console = serve.console();
        let address = serve.address.clone();
        let broken = "submitted: 2014-01-08\nitems: [\n";
        let (south, north) = (dir.path().join("cities/south.yaml"), dir.path().join("cities/north.yaml"));
        let (south_text, north_text) =
            (std::fs::read_to_string(&south).unwrap(), std::fs::read_to_string(&north).unwrap());

        for (count, file) in counts.iter().zip([&south, &north]) {
            std::fs::write(file, broken).unwrap();
            let line = line_starting(&console, failed).expect("a failed rebuild");
            let end = if lang == "en" { ";" } else { "；" };
            assert!(line.starts_with(&format!("{failed}{count}{end}")), "{line}");
            let page = get(&address, "/index.html");
            assert!(page.contains(&format!("<p>{count}</p>")), "{page}");
        }
        std::fs::write(&south, south_text).unwrap();
        std::fs::write(&north, north_text).unwrap();
        let line = line_starting(&console, built).expect("a good rebuild");
        assert!(line.starts_with(&format!("{built}{counted}")), "{line}");
    }
}
