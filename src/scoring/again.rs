//! Scoring again after a save (`serve`): a city whose inputs are the very
//! values scored last time keeps its result, the others are scored, and all
//! are ranked again. "The very values": the same `Arc`s, which the content
//! cache hands out again for files that did not change, so nothing is
//! compared but pointers. The results are those of [`score`] (tested).

use super::{CityResult, Results, city, rank, score, units};
use crate::content::{Content, Submission};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Scores `content`, taking from `before` (the results of `earlier`) the
/// cities whose own file and every unit file speaking of them are unchanged.
pub fn rescore(content: &Content, earlier: &Content, before: &Results) -> Results {
    let (now, then) = (&content.site, &earlier.site);
    // What every city's score reads besides the files: the standard, the
    // units in order, the weight and the deadlines.
    if content.standard != earlier.standard
        || now.units != then.units
        || now.weight != then.weight
        || now.deadlines != then.deadlines
    {
        return score(content);
    }
    // Every version, old and new, of a unit's file that changed: the cities
    // it speaks of in either are scored again.
    let mut changed: Vec<&Submission> = Vec::new();
    for id in earlier.units.keys().chain(content.units.keys()) {
        let (old, new) = (earlier.units.get(id), content.units.get(id));
        if !same(old, new) {
            changed.extend(old.map(|s| &**s).into_iter().chain(new.map(|s| &**s)));
        }
    }
    let at: BTreeMap<&str, &CityResult> = before.cities.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut cities: Vec<CityResult> = now
        .cities
        .par_iter()
        .map(|m| match at.get(m.id.as_str()) {
            Some(kept)
                if kept.name == m.name
                    && same(earlier.cities.get(&m.id), content.cities.get(&m.id))
                    && !changed.iter().any(|u| u.entries.contains_key(&m.id)) =>
            {
                (*kept).clone()
            }
            _ => city::score_city(content, m),
        })
        .collect();
    rank::assign(&mut cities);
    Results { cities, units: units(content) }
}

/// The same file read once: both absent, or the same value.
fn same(a: Option<&Arc<Submission>>, b: Option<&Arc<Submission>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Cache, Sources, parse_cached};

    /// Reads `base`, then `changed` with the cache of the first read, and
    /// checks that scoring again gives what scoring does; how many cities
    /// kept their result.
    fn kept(base: &Sources, changed: &Sources) -> usize {
        let mut cache = Cache::default();
        let earlier = parse_cached(base, Some(&mut cache)).content.unwrap();
        let content = parse_cached(changed, Some(&mut cache)).content.unwrap();
        let before = score(&earlier);
        let again = rescore(&content, &earlier, &before);
        let fresh = score(&content);
        assert_eq!(again.cities, fresh.cities);
        assert_eq!(again.units, fresh.units);
        let old: BTreeMap<&str, &CityResult> = before.cities.iter().map(|c| (c.id.as_str(), c)).collect();
        again.cities.iter().filter(|c| old.get(c.id.as_str()).is_some_and(|o| Arc::ptr_eq(&o.items, &c.items))).count()
    }

    #[test]
    fn only_the_cities_a_change_touches_are_scored_again() {
        let base = crate::synthetic::sources(40, 7);
        let other = crate::synthetic::sources(40, 8);
        assert_eq!(kept(&base, &base), 40);
        // One city's file changed: that city only.
        let mut s = base.clone();
        s.cities[3].text = other.cities[3].text.clone();
        assert_eq!(kept(&base, &s), 39);
        // One city's file removed: that city, now unassessed by itself.
        let mut s = base.clone();
        s.cities.remove(5);
        assert_eq!(kept(&base, &s), 39);
        // A unit's file changed or removed: every city it inspects.
        let mut s = base.clone();
        let police = s.units.iter().position(|u| u.id == "police").unwrap();
        s.units[police].text = other.units[police].text.clone();
        assert!(kept(&base, &s) < 40);
        s.units.remove(police);
        kept(&base, &s);
        // The weight, in site.yaml: everything (the cache starts again too).
        let mut s = base.clone();
        s.site = s.site.map(|t| t.replace("weight: 14", "weight: 12"));
        assert_eq!(kept(&base, &s), 0);
    }
}
