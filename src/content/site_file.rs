//! Reads and checks `site.yaml`: settings, deadlines and the roster.

use super::model::{Deadlines, Member, ReportHeads, Site};
use super::read::Reader;
use super::yaml::Node;
use crate::decimal::Dec;
use std::collections::BTreeSet;

pub fn read(r: &mut Reader, root: &Node) -> Option<Site> {
    let mut f = r.fields(root, "site.yaml")?;
    let title = f.need(r, "title").and_then(|n| r.line(n, "title"));
    let year = f.need(r, "year").and_then(|n| r.whole(n, "year", 1900, 9999));
    let weight = f.need(r, "weight").and_then(|n| {
        let w = r.number(n, "weight")?;
        if w <= Dec::ZERO || w > Dec::int(100) {
            r.error(n.pos, crate::t!("site.weight", w = w));
            return None;
        }
        Some(w)
    });
    let theme = f.get("theme").map(|n| r.line(n, "theme"));
    let marking = f.get("marking").map(|n| r.line(n, "marking"));
    let sample = f.get("sample").map(|n| r.boolean(n, "sample"));
    let deadlines = f.need(r, "deadlines").and_then(|n| read_deadlines(r, n));
    let cities = f.need(r, "cities").and_then(|n| read_roster(r, n, "cities", "city"));
    let units = f.need(r, "units").and_then(|n| read_roster(r, n, "units", "unit"));
    let report = read_report(r, f.get("report"));
    f.finish(r);
    Some(Site {
        title: title?,
        year: u16::try_from(year?).ok()?,
        weight: weight?,
        theme: optional(theme)?,
        marking: optional(marking)?,
        sample: optional(sample)?.unwrap_or(false),
        deadlines: deadlines?,
        cities: cities?,
        units: units?,
        report: report?,
    })
}

/// `report: { to, from, date }` (§15), each part optional; the parts not
/// given are named in one warning, at `report:` when it is there.
fn read_report(r: &mut Reader, node: Option<&Node>) -> Option<ReportHeads> {
    let mut heads = ReportHeads::default();
    let mut ok = true;
    if let Some(node) = node {
        let mut f = r.fields_or_empty(node, "report")?;
        if let Some(n) = f.get("to") {
            heads.to = r.line(n, &crate::t!("what.report-to"));
            ok &= heads.to.is_some();
        }
        if let Some(n) = f.get("from") {
            heads.from = r.line(n, &crate::t!("what.report-from"));
            ok &= heads.from.is_some();
        }
        if let Some(n) = f.get("date") {
            heads.date = r.date(n, &crate::t!("what.report-date"));
            ok &= heads.date.is_some();
        }
        f.finish(r);
    }
    let missing: Vec<(&str, String)> = [
        heads.to.is_none().then(|| ("to", crate::t!("site.part-to"))),
        heads.from.is_none().then(|| ("from", crate::t!("site.part-from"))),
        heads.date.is_none().then(|| ("date", crate::t!("site.part-date"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if ok && !missing.is_empty() {
        let keys = missing.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ");
        let parts = missing.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(&crate::t!("list.sep"));
        r.warning(node.map(|n| n.pos), crate::t!("site.report-blank", parts = parts, keys = keys));
    }
    ok.then_some(heads)
}

/// An optional key's value: `Some(None)` when absent, `None` when present
/// but wrong (the error is already noted).
fn optional<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    read.map_or(Some(None), |v| v.map(Some))
}

fn read_deadlines(r: &mut Reader, node: &Node) -> Option<Deadlines> {
    let mut f = r.fields(node, "deadlines")?;
    let s = f.need(r, "self_assessment").and_then(|n| r.date(n, &crate::t!("what.self-deadline")));
    let i = f.need(r, "inspection").and_then(|n| r.date(n, &crate::t!("what.inspection-deadline")));
    f.finish(r);
    Some(Deadlines { self_assessment: s?, inspection: i? })
}

/// The roster of cities or units: a non-empty list of `{ id, name }`, ids
/// and names unique.
fn read_roster(r: &mut Reader, node: &Node, key: &str, one: &str) -> Option<Vec<Member>> {
    let list = r.list(node, key)?;
    let noun = if one == "unit" { crate::t!("what.unit") } else { crate::t!("what.city") };
    if list.is_empty() {
        r.error(node.pos, crate::t!("site.empty-roster", key = key, one = noun));
        return None;
    }
    let mut members: Vec<Member> = Vec::with_capacity(list.len());
    // Ids and names already on the roster (a scan of `members` for each
    // entry was quadratic: 4.5 M comparisons for 3,000 cities).
    let (mut ids, mut names) = (BTreeSet::new(), BTreeSet::new());
    let mut ok = true;
    for n in list {
        let Some(mut f) = r.fields(n, &crate::t!("what.roster-entry", one = noun)) else {
            ok = false;
            continue;
        };
        let id_node = f.need(r, "id");
        let id = id_node.and_then(|n| r.id(n, &crate::t!("what.member-id", one = noun)));
        let name = f.need(r, "name").and_then(|n| r.line(n, &crate::t!("what.member-name", one = noun)));
        f.finish(r);
        let (Some(id), Some(name), Some(id_node)) = (id, name, id_node) else {
            ok = false;
            continue;
        };
        if one == "unit" && id == "self" {
            r.error(id_node.pos, crate::t!("site.self-reserved"));
            ok = false;
        } else if ids.contains(&id) {
            r.error(id_node.pos, crate::t!("site.id-twice", one = noun, id = id));
            ok = false;
        } else if names.contains(&name) {
            r.error(id_node.pos, crate::t!("site.name-twice", one = noun, name = name));
            ok = false;
        } else {
            ids.insert(id.clone());
            names.insert(name.clone());
            members.push(Member { id, name });
        }
    }
    ok.then_some(members)
}
