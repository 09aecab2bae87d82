//! Reads and checks the assessment files: `cities/<id>.yaml` (自查自评) and
//! `units/<id>.yaml` (实地检查), entry by entry, against the standard.

use super::finding::read_finding;
use super::model::{Assessed, Entry, Finding, Submission};
use super::read::{Fields, Reader, shorten};
use super::yaml::Node;
use crate::standard::{Item, Scoring, Standard};
use std::collections::{BTreeMap, BTreeSet};

/// Who wrote a file: a city about itself, or a unit about the roster cities.
pub enum Author<'a> {
    City(&'a str),
    Unit { id: &'a str, cities: &'a BTreeSet<String> },
}

/// Reads one assessment file.
pub fn read(r: &mut Reader, root: &Node, standard: &Standard, author: &Author) -> Option<Submission> {
    let mut f = r.fields(root, "the file")?;
    let submitted = f.need(r, "submitted").and_then(|n| r.date(n, "submitted"));
    let report = f.get("report").map(|n| r.text(n, "report"));
    let mut entries = BTreeMap::new();
    let mut ok = true;
    match author {
        Author::City(city) => {
            if let Some(items) = f.get("items") {
                match read_items(r, items, standard, None) {
                    Some(e) => drop(entries.insert(city.to_string(), e)),
                    None => ok = false,
                }
            }
        }
        Author::Unit { id, cities } => {
            if let Some(node) = f.get("cities") {
                ok &= read_cities(r, node, standard, id, cities, &mut entries);
            }
        }
    }
    f.finish(r);
    let report = match report {
        None => String::new(),
        Some(text) => text?,
    };
    if !ok {
        return None;
    }
    Some(Submission { path: r.path.clone(), submitted: Some(submitted?), report, entries })
}

fn read_cities(
    r: &mut Reader,
    node: &Node,
    standard: &Standard,
    unit: &str,
    roster: &BTreeSet<String>,
    out: &mut BTreeMap<String, BTreeMap<String, Entry>>,
) -> bool {
    let Some(mut f) = r.fields_or_empty(node, "cities") else {
        return false;
    };
    let mut ok = true;
    for (city, key, value) in f.all() {
        if !roster.contains(&city) {
            let known = roster.iter().cloned().collect::<Vec<_>>().join(", ");
            r.error(key.pos, format!("unknown city \"{}\" (cities in site.yaml: {known})", shorten(&city)));
            ok = false;
            continue;
        }
        match read_items(r, value, standard, Some(unit)) {
            Some(items) => drop(out.insert(city, items)),
            None => ok = false,
        }
    }
    f.finish(r);
    ok
}

/// A mapping of item id to entry. `unit` is the inspecting unit, if any.
fn read_items(r: &mut Reader, node: &Node, standard: &Standard, unit: Option<&str>) -> Option<BTreeMap<String, Entry>> {
    let mut f = r.fields_or_empty(node, "items")?;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (id, key, value) in f.all() {
        let Some(item) = standard.item(&id) else {
            let known = standard.items().map(|(_, i)| i.id.as_str()).collect::<Vec<_>>().join(", ");
            r.error(key.pos, format!("unknown item \"{}\" (items of the standard: {known})", shorten(&id)));
            ok = false;
            continue;
        };
        if out.contains_key(&id) {
            r.error(key.pos, format!("item {id} is listed twice"));
            ok = false;
            continue;
        }
        if let Some(unit) = unit.filter(|u| !item.assessors.iter().any(|a| a == u)) {
            let who = item.assessors.join(", ");
            r.error(key.pos, format!("unit \"{unit}\" is not an assessor of item {id} (assessors: {who})"));
            ok = false;
            continue;
        }
        match read_entry(r, value, item) {
            Some(entry) => drop(out.insert(id, entry)),
            None => ok = false,
        }
    }
    f.finish(r);
    ok.then_some(out)
}

fn read_entry(r: &mut Reader, node: &Node, item: &Item) -> Option<Entry> {
    let what = format!("item {}", item.id);
    let mut f = r.fields(node, &what)?;
    let note_node = f.get("note");
    let note = note_node.map(|n| r.text(n, "note"));
    if let (Some(n), Some(Some(text))) = (note_node, &note)
        && super::placeholder::refuse_note(r, n, text)
    {
        return None;
    }
    let evidence = f.get("evidence").map(|n| r.lines(n, "evidence"));
    let files = f.get("files").map(|n| super::attachments::read_files(r, n));
    let assessed = match &item.scoring {
        Scoring::Award => read_award(r, &mut f, item),
        Scoring::Rules(_) => read_findings(r, &mut f, item),
    };
    f.finish(r);
    Some(Entry {
        assessed: assessed?,
        note: note.map_or(Some(None), |n| n.map(Some))?,
        evidence: evidence.map_or(Some(Vec::new()), |e| e)?,
        files: files.map_or(Some(Vec::new()), |e| e)?,
    })
}

fn read_award(r: &mut Reader, f: &mut Fields, item: &Item) -> Option<Assessed> {
    if let Some(n) = f.get("findings") {
        r.error(n.pos, format!("item {} is scored directly: give `score` (0 to {}), not findings", item.id, item.max));
        return None;
    }
    let n = f.need(r, "score")?;
    let score = r.number(n, "score")?;
    if score.is_negative() || score > item.max {
        r.error(n.pos, format!("score {score} is outside 0 to {} for item {}", item.max, item.id));
        return None;
    }
    Some(Assessed::Score(score))
}

fn read_findings(r: &mut Reader, f: &mut Fields, item: &Item) -> Option<Assessed> {
    if let Some(n) = f.get("score") {
        r.error(
            n.pos,
            format!(
                "item {} is scored by its rules: give `findings` ([] when nothing is deducted), not score",
                item.id
            ),
        );
        return None;
    }
    let list_node = f.need(r, "findings")?;
    let list = r.list(list_node, "findings")?;
    let mut findings: Vec<Finding> = Vec::with_capacity(list.len());
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for n in list {
        match read_finding(r, n, item) {
            Some(found) if !seen.insert(found.rule.clone()) => {
                r.error(n.pos, format!("rule \"{}\" is used twice for item {}; give it once", found.rule, item.id));
                ok = false;
            }
            Some(found) => findings.push(found),
            None => ok = false,
        }
    }
    ok.then_some(Assessed::Findings(findings))
}
