//! One city: every item, its sections, base, penalty, total, weighted score
//! and the same from its self-assessment alone.

use super::item::{self, Outcome, Source};
use crate::content::flat::FlatMap;
use crate::content::{Content, Entry, Member, read::Date};
use crate::decimal::Dec;
use crate::standard::{Item, SectionKind};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub struct CityResult {
    pub id: String,
    pub name: String,
    pub rank: u32,
    /// Sum of the scored items.
    pub base: Dec,
    /// What the penalty sections subtract.
    pub penalty: Dec,
    /// max(0, base − penalty).
    pub total: Dec,
    /// total × weight / 100, half up to two decimals.
    pub weighted: Dec,
    /// The total from the self-assessment alone.
    pub self_total: Dec,
    pub self_base: Dec,
    pub self_penalty: Dec,
    pub submitted: Option<Date>,
    pub late: bool,
    pub sections: Vec<SectionResult>,
    /// Shared: a city scored again unchanged (`serve`) keeps them.
    pub items: Arc<Vec<ItemResult>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionResult {
    pub id: String,
    pub penalty: bool,
    /// Points of a scored section; the cap of a penalty section.
    pub max: Dec,
    /// The score of a scored section; what a penalty section subtracts.
    pub value: Dec,
    pub self_value: Dec,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub id: String,
    pub section: String,
    pub penalty: bool,
    pub max: Dec,
    /// The final outcome (inspection, else self-assessment, else missing).
    pub outcome: Outcome,
    /// The outcome from the self-assessment alone; `None` where the city
    /// did not assess the item.
    pub self_outcome: Option<Outcome>,
}

impl ItemResult {
    pub fn self_value(&self) -> Option<Dec> {
        self.self_outcome.as_ref().map(|o| o.value)
    }

    /// Points lost on the item: below its maximum, or subtracted.
    pub fn lost(&self) -> Dec {
        if self.penalty { self.outcome.value } else { self.max - self.outcome.value }
    }
}

pub fn score_city(content: &Content, city: &Member) -> CityResult {
    let own = content.cities.get(&city.id);
    let own_entries = own.and_then(|s| s.entries.get(&city.id));
    // Each unit's entries for this city, looked up once, in roster order.
    let by_unit: Vec<(&str, &FlatMap<Entry>)> = content
        .site
        .units
        .iter()
        .filter_map(|u| Some((u.id.as_str(), content.units.get(&u.id)?.entries.get(&city.id)?)))
        .collect();
    // Sized once: 3,000 cities hold 78,000 items.
    let mut items = Vec::with_capacity(content.standard.sections.iter().map(|s| s.items.len()).sum());
    let mut sections = Vec::with_capacity(content.standard.sections.len());
    for section in &content.standard.sections {
        let (mut value, mut self_value) = (Dec::ZERO, Dec::ZERO);
        for it in &section.items {
            let inspections: Vec<(&str, &Entry)> =
                by_unit.iter().filter_map(|(unit, entries)| Some((*unit, entries.get(&it.id)?))).collect();
            let self_entry = own_entries.and_then(|e| e.get(&it.id)).map(|e| [("self", e)]);
            let self_outcome = self_entry.as_ref().map(|e| item::outcome(it, Source::SelfAssessment, e));
            let outcome = if !inspections.is_empty() {
                item::outcome(it, Source::Inspection, &inspections)
            } else {
                self_outcome.clone().unwrap_or_else(|| item::outcome(it, Source::Missing, &[]))
            };
            value = value + outcome.value;
            self_value = self_value + self_outcome.as_ref().map_or(Dec::ZERO, |o| o.value);
            items.push(result(section.id.as_str(), it, outcome, self_outcome));
        }
        let (penalty, max) = match section.kind {
            SectionKind::Scored { points } => (false, points),
            SectionKind::Penalty { cap } => (true, cap),
        };
        if penalty {
            value = value.min(max);
            self_value = self_value.min(max);
        }
        sections.push(SectionResult { id: section.id.clone(), penalty, max, value, self_value });
    }
    let sum = |penalty: bool, f: fn(&SectionResult) -> Dec| -> Dec {
        sections.iter().filter(|s| s.penalty == penalty).map(f).sum()
    };
    let (base, penalty) = (sum(false, |s| s.value), sum(true, |s| s.value));
    let (self_base, self_penalty) = (sum(false, |s| s.self_value), sum(true, |s| s.self_value));
    let total = (base - penalty).max(Dec::ZERO);
    let submitted = own.and_then(|s| s.submitted);
    CityResult {
        id: city.id.clone(),
        name: city.name.clone(),
        rank: 0,
        base,
        penalty,
        total,
        weighted: total.percent_of(content.site.weight),
        self_total: (self_base - self_penalty).max(Dec::ZERO),
        self_base,
        self_penalty,
        submitted,
        late: super::is_late(submitted, content.site.deadlines.self_assessment),
        sections,
        items: Arc::new(items),
    }
}

fn result(section: &str, it: &Item, outcome: Outcome, self_outcome: Option<Outcome>) -> ItemResult {
    ItemResult {
        id: it.id.clone(),
        section: section.to_string(),
        penalty: it.penalty,
        max: it.max,
        outcome,
        self_outcome,
    }
}
