//! A returned workbook read as `import` reads it (issue 28): bounded,
//! never a panic (libfuzzer-sys turns even a caught panic into a crash),
//! every problem a located diagnostic on one line. The first byte picks the
//! shape of the rest: the bytes of a whole file (the seeds are real forms,
//! an .ods and an .xls from LibreOffice); an .ods's content.xml; or a
//! sheet's XML inside the sample's own form (its identity sheet kept), so
//! the mutations reach the readers behind the zip and the identity.
#![no_main]

use kaoping::content::Content;
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

fn content() -> &'static Content {
    static C: OnceLock<Content> = OnceLock::new();
    C.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        kaoping::content::load(&dir, "content", None).content.expect("the sample content loads")
    })
}

/// A stored zip of the parts.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The parts of the sample's first city's blank form.
fn form() -> &'static [(String, Vec<u8>)] {
    static F: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    F.get_or_init(|| {
        let c = content();
        let bytes = kaoping::sheets::forms::form(c, kaoping::sheets::layout::Kind::City, &c.site.cities[0], None)
            .expect("the form is written");
        kaoping::sheets::unzip::parts(&bytes).expect("the form unzips")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else { return };
    let bytes = match shape % 4 {
        0 | 1 => rest.to_vec(),
        2 => zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", rest)]),
        // The form with each sheet but its identity sheet (and the shared
        // strings) replaced by the input.
        _ => {
            let parts: Vec<(&str, &[u8])> = form()
                .iter()
                .map(|(name, bytes)| {
                    let is_sheet = name.starts_with("xl/worksheets/sheet");
                    let is_identity = bytes.windows(14).any(|w| w == b"kaoping-form-3");
                    let replaced = (is_sheet && !is_identity) || name.ends_with("sharedStrings.xml");
                    (name.as_str(), if replaced { rest } else { bytes.as_slice() })
                })
                .collect();
            zip(&parts)
        }
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let (_, diags) = kaoping::sheets::import::from_bytes(content(), &dir, "w.xlsx", &bytes);
    for d in &diags {
        let line = d.to_string();
        assert!(!line.contains('\n'), "one line: {line:?}");
    }
});
