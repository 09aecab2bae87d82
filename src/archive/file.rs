//! Reads and checks `archive.yaml` (§10 of the contract): the title, the
//! years oldest first, each with its content folder, and the renames.
//! Pure: text in, values and located diagnostics out. What needs the
//! years' rosters (a rename's ids) is checked in [`super::renames`].

use crate::content::read::Reader;
use crate::content::yaml::Node;
use crate::diag::{Diagnostic, Pos};
use crate::t;

/// `archive.yaml`, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveFile {
    pub title: String,
    pub marking: Option<String>,
    /// Oldest first, each year once.
    pub years: Vec<YearEntry>,
    pub renamed: Vec<Rename>,
    /// `archive.yaml` as read, kept in `source/` (§13), and the key the
    /// archive is signed with at build.
    pub provenance: crate::content::Provenance,
}

/// One year of the archive and its content folder.
#[derive(Clone, Debug, PartialEq)]
pub struct YearEntry {
    pub year: u16,
    /// The folder, relative to archive.yaml, as written.
    pub content: String,
    /// Where `year:` and `content:` are written (for located errors).
    pub year_pos: Pos,
    pub content_pos: Pos,
}

/// `{ from: oldid, to: newid, in: 2014 }`: from that year on, `from` is `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub from: String,
    pub to: String,
    pub year: u16,
    pub from_pos: Pos,
    pub to_pos: Pos,
}

/// Reads `archive.yaml` (shown as `path`), noting every problem in `diags`.
pub fn read(text: &str, path: &str, diags: &mut Vec<Diagnostic>) -> Option<ArchiveFile> {
    let root = crate::content::parse_yaml(text, path, diags)?;
    let r = &mut Reader::new(path, diags);
    let mut f = r.fields(&root, "archive.yaml")?;
    let title = f.need(r, "title").and_then(|n| r.line(n, "title"));
    let marking = f.get("marking").map(|n| r.line(n, "marking"));
    let years = f.need(r, "years").and_then(|n| read_years(r, n));
    let renamed = match f.get("renamed") {
        Some(n) => read_renames(r, n, years.as_deref().unwrap_or(&[])),
        None => Some(Vec::new()),
    };
    f.finish(r);
    let marking = match marking {
        None => None,
        Some(m) => Some(m?),
    };
    let mut provenance = crate::content::Provenance::default();
    provenance.source.insert(super::FILE.to_string(), std::sync::Arc::from(text));
    Some(ArchiveFile { title: title?, marking, years: years?, renamed: renamed?, provenance })
}

fn read_years(r: &mut Reader, node: &Node) -> Option<Vec<YearEntry>> {
    let list = r.list(node, "years")?;
    if list.is_empty() {
        r.error(node.pos, t!("archive.no-years"));
        return None;
    }
    let mut out: Vec<YearEntry> = Vec::with_capacity(list.len());
    let mut ok = true;
    for n in list {
        let Some(mut f) = r.fields(n, "a year of years") else {
            ok = false;
            continue;
        };
        let year_node = f.need(r, "year");
        let year = year_node.and_then(|n| r.whole(n, "year", 1900, 9999));
        let content_node = f.need(r, "content");
        let content = content_node.and_then(|n| r.line(n, "content"));
        f.finish(r);
        let (Some(year), Some(year_node), Some(content), Some(content_node)) = (year, year_node, content, content_node)
        else {
            ok = false;
            continue;
        };
        let year = year as u16;
        if let Some(first) = out.iter().find(|y| y.year == year) {
            r.error(year_node.pos, t!("archive.year-twice", year = year, line = first.year_pos.line));
            ok = false;
            continue;
        }
        if let Some(last) = out.last()
            && last.year > year
        {
            r.error(year_node.pos, t!("archive.year-order", year = year, before = last.year));
            ok = false;
        }
        if content.starts_with(['/', '\\']) || content.contains(':') {
            r.error(content_node.pos, t!("archive.content-absolute", content = content));
            ok = false;
        } else if content.split(['/', '\\']).any(|p| p == "..") {
            r.error(content_node.pos, t!("archive.content-outside", content = content));
            ok = false;
        }
        out.push(YearEntry { year, content, year_pos: year_node.pos, content_pos: content_node.pos });
    }
    ok.then_some(out)
}

