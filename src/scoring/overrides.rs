//! Where an inspection gives a city more than it claimed itself: the
//! contract lets a unit's entry decide over the city's self-assessment
//! (even an untouched one: "inspected, nothing deducted"), and the office
//! must see each such case (`check` warns; the index lists them).

use super::{ItemResult, Results, Source};
use crate::content::Content;
use crate::decimal::Dec;

/// One city and item where the inspection's figure beats the city's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// Index of the city in [`Results::cities`] (roster order).
    pub city: usize,
    /// Index of the item in the city's items (standard order).
    pub item: usize,
    pub item_id: String,
    pub penalty: bool,
    /// The city's own figure and the inspection's: points for a scored
    /// item, points subtracted for a penalty item.
    pub claimed: Dec,
    pub checked: Dec,
    /// How many points more the city gets than it claimed.
    pub gain: Dec,
    /// The inspecting units' names, in roster order.
    pub by: Vec<String>,
}

/// Every override, the largest gain first; equal gains in the standard's
/// order of items, then in roster order of cities.
pub fn find(c: &Content, r: &Results) -> Vec<Override> {
    let mut out = Vec::new();
    for (ci, city) in r.cities.iter().enumerate() {
        for (ii, item) in city.items.iter().enumerate() {
            if let Some(o) = of_item(c, ci, ii, item) {
                out.push(o);
            }
        }
    }
    out.sort_by(|a, b| b.gain.cmp(&a.gain).then(a.item.cmp(&b.item)).then(a.city.cmp(&b.city)));
    out
}

/// How many points more an item's inspection gives than the city's own
/// figure, where it gives more.
pub fn gain(item: &ItemResult) -> Option<Dec> {
    let claimed = item.self_value()?;
    if item.outcome.source != Source::Inspection {
        return None;
    }
    let checked = item.outcome.value;
    let gain = if item.penalty { claimed - checked } else { checked - claimed };
    (gain > Dec::ZERO).then_some(gain)
}

fn of_item(c: &Content, city: usize, index: usize, item: &ItemResult) -> Option<Override> {
    let gain = gain(item)?;
    let (claimed, checked) = (item.self_value()?, item.outcome.value);
    Some(Override {
        city,
        item: index,
        item_id: item.id.clone(),
        penalty: item.penalty,
        claimed,
        checked,
        gain,
        by: item
            .outcome
            .remarks
            .iter()
            .map(|m| c.site.units.iter().find(|u| u.id == m.by).map_or_else(|| m.by.clone(), |u| u.name.clone()))
            .collect(),
    })
}

impl Override {
    /// A figure as the pages and messages show it: a penalty item's
    /// subtraction with a minus sign.
    pub fn shown(&self, v: Dec) -> String {
        if self.penalty && v > Dec::ZERO { format!("−{v}") } else { v.to_string() }
    }
}
