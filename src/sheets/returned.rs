//! Returned forms as they come back: which names are workbooks (and which
//! are Excel's and WPS's lock files, `~$霜浦市.xlsx`), and a `.zip` of
//! returned forms read as a folder, in memory only and within bounds: at
//! most [`MAX_ENTRIES`] entries, no entry larger than
//! [`workbook::MAX_FILE`] (declared or actually, read with `take`, so a
//! lying header costs nothing), at most [`MAX_TOTAL`] bytes in all. Nothing
//! is extracted to disk, so an entry named `../x.xlsx` or `/etc/x.xlsx` is
//! only a name; a zip inside the zip is not opened.

use super::workbook;
use std::io::Read;

/// The most entries a zip of returned forms may have.
pub const MAX_ENTRIES: usize = 1_000;
/// The most bytes all the workbooks of one zip may unpack to.
pub const MAX_TOTAL: u64 = 256 * 1024 * 1024;
/// The largest zip file read (its directory is parsed in memory).
pub const MAX_ZIP: u64 = 64 * 1024 * 1024;

/// The extensions of the workbooks import reads.
pub const WORKBOOKS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// What a file's name says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Workbook,
    Zip,
    /// A lock file (`~$…`), a macOS resource fork (`._…`), or anything that
    /// is no workbook by its extension.
    Other,
}

/// What the name (a path with `/` or `\`; only its last part counts) is.
pub fn named(name: &str) -> Named {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if last.starts_with("~$") || last.starts_with("._") {
        return Named::Other;
    }
    let ext = last.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    if WORKBOOKS.contains(&ext.as_str()) {
        Named::Workbook
    } else if ext == "zip" {
        Named::Zip
    } else {
        Named::Other
    }
}

/// A zip's workbooks, in the order of their names: each entry's name and
/// its bytes, or why it was not read (a message for that entry); and the
/// names of the entries skipped (not workbooks, lock files, zips).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unzipped {
    pub books: Vec<(String, Result<Vec<u8>, String>)>,
    pub skipped: Vec<String>,
}

/// Why a zip as a whole cannot be read (the message, located at the zip).
pub type Refused = String;

/// Reads the workbooks of a zip of returned forms.
pub fn unzip(bytes: &[u8]) -> Result<Unzipped, Refused> {
    unzip_within(bytes, MAX_TOTAL)
}

/// [`unzip`], with at most `max_total` bytes unpacked in all.
fn unzip_within(bytes: &[u8], max_total: u64) -> Result<Unzipped, Refused> {
    if bytes.len() as u64 > MAX_ZIP {
        return Err(crate::t!("import.zip_file_too_big", mib = MAX_ZIP / 1024 / 1024));
    }
    let damaged = |e: zip::result::ZipError| crate::t!("import.zip_damaged", error = zip_reason(&e));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(crate::t!("import.zip_too_many", n = archive.len(), max = MAX_ENTRIES));
    }
    // The entries by name (then by place in the zip, for two of one name).
    let mut entries: Vec<(String, usize)> = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i).map_err(damaged)?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if !entry.is_dir() {
            entries.push((name, i));
        }
    }
    entries.sort();
    let mut out = Unzipped::default();
    let mut total: u64 = 0;
    for (name, i) in entries {
        if named(&name) != Named::Workbook {
            out.skipped.push(name);
            continue;
        }
        let read = entry(&mut archive, i, &mut total);
        if total > max_total {
            return Err(crate::t!("import.zip_total", mib = max_total / 1024 / 1024));
        }
        out.books.push((name, read));
    }
    Ok(out)
}

