//! Import is bounded (issue 28): workbooks whose few bytes declare huge
//! counts or sizes, an .ods that claims billions of cells, an old .xls, a
//! note of 20 million characters, and files of any kind up to 20 MiB are
//! each imported or refused with a located message, never a panic or an
//! abort, each import's peak memory under 200 MiB.
//! What import writes from the longest text it takes passes `check`.

mod common;

use common::{kaoping, lines, root};
use std::io::Write;
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A zip of `(name, bytes)` parts, deflated.
fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The smallest .xlsx with one sheet `name` whose XML is `sheet_data`
/// (the inside of `<sheetData>`), and shared strings `sst` if given.
fn xlsx(name: &str, sheet_data: &str, sst: Option<Vec<u8>>) -> Vec<u8> {
    let mut parts = vec![
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec()),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes()),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#).into_bytes()),
    ];
    if let Some(sst) = sst {
        parts.push(("xl/sharedStrings.xml", sst));
    }
    zip_of(&parts)
}

/// An .ods whose content.xml holds `table` (a `<table:table>` element).
fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// Runs `kaoping import` of the file `name` in `dir` into a fresh copy of the sample's
/// settings; its exit code, its error lines and its peak memory in KiB.
fn import(dir: &Path, name: &str) -> (i32, Vec<String>, i64) {
    let file = dir.join(name);
    let copy = dir.join(format!("copy-{name}"));
    common::empty_copy(&copy);
    // Measured by a small Python parent: a child's peak memory starts at
    // its parent's peak (the copied address space), and this test's own
    // is larger than any import's.
    const PEAK: &str = "import resource, subprocess, sys\n\
r = subprocess.run(sys.argv[1:])\n\
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n\
sys.exit(r.returncode)";
    let out = std::process::Command::new("python3")
        .args(["-c", PEAK, env!("CARGO_BIN_EXE_kaoping"), "import", "--content", s(&copy), s(&file)])
        .env("KAOPING_LANG", "en")
        .current_dir(root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let (text, peak) = text.trim_end().rsplit_once('\n').unwrap_or(("", &text));
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "{name}: ended with {:?}: {text}", out.status);
    assert!(!text.contains("panicked"), "{name}: {text}");
    assert!(!copy.join("cities").exists() && !copy.join("units").exists(), "{name}: nothing written");
    (code, lines(text, dir), peak.trim().parse().unwrap())
}

#[test]
fn hostile_workbooks_are_refused_at_their_place_in_bounded_memory() {
    let t = tempfile::tempdir().unwrap();
    let rows = |n: usize| {
        (0..n).map(|i| format!(r#"<row r="{}"><c r="A{0}" t="s"><v>0</v></c></row>"#, i + 1)).collect::<String>()
    };
    // 14 million empty shared strings in 260 KB, with a count no reader may reserve.
    let mut empty_strings = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="18446744073709551615" uniqueCount="18446744073709551615">"#.to_vec();
    empty_strings.extend(b"<si/>".repeat(14_000_000));
    empty_strings.extend(b"</sst>");
    let counted = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="18446744073709551615" uniqueCount="18446744073709551615"><si><t>x</t></si></sst>"#.to_vec();
    let note =
        format!(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>"#, "长".repeat(20_000_000 / 3));
    let far = r#"<table:table table:name="kaoping"><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    let full = r#"<table:table table:name="kaoping"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(5_632, 0xFF);
    let mut noise = Vec::with_capacity(20 << 20);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    while noise.len() < 20 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.extend(x.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "counts.xlsx",
            xlsx("kaoping", &rows(3), Some(counted)),
            "error: C/counts.xlsx: this is not a form made by kaoping (it has no form identity)",
        ),
        (
            "strings.xlsx",
            xlsx("kaoping", &rows(1), Some(empty_strings)),
            "error: C/strings.xlsx: the workbook would unpack to too much data; it is refused",
        ),
        (
            "note.xlsx",
            xlsx("kaoping", &note, None),
            "error: C/note.xlsx: kaoping!A1: this cell holds 6666666 characters, at most 10000 are taken; shorten it, or send the material as an attachment",
        ),
        (
            "far.ods",
            ods(far),
            "error: C/far.ods: this is not a form made by kaoping (it has no form identity); fill in a form from kaoping forms",
        ),
        (
            "full.ods",
            ods(full),
            "error: C/full.ods: the sheet \"kaoping\" has more than 400000 cells, which this form never has",
        ),
        (
            "old.xls",
            xls,
            "error: C/old.xls: this is an old binary .xls (Excel 97–2003), which kaoping does not read: the sizes it declares cannot be bounded reliably; save it as .xlsx in Excel or WPS and import again",
        ),
        ("noise.xlsx", noise, "error: C/noise.xlsx: the file is larger than 16 MiB, which no filled-in form is"),
    ];
    // Every file is written first and its bytes let go: a child starts
    // with the memory its parent holds, and would be measured with it.
    let sizes: Vec<(&str, usize, &str)> = cases
        .into_iter()
        .map(|(name, bytes, want)| {
            std::fs::write(t.path().join(name), &bytes).unwrap();
            (name, bytes.len(), want)
        })
        .collect();
    for (name, size, want) in &sizes {
        let (code, got, peak_kib) = import(t.path(), name);
        assert_eq!(code, 1, "{name}: {got:?}");
        assert!(got.iter().any(|l| l.starts_with(want)), "{name}: want {want:?}, got {got:#?}");
        assert!(peak_kib < 200 * 1024, "{name}: {peak_kib} KiB at its peak");
        eprintln!("{name}: {size} bytes, peak {} MiB", peak_kib / 1024);
    }
}

/// A form with a note of `chars` characters on a deduction of item 3.4,
/// filled by openpyxl as a person would (every other item answered).
fn with_note(t: &Path, chars: usize) -> std::path::PathBuf {
    let forms = t.join("forms");
    if !forms.exists() {
        assert_eq!(kaoping(&["forms", "--content", "content", "--out", s(&forms)]).code, 0);
    }
    let out = t.join(format!("note-{chars}.xlsx"));
    let note = "长".repeat(chars);
    let cells =
        ["jichuan|3.4||", "5", "已自评，有扣分", "jichuan|3.4|rights|", "5", "1", "jichuan|3.4|rights|", "6", &note];
    let o = std::process::Command::new("python3")
        .arg(root().join("tests/clients/fill.py"))
        .args(["set", s(&forms.join("cities/霁川市.xlsx")), s(&out), "--answered"])
        .args(cells)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn the_longest_text_import_takes_is_written_and_passes_check() {
    if std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .map_or(true, |o| !o.status.success())
    {
        assert!(!common::under_ci(), "openpyxl is missing (CI=true)");
        return eprintln!("skipped: openpyxl is not installed");
    }
    let t = tempfile::tempdir().unwrap();
    let copy = t.path().join("copy");
    common::empty_copy(&copy);
    let longest = with_note(t.path(), 10_000);
    let run = kaoping(&["import", "--content", s(&copy), s(&longest)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = kaoping(&["check", "--content", s(&copy)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(common::read(copy.join("cities/jichuan.yaml")).contains(&"长".repeat(10_000)));
    let longer = with_note(t.path(), 10_001);
    let run = kaoping(&["import", "--content", s(&copy), "--replace", s(&longer)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, t.path()),
        [
            "error: C/note-10001.xlsx: 自查自评!F40: this cell holds 10001 characters, at most 10000 are taken; shorten it, or send the material as an attachment"
        ]
    );
}
