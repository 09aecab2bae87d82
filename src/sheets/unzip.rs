//! A workbook's zip, unpacked within bounds before any spreadsheet reader
//! sees it. The sizes a zip declares are never trusted: every part is
//! decompressed through a limit, so a part that lies about its size is
//! cut off at the limit and refused. Only the XML parts are kept (pictures,
//! printer settings and macros are never read), each at most
//! [`MAX_PART`] bytes (the shared strings at most [`MAX_STRINGS`]), all at
//! most [`MAX_TOTAL`]; and the counts the XML declares up front (the
//! shared strings' `uniqueCount`, which a reader would reserve room for)
//! are taken out, so nothing is allocated for what a file only claims.

use super::grid::Refused;
use std::io::{Cursor, Read, Write};

/// The most parts a workbook's zip may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The largest part kept, once decompressed (a filled form's largest
/// sheet is well under 1 MiB).
pub const MAX_PART: u64 = 24 * 1024 * 1024;
/// The largest shared-strings part (each string costs a reader some 30
/// bytes even when empty).
pub const MAX_STRINGS: u64 = 4 * 1024 * 1024;
/// The most bytes of all parts kept, once decompressed.
pub const MAX_TOTAL: u64 = 40 * 1024 * 1024;

/// The XML parts of a zip, by name, in the zip's order.
pub type Parts = Vec<(String, Vec<u8>)>;

/// Unpacks the XML parts of the zip `bytes`, within the bounds above.
pub fn parts(bytes: &[u8]) -> Result<Parts, Refused> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(Refused::damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(Refused::ZipTooLarge);
    }
    let mut out = Parts::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(Refused::damaged)?;
        let name = entry.name().map_err(Refused::damaged)?.into_owned();
        if entry.is_dir() || !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        if entry.encrypted() {
            return Err(Refused::Encrypted);
        }
        let cap = if name.ends_with("sharedStrings.xml") { MAX_STRINGS } else { MAX_PART };
        if entry.size() > cap || total.saturating_add(entry.size()) > MAX_TOTAL {
            return Err(Refused::ZipTooLarge);
        }
        let mut part = Vec::new();
        (&mut entry).take(cap + 1).read_to_end(&mut part).map_err(Refused::damaged)?;
        total = total.saturating_add(part.len() as u64);
        if part.len() as u64 > cap || total > MAX_TOTAL {
            return Err(Refused::ZipTooLarge);
        }
        if name.ends_with("sharedStrings.xml") {
            forget_counts(&mut part);
        }
        out.push((name, part));
    }
    Ok(out)
}

/// The parts again as a zip that stores them uncompressed, for a reader
/// that wants a zip: it can read no more than [`parts`] let through.
pub fn repack(parts: &Parts) -> Result<Vec<u8>, Refused> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(false);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).map_err(Refused::damaged)?;
        zip.write_all(bytes).map_err(Refused::damaged)?;
    }
    Ok(zip.finish().map_err(Refused::damaged)?.into_inner())
}

/// The shared strings' opening tag without its counts: `count=` and
/// `uniqueCount=` become attributes no reader knows (same length, so
/// nothing moves).
fn forget_counts(part: &mut [u8]) {
    let head = part.len().min(2048);
    let Some(start) = part[..head].windows(4).position(|w| w == b"<sst") else { return };
    let end = part[start..head].iter().position(|&b| b == b'>').map_or(head, |e| start + e);
    for at in start..end {
        let rest = &part[at..end];
        if rest.starts_with(b"uniqueCount=") || rest.starts_with(b" count=") {
            // `uniqueCount` → `uniqueCoun_`, ` count` → ` coun_`.
            let name_end = at + rest.iter().position(|&b| b == b'=').unwrap_or(0);
            if name_end > at {
                part[name_end - 1] = b'_';
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn the_counts_of_shared_strings_are_taken_out_and_nothing_moves() {
        let mut part = br#"<?xml version="1.0"?><sst xmlns="x" count="99999999999" uniqueCount="18446744073709551615"><si/></sst>"#.to_vec();
        let len = part.len();
        forget_counts(&mut part);
        let text = String::from_utf8(part).unwrap();
        assert_eq!(text.len(), len);
        assert!(text.contains(r#" coun_="99999999999" uniqueCoun_="18446744073709551615""#), "{text}");
    }

    #[test]
    fn only_xml_parts_are_kept_and_a_repacked_zip_holds_them() {
        let zip = zip_of(
            &[("xl/workbook.xml", b"<workbook/>"), ("xl/media/a.png", b"\x89PNG"), ("_rels/.rels", b"<r/>")],
            zip::CompressionMethod::Deflated,
        );
        let parts = parts(&zip).unwrap();
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["xl/workbook.xml", "_rels/.rels"]);
        let again = super::parts(&repack(&parts).unwrap()).unwrap();
        assert_eq!(again, parts);
    }

    #[test]
    fn a_part_larger_than_its_bound_is_refused_whatever_its_header_says() {
        let big = vec![b' '; MAX_STRINGS as usize + 1];
        let zip = zip_of(&[("xl/sharedStrings.xml", &big)], zip::CompressionMethod::Deflated);
        assert_eq!(parts(&zip), Err(Refused::ZipTooLarge));
        // The same part with its declared size rewritten to 10 bytes (in the
        // local header and in the central directory) is cut off at the bound.
        let mut lying = zip.clone();
        let size = (big.len() as u32).to_le_bytes();
        let mut at = 0;
        while let Some(p) = lying[at..].windows(4).position(|w| w == size) {
            lying[at + p..at + p + 4].copy_from_slice(&10u32.to_le_bytes());
            at += p + 4;
        }
        assert!(matches!(parts(&lying), Err(Refused::ZipTooLarge | Refused::Damaged(_))), "{:?}", parts(&lying));
    }
}
