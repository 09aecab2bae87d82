//! The archive of years (§10): the sample archive in examples/archive/ built
//! and checked, its history pinned, each year's pages equal to a
//! single-year build of that folder but for the link back, and every bad
//! archive.yaml with its exact error line in both languages.

mod common;

use common::{kaoping, kaoping_zh, root, snapshot};
use std::path::Path;

/// A copy of the sample archive with `archive.yaml` replaced (if given).
fn archive(yaml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("examples/archive"), dir.path());
    if let Some(y) = yaml {
        std::fs::write(dir.path().join("archive.yaml"), y).unwrap();
    }
    dir
}

fn build(content: &Path, out: &Path) -> common::Run {
    kaoping(&["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()])
}

#[test]
fn the_sample_archive_builds_with_its_history_pinned() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(&root().join("examples/archive"), &site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "built {}: 3 years, 9 cities in the latest year, 148 files, 9 warnings",
            site.display()
        )),
        "{}",
        run.stdout
    );
    // Checked by hand: 2013's eight totals sum to 669.04, mean 83.63;
    // 2014's to 676.14, mean 84.5175 → 84.52; 2015's nine to 780.01, mean
    // 86.6677… → 86.67 (half up); 97.93 × 14 / 100 = 13.7102 → 13.71;
    // fengzhu (2013) and fengcheng (2014–) are one city, zhiting only in 2015.
    let json = std::fs::read_to_string(site.join("history.json")).unwrap();
    assert_eq!(json, common::read("tests/expected/archive/history.json"));
    let csv = std::fs::read(site.join("history.csv")).unwrap();
    assert_eq!(csv, std::fs::read(root().join("tests/expected/archive/history.csv")).unwrap());
    // Every figure is the one of that year's results.json.
    let history: serde_json::Value = serde_json::from_str(&json).unwrap();
    for city in history["cities"].as_array().unwrap() {
        for r in city["results"].as_array().unwrap() {
            let year = r["year"].as_u64().unwrap();
            let results: serde_json::Value =
                serde_json::from_slice(&std::fs::read(site.join(format!("{year}/results.json"))).unwrap()).unwrap();
            let cities = results["cities"].as_array().unwrap();
            let id = if city["id"] == "fengcheng" && year == 2013 { "fengzhu" } else { city["id"].as_str().unwrap() };
            let same = cities.iter().find(|c| c["id"] == id).expect("the city is in that year's results");
            for key in ["rank", "total", "weighted", "self_total", "late"] {
                assert_eq!(r[key], same[key], "{id} {year} {key}");
            }
            assert_eq!(r["of"].as_u64().unwrap() as usize, cities.len());
        }
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for needle in ["↑", "↓", "新", "<svg class=\"chart\"", "2015/index.html", "cities/fengcheng.html", "平均总分"]
    {
        assert!(index.contains(needle), "index.html lacks {needle}");
    }
    let city = std::fs::read_to_string(site.join("cities/fengcheng.html")).unwrap();
    for needle in [
        "2013年为枫渚市（编号 fengzhu）",
        "../2013/cities/fengzhu.html",
        "../2015/cities/fengcheng.html",
        "2015年：1.1条文修改；1.2分值5→6；1.3分值5→4",
        "新增2.8（5分）；删去2.7（5分）",
        "<svg class=\"chart\"",
    ] {
        assert!(city.contains(needle), "cities/fengcheng.html lacks {needle}");
    }
    assert!(!city.contains("<script") && !index.contains("<script"));
    // Deterministic: a second build is byte-identical.
    let again = out.path().join("again/site");
    assert_eq!(build(&root().join("examples/archive"), &again).code, 0);
    // (But the records of inputs, which note each file's number and time.)
    let published =
        |d: &Path| snapshot(d).into_iter().filter(|f| !f.0.ends_with(".kaoping-inputs")).collect::<Vec<_>>();
    assert_eq!(published(&site), published(&again));
}

