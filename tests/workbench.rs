//! The workbench of `kaoping serve` (issue 24) against the real binary on
//! 127.0.0.1: a returned form with a mistake gives the very lines
//! `kaoping import` gives for it, at its cell, and nothing is written; the
//! corrected form is checked, imported, and replaced only when asked.
//! Forged requests (no token, a wrong one, a foreign Origin or Host, GET
//! for POST, oversized uploads, a name with a folder) are refused with
//! 403 or 413 and change nothing.

mod common;
use common::serve::*;
use common::*;
use kaoping::workbench::upload::framed;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Sends one request; the status and the body.
fn request(address: &str, head: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

/// A POST to the workbench's `action`, as its page sends it, with `token`
/// (none if empty) and `origin` (none if empty).
fn post(address: &str, action: &str, token: &str, origin: &str, body: &[u8]) -> (u16, String) {
    let mut head = format!("POST /_kaoping/{action} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\n", body.len());
    if !token.is_empty() {
        head.push_str(&format!("X-Kaoping-Token: {token}\r\n"));
    }
    if !origin.is_empty() {
        head.push_str(&format!("Origin: {origin}\r\n"));
    }
    request(address, &(head + "\r\n"), body)
}

/// The run's token, from the workbench's page.
fn token(address: &str) -> String {
    let page = get(address, "/_kaoping/");
    let at = page.find("name=\"kaoping-token\" content=\"").expect("the token") + 30;
    page[at..at + 64].to_string()
}

/// The sample's filled forms under `t/forms`, an empty copy of its
/// settings at `t/copy`; the first city's form (found by listing) and
/// its bytes.
fn setting() -> (tempfile::TempDir, PathBuf, String, Vec<u8>) {
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    let run = kaoping(&["forms", "--content", s(&root().join("content")), "--out", s(&forms), "--filled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = t.path().join("copy");
    empty_copy(&copy);
    let mut cities: Vec<_> = std::fs::read_dir(forms.join("cities")).unwrap().map(|e| e.unwrap().path()).collect();
    cities.sort();
    let form = cities[0].clone();
    let name = form.file_name().unwrap().to_string_lossy().into_owned();
    (t, copy, name, std::fs::read(&form).unwrap())
}

/// The form with its date (the one shared string that is a date alone)
/// made 2014-02-30, a day that does not exist.
fn mistaken(form: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(form)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let at = text
                .match_indices("<si><t>")
                .map(|(at, _)| at + 7)
                .find(|&at| {
                    let d = text.as_bytes().get(at..at + 19).unwrap_or(b"");
                    d.ends_with(b"</t></si>") && d[..10].iter().all(|c| c.is_ascii_digit() || *c == b'-')
                })
                .expect("a date");
            bytes = format!("{}2014-02-30{}", &text[..at], &text[at + 10..]).into_bytes();
        }
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// What `kaoping import` says for the file `name` holding `bytes` (given by
/// its name alone, as the workbench shows it), in Chinese: stderr's lines,
/// then stdout's.
fn import_says(content: &Path, name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["import", "--content", s(content), name])
        .current_dir(dir.path())
        .env("KAOPING_LANG", "zh")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    text.lines().map(str::to_string).collect()
}

#[test]
fn a_mistake_is_shown_at_its_cell_as_import_says_then_the_correction_is_imported() {
    let (_t, copy, name, good) = setting();
    let bad = mistaken(&good);
    let serve = start_serve_in(&copy, tempfile::tempdir().unwrap(), "zh");
    let address = serve.address.clone();
    let origin = format!("http://{address}");
    let page = get(&address, "/_kaoping/");
    assert!(page.contains("<title>kaoping 工作台</title>") && page.contains("导入收回的表格"), "{page}");
    let token = token(&address);
    let before = snapshot(&copy);

    // The cell's message, exactly as the command line gives it; nothing written.
    let expected = import_says(&copy, &name, &bad);
    assert!(expected.iter().any(|l| l.contains("报送!B2") && l.contains("2014年2月没有30日")), "{expected:?}");
    for action in ["check", "import"] {
        let (status, said) = post(&address, action, &token, &origin, &framed(&[(&name, &bad)]));
        assert_eq!(status, 422, "{said}");
        assert_eq!(said.lines().map(str::to_string).collect::<Vec<_>>(), expected, "{action}");
        assert_eq!(snapshot(&copy), before);
    }

    // Corrected: checked (nothing written), then imported.
    let (status, said) = post(&address, "check", &token, &origin, &framed(&[(&name, &good)]));
    assert_eq!(status, 200, "{said}");
    assert!(said.contains("检查通过，尚未写入"), "{said}");
    assert_eq!(snapshot(&copy), before);
    let (status, said) = post(&address, "import", &token, &origin, &framed(&[(&name, &good)]));
    assert_eq!(status, 200, "{said}");
    assert!(said.contains("导入了 1 份表格"), "{said}");
    let after = snapshot(&copy);
    let added: Vec<_> = after.iter().filter(|f| !before.contains(f)).map(|(p, _)| p.clone()).collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("cities/") && added[0].ends_with(".yaml"), "{added:?}");

    // 收表情况: the city's row, not back before, back now with its date.
    let id = added[0].trim_start_matches("cities/").trim_end_matches(".yaml");
    let row = |page: &str| {
        let link = format!("<a href=\"/cities/{id}.html\">");
        page.lines().find(|l| l.contains(&link)).unwrap_or_else(|| panic!("no row for {id}: {page}")).to_string()
    };
    assert!(page.contains("<h2>收表情况</h2>"), "{page}");
    assert!(row(&page).contains("<td>否</td><td>—</td><td>—</td>"), "{}", row(&page));
    let now = row(&get(&address, "/_kaoping/"));
    assert!(now.contains("<td>是</td><td>20"), "{now}");

    // Again: refused without the confirmation, replaced with it.
    let (status, said) = post(&address, "import", &token, &origin, &framed(&[(&name, &good)]));
    assert_eq!(status, 422, "{said}");
    assert!(said.contains("文件已存在"), "{said}");
    assert_eq!(snapshot(&copy), after);
    let (status, said) = post(&address, "import?replace=1", &token, &origin, &framed(&[(&name, &good)]));
    assert_eq!(status, 200, "{said}");
    // The read-only preview goes on as before.
    assert_eq!(status_of(&address, "/index.html"), 200);

    // The forms, written beside the content folder as `forms --out` writes
    // them, and the same files as one zip.
    let outer = copy.parent().unwrap();
    assert_eq!(status_of(&address, "/_kaoping/forms.zip"), 404);
    let (status, said) = post(&address, "forms", &token, &origin, b"blank-forms");
    assert_eq!(status, 200, "{said}");
    let written = snapshot(&outer.join("blank-forms"));
    assert!(written.len() > 2 && written.iter().any(|(p, _)| p.starts_with("cities/")), "{said}");
    let (line, zipped) = get_bytes(&address, "/_kaoping/forms.zip");
    assert!(line.contains("200"), "{line}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let mut inside = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        inside.push((f.name().unwrap().to_string(), bytes));
    }
    inside.sort();
    assert_eq!(inside, written);

    // Published beside the content folder, verified, its files offered.
    let (status, said) = post(&address, "publish", &token, &origin, b"site");
    assert_eq!(status, 200, "{said}");
    assert!(outer.join("site/index.html").is_file() && outer.join("site/SHA256SUMS").is_file());
    let verified = kaoping_zh(&["verify", s(&outer.join("site"))]);
    let last = verified.stdout.lines().last().unwrap_or("").to_string();
    assert!(!last.is_empty() && said.contains(&last), "{said}\n---\n{last}");
    for file in ["index.html", "report.html", "results.xlsx"] {
        assert_eq!(status_of(&address, &format!("/_kaoping/published/{file}")), 200, "{file}");
    }
    assert_eq!(status_of(&address, "/_kaoping/published/../copy/site.yaml"), 404);
    let (status, said) = post(&address, "verify", &token, &origin, s(&outer.join("site")).as_bytes());
    assert_eq!(status, 200, "{said}");
    assert!(said.contains(&last), "{said}");

    // Never over a folder that is not kaoping's output.
    std::fs::create_dir(outer.join("mine")).unwrap();
    std::fs::write(outer.join("mine/notes.txt"), "mine").unwrap();
    let (status, said) = post(&address, "publish", &token, &origin, b"mine");
    assert_eq!(status, 422, "{said}");
    assert_eq!(snapshot(&outer.join("mine")), vec![("notes.txt".to_string(), b"mine".to_vec())]);
}

fn status_of(address: &str, path: &str) -> u16 {
    request(address, &format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n"), b"").0
}

#[test]
fn forged_requests_are_refused_and_change_nothing() {
    let (_t, copy, name, good) = setting();
    let serve = start_serve(&copy);
    let address = serve.address.clone();
    let port = serve.port();
    let origin = format!("http://{address}");
    let token = token(&address);
    let before = snapshot(&copy);
    let outer = copy.parent().unwrap().to_path_buf();
    let around = snapshot(&outer);
    let body = framed(&[(&name, &good)]);
    let wrong = "0".repeat(64);
    let cases: Vec<(&str, (u16, String), u16)> = vec![
        ("no token", post(&address, "import", "", &origin, &body), 403),
        ("wrong token", post(&address, "import", &wrong, &origin, &body), 403),
        ("foreign origin", post(&address, "import", &token, "http://attacker.example", &body), 403),
        ("other port", post(&address, "import", &token, &format!("http://127.0.0.1:{}", port ^ 1), &body), 403),
        ("no origin", post(&address, "import", &token, "", &body), 403),
        ("a path outside", post(&address, "import", &token, &origin, &framed(&[("../cities/x.xlsx", &good)])), 403),
        ("a folder", post(&address, "import", &token, &origin, &framed(&[("cities/x.xlsx", &good)])), 403),
        (
            "foreign host",
            request(
                &address,
                &format!(
                    "POST /_kaoping/import HTTP/1.1\r\nHost: attacker.example:{port}\r\nOrigin: http://attacker.example:{port}\r\nX-Kaoping-Token: {token}\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                ),
                &body,
            ),
            403,
        ),
        (
            "GET for POST",
            request(
                &address,
                &format!(
                    "GET /_kaoping/import HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\nX-Kaoping-Token: {token}\r\n\r\n"
                ),
                b"",
            ),
            403,
        ),
        (
            "an oversized upload",
            request(
                &address,
                &format!(
                    "POST /_kaoping/import HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\nX-Kaoping-Token: {token}\r\nContent-Length: {}\r\n\r\n",
                    kaoping::workbench::MAX_BODY + 1
                ),
                b"",
            ),
            413,
        ),
        (
            "an oversized workbook",
            post(
                &address,
                "import",
                &token,
                &origin,
                format!("5:{}\na.xlsx", kaoping::workbench::MAX_FILE + 1).as_bytes(),
            ),
            413,
        ),
        (
            "too many workbooks",
            post(
                &address,
                "import",
                &token,
                &origin,
                &framed(&vec![(name.as_str(), &good[..]); kaoping::workbench::MAX_FILES + 1]),
            ),
            413,
        ),
    ];
    let publish = [
        ("publish, no token", post(&address, "publish", "", &origin, b"site"), 403),
        ("publish, foreign origin", post(&address, "publish", &token, "http://attacker.example", b"site"), 403),
        ("publish into the content", post(&address, "publish", &token, &origin, s(&copy.join("site")).as_bytes()), 422),
    ];
    for (what, (status, said), expected) in cases.into_iter().chain(publish) {
        assert_eq!(status, expected, "{what}: {said}");
        assert_eq!(snapshot(&copy), before, "{what}");
        assert_eq!(snapshot(&outer), around, "{what}");
    }
    // The preview itself is still read-only.
    let (status, _) =
        request(&address, &format!("POST /index.html HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\n\r\n"), b"");
    assert_eq!(status, 405);
    assert_eq!(status_of(&address, "/index.html"), 200);
    assert_eq!(status_of(&address, "/_kaoping/"), 200);
}

/// Started as by a double click (no arguments; [`START_VAR`] names the
/// program's folder and keeps the browser closed): offered a content
/// folder, makes it on Enter, serves the workbench and says so in Chinese.
///
/// [`START_VAR`]: kaoping::cmd::start::START_VAR
#[test]
fn a_double_click_makes_the_content_folder_and_opens_the_workbench() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .env(kaoping::cmd::start::START_VAR, dir.path())
        .env("KAOPING_LANG", "zh")
        .env("TMPDIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"\n").unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut said = Vec::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap_or(0) > 0 {
        said.push(line.trim_end().to_string());
        if line.contains("已打开工作台") {
            break;
        }
        line.clear();
    }
    let url = said.last().and_then(|l| l.split("http://").nth(1)).map(|u| u.split(' ').next().unwrap().to_string());
    let answered = url.as_ref().map(|u| status_of(u.split('/').next().unwrap(), "/_kaoping/"));
    let _ = (child.kill(), child.wait());
    let url = url.unwrap_or_else(|| panic!("no workbench: {said:?}"));
    assert_eq!(answered, Some(200));
    assert!(said[0].contains("程序旁边没有内容文件夹"), "{said:?}");
    assert!(said.iter().any(|l| l.contains("已新建内容文件夹")), "{said:?}");
    assert!(said.last().unwrap().contains("Ctrl-C"), "{said:?}");
    assert!(dir.path().join("content/site.yaml").is_file());
    let address = url.split('/').next().unwrap().to_string();
    let port: u16 = address.rsplit(':').next().unwrap().parse().unwrap();
    assert!((8000..8100).contains(&port), "{url}");
    assert!(url.ends_with("/_kaoping/"), "{url}");
}

/// A real browser drives the page (headless Chromium over the DevTools
/// protocol, `tests/clients/bench.py`): a returned form with a mistake
/// chosen in the file dialog shows the cell's message, exactly as import
/// gives it; the corrected form dropped onto the page is checked, then
/// imported, published and verified. Skipped without Chromium,
/// except under CI.
#[test]
fn a_browser_drops_a_mistake_corrects_it_imports_publishes_and_verifies() {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(Path::new).find(|p| p.exists())
    else {
        return skip("no Chromium");
    };
    let (t, copy, name, good) = setting();
    for (dir, bytes) in [("bad", mistaken(&good)), ("good", good.clone())] {
        std::fs::create_dir(t.path().join(dir)).unwrap();
        std::fs::write(t.path().join(dir).join(&name), bytes).unwrap();
    }
    let expected = import_says(&copy, &name, &std::fs::read(t.path().join("bad").join(&name)).unwrap());
    let serve = start_serve_in(&copy, tempfile::tempdir().unwrap(), "zh");
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/clients/bench.py"))
        .arg(chromium)
        .arg(profile.path())
        .arg(format!("http://{}/_kaoping/", serve.address))
        .arg(t.path().join("bad").join(&name))
        .arg(t.path().join("good").join(&name))
        .arg("site")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    let steps: serde_json::Value = serde_json::from_str(&said).unwrap();
    let step =
        |k: &str| (steps[k][0].as_str().unwrap_or("").to_string(), steps[k][1].as_str().unwrap_or("").to_string());
    assert_eq!(step("bad"), ("failed".to_string(), expected.join("\n") + "\n"));
    assert_eq!(step("good").0, "ok", "{:?}", step("good"));
    assert!(step("good").1.contains("检查通过，尚未写入"), "{:?}", step("good"));
    assert_eq!(step("import").0, "ok", "{:?}", step("import"));
    assert!(step("import").1.contains("导入了 1 份表格"), "{:?}", step("import"));
    assert_eq!(step("publish").0, "ok", "{:?}", step("publish"));
    assert!(steps["links"].as_str().unwrap_or("").contains("report.html"), "{said}");
    assert_eq!(step("verify").0, "ok", "{:?}", step("verify"));
    assert!(t.path().join("site/index.html").is_file());
}
