//! `report.html`: the whole year in one self-contained file; links are
//! anchors within it; every city's scorecard once; not written above 50
//! cities, with a warning in both languages.

mod common;

use common::{kaoping, kaoping_zh};

#[test]
fn the_sample_report_holds_every_city_and_links_only_within_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(kaoping(&["build", "--output", out.to_str().unwrap()]).code, 0);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let results: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("results.json")).unwrap()).unwrap();
    for city in results["cities"].as_array().unwrap() {
        let (id, name) = (city["id"].as_str().unwrap(), city["name"].as_str().unwrap());
        assert_eq!(html.matches(&format!("<section class=\"report-city\" id=\"city-{id}\"")).count(), 1, "{id}");
        assert_eq!(html.matches(&format!("<h1>{name}考评结果</h1>")).count(), 1, "{id}");
        assert!(html.contains(&format!("<a href=\"#city-{id}\">{name}</a>")), "the ranking links {id}");
    }
    for href in html.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap()) {
        // The inline icon is data, not a link.
        if href.starts_with("data:image/svg+xml;base64,") {
            continue;
        }
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("{href} leaves the file"));
        assert!(html.contains(&format!("id=\"{target}\"")), "#{target} is in the file");
    }
    let ids: Vec<&str> = html.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids are unique");
    assert!(!html.contains("<script") && !html.contains("src=\""), "self-contained");
    assert!(html.contains("沧澜市救助站检查照片.png（PNG，85 字节）"), "attachments are named, not linked");
    assert!(html.contains("考评办法及评分标准") && html.contains("break-before: page"));
    let fp = kaoping::record::fingerprint::of(&std::fs::read(out.join("results.json")).unwrap());
    assert!(html.contains(&format!("数据指纹 <code>{fp}</code>")));
}

#[test]
fn above_fifty_cities_no_report_is_written_and_the_build_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    kaoping::synthetic::write(&content, 51, 2013).unwrap();
    let out = tmp.path().join("out");
    let run = kaoping(&["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("report.html").exists());
    let line = "warning: report.html: not written: 51 cities are more than the 50 one file is made for (it would be too large to send or print); send the site folder, or a city's own page";
    assert!(run.stderr.lines().any(|l| l == line), "{}", run.stderr);
    let run = kaoping_zh(&["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    let line = "警告：report.html：未生成：共51个市，超过单个文件所适用的50个（文件过大，无法作为附件发送或打印）；请发送整个网站文件夹，或各市单独的页面";
    assert!(run.stderr.lines().any(|l| l == line), "{}", run.stderr);
}
