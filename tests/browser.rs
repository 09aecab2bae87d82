//! A real browser: headless Chromium opens the built pages from `file://`,
//! with no console message allowed, tables and charts present, and prints a
//! city page to A4. Screenshots and the PDF are kept under
//! `target/tmp/browser/` as test artifacts.
//!
//! Without Chromium the test says it skipped, except under CI (`CI=true`), where
//! `.ci/run` installs it and a missing browser is a failure.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The policy every built page carries.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'\">";

const NO_CHROMIUM: &str = "no Chromium (install the Debian package chromium, as .ci/run does, or set KAOPING_CHROMIUM)";

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("KAOPING_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs headless Chromium on `url` with extra `args`; returns stdout and stderr.
fn run_browser(browser: &Path, profile: &Path, url: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Opens each page from `file://`: no console message, every needle in the
/// page as the browser built it, and a screenshot kept as an artifact.
/// Prints the page at `page` to the PDF file `pdf`, without the browser's
/// own header and footer.
fn print_pdf(browser: &Path, profile: &Path, page: &Path, pdf: &Path) {
    let url = format!("file://{}", page.display());
    let _ =
        run_browser(browser, profile, &url, &["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())]);
}

fn open_pages(browser: &Path, profile: &Path, site: &Path, artifacts: &Path, prefix: &str, pages: &[(&str, &[&str])]) {
    for (page, needs) in pages {
        let url = format!("file://{}", site.join(page).display());
        let (dom, log) = run_browser(browser, profile, &url, &["--dump-dom"]);
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "{page}: console messages {console:#?}");
        // The page forbids every script, and nothing it shows was refused
        // (a refusal would be a console message).
        assert!(dom.contains(CSP), "{page}: no Content-Security-Policy");
        for needle in *needs {
            assert!(dom.contains(needle), "{page}: the page in the browser lacks {needle}");
        }
        let shot = artifacts.join(format!("{prefix}{}.png", page.replace('/', "-")));
        let _ = run_browser(
            browser,
            profile,
            &url,
            &["--window-size=1200,1600", &format!("--screenshot={}", shot.display())],
        );
        assert!(std::fs::metadata(&shot).map(|m| m.len() > 10_000).unwrap_or(false), "{page}: no screenshot");
    }
}

#[test]
fn pages_open_cleanly_in_chromium_and_print_on_a4() {
    let Some(browser) = chromium() else {
        return skip(NO_CHROMIUM);
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(kaoping(&["build", "--output", site.to_str().unwrap()]).code, 0);
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = out.path().join("profile");

    let pages: &[(&str, &[&str])] = &[
        ("index.html", &["<table class=\"ranking\"", "<svg class=\"chart\"", "青岚市"][..]),
        ("cities/shuangpu.html", &["<table class=\"items\"", "<svg class=\"chart\"", "霜浦市考评结果"][..]),
        ("cities/zhuxu.html", &["未报送自查自评材料"][..]),
        ("units/police.html", &["<table class=\"matrix\"", "省公安厅"][..]),
        ("standard.html", &["评分标准", "（此项为扣分项，最高减10分）"][..]),
    ];
    open_pages(&browser, &profile, &site, &artifacts, "", pages);

    let pdf = artifacts.join("shuangpu.pdf");
    print_pdf(&browser, &profile, &site.join("cities/shuangpu.html"), &pdf);
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/MediaBox [0 0 594.95996 841.91998]").count();
    assert!(pages >= 2, "A4 pages in the printout: {pages}");
}

#[test]
fn a_3000_city_site_opens_cleanly_in_chromium() {
    let Some(browser) = chromium() else {
        return skip(NO_CHROMIUM);
    };
    let out = tempfile::tempdir().unwrap();
    let content = out.path().join("content");
    kaoping::synthetic::write(&content, 3000, 2013).unwrap();
    let site = out.path().join("site");
    let run = kaoping(&["build", "--content", content.to_str().unwrap(), "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = out.path().join("profile");
    let pages: &[(&str, &[&str])] = &[
        ("index.html", &["<table class=\"histogram\"", "<svg class=\"chart\"", "第2901–3000名"][..]),
        ("ranking/30.html", &["<table class=\"ranking\"", "第2901–3000名"][..]),
        ("units/police/30.html", &["<table class=\"matrix\"", "合成3000市"][..]),
        ("cities/c3000.html", &["<table class=\"items\"", "<svg class=\"chart\"", "同档平均"][..]),
    ];
    open_pages(&browser, &profile, &site, &artifacts, "n3000-", pages);
}

/// `report.html` opens cleanly, and printed to PDF each city starts a page
/// (nothing of the city before it on the page where its scorecard begins),
/// with the fingerprint and the page number on every page. The PDF's text
/// is read with poppler's `pdftotext`.
#[test]
fn report_html_prints_one_city_per_page_start() {
    let Some(browser) = chromium_and_pdftotext() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let (site, artifacts) = sample_site(out.path());
    let profile = out.path().join("profile");
    let pages: &[(&str, &[&str])] =
        &[("report.html", &["<table class=\"ranking\"", "<svg class=\"chart\"", "霜浦市考评结果", "评分标准"][..])];
    open_pages(&browser, &profile, &site, &artifacts, "", pages);

    let pdf = artifacts.join("report.pdf");
    print_pdf(&browser, &profile, &site.join("report.html"), &pdf);
    let text = pdf_text(&pdf);
    let printed: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    details_stay_with_their_items("report.html", &printed);
    let fp = kaoping::record::fingerprint::of(&std::fs::read(site.join("results.json")).unwrap());
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("results.json")).unwrap()).unwrap();
    let names: Vec<&str> = results["cities"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 17);
    for (n, page) in printed.iter().enumerate() {
        assert!(page.contains(&format!("数据指纹 {fp}")), "page {} lacks the fingerprint:\n{page}", n + 1);
        assert!(
            page.contains(&format!("第 {} 页 / 共 {} 页", n + 1, printed.len())),
            "page {} lacks its number",
            n + 1
        );
        assert_eq!(page.matches("内部资料").count(), 1, "page {} has the marking once:\n{page}", n + 1);
    }
    for name in names {
        let heading = format!("{name}考评结果");
        let starts: Vec<&&str> = printed.iter().filter(|p| p.contains(&heading)).collect();
        assert_eq!(starts.len(), 1, "{heading} is on one page");
        let before = &starts[0][..starts[0].find(&heading).unwrap()];
        assert!(!before.contains("返回排名"), "{name} does not start a page:\n{}", starts[0]);
    }
}

/// Chromium when it and poppler's `pdftotext` are both here. Without them
/// the test says it skipped (`None`), except under CI, where `.ci/run`
/// installs them and their absence is a failure.
fn chromium_and_pdftotext() -> Option<PathBuf> {
    let found = chromium().filter(|_| Command::new("pdftotext").arg("-v").output().is_ok());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium or pdftotext is missing under CI: .ci/run installs the Debian packages chromium and poppler-utils"
        );
        eprintln!("skipped: no Chromium or no pdftotext (Debian packages chromium, poppler-utils)");
    }
    found
}

/// The sample site built into `out/site`, and the folder for artifacts.
fn sample_site(out: &Path) -> (PathBuf, PathBuf) {
    let site = out.join("site");
    assert_eq!(kaoping(&["build", "--output", site.to_str().unwrap()]).code, 0);
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&artifacts).unwrap();
    (site, artifacts)
}

/// The text of a PDF by poppler's `pdftotext`, pages split by form feeds.
fn pdf_text(pdf: &Path) -> String {
    let text = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// Whether `line` opens an item's details: a deduction (扣2分 …, 减5分（…）)
/// or one of the paragraphs that only follow an item's row.
fn opens_details(line: &str) -> bool {
    let amount = line.strip_prefix('扣').or_else(|| line.strip_prefix('减')).is_some_and(|rest| {
        let digits = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(0);
        digits > 0 && (rest[digits..].starts_with("分 ") || rest[digits..].starts_with("分（"))
    });
    let heads =
        ["同一规则由多个单位认定", "本市自评认定（", "注意：核查比本市自评多给", "以上扣分合计", "本市自评所附"];
    amount || heads.iter().any(|h| line.starts_with(h))
}

/// Whether `line` starts an item's row: its id (2.3) and a space.
fn opens_item(line: &str) -> bool {
    line.split_once(' ').is_some_and(|(id, _)| {
        id.split_once('.')
            .is_some_and(|(a, b)| [a, b].iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
    })
}

/// On every printed page, the first line of an item's details comes after
/// an item's row on that page: no details begin a page cut off from their row.
fn details_stay_with_their_items(what: &str, printed: &[&str]) {
    let mut checked = 0;
    for (n, page) in printed.iter().enumerate() {
        let lines: Vec<&str> = page.lines().map(str::trim).collect();
        if let Some(first) = lines.iter().position(|l| opens_details(l)) {
            checked += 1;
            assert!(
                lines[..first].iter().any(|l| opens_item(l)),
                "{what}, page {}: {:?} is cut off from its item's row:\n{page}",
                n + 1,
                lines[first]
            );
        }
    }
    assert!(checked >= 2, "{what}: details on {checked} pages");
}

/// A city page printed on A4 keeps each item's row on the page where its
/// deduction details begin (霜浦市 has many, over several pages).
#[test]
fn an_items_row_prints_with_its_deductions() {
    let Some(browser) = chromium_and_pdftotext() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let (site, artifacts) = sample_site(out.path());
    let pdf = artifacts.join("shuangpu-details.pdf");
    print_pdf(&browser, &out.path().join("profile"), &site.join("cities/shuangpu.html"), &pdf);
    let text = pdf_text(&pdf);
    let printed: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(printed.len() >= 3, "{} pages", printed.len());
    details_stay_with_their_items("cities/shuangpu.html", &printed);
    for (n, page) in printed.iter().enumerate() {
        assert_eq!(page.matches("内部资料").count(), 1, "page {} has the marking once:\n{page}", n + 1);
    }
}

#[test]
fn the_sample_archive_opens_cleanly_in_chromium_and_prints_on_a4() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing under CI: .ci/run installs the Debian package chromium"
        );
        eprintln!("skipped: no Chromium");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = kaoping(&["build", "--content", "examples/archive", "--output", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = out.path().join("profile");
    let pages: &[(&str, &[&str])] = &[
        ("index.html", &["<table class=\"ranking\"", "<svg class=\"chart\"", "名次变化", "2015年度排名及变化"][..]),
        (
            "cities/fengcheng.html",
            &["<table class=\"history\"", "<svg class=\"chart\"", "枫城市历年考评结果", "曾用名称"][..],
        ),
        ("2015/cities/fengcheng.html", &["历年考评结果", "枫城市考评结果"][..]),
    ];
    open_pages(&browser, &profile, &site, &artifacts, "archive-", pages);
    let pdf = artifacts.join("archive-fengcheng.pdf");
    print_pdf(&browser, &profile, &site.join("cities/fengcheng.html"), &pdf);
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.matches("/MediaBox [0 0 594.95996 841.91998]").count() >= 1, "printed on A4");
}

#[test]
fn the_preview_runs_its_reload_script_and_nothing_else_under_its_policy() {
    let Some(browser) = chromium() else {
        return skip(NO_CHROMIUM);
    };
    let dir = fixture("small", &[]);
    let serve = common::serve::start_serve(dir.path());
    let profile = tempfile::tempdir().unwrap();
    let url = format!("http://{}/index.html", serve.address);
    let (dom, log) = run_browser(&browser, profile.path(), &url, &["--dump-dom", "--v=1"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages {console:#?}");
    assert!(dom.contains("<script data-v=") && !dom.contains("http-equiv=\"Content-Security-Policy\""));
    // The script ran: the browser asked for the event stream.
    let events = format!("NotifyBeforeURLRequest: http://{}/__kaoping/events?v=", serve.address);
    assert!(log.contains(&events), "the reload script did not run");
}
