//! One finding of an assessment: its rule, and the amount, count or
//! staffing figures its rule's kind needs, each checked.

use super::model::{Finding, Input, Text};
use super::read::{Reader, shorten};
use super::yaml::Node;
use crate::standard::{Deduct, Item};
use std::collections::BTreeMap;

pub fn read_finding(r: &mut Reader, node: &Node, item: &Item) -> Option<Finding> {
    let mut f = r.fields(node, &crate::t!("what.finding"))?;
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
        let known = known_rules(item);
        r.error(
            rule_node.pos,
            crate::t!("finding.unknown-rule", rule = shorten(&rule_id), item = item.id, known = known),
        );
        return None;
    };
    let note = note.map_or(Some(None), |n| n.map(Some))?.filter(|n| !n.trim().is_empty());
    let input = read_input(r, node, &given, &rule.deduct, &rule_id, note.is_some())?;
    let files = files.map_or(Some(Vec::new()), |e| e)?;
    let evidence = evidence.map_or(Some(Vec::new()), |e| e)?.into();
    Some(Finding { rule: rule_id, input, note: note.map(Text::from), evidence, files })
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
                    crate::t!(
                        "finding.not-apply",
                        key = key,
                        rule = rule,
                        kind = kind_name(deduct),
                        wording = deduct.wording()
                    ),
                );
                ok = false;
            }
            None if needs.contains(&key) => {
                r.error(at.pos, crate::t!("finding.needs", rule = rule, wording = deduct.wording(), key = key));
                ok = false;
            }
            _ => {}
        }
    }
    match deduct {
        Deduct::Fixed(_) => ok.then_some(Input::Fixed),
        Deduct::Range { min, max } => {
            if !has_note {
                r.error(at.pos, crate::t!("finding.needs-note", rule = rule));
                ok = false;
            }
            let n = g.amount?;
            let amount = r.number(n, "amount")?;
            if amount < *min || amount > *max {
                r.error(n.pos, crate::t!("finding.amount-range", amount = amount, min = min, max = max, rule = rule));
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
                r.error(g.population?.pos, crate::t!("finding.zero-population"));
                return None;
            }
            ok.then_some(Input::Staffing { population, staff: u64::try_from(staff).ok()? })
        }
    }
}

/// `population` with exactly the keys of the rule's ratio.
fn read_population(r: &mut Reader, node: &Node, ratio: &BTreeMap<String, u64>) -> Option<BTreeMap<String, u64>> {
    let mut f = r.fields(node, "population")?;
    let expected = ratio.keys().cloned().collect::<Vec<_>>().join(&crate::t!("list.sep"));
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, key_node, value) in f.all() {
        if !ratio.contains_key(&key) {
            let message = crate::t!("finding.unknown-kind", kind = shorten(&key), expected = expected);
            r.error(key_node.pos, r.unknown(key_node.pos, &key, message));
            ok = false;
        } else if let Some(v) = r.whole(value, &crate::t!("what.population-of", key = key), 0, MAX_COUNT) {
            out.insert(key, u64::try_from(v).ok()?);
        } else {
            ok = false;
        }
    }
    f.finish(r);
    let missing: Vec<&str> = ratio.keys().filter(|k| !out.contains_key(*k)).map(String::as_str).collect();
    if ok && !missing.is_empty() {
        r.error(
            node.pos,
            crate::t!("finding.population-needs", missing = missing.join(&crate::t!("list.and")), expected = expected),
        );
        return None;
    }
    ok.then_some(out)
}

/// The kind of a rule's deduction, in words ("fixed", "固定扣分").
fn kind_name(deduct: &Deduct) -> String {
    match deduct {
        Deduct::Fixed(_) => crate::t!("deduct.fixed"),
        Deduct::Range { .. } => crate::t!("deduct.range"),
        Deduct::PerCount { .. } => crate::t!("deduct.per-count"),
        Deduct::Staffing { .. } => crate::t!("deduct.staffing"),
    }
}

/// The rules of an item for a message: their ids, and in Chinese each with
/// its condition (`late 发放《居住证》不及时，no-funds 经费保障不落实`).
fn known_rules(item: &Item) -> String {
    let rules: &[crate::standard::Rule] = match &item.scoring {
        crate::standard::Scoring::Rules(rules) => rules,
        crate::standard::Scoring::Award => &[],
    };
    let with_condition = crate::i18n::current() == crate::i18n::Lang::Zh;
    let shown = |r: &crate::standard::Rule| if with_condition { format!("{} {}", r.id, r.when) } else { r.id.clone() };
    rules.iter().map(shown).collect::<Vec<_>>().join(&crate::t!("list.sep"))
}
