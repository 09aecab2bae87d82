//! `kaoping serve` from memory (issue 13 items 4 and 5): every file served
//! is byte for byte what `build` writes at that path (pages with the
//! live-reload script added), nothing is written anywhere, a save is
//! noticed through the system's file events or by polling when asked
//! (`KAOPING_POLL=1`), and an archive reads again only the years whose
//! folders changed.

mod common;
use common::serve::*;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Every file of the built site `out` (its marker left out), by path with `/`.
fn built_files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".kaoping-output" && e.file_name() != ".kaoping-inputs")
        .map(|e| {
            let path = e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// A built page without its Content-Security-Policy `<meta>` line: the
/// preview sends that policy as a header instead (it allows the reload
/// script, which the page's own policy does not).
fn without_csp_meta(built: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(built);
    let kept: Vec<&str> =
        text.split_inclusive('\n').filter(|l| !l.starts_with("<meta http-equiv=\"Content-Security-Policy\"")).collect();
    assert!(kept.len() < text.split_inclusive('\n').count(), "a built page carries its CSP meta");
    kept.concat().into_bytes()
}

/// A served page without the live-reload script the preview adds.
fn without_script(body: &[u8]) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(body).into_owned();
    // The preview's own additions: the warnings panel (with its print
    // rule) and the reload script.
    for (from, to) in [
        ("<aside class=\"kaoping-preview\"", "@media print{.kaoping-preview{display:none}}</style>"),
        ("<script data-v=", "</script>"),
    ] {
        if let Some(start) = text.find(from) {
            let end = start + text[start..].find(to).unwrap() + to.len();
            text = format!("{}{}", &text[..start], &text[end..]);
        }
    }
    text.into_bytes()
}

/// Builds `content` with `kaoping build` and checks that `serve` sends
/// every file of it byte for byte, and writes nothing.
fn served_as_built(content: &Path) {
    same_as_built(&start_serve(content), content);
}

/// Builds `content` with `kaoping build` and checks that `serve`, serving
/// it, sends every file of it byte for byte, and writes nothing.
fn same_as_built(serve: &Serve, content: &Path) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = kaoping(&["build", "--content", content.to_str().unwrap(), "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = built_files(&site);
    assert!(files.iter().any(|(p, _)| p == "SHA256SUMS") && files.len() >= 13, "{} files", files.len());
    for (path, bytes) in &files {
        let (status, body) = get_bytes(&serve.address, &format!("/{}", kaoping::site::view::url_path(path)));
        assert_eq!(status, "HTTP/1.1 200 OK", "{path}");
        let (body, bytes) = if path.ends_with(".html") {
            (without_script(&body), without_csp_meta(bytes))
        } else {
            (body, bytes.clone())
        };
        if body != bytes {
            let (served, built) = (String::from_utf8_lossy(&body), String::from_utf8_lossy(&bytes));
            let first = served.lines().zip(built.lines()).find(|(a, b)| a != b);
            panic!("{path} differs from the built file; first differing line (served, built): {first:?}");
        }
    }
    let (_, index) = get_bytes(&serve.address, "/");
    let built_index = files.iter().find(|(p, _)| p == "index.html").unwrap();
    assert_eq!(without_script(&index), without_csp_meta(&built_index.1), "/ is index.html");
    assert!(serve.temp_files().is_empty(), "nothing written: {:?}", serve.temp_files());
}

#[test]
fn every_file_is_served_as_build_writes_it() {
    let dir = fixture(
        "small",
        &[("cities/north.yaml", Some(NORTH.as_bytes())), ("attachments/north/照片.png", Some(b"\x89PNG\r\n\x1a\n"))],
    );
    served_as_built(dir.path());
}

/// After saves of a city's file and of a unit's, what `serve` scored again
/// (only the cities those files speak of, from only the files that changed)
/// is the site `build` makes of the content as it now is.
#[test]
fn after_saves_every_file_is_served_as_build_writes_it() {
    let dir = fixture("small", &[]);
    let mut serve = start_serve(dir.path());
    let console = serve.console();
    let save = |file: &str, from: &str, to: &str, page: &str, want: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        assert!(served_soon(&serve.address, page, want), "the save of {file} is served");
        assert!(line_starting(&console, "rebuilt: ").is_some());
    };
    save("cities/south.yaml", "staff: 1720", "staff: 2000", "/cities/south.html", ">9.75</dd>");
    save(
        "units/police.yaml",
        "amount: 1.5, note: 非法就业查处不力",
        "amount: 2.5, note: 查处不力",
        "/cities/north.html",
        "查处不力",
    );
    same_as_built(&serve, dir.path());
}

#[test]
fn every_file_of_an_archive_is_served_as_build_writes_it() {
    served_as_built(&root().join("examples/archive"));
}

const NORTH: &str = "submitted: 2014-01-08
items:
  1.2:
    findings:
      - { rule: coordinators, population: { urban: 1200000, rural: 300000 }, staff: 1800, files: [north/照片.png] }
";

/// Polls `path` until `want` appears, for at most 5 s.
fn served_soon(address: &str, path: &str, want: &str) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if get(address, path).contains(want) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Every file under `dir`, with its size and time.
fn listing(dir: &Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.into_path(), meta.len(), meta.modified().ok()?))
        })
        .collect();
    files.sort();
    files
}