/// One entry's bytes (at most [`workbook::MAX_FILE`]), counted into `total`.
fn entry(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, i: usize, total: &mut u64) -> Result<Vec<u8>, String> {
    let too_big = || crate::t!("import.too_big", mib = workbook::MAX_FILE / 1024 / 1024);
    let mut file = archive.by_index(i).map_err(|e| crate::t!("import.zip_entry_damaged", error = zip_reason(&e)))?;
    if file.encrypted() {
        return Err(crate::t!("import.zip_encrypted"));
    }
    if file.size() > workbook::MAX_FILE as u64 {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    let read = (&mut file).take(workbook::MAX_FILE as u64 + 1).read_to_end(&mut bytes);
    *total = total.saturating_add(bytes.len() as u64);
    let incomplete = |e: std::io::Error| {
        crate::t!(
            "import.zip_entry_damaged",
            error = crate::i18n::library(|| crate::t!("import.zip-why-incomplete"), &e)
        )
    };
    read.map_err(incomplete)?;
    if bytes.len() > workbook::MAX_FILE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// An error's words, at most 200 characters.
/// Why the zip cannot be read: in Chinese what that means for the clerk,
/// in English the zip reader's words.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    let words = || match e {
        ZipError::Io(io) => crate::i18n::io_error(io),
        ZipError::InvalidPassword => crate::t!("import.zip-why-password"),
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            crate::t!("import.zip-why-unsupported")
        }
        _ => crate::t!("import.zip-why-incomplete"),
    };
    crate::i18n::library(words, e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            if let Some(dir) = name.strip_suffix('/') {
                w.add_directory(dir, opts).unwrap();
            } else {
                w.start_file(*name, opts).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn names_say_what_a_file_is() {
        assert_eq!(named("霜浦市.xlsx"), Named::Workbook);
        assert_eq!(named("a/b/碧岑市.XLS"), Named::Workbook);
        assert_eq!(named("returned\\civil.ods"), Named::Workbook);
        assert_eq!(named("收回.ZIP"), Named::Zip);
        for other in ["~$霜浦市.xlsx", "__MACOSX/._霜浦市.xlsx", "a.txt", "xlsx", "a.xlsx.pdf", ""] {
            assert_eq!(named(other), Named::Other, "{other}");
        }
    }

    #[test]
    fn a_zip_gives_its_workbooks_by_name_and_names_the_rest() {
        let z = zip(&[
            ("units/", b""),
            ("units/civil.xlsx", b"c"),
            ("cities/~$a.xlsx", b"lock"),
            ("cities/a.xlsx", b"a"),
            ("../../etc/b.xls", b"b"),
            ("readme.txt", b"t"),
            ("inner.zip", b"z"),
        ]);
        let got = unzip(&z).unwrap();
        let books: Vec<(&str, &[u8])> =
            got.books.iter().map(|(n, b)| (n.as_str(), b.as_ref().unwrap().as_slice())).collect();
        assert_eq!(books, [("../../etc/b.xls", &b"b"[..]), ("cities/a.xlsx", b"a"), ("units/civil.xlsx", b"c")]);
        assert_eq!(got.skipped, ["cities/~$a.xlsx", "inner.zip", "readme.txt"]);
    }

    #[test]
    fn too_many_entries_refuse_the_zip() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("{i:04}.txt")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let err = unzip(&zip(&entries)).unwrap_err();
        assert_eq!(err, crate::t!("import.zip_too_many", n = MAX_ENTRIES + 1, max = MAX_ENTRIES));
    }

    #[test]
    fn an_oversize_entry_is_refused_alone() {
        let big = vec![b' '; workbook::MAX_FILE + 1];
        let got = unzip(&zip(&[("a.xlsx", b"a"), ("big.xlsx", &big)])).unwrap();
        assert_eq!(got.books[0], ("a.xlsx".to_string(), Ok(b"a".to_vec())));
        assert_eq!(got.books[1], ("big.xlsx".to_string(), Err(crate::t!("import.too_big", mib = 16))));
    }

    #[test]
    fn an_entry_whose_header_lies_about_its_size_is_read_no_further() {
        let big = vec![b' '; workbook::MAX_FILE + 10];
        let mut z = zip(&[("big.xlsx", &big)]);
        // The central directory's uncompressed size (offset 24 in the
        // entry's header there), set to 1 byte.
        let cd = z.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        z[cd + 24..cd + 28].copy_from_slice(&1u32.to_le_bytes());
        let got = unzip(&z).unwrap();
        let (name, read) = &got.books[0];
        assert_eq!(name, "big.xlsx");
        assert!(read.is_err(), "{read:?}");
    }

    #[test]
    fn not_a_zip_and_too_much_in_all_are_refused() {
        assert!(unzip(b"not a zip").unwrap_err().starts_with(&crate::t!("import.zip_damaged", error = "")[..10]));
        let mib = vec![b' '; 1024 * 1024];
        let names: Vec<String> = (0..3).map(|i| format!("{i:02}.xlsx")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), mib.as_slice())).collect();
        let z = zip(&entries);
        assert_eq!(unzip_within(&z, 2 * 1024 * 1024).unwrap_err(), crate::t!("import.zip_total", mib = 2));
        assert_eq!(unzip_within(&z, 3 * 1024 * 1024).unwrap().books.len(), 3);
    }
}
