//! The rules of an item in `standard.yaml`: ids, conditions and the four
//! forms of `deduct`, each checked against the item's points.

use super::fields::Fields;
use super::read::Reader;
use super::yaml::{Node, Value};
use crate::decimal::Dec;
use crate::standard::{Deduct, Rule, Scoring};
use std::collections::{BTreeMap, BTreeSet};

/// Bounds on a staffing ratio, so that the exact computation of the
/// shortfall (a fraction whose denominator is the product of the ratios)
/// stays well inside 128-bit integers.
pub const MAX_RATIO: i64 = 100_000;
pub const MAX_RATIO_KINDS: usize = 4;

pub fn read_rules(r: &mut Reader, node: &Node, what: &str, max: Option<Dec>) -> Option<Scoring> {
    let list = r.list(node, &crate::t!("what.rules-of", what = super::read::label(what)))?;
    if list.is_empty() {
        r.error(node.pos, crate::t!("std.empty-rules", what = super::read::label(what)));
        return None;
    }
    let mut rules: Vec<Rule> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut ok = true;
    for n in list {
        if let Some(id) = peek_id(n)
            && !seen.insert(id.to_string())
        {
            r.error(n.pos, crate::t!("std.rule-twice", id = id, what = super::read::label(what)));
            ok = false;
        }
        match read_rule(r, n, what, max) {
            Some(rule) => rules.push(rule),
            None => ok = false,
        }
    }
    ok.then_some(Scoring::Rules(rules))
}

fn read_rule(r: &mut Reader, node: &Node, what: &str, max: Option<Dec>) -> Option<Rule> {
    let mut f = r.fields(node, &crate::t!("what.rule-of", what = super::read::label(what)))?;
    let id = f.need(r, "id").and_then(|n| r.id(n, &crate::t!("what.rule-id")));
    let when = f.need(r, "when").and_then(|n| r.line(n, &crate::t!("what.rule-when")));
    let deduct = f.need(r, "deduct").and_then(|n| read_deduct(r, n, what, max));
    f.finish(r);
    Some(Rule { id: id?, when: when?, deduct: deduct? })
}

fn read_deduct(r: &mut Reader, node: &Node, what: &str, max: Option<Dec>) -> Option<Deduct> {
    let above_max = |d: Dec| max.is_some_and(|m| d > m);
    let cap = max.map(|m| m.to_string()).unwrap_or_default();
    if matches!(node.value, Value::Scalar { .. }) {
        let d = positive(r, node, &crate::t!("what.fixed-deduction"))?;
        if above_max(d) {
            r.error(node.pos, crate::t!("std.fixed-too-large", d = d, cap = cap, what = super::read::label(what)));
            return None;
        }
        return Some(Deduct::Fixed(d));
    }
    let mut f: Fields = r.fields(node, "deduct (a number, {min, max}, {per} or {per_point, ratio})")?;
    let (min, max_n, per, per_point, ratio) =
        (f.get("min"), f.get("max"), f.get("per"), f.get("per_point"), f.get("ratio"));
    f.finish(r);
    match (min, max_n, per, per_point, ratio) {
        (Some(lo), Some(hi), None, None, None) => {
            let (lo_v, hi_v) = (positive(r, lo, "min")?, positive(r, hi, "max")?);
            if lo_v > hi_v {
                r.error(lo.pos, crate::t!("std.min-max", min = lo_v, max = hi_v));
                return None;
            }
            if above_max(hi_v) {
                r.error(hi.pos, crate::t!("std.max-too-large", max = hi_v, cap = cap, what = super::read::label(what)));
                return None;
            }
            Some(Deduct::Range { min: lo_v, max: hi_v })
        }
        (None, None, Some(p), None, None) => Some(Deduct::PerCount { per: positive(r, p, "per")? }),
        (None, None, None, Some(p), Some(ratio)) => {
            let per_point = positive(r, p, "per_point")?;
            let mut rf = r.fields(ratio, "ratio")?;
            let mut map = BTreeMap::new();
            for (key, key_node, value) in rf.all() {
                let Some(k) = r.id(key_node, &crate::t!("what.population-kind")) else {
                    continue;
                };
                if let Some(v) = r.whole(value, &crate::t!("what.ratio-of", key = key), 1, MAX_RATIO) {
                    map.insert(k, u64::try_from(v).unwrap_or(1));
                }
            }
            rf.finish(r);
            if map.is_empty() || map.len() > MAX_RATIO_KINDS {
                r.error(ratio.pos, crate::t!("std.ratio-kinds", max = MAX_RATIO_KINDS));
                return None;
            }
            Some(Deduct::Staffing { per_point, ratio: map })
        }
        _ => {
            r.error(node.pos, crate::t!("std.bad-deduct"));
            None
        }
    }
}

/// The `id` text of a mapping node, without checking anything.
fn peek_id(node: &Node) -> Option<&str> {
    let Value::Map(entries) = &node.value else {
        return None;
    };
    entries.iter().find_map(|(k, v)| match (&k.value, &v.value) {
        (Value::Scalar { text: key, .. }, Value::Scalar { text, .. }) if key == "id" => Some(text.as_str()),
        _ => None,
    })
}

/// A number greater than zero.
pub fn positive(r: &mut Reader, node: &Node, what: &str) -> Option<Dec> {
    let d = r.number(node, what)?;
    if d <= Dec::ZERO {
        r.error(node.pos, crate::t!("std.not-positive", what = super::read::label(what), d = d));
        return None;
    }
    Some(d)
}