/// A save, a broken save, a good one again: the page follows, the error
/// page shows in between (files that are not pages stay as they were), and
/// nothing is written anywhere but the saved file.
fn saves_are_served(env: &[(&str, &str)], console_says: Option<&str>) {
    let dir = fixture("small", &[]);
    let mut serve = start_serve_with(dir.path(), tempfile::tempdir().unwrap(), "en", env);
    let console = serve.console();
    if let Some(line) = console_says {
        assert!(line_starting(&console, line).is_some(), "the console says {line:?}");
    }
    let address = serve.address.clone();
    assert!(get(&address, "/cities/south.html").contains(">8.35</dd>"));
    let south = dir.path().join("cities/south.yaml");
    let text = std::fs::read_to_string(&south).unwrap();
    let json = get(&address, "/results.json");

    std::fs::write(&south, text.replace("staff: 1720", "staff: 2000")).unwrap();
    let before = listing(dir.path());
    assert!(served_soon(&address, "/cities/south.html", ">9.75</dd>"), "the save is served");
    assert!(line_starting(&console, "rebuilt: ").is_some());
    let saved = get(&address, "/results.json");
    assert_ne!(saved, json, "results.json follows the save");

    std::fs::write(&south, "submitted: 2014-01-08\nitems: [\n").unwrap();
    assert!(served_soon(&address, "/cities/south.html", "south.yaml:2:8: invalid YAML: unclosed bracket"));
    assert!(line_starting(&console, "not rebuilt: 1 error").is_some());
    assert_eq!(get(&address, "/results.json"), saved, "the last good data is kept while the content is broken");

    std::fs::write(&south, &text).unwrap();
    assert!(served_soon(&address, "/cities/south.html", ">8.35</dd>"), "the next good save recovers");
    assert_eq!(get(&address, "/results.json"), json);
    assert!(serve.temp_files().is_empty(), "nothing written in TMPDIR");
    let after = listing(dir.path());
    let paths =
        |l: &[(std::path::PathBuf, u64, std::time::SystemTime)]| l.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&after), paths(&before), "no file is added to the content folder");
    let changed: Vec<_> = after.iter().filter(|f| !before.contains(f)).map(|f| f.0.clone()).collect();
    assert_eq!(changed, [south], "only the saved file changed");
}

#[test]
fn a_save_is_served_through_file_events() {
    saves_are_served(&[], None);
}

#[test]
fn a_save_is_served_by_polling_when_asked() {
    saves_are_served(
        &[("KAOPING_POLL", "1")],
        Some("watching for changes by looking at every file every 50 ms (KAOPING_POLL is set)"),
    );
}

/// Reading the content (the server's own reading, and attachments sent on
/// request) is no change: no reading again follows.
#[test]
fn reading_is_no_change() {
    let dir = fixture(
        "small",
        &[("cities/north.yaml", Some(NORTH.as_bytes())), ("attachments/north/照片.png", Some(b"\x89PNG\r\n\x1a\n"))],
    );
    let mut serve = start_serve(dir.path());
    let console = serve.console();
    for _ in 0..5 {
        let (status, body) = get_bytes(&serve.address, "/attachments/north/%E7%85%A7%E7%89%87.png");
        assert_eq!((status.as_str(), body.as_slice()), ("HTTP/1.1 200 OK", &b"\x89PNG\r\n\x1a\n"[..]));
        std::fs::read_to_string(dir.path().join("cities/south.yaml")).unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    let lines: Vec<String> = console.try_iter().collect();
    assert!(lines.is_empty(), "nothing was read again: {lines:?}");
}

/// Issue 13 item 5: a year whose folder did not change is not read again.
#[test]
fn an_archive_reads_again_only_the_years_that_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&root().join("examples/archive"), &archive);
    let (mut child, stdout) = spawn_serve(&archive, &tempfile::tempdir().unwrap(), "en");
    let mut lines = std::io::BufRead::lines(stdout).map_while(Result::ok);
    let mut next = |prefix: &str| lines.find(|l| l.starts_with(prefix)).unwrap_or_default();
    let first = next("years read again: ");
    assert_eq!(first, "years read again: 2013, 2014, 2015; unchanged, kept as they were: none");
    let address = next("serving ").split("http://").nth(1).unwrap().trim_end_matches(['/', ' ', ')']).to_string();
    let address = address.split('/').next().unwrap().to_string();
    let city = archive.join("2014/cities/canglan.yaml");
    let text = std::fs::read_to_string(&city).unwrap();
    std::fs::write(&city, format!("{text}\n# saved\n")).unwrap();
    assert_eq!(next("years read again: "), "years read again: 2014; unchanged, kept as they were: 2013, 2015");
    assert!(next("rebuilt: ").starts_with("rebuilt: "));
    let index = archive.join("archive.yaml");
    let yaml = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, format!("{yaml}\n# saved\n")).unwrap();
    assert_eq!(next("years read again: "), "years read again: none; unchanged, kept as they were: 2013, 2014, 2015");
    assert!(get(&address, "/2014/cities/canglan.html").contains("2014年度"), "the year is still served");
    let _ = child.kill();
    let _ = child.wait();
}

/// A theme outside the content folder (the sample's `../themes/default`)
/// is watched too: a change to its stylesheet reaches the pages.
#[test]
fn a_theme_elsewhere_is_watched() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("content"), &tmp.path().join("content"));
    copy_dir(&root().join("themes"), &tmp.path().join("themes"));
    let serve = start_serve(&tmp.path().join("content"));
    assert!(!get(&serve.address, "/index.html").contains("kaoping-test-colour"));
    let css = tmp.path().join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\n.kaoping-test-colour{{color:red}}\n")).unwrap();
    assert!(served_soon(&serve.address, "/index.html", "kaoping-test-colour"), "the theme's change is served");
}
