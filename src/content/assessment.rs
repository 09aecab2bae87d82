//! Reads and checks the assessment files: `cities/<id>.yaml` (自查自评) and
//! `units/<id>.yaml` (实地检查), entry by entry, against the standard.

use super::fields::Fields;
use super::finding::read_finding;
use super::flat::FlatMap;
use super::model::{Assessed, Entry, Finding, Submission, Text};
use super::read::{Reader, shorten};
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
    let mut f = r.fields(root, &crate::t!("what.the-file"))?;
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
    Some(Submission {
        path: r.path.clone(),
        submitted: Some(submitted?),
        report,
        entries: entries.into_iter().collect(),
        ..Submission::default()
    })
}

fn read_cities(
    r: &mut Reader,
    node: &Node,
    standard: &Standard,
    unit: &str,
    roster: &BTreeSet<String>,
    out: &mut BTreeMap<String, FlatMap<Entry>>,
) -> bool {
    let Some(mut f) = r.fields_or_empty(node, "cities") else {
        return false;
    };
    let mut ok = true;
    for (city, key, value) in f.all() {
        if !roster.contains(&city) {
            let known = roster.iter().cloned().collect::<Vec<_>>().join(&crate::t!("list.sep"));
            r.error(key.pos, crate::t!("assess.unknown-city", city = shorten(&city), known = known));
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
fn read_items(r: &mut Reader, node: &Node, standard: &Standard, unit: Option<&str>) -> Option<FlatMap<Entry>> {
    let mut f = r.fields_or_empty(node, "items")?;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (id, key, value) in f.all() {
        let Some(item) = standard.item(&id) else {
            let known = standard.items().map(|(_, i)| i.id.as_str()).collect::<Vec<_>>().join(&crate::t!("list.sep"));
            r.error(key.pos, crate::t!("assess.unknown-item", item = shorten(&id), known = known));
            ok = false;
            continue;
        };
        if out.contains_key(&id) {
            r.error(key.pos, crate::t!("assess.item-twice", id = id));
            ok = false;
            continue;
        }
        if let Some(unit) = unit.filter(|u| !item.assessors.iter().any(|a| a == u)) {
            let who = item.assessors.join(&crate::t!("list.sep"));
            r.error(key.pos, crate::t!("assess.not-assessor", unit = unit, id = id, who = who));
            ok = false;
            continue;
        }
        match read_entry(r, value, item) {
            Some(entry) => drop(out.insert(id, entry)),
            None => ok = false,
        }
    }
    f.finish(r);
    ok.then(|| out.into_iter().collect())
}

fn read_entry(r: &mut Reader, node: &Node, item: &Item) -> Option<Entry> {
    let mut f = r.item_fields(node, &item.id)?;
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
        note: note.map_or(Some(None), |n| n.map(Some))?.map(Text::from),
        evidence: evidence.map_or(Some(Vec::new()), |e| e)?.into(),
        files: files.map_or(Some(Vec::new()), |e| e)?,
    })
}

fn read_award(r: &mut Reader, f: &mut Fields, item: &Item) -> Option<Assessed> {
    // Both keys are taken first, so that one mistake gives one message.
    let score = f.get("score");
    if let Some(n) = f.get("findings") {
        let message = match score {
            Some(_) => crate::t!("assess.award-both", id = item.id),
            None => crate::t!("assess.award-findings", id = item.id, max = item.max),
        };
        r.error(n.pos, message);
        return None;
    }
    let n = score.or_else(|| f.need(r, "score"))?;
    let score = r.number(n, "score")?;
    if score.is_negative() || score > item.max {
        r.error(n.pos, crate::t!("assess.score-range", score = score, max = item.max, id = item.id));
        return None;
    }
    Some(Assessed::Score(score))
}

fn read_findings(r: &mut Reader, f: &mut Fields, item: &Item) -> Option<Assessed> {
    // Both keys are taken first, so that one mistake gives one message.
    let findings = f.get("findings");
    if let Some(n) = f.get("score") {
        let message = match findings {
            Some(_) => crate::t!("assess.rules-both", id = item.id),
            None => crate::t!("assess.rules-score", id = item.id),
        };
        r.error(n.pos, message);
        return None;
    }
    let list_node = findings.or_else(|| f.need(r, "findings"))?;
    if list_node.value == super::yaml::Value::Null {
        // `findings:` with nothing after it is no answer, not "no deduction".
        r.error(list_node.pos, crate::t!("assess.findings-blank", id = item.id));
        return None;
    }
    let list = r.list(list_node, "findings")?;
    let mut findings: Vec<Finding> = Vec::with_capacity(list.len());
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for n in list {
        match read_finding(r, n, item) {
            Some(found) if !seen.insert(found.rule.clone()) => {
                r.error(n.pos, crate::t!("assess.rule-twice", rule = found.rule, id = item.id));
                ok = false;
            }
            Some(found) => findings.push(found),
            None => ok = false,
        }
    }
    ok.then_some(Assessed::Findings(findings))
}
