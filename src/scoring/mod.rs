//! Pure scoring: checked content in, results out (§6 of the contract).
//! findings → item outcomes → city results → ranking.

mod again;
pub mod item;
pub mod overrides;
pub mod rules;

mod city;
mod rank;
#[cfg(test)]
mod tests;

pub use again::rescore;
pub use city::{CityResult, ItemResult, SectionResult};
pub use item::{Deduction, Outcome, Remark, Source};

use crate::content::{Content, read::Date};
use rayon::prelude::*;

/// Everything the site and the data files show.
#[derive(Clone, Debug)]
pub struct Results {
    /// In roster order.
    pub cities: Vec<CityResult>,
    /// In roster order.
    pub units: Vec<UnitResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitResult {
    pub id: String,
    pub name: String,
    pub submitted: Option<Date>,
    pub late: bool,
}

/// Scores every city of the roster and ranks them.
pub fn score(content: &Content) -> Results {
    let mut cities: Vec<CityResult> = content.site.cities.par_iter().map(|c| city::score_city(content, c)).collect();
    rank::assign(&mut cities);
    Results { cities, units: units(content) }
}

/// The units of the roster, when each sent its file and whether late.
fn units(content: &Content) -> Vec<UnitResult> {
    content
        .site
        .units
        .iter()
        .map(|u| {
            let submitted = content.units.get(&u.id).and_then(|s| s.submitted);
            UnitResult {
                id: u.id.clone(),
                name: u.name.clone(),
                submitted,
                late: is_late(submitted, content.site.deadlines.inspection),
            }
        })
        .collect()
}

/// Submitted after the deadline (a file with no date is not late).
pub fn is_late(submitted: Option<Date>, deadline: Date) -> bool {
    submitted.is_some_and(|d| d > deadline)
}

impl Results {
    /// Indexes of `cities` in rank order; equal totals keep roster order.
    pub fn by_rank(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.cities.len()).collect();
        order.sort_by_key(|&i| (self.cities[i].rank, i));
        order
    }
}
