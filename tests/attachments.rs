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
