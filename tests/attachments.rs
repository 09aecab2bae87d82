//! Attachments (§11): `files:` on entries and findings; every broken case
//! with its exact error line in both languages; a good folder built, its
//! files copied, linked with name, type and size, and listed in SHA256SUMS.

mod common;

use common::{fixture, kaoping, kaoping_zh, lines};

const NORTH: &str = "submitted: 2014-01-08
report: 北城市自查报告。
items:
  \"1.1\": { findings: [], evidence: [北发〔2013〕1号], files: [north/北发〔2013〕1号.pdf] }
  1.2:
    findings:
      - { rule: coordinators, population: { urban: 1200000, rural: 300000 }, staff: 1800, files: [north/协管员名册.xlsx, north/照片.png] }
  \"1.3\": { score: 2 }
  \"2.1\": { findings: [] }
";

/// The small fixture with three attachments named and present.
fn good() -> tempfile::TempDir {
    fixture(
        "small",
        &[
            ("cities/north.yaml", Some(NORTH.as_bytes())),
            ("attachments/north/北发〔2013〕1号.pdf", Some(b"%PDF-1.4\n%%EOF\n")),
            ("attachments/north/协管员名册.xlsx", Some(&[7u8; 2048])),
            ("attachments/north/照片.png", Some(b"\x89PNG\r\n\x1a\n")),
        ],
    )
}

