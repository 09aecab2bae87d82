//! `verify`, the pure part: a folder's files and pages against its
//! `SHA256SUMS` and the data fingerprint. Works on any tree of sites: the
//! checksums are those at the top; a page's data file is the nearest
//! `history.json` or `results.json` in its folder or above (an archive's
//! own pages: `history.json`; a year's pages: that year's `results.json`).

use std::collections::BTreeMap;

/// One way a folder differs from what was published.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// Listed, present, with another hash.
    Changed,
    /// Listed, not present.
    Missing,
    /// Present, not listed.
    Added,
    /// A page shows a fingerprint other than its data file's.
    Fingerprint { shown: String, data: String, expected: String },
    /// A page shows no fingerprint at all.
    NoFingerprint { data: String, expected: String },
    /// A link where a file is (listed or not); not followed.
    Link,
    /// A pipe, socket or device where a file is; not read.
    NotAFile,
}

/// The files listed (path → hash) against those present (path → hash of
/// each regular file, the checksum file and markers already left out) and
/// the entries that are no regular file (`odd`: a link or a pipe, with
/// its problem): one problem per path, in path order.
pub fn files(
    listed: &BTreeMap<String, String>,
    present: &BTreeMap<String, String>,
    odd: &BTreeMap<String, Problem>,
) -> Vec<(String, Problem)> {
    let mut out: Vec<(String, Problem)> = odd.iter().map(|(p, problem)| (p.clone(), problem.clone())).collect();
    for (path, hash) in listed {
        match present.get(path) {
            None if odd.contains_key(path) => {}
            None => out.push((path.clone(), Problem::Missing)),
            Some(h) if !h.eq_ignore_ascii_case(hash) => out.push((path.clone(), Problem::Changed)),
            Some(_) => {}
        }
    }
    out.extend(present.keys().filter(|p| !listed.contains_key(*p)).map(|p| (p.clone(), Problem::Added)));
    out.sort();
    out
}

/// The data file whose fingerprint the page at `page` shows: the nearest
/// `history.json` or `results.json` (in that order within one folder) in
/// its folder or a folder above, among `present`.
pub fn data_file<'a>(page: &str, present: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let mut folder = page.rsplit_once('/').map_or("", |(f, _)| f);
    loop {
        for name in ["history.json", "results.json"] {
            let path = if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") };
            if let Some((p, _)) = present.get_key_value(&path) {
                return Some(p.as_str());
            }
        }
        if folder.is_empty() {
            return None;
        }
        folder = folder.rsplit_once('/').map_or("", |(f, _)| f);
    }
}

/// A page's fingerprints against the one expected: `None` when every
/// fingerprint it shows is the expected one.
pub fn page(html: &str, data: &str, expected: &str) -> Option<Problem> {
    page_shows(&super::fingerprint::shown(html), data, expected)
}

/// [`page`] from the fingerprints a page shows (`fingerprint::shown`).
pub fn page_shows(shown: &[String], data: &str, expected: &str) -> Option<Problem> {
    if shown.is_empty() {
        return Some(Problem::NoFingerprint { data: data.to_string(), expected: expected.to_string() });
    }
    shown.iter().find(|s| *s != expected).map(|shown| Problem::Fingerprint {
        shown: shown.clone(),
        data: data.to_string(),
        expected: expected.to_string(),
    })
}

/// The problem as a message in the chosen language.
pub fn message(p: &Problem) -> String {
    match p {
        Problem::Changed => crate::t!("record.changed"),
        Problem::Missing => crate::t!("record.missing"),
        Problem::Added => crate::t!("record.added"),
        Problem::Fingerprint { shown, data, expected } => {
            crate::t!("record.fingerprint", shown = shown, data = data, expected = expected)
        }
        Problem::NoFingerprint { data, expected } => {
            crate::t!("record.no-fingerprint", data = data, expected = expected)
        }
        Problem::Link => crate::t!("record.link"),
        Problem::NotAFile => crate::t!("record.not-a-file"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(p, h)| (p.to_string(), h.to_string())).collect()
    }

    #[test]
    fn each_changed_missing_or_added_file_once_in_path_order() {
        let listed = map(&[("a.html", "11"), ("b.html", "22"), ("c.html", "33")]);
        let present = map(&[("a.html", "11"), ("b.html", "2f"), ("d.html", "44")]);
        let odd = BTreeMap::from([("c.html".to_string(), Problem::Link), ("e".to_string(), Problem::NotAFile)]);
        assert_eq!(
            files(&listed, &present, &BTreeMap::new()),
            [
                ("b.html".to_string(), Problem::Changed),
                ("c.html".to_string(), Problem::Missing),
                ("d.html".to_string(), Problem::Added)
            ]
        );
        // A listed file that is a link is that, not missing.
        let found = files(&listed, &present, &odd);
        assert_eq!(found[1], ("c.html".to_string(), Problem::Link));
        assert_eq!(found[3], ("e".to_string(), Problem::NotAFile));
    }

    #[test]
    fn the_nearest_data_file_counts() {
        let present = map(&[("history.json", ""), ("2013/results.json", ""), ("2013/cities/a.html", "")]);
        assert_eq!(data_file("2013/cities/a.html", &present), Some("2013/results.json"));
        assert_eq!(data_file("index.html", &present), Some("history.json"));
        assert_eq!(data_file("x.html", &map(&[])), None);
    }

    #[test]
    fn a_page_with_an_edited_or_no_fingerprint() {
        let fp = "ba78 16bf 8f01 cfea";
        assert_eq!(page("<p>数据指纹 ba78 16bf 8f01 cfea</p>", "results.json", fp), None);
        let edited = page("<p>数据指纹 ba78 16bf 8f01 cfeb</p>", "results.json", fp);
        assert!(matches!(edited, Some(Problem::Fingerprint { shown, .. }) if shown == "ba78 16bf 8f01 cfeb"));
        assert!(matches!(page("<p></p>", "results.json", fp), Some(Problem::NoFingerprint { .. })));
    }
}