#[test]
fn a_year_is_its_single_year_build_plus_the_link_back() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(&root().join("examples/archive"), &site).code, 0);
    for year in ["2013", "2014", "2015"] {
        let single = out.path().join(format!("single-{year}"));
        let run = build(&root().join("examples/archive").join(year), &single);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let alone: Vec<_> = snapshot(&single).into_iter().filter(|f| f.0 != ".kaoping-output").collect();
        // A year of an archive also carries the record of its inputs (issue 26).
        let within: Vec<_> = snapshot(&site.join(year)).into_iter().filter(|f| f.0 != ".kaoping-inputs").collect();
        assert_eq!(alone.iter().map(|f| &f.0).collect::<Vec<_>>(), within.iter().map(|f| &f.0).collect::<Vec<_>>());
        for ((path, a), (_, w)) in alone.iter().zip(&within) {
            // SHA256SUMS lists the same files; the pages' hashes differ by
            // the link back (the archive's own SHA256SUMS is checked by
            // `the_archive_output_verifies_as_a_whole`).
            if path == "SHA256SUMS" {
                let names =
                    |b: &[u8]| String::from_utf8_lossy(b).lines().map(|l| l[66..].to_string()).collect::<Vec<_>>();
                assert_eq!(names(a), names(w), "{year}/{path}");
                continue;
            }
            // report.html travels alone and links nowhere; it is the same.
            if !path.ends_with(".html") || path == "report.html" {
                assert_eq!(a, w, "{year}/{path}");
                continue;
            }
            let root = "../".repeat(path.matches('/').count());
            let link = format!("<li><a href=\"{root}../index.html\">历年考评结果</a></li>\n");
            let w = String::from_utf8(w.clone()).unwrap();
            assert_eq!(w.matches(&link).count(), 1, "{year}/{path} links back once");
            assert_eq!(w.replacen(&link, "", 1).as_bytes(), a.as_slice(), "{year}/{path}");
        }
    }
}

