//! `report.docx` (§15) with real clients: LibreOffice prints it to PDF
//! (A4, the GB/T 9704 margins measured from the printed words, `— N —`
//! at the foot, odd pages right and even pages left, every city's total
//! as results.json has it), and python-docx reads its ranking table back
//! equal to results.json and finds the fonts in its styles. Skipped, saying
//! why, where a client is missing; under CI=true a missing one fails the
//! test (.ci/run installs them). Also: the same bytes twice, SHA256SUMS and
//! the index page, site.yaml's `report:` and its warnings, the annex of a
//! large year, each year of an archive.

mod common;

use common::{fixture, kaoping, kaoping_zh, root};
use kaoping::decimal::Dec;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Whether python-docx (`python3 -c "import docx"`) or LibreOffice
/// (`soffice --version`) works.
fn have(tool: &str) -> bool {
    let ok = match tool {
        "python-docx" => Command::new("python3").args(["-c", "import docx"]).output(),
        _ => Command::new("soffice").arg("--version").output(),
    }
    .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{tool} is missing (CI=true): .ci/run installs it");
        eprintln!(
            "skipped: {tool} is not installed (pip install python-docx; apt-get install libreoffice-writer-nogui)"
        );
    }
    ok
}

/// Builds `content` (the sample where `None`) into `out`.
fn build(content: Option<&Path>, out: &Path) -> common::Run {
    let mut args = vec!["build", "--output", s(out)];
    if let Some(c) = content {
        args.extend(["--content", s(c)]);
    }
    let run = kaoping(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn results(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("results.json")).unwrap()).unwrap()
}

/// A JSON number as the site shows it (results.json writes decimals
/// exactly: 97.93, 95).
fn shown(v: &Value) -> String {
    Dec::parse(&v.to_string()).unwrap().to_string()
}

/// The rows results.json gives the ranking table, in rank order.
fn ranking(json: &Value) -> Vec<Vec<String>> {
    let mut cities: Vec<&Value> = json["cities"].as_array().unwrap().iter().collect();
    cities.sort_by_key(|c| c["rank"].as_u64().unwrap());
    cities
        .iter()
        .map(|c| {
            let has_self = !c["submitted"].is_null();
            let total = Dec::parse(&c["total"].to_string()).unwrap();
            let own = Dec::parse(&c["self_total"].to_string()).unwrap();
            let late = if !has_self {
                "未报"
            } else if c["late"] == true {
                "是"
            } else {
                "否"
            };
            vec![
                c["rank"].to_string(),
                c["name"].as_str().unwrap().to_string(),
                total.to_string(),
                shown(&c["weighted"]),
                if has_self { own.to_string() } else { "—".into() },
                if has_self { (own - total).signed() } else { "—".into() },
                late.to_string(),
            ]
        })
        .collect()
}

#[test]
fn two_builds_give_the_same_report_listed_in_the_sums_and_linked_from_the_index() {
    let t = tempfile::tempdir().unwrap();
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    build(None, &a);
    build(None, &b);
    let bytes = std::fs::read(a.join("report.docx")).unwrap();
    assert_eq!(bytes, std::fs::read(b.join("report.docx")).unwrap(), "two builds give identical bytes");
    let sums = std::fs::read_to_string(a.join("SHA256SUMS")).unwrap();
    assert!(sums.lines().any(|l| l.ends_with("  report.docx")), "{sums}");
    let index = std::fs::read_to_string(a.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"report.docx\" download>report.docx</a>"));
    assert!(!a.join("report-annex.docx").exists() && !index.contains("report-annex.docx"));
    // Entries in name order, all dated 1980-01-01 (never the clock).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    for i in 0..zip.len() {
        assert_eq!(zip.by_index(i).unwrap().last_modified(), Some(zip::DateTime::default()));
    }
}

/// Every word LibreOffice printed: (page from 1, text, xMin, yMin, xMax,
/// yMax in millimetres), from `pdftotext -bbox`.
fn words(pdf: &Path) -> Vec<(usize, String, [f64; 4])> {
    let out = Command::new("pdftotext").args(["-bbox", s(pdf), "-"]).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let mut words = Vec::new();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse::<f64>().unwrap() * 25.4 / 72.0
    };
    for (n, page) in html.split("<page ").skip(1).enumerate() {
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_string();
            let b = [attr(tag, "xMin"), attr(tag, "yMin"), attr(tag, "xMax"), attr(tag, "yMax")];
            words.push((n + 1, text, b));
        }
    }
    words
}