fn read_renames(r: &mut Reader, node: &Node, years: &[YearEntry]) -> Option<Vec<Rename>> {
    let list = r.list(node, "renamed")?;
    let mut out: Vec<Rename> = Vec::with_capacity(list.len());
    let mut ok = true;
    for n in list {
        let Some(mut f) = r.fields(n, "a rename of renamed") else {
            ok = false;
            continue;
        };
        let from_node = f.need(r, "from");
        let from = from_node.and_then(|n| r.id(n, "from"));
        let to_node = f.need(r, "to");
        let to = to_node.and_then(|n| r.id(n, "to"));
        let in_node = f.need(r, "in");
        let year = in_node.and_then(|n| r.whole(n, "in", 1900, 9999));
        f.finish(r);
        let (Some(from), Some(from_node), Some(to), Some(to_node), Some(year), Some(in_node)) =
            (from, from_node, to, to_node, year, in_node)
        else {
            ok = false;
            continue;
        };
        let year = year as u16;
        let listed = years.iter().position(|y| y.year == year);
        if !years.is_empty() && listed.is_none_or(|i| i == 0) {
            r.error(in_node.pos, t!("archive.rename-year", year = year));
            ok = false;
        }
        if out.iter().any(|o| o.from == from) {
            r.error(from_node.pos, t!("archive.rename-twice", id = from));
            ok = false;
            continue;
        }
        if out.iter().any(|o| o.to == to) {
            r.error(to_node.pos, t!("archive.rename-merge", id = to));
            ok = false;
            continue;
        }
        let rename = Rename { from, to, year, from_pos: from_node.pos, to_pos: to_node.pos };
        if closes_cycle(&out, &rename) {
            r.error(to_node.pos, t!("archive.rename-cycle", from = rename.from, to = rename.to));
            ok = false;
            continue;
        }
        out.push(rename);
    }
    ok.then_some(out)
}

/// Whether adding `new` to `renames` lets an id be renamed, step by step,
/// back into itself.
fn closes_cycle(renames: &[Rename], new: &Rename) -> bool {
    let mut id = new.to.as_str();
    for _ in 0..=renames.len() {
        if id == new.from {
            return true;
        }
        match renames.iter().find(|r| r.from == id) {
            Some(next) => id = &next.to,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let mut diags = Vec::new();
        read(text, "a/archive.yaml", &mut diags);
        diags.iter().map(|d| d.to_string()).collect()
    }

    const HEAD: &str =
        "title: 历年\nyears:\n  - { year: 2013, content: \"2013\" }\n  - { year: 2014, content: \"2014\" }\n";

    #[test]
    fn reads_a_good_file() {
        let text = format!("{HEAD}renamed:\n  - {{ from: a, to: b, in: 2014 }}\n");
        let mut diags = Vec::new();
        let f = read(&text, "a/archive.yaml", &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(f.years.iter().map(|y| y.year).collect::<Vec<_>>(), [2013, 2014]);
        assert_eq!((f.renamed[0].from.as_str(), f.renamed[0].to.as_str(), f.renamed[0].year), ("a", "b", 2014));
    }

    #[test]
    fn years_twice_and_out_of_order() {
        let e = errors(
            "title: x\nyears:\n  - { year: 2014, content: a }\n  - { year: 2013, content: b }\n  - { year: 2014, content: c }\n",
        );
        assert_eq!(
            e,
            [
                "error: a/archive.yaml:4:13: years must be listed oldest first: 2013 comes after 2014",
                "error: a/archive.yaml:5:13: year 2014 is listed twice (first on line 3)",
            ]
        );
    }

    #[test]
    fn renames_that_loop_or_repeat() {
        let text = format!(
            "{HEAD}renamed:\n  - {{ from: a, to: b, in: 2014 }}\n  - {{ from: b, to: a, in: 2014 }}\n  - {{ from: c, to: c, in: 2013 }}\n"
        );
        let e = errors(&text);
        assert_eq!(
            e,
            [
                "error: a/archive.yaml:7:20: renaming \"b\" to \"a\" makes a cycle: an id would be renamed back into itself",
                "error: a/archive.yaml:8:27: a rename's `in` must be a later year listed in years (not the first), not 2013",
                "error: a/archive.yaml:8:20: renaming \"c\" to \"c\" makes a cycle: an id would be renamed back into itself",
            ]
        );
    }

    #[test]
    fn a_year_outside_the_archive_is_refused() {
        let e =
            errors("title: x\nyears:\n  - { year: 2013, content: \"../y\" }\n  - { year: 2014, content: a/../../z }\n");
        let message = |c: &str| {
            format!(
                "content \"{c}\" leads out of the archive's folder; keep every year's folder inside the folder of archive.yaml, and write it without \"..\""
            )
        };
        assert_eq!(
            e,
            [
                format!("error: a/archive.yaml:3:28: {}", message("../y")),
                format!("error: a/archive.yaml:4:28: {}", message("a/../../z"))
            ]
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = errors(&format!("{HEAD}renames: []\n"));
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("error: a/archive.yaml:5:1: unknown key \"renames\" in archive.yaml"), "{e:?}");
    }
}
