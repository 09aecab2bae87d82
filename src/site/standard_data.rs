//! `standard.json`: the standard's items and rules as worded, beside
//! `results.json` (whose deductions name rules by id only), so that a
//! published site can be read without its content folder (`kaoping diff`).

use crate::standard::{Scoring, Standard};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    text: &'a str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
struct Rule<'a> {
    id: &'a str,
    wording: String,
}

/// `standard.json`, pretty-printed with a final newline; items in the
/// standard's order.
pub fn json(standard: &Standard) -> Vec<u8> {
    let items = standard
        .items()
        .map(|(_, item)| Item {
            id: &item.id,
            text: &item.text,
            rules: match &item.scoring {
                Scoring::Rules(rules) => rules.iter().map(|r| Rule { id: &r.id, wording: r.wording() }).collect(),
                Scoring::Award => Vec::new(),
            },
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&Doc { title: &standard.title, items }).unwrap_or_default();
    out.push(b'\n');
    out
}