#[test]
fn check_reads_every_year() {
    let run = kaoping(&["check", "--content", "examples/archive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "checked examples/archive: 3 years, 9 cities in the latest year, no errors, 9 warnings\n");
    let zh = kaoping_zh(&["check", "--content", "examples/archive"]);
    assert_eq!(zh.stdout, "已检查 examples/archive：3 个年度，最近一年 9 个市，没有错误，9 个警告\n");
}

const YEARS: &str = "title: 历年\nyears:\n  - { year: 2013, content: \"2013\" }\n  - { year: 2014, content: \"2014\" }\n  - { year: 2015, content: \"2015\" }\n";
const RENAME: &str = "renamed:\n  - { from: fengzhu, to: fengcheng, in: 2014 }\n";

/// Each bad archive.yaml: its text, then its one error in English and Chinese.
fn bad_archives() -> Vec<(String, &'static str, &'static str)> {
    vec![
        (
            format!(
                "title: 历年\nyears:\n  - {{ year: 2013, content: \"2013\" }}\n  - {{ year: 2013, content: \"2014\" }}\n{RENAME}"
            ),
            "archive.yaml:4:13: year 2013 is listed twice (first on line 3)",
            "archive.yaml:4:13: 年度 2013 列了两次（第一次在第 3 行）",
        ),
        (
            "title: 历年\nyears:\n  - { year: 2014, content: \"2014\" }\n  - { year: 2013, content: \"2013\" }\n"
                .to_string(),
            "archive.yaml:4:13: years must be listed oldest first: 2013 comes after 2014",
            "archive.yaml:4:13: 年度要按从早到晚的顺序列出：2013 写在了 2014 之后",
        ),
        (
            format!("{YEARS}  - {{ year: 2016, content: \"2016\" }}\n{RENAME}"),
            "archive.yaml:6:28: the folder {dir}/2016 of year 2016 does not exist (content: is relative to archive.yaml)",
            "archive.yaml:6:28: 2016 年度的文件夹 {dir}/2016 不存在（content 是相对于 archive.yaml 的路径）",
        ),
        (
            "title: 历年\nyears:\n  - { year: 2013, content: \"2013\" }\n  - { year: 2014, content: \"2013\" }\n"
                .to_string(),
            "archive.yaml:4:13: year 2014 here, but {dir}/2013/site.yaml says year: 2013; the two must be the same",
            "archive.yaml:4:13: 这里写的是 2014 年度，但 {dir}/2013/site.yaml 写的是 year: 2013；两处必须一致",
        ),
        (
            format!(
                "{YEARS}renamed:\n  - {{ from: fengzhu, to: fengcheng, in: 2014 }}\n  - {{ from: luyu, to: heting, in: 2015 }}\n"
            ),
            "archive.yaml:8:13: renamed: \"luyu\" is on no roster before 2015; name an id of an earlier year's site.yaml",
            "archive.yaml:8:13: 改名：2015 年度以前的城市名单中都没有 \"luyu\"；请写以前某年 site.yaml 中的编号",
        ),
        (
            format!("{YEARS}renamed:\n  - {{ from: fengzhu, to: fengchen, in: 2014 }}\n"),
            "archive.yaml:7:26: renamed: \"fengchen\" is not on the 2014 roster; name the city's id in that year's site.yaml",
            "archive.yaml:7:26: 改名：2014 年度的城市名单中没有 \"fengchen\"；请写该市在当年 site.yaml 中的编号",
        ),
        (
            format!("{YEARS}{RENAME}  - {{ from: fengcheng, to: fengzhu, in: 2015 }}\n"),
            "archive.yaml:8:28: renaming \"fengcheng\" to \"fengzhu\" makes a cycle: an id would be renamed back into itself",
            "archive.yaml:8:28: 把 \"fengcheng\" 改成 \"fengzhu\" 会形成循环：编号会改回它自己",
        ),
        (
            format!("{YEARS}{RENAME}sample: true\n"),
            "archive.yaml:8:1: unknown key \"sample\" in archive.yaml (known: marking, renamed, title, years)",
            // The reader's own message, in the language its catalog gives.
            "archive.yaml:8:1: ",
        ),
    ]
}

#[test]
fn bad_archives_give_their_exact_error_and_write_nothing() {
    for (yaml, en, zh) in bad_archives() {
        let dir = archive(Some(&yaml));
        let shown = dir.path().display().to_string();
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let runs = [
            (build(dir.path(), &site), en, "error: ", ": "),
            (kaoping_zh(&["check", "--content", &shown]), zh, "错误：", "："),
        ];
        for (run, line, label, colon) in runs {
            // The location, then the message after the language's colon.
            let line = line.replace("{dir}", &shown);
            let (at, message) = line.split_once(": ").unwrap_or((&line, ""));
            let expected = format!("{label}{shown}/{at}{colon}{message}");
            if message.is_empty() {
                assert!(run.stderr.starts_with(&expected) && run.stderr.lines().count() == 1, "{}", run.stderr);
            } else {
                assert_eq!(run.stderr, format!("{expected}\n"), "{yaml}");
            }
            assert_eq!(run.code, 1);
            let nothing = if label == "错误：" {
                "1 个错误：什么也没有写入，网站没有改动\n".to_string()
            } else {
                format!("1 error: nothing was written; the site in {} is unchanged\n", site.display())
            };
            assert_eq!(run.stdout, nothing);
        }
        assert!(!site.exists(), "nothing written for {yaml}");
        assert_eq!(
            std::fs::read_dir(out.path())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name() != ".site.kaoping-lock")
                .count(),
            0
        );
    }
}

#[test]
fn errors_in_several_years_are_all_reported_and_the_old_site_stays() {
    let dir = archive(None);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(dir.path(), &site).code, 0);
    let before = snapshot(&site);
    std::fs::write(
        dir.path().join("2013/cities/qinglan.yaml"),
        "submitted: 2014-01-06\nitems:\n  \"9.9\": { findings: [] }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("2015/cities/zhiting.yaml"), "submitted: 2016-01-06\nitemz: {}\n").unwrap();
    let run = build(dir.path(), &site);
    assert_eq!(run.code, 1);
    let shown = dir.path().display();
    // Every error of every year, each with its path (the wording is the
    // single-year checker's, pinned in its own tests).
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].starts_with(&format!("error: {shown}/2013/cities/qinglan.yaml:3:3: ")), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("error: {shown}/2015/cities/zhiting.yaml:2:1: ")), "{}", lines[1]);
    assert_eq!(snapshot(&site), before, "the earlier archive site is untouched");
}

