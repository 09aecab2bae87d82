//! The built site: every page is there, every deduction is traced on its
//! city's page, hostile text comes out as text, nothing names another host.

mod common;
use common::*;
use std::path::Path;

fn build(content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = kaoping(&["build", "--content", content, "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (out, target)
}

fn page(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `href` of `html` (the page at `path` under `dir`) is relative,
/// stays within the site and names a file that exists, or is an anchor
/// within the page (report.html).
fn assert_links_resolve(dir: &Path, path: &str, html: &str) {
    for href in html.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap()) {
        // The inline icon (base.html) is data, not a link.
        if href.starts_with("data:image/svg+xml;base64,") {
            continue;
        }
        if let Some(id) = href.strip_prefix('#') {
            assert!(html.contains(&format!("id=\"{id}\"")), "{path}: no anchor {href} in the page");
            continue;
        }
        let resolved = Path::new(path).parent().unwrap().join(href);
        let mut parts = Vec::new();
        for c in resolved.components() {
            match c {
                std::path::Component::ParentDir => assert!(parts.pop().is_some(), "{path}: {href} leaves the site"),
                std::path::Component::Normal(n) => parts.push(n.to_owned()),
                _ => {}
            }
        }
        let target: std::path::PathBuf = parts.iter().collect();
        assert!(dir.join(&target).is_file(), "{path}: broken link {href}");
    }
}

fn html_files(dir: &Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") && !kaoping::proof::is_kept(p))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_city_and_unit_has_a_page() {
    let (_t, dir) = build("content");
    let site = read("content/site.yaml");
    let ids: Vec<&str> =
        site.lines().filter_map(|l| l.split("id: ").nth(1)).map(|r| r.split(',').next().unwrap().trim()).collect();
    assert_eq!(ids.len(), 17 + 8, "{ids:?}");
    for (i, id) in ids.iter().enumerate() {
        let folder = if i < 17 { "cities" } else { "units" };
        let html = page(&dir, &format!("{folder}/{id}.html"));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "{id}");
    }
    for p in ["index.html", "standard.html", "results.json", "results.csv"] {
        assert!(dir.join(p).is_file(), "{p}");
    }
    // The index links to every city page, relatively.
    let index = page(&dir, "index.html");
    for id in &ids[..17] {
        assert!(index.contains(&format!("href=\"cities/{id}.html\"")), "{id}");
    }
}

#[test]
fn every_deduction_is_traced_on_its_city_page() {
    let (_t, dir) = build("tests/fixtures/small");
    let north = page(&dir, "cities/north.html");
    // 1.1: office found no-plan (3), 1.2: police's staffing count, 2.1: the penalty.
    assert!(
        north.contains("<span class=\"amount\">扣3分</span> 没有工作方案的,扣3分<span class=\"by\">（办公室）</span>"),
        "{north}"
    );
    assert!(north.contains("说明：无工作方案"));
    assert!(north.contains("应配协管员2100人，实有1800人，配备率85.71%，低于规定比例14个百分点"));
    assert!(
        north.contains(
            "<span class=\"amount\">减1.5分</span> 工作不落实,视情扣1-5分<span class=\"by\">（公安厅）</span>"
        )
    );
    assert!(north.contains("说明：非法就业查处不力"));
    assert!(north.contains("本项取各单位评分的平均数"));
    let east = page(&dir, "cities/east.html");
    assert!(east.contains("说明：未见文件<br>佐证：检查记录"), "{east}");
    assert!(east.contains("东城市未报送自查自评材料"));
    let office = page(&dir, "units/office.html");
    assert!(office.contains("无工作方案") && office.contains("未见文件"));
    let police = page(&dir, "units/police.html");
    assert!(police.contains("迟报（截止 2014-02-10）"));
}

#[test]
fn the_standard_page_words_rules_as_the_seed_does() {
    let (_t, dir) = build("content");
    let html = page(&dir, "standard.html");
    for text in [
        "没有召开会议的,扣5分",
        "成效一般的,视情扣1-3分",
        "服务管理效果较差的,扣5分",
        "流动人口协管员达不到规定比例的,每降低一个百分点扣0.1分",
        "每1项扣1分",
        "（此项为扣分项，最高减10分）",
        "（最高减5分）",
        "（市财政局）",
        "<h2>一、指导思想</h2>",
    ] {
        assert!(html.contains(text), "{text}");
    }
}

#[test]
fn hostile_text_reaches_no_page_as_markup() {
    let site = read("tests/fixtures/small/site.yaml").replace("北城市", "北<b>城</b>市\"'");
    let north = r#"submitted: 2014-01-08
report: |
  # 报告 <script>alert(1)</script>
  [点我](javascript:alert(1)) ![x](http://evil.example/x.png) <img src=x onerror=alert(1)>
items:
  "1.1":
    findings:
      - { rule: no-plan, note: "</style><script>alert(2)</script>", evidence: ["<img src=x onerror=alert(3)>", "]]>"] }
"#;
    let dir = fixture("small", &[("site.yaml", Some(site.as_bytes())), ("cities/north.yaml", Some(north.as_bytes()))]);
    let (_t, out) = build(dir.path().to_str().unwrap());
    let mut seen = 0;
    for (path, html) in html_files(&out) {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{path}");
        assert!(!lower.contains("<img"), "{path}");
        assert!(!lower.contains("<b>城"), "{path}");
        assert!(!lower.contains("javascript:alert(1)\""), "{path}");
        assert_eq!(lower.matches("</style>").count(), 1, "{path}");
        seen += usize::from(
            html.contains("&lt;script&gt;alert(2)&lt;&#x2f;script&gt;")
                || html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        );
    }
    assert!(seen >= 1, "the note is shown, escaped");
    let north_page = page(&out, "cities/north.html");
    assert!(north_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the report's raw HTML is shown as text");
}

#[test]
fn nothing_references_another_host_and_no_script_runs() {
    let (_t, dir) = build("content");
    for (path, html) in html_files(&dir) {
        assert!(!html.contains("://"), "{path} names a host");
        assert!(!html.contains("src=\"//") && !html.contains("href=\"//"), "{path}");
        // The one <link> is the inline icon: data, nothing fetched.
        let lower = html.to_lowercase().replacen("<link rel=\"icon\" href=\"data:image/svg+xml;base64,", "", 1);
        for tag in ["<script", "<link", "<img", "<iframe", "<object", "url(", "@import"] {
            assert!(!lower.contains(tag), "{path} has {tag}");
        }
        assert_links_resolve(&dir, &path, &html);
        assert_says_no_script(&path, &html);
    }
}

/// The policy every page of the default theme declares.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'\">";

/// The page tells the browser it runs no script: the policy, before the
/// page's styles (a policy in a `<meta>` covers only what follows it).
fn assert_says_no_script(path: &str, html: &str) {
    let (csp, style) = (html.find(CSP), html.find("<style>"));
    assert!(csp.is_some() && csp < style, "{path}: no Content-Security-Policy before the styles");
    assert_eq!(html.matches("http-equiv").count(), 1, "{path}");
}

#[test]
fn archive_pages_and_the_corrections_page_say_no_script_either() {
    let (_t, dir) = build("examples/archive");
    let pages = html_files(&dir);
    assert!(pages.len() > 20 && pages.iter().any(|(p, _)| p == "2014/report.html"), "{}", pages.len());
    for (path, html) in pages {
        assert_says_no_script(&path, &html);
    }
    let (t, sample) = build("content");
    let page = t.path().join("changes.html");
    let run = kaoping(&["diff", sample.to_str().unwrap(), sample.to_str().unwrap(), "--html", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says_no_script("changes.html", &std::fs::read_to_string(&page).unwrap());
}

#[test]
fn a_theme_folder_overrides_templates_and_a_missing_one_is_an_error() {
    let site = read("tests/fixtures/small/site.yaml") + "theme: mytheme\n";
    let dir = fixture(
        "small",
        &[
            ("site.yaml", Some(site.as_bytes())),
            (
                "mytheme/templates/standard.html",
                Some(b"{% extends \"base.html\" %}{% block content %}<p>CUSTOM {{ total }}</p>{% endblock content %}"),
            ),
        ],
    );
    let (_t, out) = build(dir.path().to_str().unwrap());
    assert!(page(&out, "standard.html").contains("<p>CUSTOM 10</p>"));
    assert!(page(&out, "index.html").contains("各市排名"), "other templates fall back to the built-in theme");

    let site = read("tests/fixtures/small/site.yaml") + "theme: nowhere\n";
    let dir = fixture("small", &[("site.yaml", Some(site.as_bytes()))]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, dir.path()),
        ["error: C/site.yaml: the theme folder \"C/nowhere\" does not exist (theme: is relative to site.yaml)"]
    );
}

#[test]
fn a_broken_template_is_an_error_and_nothing_is_written() {
    let site = read("tests/fixtures/small/site.yaml") + "theme: t\n";
    let dir = fixture(
        "small",
        &[("site.yaml", Some(site.as_bytes())), ("t/templates/unit.html", Some(b"{{ no_such_value }}"))],
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = kaoping(&["build", "--content", dir.path().to_str().unwrap(), "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "error: {}/t/templates/unit.html:1:4: cannot render units/office.html:",
            dir.path().display()
        )),
        "{}",
        run.stderr
    );
    assert!(!target.exists());
    // In Chinese, Tera's English stays out: the place, and what it is.
    let run = kaoping_zh(&["build", "--content", dir.path().to_str().unwrap(), "--output", target.to_str().unwrap()]);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        format!(
            "错误：{}/t/templates/unit.html:1:4：无法生成 units/office.html：模板用到的值这一页没有（变量名写错，或这一页不提供这个值）",
            dir.path().display()
        )
    );
    std::fs::write(dir.path().join("t/templates/unit.html"), "<p>\n{{ a | }}</p>").unwrap();
    let run = kaoping_zh(&["build", "--content", dir.path().to_str().unwrap(), "--output", target.to_str().unwrap()]);
    let first = run.stderr.lines().next().unwrap().to_string();
    let prefix = format!("错误：{}/t/templates/unit.html:2:", dir.path().display());
    assert!(first.starts_with(&prefix), "{first}");
    assert!(
        first.ends_with("：主题模板有错，无法使用：模板写法有误（括号、引号或模板标记没有配对，或过滤器名写错）"),
        "{first}"
    );
    assert!(!target.exists());
}

#[test]
fn a_large_site_is_paged_and_every_link_resolves() {
    let content = tempfile::tempdir().unwrap();
    kaoping::synthetic::write(content.path(), 120, 7).unwrap();
    let (_t, dir) = build(content.path().to_str().unwrap());
    let index = page(&dir, "index.html");
    assert!(index.contains("总分分布") && index.contains("总分前10名") && index.contains("总分后10名"));
    assert!(
        index.contains("href=\"ranking/1.html\">第1–100名") && index.contains("href=\"ranking/2.html\">第101–120名")
    );
    assert_eq!(index.matches("<tr>\n<td class=\"num\">").count(), 20, "the index lists only the top and bottom ten");
    let second = page(&dir, "ranking/2.html");
    assert_eq!(second.matches("<tr>\n<td class=\"num\">").count(), 20);
    assert!(second.contains("href=\"../cities/"));
    let police = page(&dir, "units/police.html");
    assert!(police.contains("各项目检查情况汇总") && police.contains("href=\"../units/police/2.html\""));
    let part = page(&dir, "units/police/2.html");
    assert!(part.contains("第101–120个市") && part.contains("href=\"../../cities/c0101.html\""));
    let city = page(&dir, "cities/c0001.html");
    assert!(city.contains("同档平均（第"), "city pages compare with their rank band");
    for (path, html) in html_files(&dir) {
        assert_links_resolve(&dir, &path, &html);
    }
}

#[test]
fn points_lost_are_counted_after_caps_and_a_huge_total_keeps_the_index_small() {
    // 北城市: 10 − 3.6 = 6.4 lost, whatever the items' own deductions.
    let (_t, dir) = build("tests/fixtures/small");
    assert!(page(&dir, "cities/north.html").contains("共失分 6.4。"));
    // A standard of 12-digit points and a large roster: at most 20 bins.
    let standard = read("tests/fixtures/small/standard.yaml")
        .replace("total: 10", "total: 999999999990")
        .replace("points: 10", "points: 999999999990")
        .replace("        points: 5\n", "        points: 999999999985\n");
    let mut site = read("tests/fixtures/small/site.yaml");
    let roster: String = (1..=60).map(|i| format!("  - {{ id: x{i}, name: 某{i}市 }}\n")).collect();
    site = site.replace("units:\n", &format!("{roster}units:\n"));
    let dir = fixture("small", &[("standard.yaml", Some(standard.as_bytes())), ("site.yaml", Some(site.as_bytes()))]);
    let started = std::time::Instant::now();
    let (_t, out) = build(dir.path().to_str().unwrap());
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let index = std::fs::metadata(out.join("index.html")).unwrap().len();
    assert!(index < 200_000, "index.html is {index} bytes");
}

#[test]
fn the_output_may_be_named_dot() {
    let dir = tempfile::tempdir().unwrap();
    let content = root().join("tests/fixtures/small");
    for _ in 0..2 {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
            .args(["build", "--content", content.to_str().unwrap(), "--output", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(dir.path().join("index.html").is_file());
}

#[test]
fn every_page_has_a_description_an_inline_icon_and_the_year_once() {
    let (_t, dir) = build("content");
    for (path, html) in html_files(&dir) {
        let head = html.split("</head>").next().unwrap();
        let description = head.split("<meta name=\"description\" content=\"").nth(1).map(|s| s.split('"').next());
        let description = description.flatten().unwrap_or_else(|| panic!("{path}: no description"));
        assert!(description.chars().count() >= 20, "{path}: {description}");
        // The icon is inline, so a served page asks for no /favicon.ico.
        assert!(head.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"), "{path}");
        let footer = html.split("<footer").nth(1).unwrap();
        assert_eq!(footer.matches("2013年度").count(), 1, "{path}: {footer}");
    }
    let city = page(&dir, "cities/qinglan.html");
    assert!(city.contains("<meta name=\"description\" content=\"青岚市在2013年度实有人口专项组考评结果（示例）中排第1名（共17个市），总分97.93分，折算得分13.71分；逐项得分与扣分依据。\">"), "{city}");
}

#[test]
fn the_penalty_column_has_the_contracts_name_everywhere_and_the_points_lost_stand_apart() {
    let (_t, dir) = build("content");
    let index = page(&dir, "index.html");
    assert!(index.contains("<th scope=\"col\">基础得分</th><th scope=\"col\">扣分</th>"), "{index}");
    let city = page(&dir, "cities/qinglan.html");
    assert!(city.contains("<div><dt>扣分</dt><dd>0</dd></div>\n<div><dt>共失分</dt><dd>2.07</dd></div>"), "{city}");
    // The data keep the contract's header (§8), and the pages its name.
    assert!(page(&dir, "results.csv").starts_with("\u{feff}排名,城市,基础得分,扣分,总分,折算得分,自评总分\r\n"));
}

/// A reader's page names no command (they are in the README and in
/// serve's notices), and no title says the site's title twice.
#[test]
fn reader_pages_carry_no_command_and_no_title_twice() {
    let (_t, dir) = build("content");
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&dir).into_iter().map(Result::unwrap) {
        // source/ holds the theme's templates, not pages.
        if e.path().extension().is_none_or(|x| x != "html") || e.path().starts_with(dir.join("source")) {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(e.path()).unwrap();
        let text = html.split("</style>").last().unwrap();
        for command in ["kaoping ", "sha256sum", "minisign"] {
            assert!(!text.contains(command), "{}: {command}", e.path().display());
        }
        let title = html.split("<title>").nth(1).unwrap().split("</title>").next().unwrap();
        let site = "2013年度实有人口专项组考评结果（示例）";
        assert!(title.matches(site).count() <= 1, "{}: {title}", e.path().display());
    }
    assert!(pages >= 25, "{pages} pages");
    assert!(page(&dir, "index.html").contains("<title>2013年度实有人口专项组考评结果（示例）</title>"));
}

/// 各部分得分 names every section in full and states the penalty section
/// (what it takes away), never leaving it out.
#[test]
fn every_section_is_in_the_city_table_the_penalty_one_too() {
    let (_t, dir) = build("content");
    let city = page(&dir, "cities/qinglan.html");
    assert!(city.contains("<th scope=\"row\">三、积极稳妥推进户籍制度改革,全面实行居住证制度</th>"), "{city}");
    assert!(
        city.contains("<th scope=\"row\">四、来华人员服务管理情况（扣分项）</th><td class=\"num\">0</td><td class=\"num\">最多减10</td><td class=\"num\">−1.06</td>"),
        "{city}"
    );
}

/// No chart on a page cuts a name short: section names are wrapped (the
/// city's chart) or listed in full in a legend (the stacked bars), and the
/// city's chart says that it leaves the penalty section out.
#[test]
fn charts_name_every_section_in_full() {
    let (_t, dir) = build("content");
    for name in ["index.html", "cities/qinglan.html", "cities/shuangpu.html", "report.html"] {
        let html = page(&dir, name);
        for svg in html.split("<svg").skip(1).map(|s| s.split("</svg>").next().unwrap()) {
            assert!(!svg.contains('…'), "{name}: a chart cuts a name: {svg}");
        }
    }
    let city = page(&dir, "cities/qinglan.html");
    let chart = city.split("<svg").nth(1).unwrap().split("</svg>").next().unwrap();
    let text: String = chart
        .split("<text")
        .skip(1)
        .map(|t| t.split_once('>').unwrap().1.split("</text>").next().unwrap().trim())
        .collect();
    assert!(text.contains("三、积极稳妥推进户籍制度改革,全面实行居住证制度"), "{text}");
    assert!(city.contains("扣分项（四、来华人员服务管理情况）减分不在图中，见下表。"), "{city}");
    let index = page(&dir, "index.html");
    assert!(
        index.contains(">\n三、积极稳妥推进户籍制度改革,全面实行居住证制度\n</text>")
            || index.contains(">三、积极稳妥推进户籍制度改革,全面实行居住证制度</text>")
    );
}