#[test]
fn libreoffice_prints_the_report_on_a4_with_the_standards_margins_and_page_numbers() {
    if !have("soffice") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(None, &out);
    let pdfs = t.path().join("pdf");
    let o = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", s(&t.path().join("profile"))))
        .args(["--headless", "--convert-to", "pdf", "--outdir", s(&pdfs)])
        .arg(out.join("report.docx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = pdfs.join("report.pdf");
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.lines().any(|l| l.starts_with("Page size:") && l.ends_with("pts (A4)")), "{info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 2, "{pages}");

    // The text is 156 × 225 mm: from 28 mm to 184 mm across, 37 mm to
    // 262 mm down; the page number is below it.
    let words = words(&pdf);
    let (body, foot): (Vec<_>, Vec<_>) = words.iter().partition(|(_, _, b)| b[3] < 262.5);
    let near = |got: f64, want: f64, by: f64| (got - want).abs() <= by;
    let left = body.iter().map(|w| w.2[0]).fold(f64::MAX, f64::min);
    let right = body.iter().map(|w| w.2[2]).fold(0.0, f64::max);
    assert!(near(left, 28.0, 0.5) && near(right, 184.0, 0.5), "left {left:.1} mm, right {right:.1} mm");
    let top = body.iter().filter(|w| w.0 == 1).map(|w| w.2[1]).fold(f64::MAX, f64::min);
    assert!((37.0..37.0 + 10.2).contains(&top), "the first line's top at {top:.1} mm");
    let lowest = body.iter().map(|w| w.2[3]).fold(0.0, f64::max);
    assert!(lowest > 252.0, "the text runs down to {lowest:.1} mm");
    // — N — on each page, one character (4号, 4.9 mm) in from the right on
    // odd pages, from the left on even ones, 7 mm below the text.
    for page in 1..=pages {
        let number: Vec<_> = foot.iter().filter(|w| w.0 == page).collect();
        let text: Vec<&str> = number.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(text, ["—", &page.to_string(), "—"], "page {page}");
        let (start, end) = (number[0].2[0], number[2].2[2]);
        if page % 2 == 1 {
            assert!(near(end, 184.0 - 4.9, 1.0), "page {page} ends at {end:.1} mm");
        } else {
            assert!(near(start, 28.0 + 4.9, 1.0), "page {page} starts at {start:.1} mm");
        }
        assert!(near(number[0].2[1], 262.0 + 7.0, 1.5), "page {page}: {:.1} mm", number[0].2[1]);
    }

    // Every city's total and weighted score beside its name, as
    // results.json has them.
    let text =
        String::from_utf8(Command::new("pdftotext").args(["-layout", s(&pdf), "-"]).output().unwrap().stdout).unwrap();
    for row in ranking(&results(&out)) {
        let (name, total, weighted) = (&row[1], &row[2], &row[3]);
        let found = text.lines().any(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.windows(3).any(|x| x == [name.as_str(), total.as_str(), weighted.as_str()])
        });
        assert!(found, "{name} {total} {weighted}");
    }
}

fn python(docx: &Path) -> Value {
    let script = root().join("tests/clients/docx_read.py");
    let out = Command::new("python3").arg(script).arg(docx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn python_docx_reads_the_ranking_back_as_results_json_has_it_and_the_fonts_in_the_styles() {
    if !have("python-docx") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(None, &out);
    let read = python(&out.join("report.docx"));
    let table: Vec<Vec<String>> = serde_json::from_value(read["tables"][0].clone()).unwrap();
    assert_eq!(table[0], ["名次", "城市", "总分", "折算得分", "自评总分", "差值", "逾期"]);
    assert_eq!(table[1..], ranking(&results(&out))[..]);
    let style = |name: &str| (read["styles"][name]["east_asia"].clone(), read["styles"][name]["size"].clone());
    let font = |f: &str, size: Option<f64>| (Value::from(f), size.map_or(Value::Null, Value::from));
    assert_eq!(style("Title"), font("方正小标宋简体", Some(22.0)), "2号");
    assert_eq!(style("Normal"), font("仿宋_GB2312", Some(16.0)), "3号");
    assert_eq!(style("Heading 1"), font("黑体", Some(16.0)));
    assert_eq!(style("Heading 2"), font("楷体_GB2312", Some(16.0)));
    assert_eq!(style("footer"), font("宋体", Some(14.0)), "4号");
    assert_eq!(read["styles"]["Normal"]["ascii"], "仿宋_GB2312");
    assert_eq!(read["page"], serde_json::json!([210.01, 297.0]));
    let m = &read["margins"];
    assert_eq!(
        (&m["top"], &m["bottom"], &m["left"], &m["right"]),
        (&37.01.into(), &35.0.into(), &27.99.into(), &26.0.into())
    );
    assert_eq!(read["odd_and_even"], true);
    assert_eq!((&read["odd_footer"]["text"], &read["odd_footer"]["alignment"]), (&"— 1 —".into(), &"RIGHT (2)".into()));
    assert_eq!(
        (&read["even_footer"]["text"], &read["even_footer"]["alignment"]),
        (&"— 1 —".into(), &"LEFT (0)".into())
    );
    assert_eq!(read["first"][0], "内部资料");
}

/// The small fixture's site.yaml with `report` put in after the deadlines.
fn small_with(report: &str) -> tempfile::TempDir {
    let site = std::fs::read_to_string(root().join("tests/fixtures/small/site.yaml")).unwrap();
    let site = site.replace("cities:\n", &format!("{report}cities:\n"));
    fixture("small", &[("site.yaml", Some(site.as_bytes()))])
}

fn site_lines(run: &common::Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.contains("site.yaml")).collect()
}

#[test]
fn site_yaml_names_the_addressee_the_office_and_the_date_or_check_warns_of_the_blanks() {
    let none = fixture("small", &[]);
    let dir = none.path();
    let run = kaoping(&["check", "--content", s(dir)]);
    let at = format!("{}/site.yaml", kaoping::diag::shown(dir));
    assert_eq!(
        site_lines(&run),
        [format!(
            "warning: {at}: report.docx marks the addressee (主送), the issuing office (落款), the date (成文日期) blank, to fill in by hand: site.yaml gives no to, from, date under report:"
        )]
    );
    let run = kaoping_zh(&["check", "--content", s(dir)]);
    assert_eq!(
        site_lines(&run),
        [format!(
            "警告：{at}：report.docx 中的主送机关，落款（发文机关署名），成文日期将留出标明的空白，须手工填写：site.yaml 的 report: 下没有写 to, from, date"
        )]
    );

    let part = small_with("report:\n  to: 省综治办\n  from: 办公室\n");
    let run = kaoping(&["check", "--content", s(part.path())]);
    let at = format!("{}/site.yaml", kaoping::diag::shown(part.path()));
    assert_eq!(
        site_lines(&run),
        [format!(
            "warning: {at}:8:3: report.docx marks the date (成文日期) blank, to fill in by hand: site.yaml gives no date under report:"
        )]
    );

    let whole = small_with("report: { to: 省综治办, from: 办公室, date: 2014年2月20日 }\n");
    let run = kaoping(&["check", "--content", s(whole.path())]);
    assert_eq!((run.code, site_lines(&run).len()), (0, 0), "{}", run.stderr);
    let built = tempfile::tempdir().unwrap();
    let out = built.path().join("out");
    build(Some(whole.path()), &out);
    let bytes = std::fs::read(out.join("report.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    assert!(doc.contains(">省综治办<") && doc.contains(">办公室<") && doc.contains(">2014年2月20日<"));
    assert!(!doc.contains("〔请填写"));
}

#[test]
fn a_wrong_part_of_report_is_an_error_with_its_line() {
    let wrong = small_with("report:\n  to: 省综治办\n  form: 办公室\n  date: 2014-02-30\n");
    let run = kaoping(&["check", "--content", s(wrong.path())]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let at = format!("{}/site.yaml", kaoping::diag::shown(wrong.path()));
    assert_eq!(
        site_lines(&run),
        [
            format!("error: {at}:9:3: unknown key \"form\" in report (known: date, from, to)"),
            format!(
                "error: {at}:10:9: report: date (the date of the report, 成文日期): the date \"2014-02-30\" does not exist (no such day in that month)"
            ),
        ]
    );
}

#[test]
fn a_year_of_many_cities_puts_the_lost_points_in_an_annex() {
    let t = tempfile::tempdir().unwrap();
    let content = t.path().join("content");
    kaoping::synthetic::write(&content, 51, 2013).unwrap();
    let out = t.path().join("out");
    build(Some(&content), &out);
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    assert!(
        sums.lines().any(|l| l.ends_with("  report-annex.docx")) && sums.lines().any(|l| l.ends_with("  report.docx"))
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"report-annex.docx\" download>report-annex.docx</a>"));
    if have("python-docx") {
        let report = python(&out.join("report.docx"));
        assert_eq!(report["tables"][0].as_array().unwrap().len(), 52, "the whole ranking, with its head");
        let annex = python(&out.join("report-annex.docx"));
        assert_eq!(annex["tables"][0][0][0], "项目");
    }
}

#[test]
fn each_year_of_an_archive_has_its_report() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    build(Some(&root().join("examples/archive")), &out);
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    for year in ["2013", "2014", "2015"] {
        let path: PathBuf = out.join(year).join("report.docx");
        assert!(path.is_file(), "{year}");
        assert!(sums.lines().any(|l| l.ends_with(&format!("  {year}/report.docx"))), "{year}");
    }
}