#[test]
fn listed_files_are_copied_linked_and_checksummed() {
    let dir = good();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let content = dir.path().to_str().unwrap();
    let run = kaoping(&["build", "--content", content, "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("attachments"), "{}", run.stderr);
    assert_eq!(std::fs::read(out.join("attachments/north/照片.png")).unwrap(), b"\x89PNG\r\n\x1a\n");
    assert_eq!(std::fs::read(out.join("attachments/north/协管员名册.xlsx")).unwrap().len(), 2048);
    let page = std::fs::read_to_string(out.join("cities/north.html")).unwrap();
    let link = |path: &str| kaoping::site::view::url_path(path);
    assert!(
        page.contains(&format!(
            "证明材料：<a href=\"../attachments/{}\">协管员名册.xlsx</a>（XLSX，2.0 KB）；<a href=\"../attachments/{}\">照片.png</a>（PNG，8 字节）",
            link("north/协管员名册.xlsx"),
            link("north/照片.png")
        )),
        "the finding links its files"
    );
    assert!(page.contains(">北发〔2013〕1号.pdf</a>（PDF，15 字节）"), "the entry links its file");
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    assert!(sums.contains("  attachments/north/照片.png\n"), "{sums}");
    let run = kaoping(&["verify", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_file_nothing_lists_is_a_warning() {
    let dir = fixture("small", &[("attachments/north/旧材料.pdf", Some(b"%PDF"))]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0);
    let warning = lines(&run.stderr, dir.path()).into_iter().find(|l| l.contains("attachments")).unwrap();
    assert_eq!(
        warning,
        "warning: C/attachments/north/旧材料.pdf: no entry lists this file under files:; list it where it belongs, or remove it"
    );
    let run = kaoping_zh(&["check", "--content", dir.path().to_str().unwrap()]);
    let warning = lines(&run.stderr, dir.path()).into_iter().find(|l| l.contains("attachments")).unwrap();
    assert_eq!(
        warning,
        "警告：C/attachments/north/旧材料.pdf：没有任何条目在 files: 中列出此文件；请在相应条目中列出，或删除此文件"
    );
}

/// North's file naming `files` on the first entry, which is on line 4; the
/// list's first element is at column 58 (columns count characters).
fn naming(files: &str) -> String {
    NORTH.replace("files: [north/北发〔2013〕1号.pdf]", &format!("files: [{files}]"))
}

#[test]
fn every_broken_file_is_an_error_where_it_is_named() {
    let north =
        naming("north/没有.pdf, ../x.pdf, north/a?.pdf, north/run.exe, north/大.pdf, north/link.pdf, north/CON.txt");
    let dir = fixture(
        "small",
        &[
            ("cities/north.yaml", Some(north.as_bytes())),
            ("attachments/north/协管员名册.xlsx", Some(b"x")),
            ("attachments/north/照片.png", Some(b"x")),
        ],
    );
    let big = std::fs::File::create(dir.path().join("attachments/north/大.pdf")).unwrap();
    big.set_len(50 * 1024 * 1024 + 1).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("attachments/north/照片.png"),
        dir.path().join("attachments/north/link.pdf"),
    )
    .unwrap();
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let mut expected = vec![
        "error: C/cities/north.yaml:4:58: the file \"north/没有.pdf\" is not in C/attachments: put it there, or correct the name",
        "error: C/cities/north.yaml:4:72: the file \"../x.pdf\" would lie outside attachments/: write a path inside it, with / between folders and no \".\" or \"..\" parts",
        "error: C/cities/north.yaml:4:82: the file name \"north/a?.pdf\" cannot be kept on Windows: rename it without < > : \" \\ | ? * or control characters, not ending in a dot or a space, and not a name Windows reserves (CON, NUL, COM1 …)",
        "error: C/cities/north.yaml:4:96: the file \"north/run.exe\" is not of a type that can be attached; attach one of: pdf, ofd, jpg, jpeg, png, doc, docx, xls, xlsx, wps, et, txt",
        "error: C/cities/north.yaml:4:111: the file \"north/大.pdf\" is larger than 50 MiB; attach a smaller copy (a scan at lower resolution, or split it)",
        "error: C/cities/north.yaml:4:124: the file \"north/link.pdf\" is a link (or lies in a linked folder); put the file itself into attachments/",
        "error: C/cities/north.yaml:4:140: the file name \"north/CON.txt\" cannot be kept on Windows: rename it without < > : \" \\ | ? * or control characters, not ending in a dot or a space, and not a name Windows reserves (CON, NUL, COM1 …)",
    ];
    if cfg!(not(unix)) {
        expected.remove(5);
    }
    assert_eq!(lines(&run.stderr, dir.path()), expected);
    let run = kaoping_zh(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(
        lines(&run.stderr, dir.path())[..2],
        [
            "错误：C/cities/north.yaml:4:58：C/attachments 中没有文件“north/没有.pdf”：请放入该文件，或改正文件名",
            "错误：C/cities/north.yaml:4:72：文件“../x.pdf”不在 attachments/ 文件夹内：请写该文件夹内的路径，用 / 分隔，不要有“.”或“..”",
        ]
    );
}

#[test]
fn a_name_that_turns_the_reading_direction_is_refused() {
    let north = naming("north/报告\u{202e}fdp.exe.pdf");
    let dir = fixture("small", &[("cities/north.yaml", Some(north.as_bytes()))]);
    let expected = [
        (
            "en",
            "error: C/cities/north.yaml:4:58: the file name \"north/报告\\u{202e}fdp.exe.pdf\" holds a character that changes the reading direction (U+202E and the like: they can make a name look like 报告exe.pdf when it ends in .exe); rename the file without it",
        ),
        (
            "zh",
            "错误：C/cities/north.yaml:4:58：文件名“north/报告\\u{202e}fdp.exe.pdf”含有改变文字方向的字符（U+202E 等：它们能让以 .exe 结尾的名字看起来像 报告exe.pdf）；请去掉这个字符后重新命名",
        ),
    ];
    for (lang, line) in expected {
        let run = common::kaoping_in(lang, &["check", "--content", dir.path().to_str().unwrap()]);
        assert_eq!(run.code, 1);
        assert_eq!(lines(&run.stderr, dir.path())[0], line);
    }
}

/// Builds `good()` into a new folder, pausing once the content is checked
/// (before any file is copied) so that `meanwhile` can change an
/// attachment; returns the exit code, stderr and the output folder.
#[cfg(unix)]
fn changed_while_building(meanwhile: impl FnOnce(&std::path::Path)) -> (i32, String, tempfile::TempDir) {
    use std::io::{BufRead, Read};
    let dir = good();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(["build", "--content", dir.path().to_str().unwrap(), "--output", out.to_str().unwrap()])
        .env("KAOPING_LANG", "en")
        .env("KAOPING_TEST_PAUSE", "staging:1500")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(line, "kaoping-test: paused at staging\n");
    meanwhile(&dir.path().join("attachments/north"));
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, rest, tmp)
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_link_after_the_check_is_not_copied() {
    let secret = tempfile::tempdir().unwrap();
    let secret_file = secret.path().join("id_rsa");
    // As long as the photo it replaces, so that only the link gives it away.
    std::fs::write(&secret_file, b"SECRET!!").unwrap();
    let (code, stderr, tmp) = changed_while_building(|north| {
        std::fs::remove_file(north.join("照片.png")).unwrap();
        std::os::unix::fs::symlink(&secret_file, north.join("照片.png")).unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.lines().next(),
        Some(
            "error: attachments/north/照片.png: cannot read the attachment: it is a link, and kaoping follows no link"
        )
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing written, nothing left");
}

#[cfg(unix)]
#[test]
fn a_file_changed_after_the_check_is_not_copied_under_the_size_the_page_shows() {
    let (code, stderr, tmp) = changed_while_building(|north| {
        std::fs::write(north.join("照片.png"), vec![0u8; 4096]).unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.lines().next(),
        Some(
            "error: attachments/north/照片.png: the file changed while the site was built (it was 8 字节 when checked, 4.0 KB when copied); build again"
        )
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
