//! The changes of `diff` put in words: names instead of ids (items with
//! their text, rules as the standard words them, units by name), values as
//! `old → new`. The same rows make the console lines and the 更正说明 page.

use super::diff::{Change, CityDiff, Deduction, Line, Publication};
use serde::Serialize;
use std::fmt::Display;

/// One city's changes, in words.
#[derive(Serialize, Debug)]
pub struct CityRows {
    pub id: String,
    pub name: String,
    /// changed, added or removed.
    pub kind: &'static str,
    pub total: String,
    pub weighted: String,
    pub rank: String,
    pub rows: Vec<Row>,
}

/// One deduction added, removed or changed, or an item's score changed.
#[derive(Serialize, Debug)]
pub struct Row {
    /// added, removed, changed or score.
    pub kind: &'static str,
    pub item: String,
    /// The rule as the standard words it; empty where no standard.json
    /// read has it (and for a score).
    pub rule: String,
    /// The rule's id, shown only on the English console.
    #[serde(skip)]
    pub rule_id: String,
    /// Neither publication came with a readable standard.json.
    pub no_standard: bool,
    pub by: String,
    pub amount: String,
    pub note: String,
}

/// `a → b` when they differ, else `a`.
fn change<T: Display + PartialEq>(c: &Change<T>) -> String {
    if c.changed() { format!("{} → {}", c.old, c.new) } else { c.old.to_string() }
}

/// Every changed city in words; names from the new publication first.
pub fn rows(diffs: &[CityDiff], old: &Publication, new: &Publication) -> Vec<CityRows> {
    let lookup = |f: &dyn Fn(&Publication) -> Option<String>| f(new).or_else(|| f(old));
    let item =
        |id: &str| lookup(&|p| p.items.get(id).cloned()).map_or_else(|| id.to_string(), |text| format!("{id} {text}"));
    let rule = |item: &str, id: &str| {
        let key = (item.to_string(), id.to_string());
        lookup(&|p| p.rules.get(&key).cloned()).unwrap_or_default()
    };
    let no_standard = old.rules.is_empty() && new.rules.is_empty();
    let by = |id: &str| match id {
        "self" => "本市自评".to_string(),
        _ => lookup(&|p| p.units.get(id).cloned()).unwrap_or_else(|| id.to_string()),
    };
    let row = |kind, it: &str, d: &Deduction, amount: String, note: String| Row {
        kind,
        item: item(it),
        rule: rule(it, &d.rule),
        rule_id: d.rule.clone(),
        no_standard,
        by: by(&d.by),
        amount,
        note,
    };
    let note = |d: &Deduction| d.note.clone().unwrap_or_default();
    diffs
        .iter()
        .map(|diff| match diff {
            CityDiff::Added { city } | CityDiff::Removed { city } => CityRows {
                id: city.id.clone(),
                name: city.name.clone(),
                kind: if matches!(diff, CityDiff::Added { .. }) { "added" } else { "removed" },
                total: city.total.to_string(),
                weighted: city.weighted.to_string(),
                rank: city.rank.to_string(),
                rows: Vec::new(),
            },
            CityDiff::Changed { id, name, total, weighted, rank, lines } => CityRows {
                id: id.clone(),
                name: name.clone(),
                kind: "changed",
                total: change(total),
                weighted: change(weighted),
                rank: change(rank),
                rows: lines
                    .iter()
                    .map(|l| match l {
                        Line::Added { item, d } => row("added", item, d, d.amount.to_string(), note(d)),
                        Line::Removed { item, d } => row("removed", item, d, d.amount.to_string(), note(d)),
                        Line::Changed { item, old, new } => {
                            let amount = change(&Change { old: old.amount, new: new.amount });
                            let notes = Change { old: note(old), new: note(new) };
                            row("changed", item, new, amount, change(&notes))
                        }
                        Line::Score { item: it, value } => Row {
                            kind: "score",
                            item: item(it),
                            rule: String::new(),
                            rule_id: String::new(),
                            no_standard,
                            by: String::new(),
                            amount: change(value),
                            note: String::new(),
                        },
                    })
                    .collect(),
            },
        })
        .collect()
}

/// The console lines: per city a line of totals, then one indented line
/// per row.
pub fn text(cities: &[CityRows]) -> Vec<String> {
    let mut out = Vec::new();
    for c in cities {
        let (name, id, total, weighted, rank) = (&c.name, &c.id, &c.total, &c.weighted, &c.rank);
        out.push(match c.kind {
            "added" => {
                crate::t!("diff.city-added", name = name, id = id, total = total, weighted = weighted, rank = rank)
            }
            "removed" => {
                crate::t!("diff.city-removed", name = name, id = id, total = total, weighted = weighted, rank = rank)
            }
            _ => crate::t!("diff.city", name = name, id = id, total = total, weighted = weighted, rank = rank),
        });
        for r in &c.rows {
            let rule = &rule_words(r);
            let (item, by, amount) = (&r.item, &r.by, &r.amount);
            let line = match r.kind {
                "added" => crate::t!("diff.added", item = item, rule = rule, by = by, amount = amount),
                "removed" => crate::t!("diff.removed", item = item, rule = rule, by = by, amount = amount),
                "changed" => crate::t!("diff.changed", item = item, rule = rule, by = by, amount = amount),
                _ => crate::t!("diff.score", item = item, amount = amount),
            };
            let note = if r.note.is_empty() { String::new() } else { crate::t!("diff.note", note = r.note) };
            out.push(format!("  {line}{note}"));
        }
    }
    out
}

/// A row's rule on the console: in Chinese the standard's words (or that
/// they are unknown, and why), never the id; in English the words and the
/// id, or the id.
fn rule_words(r: &Row) -> String {
    let english = crate::i18n::current() == crate::i18n::Lang::En;
    match (r.rule.is_empty(), english) {
        (false, false) => r.rule.clone(),
        (false, true) => format!("{} ({})", r.rule, r.rule_id),
        (true, true) => r.rule_id.clone(),
        (true, false) if r.no_standard => crate::t!("diff.rule-no-standard"),
        (true, false) => crate::t!("diff.rule-unknown"),
    }
}
