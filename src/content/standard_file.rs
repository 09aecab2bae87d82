//! Reads and checks `standard.yaml`: its shape, its rules and that its
//! numbers add up (item points, section points, `total`).

use super::read::Reader;
use super::standard_rules::{positive, read_rules};
use super::yaml::Node;
use crate::decimal::Dec;
use crate::standard::{Item, Scoring, Section, SectionKind, Standard};
use std::collections::BTreeSet;

/// Reads a parsed `standard.yaml`. `units` are the roster's unit ids, to
/// check the assessors against (`None` when site.yaml could not be read).
/// The sums are checked whenever the numbers they need could be read, even
/// if something else in the file is wrong.
pub fn read(r: &mut Reader, root: &Node, units: Option<&BTreeSet<String>>) -> Option<Standard> {
    let mut f = r.fields(root, "standard.yaml")?;
    let title = f.need(r, "title").and_then(|n| r.line(n, "title"));
    let total_node = f.need(r, "total");
    let total = total_node.and_then(|n| r.number(n, "total"));
    let sections_node = f.need(r, "sections");
    f.finish(r);

    let mut ids = Ids::default();
    let list = sections_node.and_then(|n| r.list(n, "sections"));
    let mut sections = Vec::new();
    let mut kinds = Vec::new();
    for node in list.unwrap_or(&[]) {
        let (kind, section) = read_section(r, node, units, &mut ids);
        kinds.push(kind);
        sections.push(section);
    }
    if let (Some(n), Some([])) = (sections_node, list) {
        r.error(n.pos, crate::t!("std.no-sections"));
        return None;
    }
    let scored: Option<Dec> = kinds
        .iter()
        .map(|k| {
            k.map(|k| match k {
                SectionKind::Scored { points } => points,
                SectionKind::Penalty { .. } => Dec::ZERO,
            })
        })
        .sum();
    if let (Some(total), Some(scored), Some(n)) = (total, scored, total_node)
        && scored != total
    {
        r.error(n.pos, crate::t!("std.total", total = total, scored = scored));
        return None;
    }
    Some(Standard { title: title?, total: total?, sections: sections.into_iter().collect::<Option<_>>()? })
}

/// Section and item ids seen so far, to report repeats.
#[derive(Default)]
struct Ids {
    sections: BTreeSet<String>,
    items: BTreeSet<String>,
}

/// Reads a section: its kind (if readable, for the total) and the section
/// (if all of it is right).
fn read_section(
    r: &mut Reader,
    node: &Node,
    units: Option<&BTreeSet<String>>,
    ids: &mut Ids,
) -> (Option<SectionKind>, Option<Section>) {
    let Some(mut f) = r.fields(node, &crate::t!("what.a-section")) else {
        return (None, None);
    };
    let id = f.need(r, "id").and_then(|n| number_id(r, n, &crate::t!("what.section-id")));
    if let (Some(id), Some(n)) = (&id, f.get("id"))
        && !ids.sections.insert(id.clone())
    {
        r.error(n.pos, crate::t!("std.section-twice", id = id));
    }
    let what = crate::t!("what.section", id = id.as_deref().unwrap_or("?"));
    f.set_what(&what);
    let title =
        f.need(r, "title").and_then(|n| r.line(n, &crate::t!("what.title-of", what = super::read::label(&what))));
    let points = f.get("points");
    let penalty = f.get("penalty");
    let items_node = f.need(r, "items");
    let kind = match (points, penalty) {
        (Some(p), None) => positive(r, p, &crate::t!("what.points-of", what = super::read::label(&what)))
            .map(|points| SectionKind::Scored { points }),
        (None, Some(p)) => positive(r, p, &crate::t!("what.penalty-cap-of", what = super::read::label(&what)))
            .map(|cap| SectionKind::Penalty { cap }),
        (Some(_), Some(p)) => {
            r.error(p.pos, crate::t!("std.both-kinds", what = super::read::label(&what)));
            None
        }
        (None, None) => {
            r.error(f.pos(), crate::t!("std.needs-kind", what = super::read::label(&what)));
            None
        }
    };
    f.finish(r);

    let list = items_node.and_then(|n| r.list(n, &crate::t!("what.items-of", what = super::read::label(&what))));
    let mut items = Vec::new();
    let mut maxes = Vec::new();
    for n in list.unwrap_or(&[]) {
        let (max, item) = read_item(r, n, kind, units, &mut ids.items);
        maxes.push(max);
        items.push(item);
    }
    if let (Some(n), Some([])) = (items_node, list) {
        r.error(n.pos, crate::t!("std.no-items", what = super::read::label(&what)));
        return (kind, None);
    }
    let sum: Option<Dec> = maxes.iter().copied().sum();
    match (kind, sum) {
        (Some(SectionKind::Scored { points }), Some(sum)) if sum != points => {
            let at = points_pos(node).unwrap_or(node.pos);
            r.error(at, crate::t!("std.section-sum", what = super::read::label(&what), points = points, sum = sum));
            return (kind, None);
        }
        (Some(SectionKind::Penalty { cap }), _) => {
            if let Some(max) = maxes.iter().flatten().find(|m| **m > cap) {
                r.error(node.pos, crate::t!("std.penalty-cap", what = super::read::label(&what), max = max, cap = cap));
                return (kind, None);
            }
        }
        _ => {}
    }
    let section =
        (|| Some(Section { id: id?, title: title?, kind: kind?, items: items.into_iter().collect::<Option<_>>()? }))();
    (kind, section)
}

