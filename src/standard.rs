//! The scoring standard (评分标准): sections, items and their rules.

use crate::decimal::Dec;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Standard {
    pub title: String,
    /// The sum of the points of all scored sections (100 in 2013).
    pub total: Dec,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub kind: SectionKind,
    pub items: Vec<Item>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// A scored section worth `points` (the sum of its items' points).
    Scored { points: Dec },
    /// A penalty section (扣分项) that subtracts at most `cap`.
    Penalty { cap: Dec },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// Points for a scored item; the most it subtracts for a penalty item.
    pub max: Dec,
    pub penalty: bool,
    pub basis: Option<String>,
    pub responsible: Option<String>,
    /// Member units allowed to inspect the item.
    pub assessors: Vec<String>,
    pub scoring: Scoring,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Scoring {
    /// Deductions by rule.
    Rules(Vec<Rule>),
    /// Scored directly (由…根据日常掌握情况进行考核): a score in [0, points].
    Award,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: String,
    /// The condition as the standard words it, e.g. 没有召开会议的.
    pub when: String,
    pub deduct: Deduct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deduct {
    /// `deduct: 5`.
    Fixed(Dec),
    /// `deduct: { min: 1, max: 3 }` (视情扣分).
    Range { min: Dec, max: Dec },
    /// `deduct: { per: 1 }` (每1项扣1分).
    PerCount { per: Dec },
    /// `deduct: { per_point: 0.1, ratio: { urban: 800, rural: 500 } }`:
    /// one staff member per `ratio[k]` people of population `k`.
    Staffing { per_point: Dec, ratio: BTreeMap<String, u64> },
}

impl Standard {
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections.iter().flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id == id)
    }
}

impl Section {
    /// The points of a scored section, or the cap of a penalty section.
    pub fn points(&self) -> Dec {
        match self.kind {
            SectionKind::Scored { points } => points,
            SectionKind::Penalty { cap } => cap,
        }
    }
}

impl Item {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        match &self.scoring {
            Scoring::Rules(rules) => rules.iter().find(|r| r.id == id),
            Scoring::Award => None,
        }
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        match &self.scoring {
            Scoring::Rules(rules) => rules.iter().map(|r| r.id.as_str()).collect(),
            Scoring::Award => Vec::new(),
        }
    }
}

impl Rule {
    /// The rule as the standard words it: 没有召开会议的,扣5分.
    pub fn wording(&self) -> String {
        format!("{},{}", self.when, self.deduct.wording())
    }
}

impl Deduct {
    /// The deduction as the standard words it: 扣5分, 视情扣1-3分, 每1项扣1分,
    /// 每降低一个百分点扣0.1分.
    pub fn wording(&self) -> String {
        match self {
            Deduct::Fixed(d) => format!("扣{d}分"),
            Deduct::Range { min, max } => format!("视情扣{min}-{max}分"),
            Deduct::PerCount { per } => format!("每1项扣{per}分"),
            Deduct::Staffing { per_point, .. } => format!("每降低一个百分点扣{per_point}分"),
        }
    }

    /// The kind's name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Deduct::Fixed(_) => "fixed",
            Deduct::Range { .. } => "range",
            Deduct::PerCount { .. } => "per-count",
            Deduct::Staffing { .. } => "staffing",
        }
    }
}
