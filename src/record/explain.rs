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
    pub rule: String,
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
        lookup(&|p| p.rules.get(&key).cloned()).map_or_else(|| id.to_string(), |w| format!("{w}（{id}）"))
    };
    let by = |id: &str| match id {
        "self" => "本市自评".to_string(),
        _ => lookup(&|p| p.units.get(id).cloned()).unwrap_or_else(|| id.to_string()),
    };
    let row = |kind, it: &str, d: &Deduction, amount: String, note: String| Row {
        kind,
        item: item(it),
        rule: rule(it, &d.rule),
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
            let (item, rule, by, amount) = (&r.item, &r.rule, &r.by, &r.amount);
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
