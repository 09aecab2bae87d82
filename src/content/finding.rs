//! One finding of an assessment: its rule, and the amount, count or
//! staffing figures its rule's kind needs, each checked.

use super::model::{Finding, Input};
use super::read::{Reader, shorten};
use super::yaml::Node;
use crate::standard::{Deduct, Item};
use std::collections::BTreeMap;

pub fn read_finding(r: &mut Reader, node: &Node, item: &Item) -> Option<Finding> {
    let mut f = r.fields(node, "a finding")?;
    let rule_node = f.need(r, "rule");
    let note_node = f.get("note");
    let note = note_node.map(|n| r.text(n, "note"));
    let example = match (note_node, &note) {
        (Some(n), Some(Some(text))) => super::placeholder::refuse_note(r, n, text),
        _ => false,
    };
    let evidence = f.get("evidence").map(|n| r.lines(n, "evidence"));
    let files = f.get("files").map(|n| super::attachments::read_files(r, n));
    let given = Given {
        amount: f.get("amount"),
        count: f.get("count"),
        population: f.get("population"),
        staff: f.get("staff"),
    };
    f.finish(r);
    let rule_node = rule_node?;
    let rule_id = r.text(rule_node, "rule")?;
    if example {
        return None;
    }
    let Some(rule) = item.rule(&rule_id) else {
        let known = item.rule_ids().join(", ");
        r.error(rule_node.pos, format!("unknown rule \"{}\" for item {} (known: {known})", shorten(&rule_id), item.id));
        return None;
    };
    let note = note.map_or(Some(None), |n| n.map(Some))?.filter(|n| !n.trim().is_empty());
    let input = read_input(r, node, &given, &rule.deduct, &rule_id, note.is_some())?;
    let files = files.map_or(Some(Vec::new()), |e| e)?;
    Some(Finding { rule: rule_id, input, note, evidence: evidence.map_or(Some(Vec::new()), |e| e)?, files })
}

/// The optional inputs of a finding, before they are checked against the
/// rule's kind.
struct Given<'n> {
    amount: Option<&'n Node>,
    count: Option<&'n Node>,
    population: Option<&'n Node>,
    staff: Option<&'n Node>,
}

const MAX_COUNT: i64 = 1_000_000_000_000;

fn read_input(r: &mut Reader, at: &Node, g: &Given, deduct: &Deduct, rule: &str, has_note: bool) -> Option<Input> {
    let needs: &[&str] = match deduct {
        Deduct::Fixed(_) => &[],
        Deduct::Range { .. } => &["amount"],
        Deduct::PerCount { .. } => &["count"],
        Deduct::Staffing { .. } => &["population", "staff"],
    };
    let mut ok = true;
    for (key, node) in [("amount", g.amount), ("count", g.count), ("population", g.population), ("staff", g.staff)] {
        match node {
            Some(n) if !needs.contains(&key) => {
                r.error(
                    n.pos,
                    format!("`{key}` does not apply to rule \"{rule}\" ({} rule, {})", deduct.kind(), deduct.wording()),
                );
                ok = false;
            }
            None if needs.contains(&key) => {
                r.error(at.pos, format!("rule \"{rule}\" ({}) needs `{key}`", deduct.wording()));
                ok = false;
            }
            _ => {}
        }
    }
    match deduct {
        Deduct::Fixed(_) => ok.then_some(Input::Fixed),
        Deduct::Range { min, max } => {
            if !has_note {
                r.error(at.pos, format!("rule \"{rule}\" deducts by judgement (视情扣分): give a `note` saying why"));
                ok = false;
            }
            let n = g.amount?;
            let amount = r.number(n, "amount")?;
            if amount < *min || amount > *max {
                r.error(n.pos, format!("amount {amount} is outside the range {min} to {max} of rule \"{rule}\""));
                return None;
            }
            ok.then_some(Input::Amount(amount))
        }
        Deduct::PerCount { .. } => {
            let count = r.whole(g.count?, "count", 1, MAX_COUNT)?;
            ok.then_some(Input::Count(u64::try_from(count).ok()?))
        }
        Deduct::Staffing { ratio, .. } => {
            let staff = g.staff.and_then(|n| r.whole(n, "staff", 0, MAX_COUNT));
            let population = g.population.and_then(|n| read_population(r, n, ratio));
            let (staff, population) = (staff?, population?);
            if super::placeholder::refuse_staffing(r, g.population?, &population, staff) {
                return None;
            }
            if population.values().all(|&p| p == 0) {
                r.error(g.population?.pos, "the population is 0, so no staff are required; give the real population");
                return None;
            }
            ok.then_some(Input::Staffing { population, staff: u64::try_from(staff).ok()? })
        }
    }
}

/// `population` with exactly the keys of the rule's ratio.
fn read_population(r: &mut Reader, node: &Node, ratio: &BTreeMap<String, u64>) -> Option<BTreeMap<String, u64>> {
    let mut f = r.fields(node, "population")?;
    let expected = ratio.keys().cloned().collect::<Vec<_>>().join(", ");
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, key_node, value) in f.all() {
        if !ratio.contains_key(&key) {
            r.error(key_node.pos, format!("unknown population kind \"{}\" (the ratio has: {expected})", shorten(&key)));
            ok = false;
        } else if let Some(v) = r.whole(value, &format!("population {key}"), 0, MAX_COUNT) {
            out.insert(key, u64::try_from(v).ok()?);
        } else {
            ok = false;
        }
    }
    f.finish(r);
    let missing: Vec<&str> = ratio.keys().filter(|k| !out.contains_key(*k)).map(String::as_str).collect();
    if ok && !missing.is_empty() {
        r.error(node.pos, format!("population needs {} (the ratio has: {expected})", missing.join(" and ")));
        return None;
    }
    ok.then_some(out)
}