/// Where a section's `points` value stands, for the sum message.
fn points_pos(section: &Node) -> Option<crate::diag::Pos> {
    match &section.value {
        super::yaml::Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, super::yaml::Value::Scalar { text, .. } if text == "points"))
            .map(|(_, v)| v.pos),
        _ => None,
    }
}

fn read_item(
    r: &mut Reader,
    node: &Node,
    kind: Option<SectionKind>,
    units: Option<&BTreeSet<String>>,
    item_ids: &mut BTreeSet<String>,
) -> (Option<Dec>, Option<Item>) {
    let Some(mut f) = r.fields(node, &crate::t!("what.an-item")) else {
        return (None, None);
    };
    let id = f.need(r, "id").and_then(|n| number_id(r, n, &crate::t!("what.item-id")));
    if let (Some(id), Some(n)) = (&id, f.get("id"))
        && !item_ids.insert(id.clone())
    {
        r.error(n.pos, crate::t!("std.item-twice", id = id));
    }
    let what = crate::t!("what.item", id = id.as_deref().unwrap_or("?"));
    f.set_what(&what);
    let text = f.need(r, "text").and_then(|n| r.line(n, &crate::t!("what.text-of", what = super::read::label(&what))));
    let is_penalty = matches!(kind, Some(SectionKind::Penalty { .. }));
    let (key, other) = if is_penalty { ("penalty", "points") } else { ("points", "penalty") };
    let wrong_key = f.get(other);
    if let Some(n) = wrong_key {
        let message = if is_penalty {
            crate::t!("std.in-penalty-section", what = super::read::label(&what), key = key, other = other)
        } else {
            crate::t!("std.in-scored-section", what = super::read::label(&what), key = key, other = other)
        };
        r.error(n.pos, message);
    }
    let max_node = if wrong_key.is_some() { f.get(key) } else { f.need(r, key) };
    let max =
        max_node.and_then(|n| positive(r, n, &crate::t!("what.key-of", key = key, what = super::read::label(&what))));
    let basis = f.get("basis").and_then(|n| r.line(n, &crate::t!("what.basis-of", what = super::read::label(&what))));
    let responsible = f
        .get("responsible")
        .and_then(|n| r.line(n, &crate::t!("what.responsible-of", what = super::read::label(&what))));
    let assessors = f.need(r, "assessors").and_then(|n| read_assessors(r, n, &what, units));
    let award = match f.get("award") {
        Some(n) => r.boolean(n, &crate::t!("what.award-of", what = super::read::label(&what))),
        None => Some(false),
    };
    let rules_node = f.get("rules");
    f.finish(r);

    let scoring = match (award, rules_node) {
        (Some(true), Some(n)) => {
            r.error(n.pos, crate::t!("std.award-rules", what = super::read::label(&what)));
            None
        }
        (Some(true), None) if is_penalty => {
            r.error(node.pos, crate::t!("std.penalty-award", what = super::read::label(&what)));
            None
        }
        (Some(true), None) => Some(Scoring::Award),
        (Some(false), None) => {
            r.error(node.pos, crate::t!("std.needs-rules", what = super::read::label(&what)));
            None
        }
        (Some(false), Some(n)) => read_rules(r, n, &what, max),
        (None, _) => None,
    };
    let item = (|| {
        Some(Item {
            id: id?,
            text: text?,
            max: max?,
            penalty: is_penalty,
            basis,
            responsible,
            assessors: assessors?,
            scoring: scoring?,
        })
    })();
    (max, item)
}

fn read_assessors(r: &mut Reader, node: &Node, what: &str, units: Option<&BTreeSet<String>>) -> Option<Vec<String>> {
    let list = r.list(node, &crate::t!("what.assessors-of", what = super::read::label(what)))?;
    let mut out: Vec<String> = Vec::new();
    for n in list {
        let Some(id) = r.id(n, &crate::t!("what.assessor")) else {
            continue;
        };
        if let Some(units) = units.filter(|u| !u.contains(&id)) {
            let known = units.iter().cloned().collect::<Vec<_>>().join(&crate::t!("list.sep"));
            r.error(n.pos, crate::t!("std.assessor-unknown", id = id, what = super::read::label(what), known = known));
        } else if out.contains(&id) {
            r.error(n.pos, crate::t!("std.assessor-twice", id = id, what = super::read::label(what)));
        } else {
            out.push(id);
        }
    }
    Some(out)
}

/// A section or item id such as `2` or `2.6`: digits, lower-case letters,
/// '.' and '-', 1 to 16 characters.
fn number_id(r: &mut Reader, node: &Node, what: &str) -> Option<String> {
    let text = r.text(node, what)?;
    let ok = !text.is_empty()
        && text.len() <= 16
        && text.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase() || b == b'.' || b == b'-');
    if !ok {
        r.error(
            node.pos,
            crate::t!("std.bad-number-id", what = super::read::label(what), text = super::read::shorten(&text)),
        );
        return None;
    }
    Some(text)
}
