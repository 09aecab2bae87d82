//! The workbooks rust_xlsxwriter writes made the same on every system
//! (issue 24). The zip crate under it records the system it was built for:
//! each central-directory entry's "version made by" names the host (0 DOS
//! on Windows, 3 Unix elsewhere), and on DOS the external attributes may
//! carry DOS bits. rust_xlsxwriter offers no option for either, so its
//! bytes are normalized here, after the fact, to what a Linux build writes
//! today (host Unix, mode 0o100600, rust_xlsxwriter's `unix_permissions`):
//! a Linux workbook passes through unchanged.

/// The external attributes of every entry: a regular file, mode 0600, in
/// the high half (what rust_xlsxwriter's zip gives on Linux).
const ATTRIBUTES: u32 = 0o100_600 << 16;
/// The "version made by" high byte for Unix.
const UNIX: u8 = 3;
const END: &[u8; 4] = b"PK\x05\x06";
const ENTRY: &[u8; 4] = b"PK\x01\x02";

/// The workbook with every central-directory entry marked as made on Unix
/// with mode 0600. Bytes that are not a zip as expected (never the case for
/// rust_xlsxwriter's) come back as they were.
pub fn unix_host(mut zip: Vec<u8>) -> Vec<u8> {
    let Some((count, mut at)) = directory(&zip) else { return zip };
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        if zip.get(at..at + 4) != Some(ENTRY.as_slice()) || zip.len() < at + 46 {
            return zip;
        }
        entries.push(at);
        let len = |o: usize| usize::from(u16::from_le_bytes([zip[at + o], zip[at + o + 1]]));
        at += 46 + len(28) + len(30) + len(32);
    }
    for at in entries {
        zip[at + 5] = UNIX;
        zip[at + 38..at + 42].copy_from_slice(&ATTRIBUTES.to_le_bytes());
    }
    zip
}

/// The number of entries and where the central directory starts, from the
/// end record (searched backwards over a possible comment); None for a zip64
/// or anything unexpected.
fn directory(zip: &[u8]) -> Option<(usize, usize)> {
    let last = zip.len().checked_sub(22)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    let end = (first..=last).rev().find(|&i| &zip[i..i + 4] == END)?;
    let count = u16::from_le_bytes([zip[end + 10], zip[end + 11]]);
    let offset = u32::from_le_bytes(zip[end + 16..end + 20].try_into().ok()?);
    if count == u16::MAX || offset == u32::MAX {
        return None;
    }
    Some((usize::from(count), usize::try_from(offset).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::Path;
    use zip::write::SimpleFileOptions;

    /// A zip as rust_xlsxwriter asks for it (deflated, 0600, the zip epoch),
    /// made as a build for `system` would make it.
    fn zip_for(system: zip::System) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o600)
            .last_modified_time(zip::DateTime::default())
            .system(system);
        for (name, text) in [("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")] {
            w.start_file(name, options).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Every entry's (host byte, external attributes) as Python's zipfile
    /// or any reader would see them.
    fn hosts(zip: &[u8]) -> Vec<(u8, u32)> {
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        (0..a.len())
            .map(|i| {
                let e = a.by_index_raw(i).unwrap();
                (e.system() as u8, e.unix_mode().map_or(0, |m| m << 16))
            })
            .collect()
    }

    #[test]
    fn a_windows_zip_comes_out_as_the_linux_one() {
        let linux = zip_for(zip::System::Unix);
        let mut windows = zip_for(zip::System::Dos);
        assert_ne!(windows, linux, "the host byte differs before");
        assert_eq!(unix_host(windows.clone()), linux);
        // DOS attributes too (archive and read-only bits, no Unix mode).
        let (count, mut at) = directory(&windows).unwrap();
        for _ in 0..count {
            windows[at + 38..at + 42].copy_from_slice(&0x21u32.to_le_bytes());
            let len = |o: usize| usize::from(u16::from_le_bytes([windows[at + o], windows[at + o + 1]]));
            at += 46 + len(28) + len(30) + len(32);
        }
        assert_eq!(unix_host(windows), linux);
    }

    #[test]
    fn the_linux_bytes_stay_as_they_are() {
        let linux = zip_for(zip::System::Unix);
        assert_eq!(unix_host(linux.clone()), linux);
        assert_eq!(hosts(&linux), vec![(3, ATTRIBUTES); 2]);
    }

    #[test]
    fn every_workbook_kaoping_writes_says_unix_0600() {
        let c = crate::content::load(Path::new("content"), "content", None).content.expect("the sample loads");
        let results = crate::scoring::score(&c);
        let xlsx = crate::sheets::results::xlsx(&c, &results).unwrap();
        assert!(hosts(&xlsx).iter().all(|&h| h == (3, ATTRIBUTES)));
        assert_eq!(unix_host(xlsx.clone()), xlsx);
        let (kind, member) = (crate::sheets::layout::Kind::City, &c.site.cities[0]);
        let form = crate::sheets::forms::form(&c, kind, member, None).unwrap();
        assert!(hosts(&form).iter().all(|&h| h == (3, ATTRIBUTES)));
    }

    #[test]
    fn what_is_not_a_zip_is_left_alone() {
        assert_eq!(unix_host(b"not a zip".to_vec()), b"not a zip");
        let mut cut = zip_for(zip::System::Dos);
        let (_, at) = directory(&cut).unwrap();
        cut[at] = b'X';
        assert_eq!(unix_host(cut.clone()), cut);
    }
}