#[test]
fn init_makes_an_archive_and_carries_a_year_on() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("archive");
    let a_s = a.to_str().unwrap();
    let run = kaoping(&["init", "--archive", a_s, "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "created {a_s}: archive.yaml and {a_s}/2024/ (its first year)\nnext: edit {a_s}/2024/site.yaml, then run: kaoping check --content {a_s}\n"
        )
    );
    // An archive of one year builds; with nothing to compare, no change is shown.
    let one = tmp.path().join("one-year");
    assert_eq!(build(&a, &one).code, 0);
    let index = std::fs::read_to_string(one.join("index.html")).unwrap();
    assert!(index.contains("只有一个年度") && !index.contains(">新<"), "{index}");
    let next = a.join("2025");
    let run = kaoping_zh(&["init", next.to_str().unwrap(), "--from", a.join("2024").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("请在 archive.yaml 的 years: 下加一行：- { year: 2025, content: \"2025\" }\n"),
        "{}",
        run.stdout
    );
    let last = std::fs::read_to_string(a.join("2024/site.yaml")).unwrap();
    let new = std::fs::read_to_string(next.join("site.yaml")).unwrap();
    let expected = last
        .replace("title: 2024年度", "title: 2025年度")
        .replace("year: 2024", "year: 2025")
        .replace("2025-01-10", "2026-01-10")
        .replace("2025-02-10", "2026-02-10");
    assert_eq!(new, expected);
    for f in ["standard.yaml", "standard.md"] {
        assert_eq!(std::fs::read(next.join(f)).unwrap(), std::fs::read(a.join("2024").join(f)).unwrap(), "{f}");
    }
    let mut yaml = std::fs::read_to_string(a.join("archive.yaml")).unwrap();
    yaml = yaml.replace(
        "  - { year: 2024, content: \"2024\" }\n",
        "  - { year: 2024, content: \"2024\" }\n  - { year: 2025, content: \"2025\" }\n",
    );
    std::fs::write(a.join("archive.yaml"), yaml).unwrap();
    let run = kaoping(&["check", "--content", a_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!("checked {a_s}: 2 years, 2 cities in the latest year, no errors")),
        "{}",
        run.stdout
    );
}

#[test]
fn init_from_the_sample_carries_roster_and_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let next = tmp.path().join("content2014");
    let run = kaoping(&["init", next.to_str().unwrap(), "--from", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = std::fs::read_to_string(next.join("site.yaml")).unwrap();
    let theme = root().join("themes/default").canonicalize().unwrap();
    assert!(site.contains(&format!("\ntheme: \"{}\"\n", theme.display())), "{site}");
    assert!(site.contains("title: 2014年度实有人口专项组考评结果（示例）\nyear: 2014\n"), "{site}");
    assert!(site.contains("  - { id: bicen, name: 碧岑市 }\n"));
    assert_eq!(std::fs::read_dir(next.join("cities")).unwrap().count(), 1, "only the folder note");
    let run = kaoping(&["check", "--content", next.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(": 17 cities, 8 units, no errors"), "{}", run.stdout);
}

/// One GET over plain HTTP/1.0; the response body.
fn http_get(address: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(address).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
#[cfg(unix)]
fn serve_builds_an_archive_like_build() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["serve", "--content", "examples/archive", "--port", "0"])
        .env("KAOPING_LANG", "en")
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
    }
    let address = line.split("http://").nth(1).unwrap_or("").split(['/', ' ']).next().unwrap_or("").trim().to_string();
    let index = http_get(&address, "/index.html");
    let city = http_get(&address, "/cities/fengcheng.html");
    let year = http_get(&address, "/2014/index.html");
    let _ = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let _ = child.wait();
    assert!(index.contains("2015年度排名及变化"), "{index}");
    assert!(city.contains("枫城市历年考评结果"), "{city}");
    assert!(year.contains("2014年度实有人口专项组考评结果") && year.contains("历年考评结果"), "{year}");
}

/// An archive's output is one record: its SHA256SUMS lists every file, the
/// years' included, `sha256sum -c` (coreutils) and `kaoping verify` accept
/// it, its own pages show the fingerprint of history.json, and an edited
/// year page is found.
#[test]
fn the_archive_output_verifies_as_a_whole() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(&root().join("examples/archive"), &site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sums = std::fs::read_to_string(site.join("SHA256SUMS")).unwrap();
    for listed in ["  history.json\n", "  index.html\n", "  2013/results.json\n", "  2015/cities/fengcheng.html\n"] {
        assert!(sums.contains(listed), "{listed}");
    }
    let fp = kaoping::record::fingerprint::of(&std::fs::read(site.join("history.json")).unwrap());
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(&format!("<code>{fp}</code>")), "the archive index shows the fingerprint of history.json");
    match std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "--quiet", "SHA256SUMS"])
        .current_dir(&site)
        .output()
    {
        Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout)),
        Err(e) => common::skip(&format!("sha256sum (coreutils) is not installed: {e}")),
    }
    let run = kaoping(&["verify", site.to_str().unwrap()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{}", run.stdout);
    let page = site.join("2014/cities/canglan.html");
    let html = std::fs::read_to_string(&page).unwrap().replace("考评结果", "考评结果 ");
    std::fs::write(&page, html).unwrap();
    let run = kaoping(&["verify", site.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("2014/cities/canglan.html"), "{}", run.stderr);
}

#[test]
fn a_year_outside_the_archive_is_refused_where_it_is_named() {
    // The 2015 folder moved beside the archive, named by "../y" or through a
    // link; an output inside it would be written into a year's content.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("archive");
    common::copy_dir(&common::root().join("examples/archive"), &dir);
    std::fs::rename(dir.join("2015"), root.path().join("y")).unwrap();
    let yaml = std::fs::read_to_string(dir.join("archive.yaml")).unwrap();
    let out = root.path().join("y/site");
    let message = |c: &str| {
        format!(
            "content \"{c}\" leads out of the archive's folder; keep every year's folder inside the folder of archive.yaml, and write it without \"..\""
        )
    };
    std::fs::write(dir.join("archive.yaml"), yaml.replace("content: \"2015\"", "content: \"../y\"")).unwrap();
    let run = build(&dir, &out);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, format!("error: {}/archive.yaml:7:28: {}\n", dir.display(), message("../y")));
    assert!(!out.exists(), "nothing written into the year's content");
    #[cfg(unix)]
    {
        std::fs::write(dir.join("archive.yaml"), &yaml).unwrap();
        std::os::unix::fs::symlink(root.path().join("y"), dir.join("2015")).unwrap();
        let run = build(&dir, &out);
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr, format!("error: {}/archive.yaml:7:28: {}\n", dir.display(), message("2015")));
        assert!(!out.exists());
    }
}

/// The archive's pages read right (issue 22): no `<title>` names its site
/// twice, no reader's page carries a command line, and each line of a
/// city's chart is labelled at its own end: the label nearer its series'
/// last point than the other's (the unit tests of `charts::lines` check
/// crossings, ties and overlaps).
#[test]
fn archive_pages_read_right() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(&root().join("examples/archive"), &site).code, 0);
    for e in walkdir::WalkDir::new(&site).into_iter().map(Result::unwrap) {
        if e.path().extension().is_none_or(|x| x != "html") || e.path().components().any(|c| c.as_os_str() == "source")
        {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let title = html.split("<title>").nth(1).unwrap().split("</title>").next().unwrap();
        let site_title = title.rsplit(" — ").next().unwrap();
        assert_eq!(title.matches(site_title).count(), 1, "{}: {title}", e.path().display());
        let text = html.split("</style>").last().unwrap();
        for command in ["kaoping ", "sha256sum", "minisign"] {
            assert!(!text.contains(command), "{}: {command}", e.path().display());
        }
    }
    let city = std::fs::read_to_string(site.join("cities/fengcheng.html")).unwrap();
    let svg = city.split("<svg").nth(1).unwrap().split("</svg>").next().unwrap();
    let num = |s: &str, name: &str| -> f64 {
        s.split(&format!(" {name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    let ends: Vec<(f64, f64, &str)> = ["#1F5F99", "#E69128"]
        .iter()
        .map(|fill| {
            let c = svg.rsplit("<circle").find(|c| c.contains(&format!("fill=\"{fill}\""))).unwrap();
            (num(c, "cx"), num(c, "cy"), *fill)
        })
        .collect();
    for (k, label) in ["枫城市总分 85.67", "全省平均总分 86.67"].iter().enumerate() {
        let text = svg.split("<text").find(|t| t.contains(label)).unwrap_or_else(|| panic!("{label}: {svg}"));
        let (x, y) = (num(text, "x"), num(text, "y"));
        let dist = |e: &(f64, f64, &str)| (e.0 - x).hypot(e.1 - y);
        assert!(dist(&ends[k]) < dist(&ends[1 - k]), "{label} at ({x}, {y}), ends {ends:?}");
    }
}
