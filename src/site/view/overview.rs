//! The overview of a large site: the distribution of totals, the top and
//! bottom of the ranking, each section's spread, and the ranking's pages.

use super::{PAGE_SIZE, Shared, Totals};
use crate::content::Content;
use crate::decimal::Dec;
use crate::scoring::Results;
use crate::site::charts::{self, Bar, Spread};
use crate::standard::{Section, SectionKind};
use serde::Serialize;

/// How many cities the top and the bottom lists show.
const ENDS: usize = 10;

#[derive(Serialize)]
pub struct Overview {
    pub median: String,
    pub highest: String,
    pub lowest: String,
    pub histogram_svg: String,
    pub histogram: Vec<Bin>,
    pub top: Vec<Totals>,
    pub bottom: Vec<Totals>,
    pub spread_svg: String,
    pub spread: Vec<SpreadRow>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct Bin {
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct SpreadRow {
    pub label: String,
    pub min: String,
    pub mean: String,
    pub max: String,
    pub points: String,
}

#[derive(Serialize)]
pub struct PageLink {
    /// Relative to the site's root.
    pub href: String,
    pub label: String,
}

/// The scored sections with their index in the standard.
pub fn scored_sections(c: &Content) -> Vec<(usize, &Section)> {
    c.standard.sections.iter().enumerate().filter(|(_, s)| matches!(s.kind, SectionKind::Scored { .. })).collect()
}

/// The ranking's pages: `ranking/1.html` for ranks 1–100, and so on.
pub fn pages(cities: usize) -> Vec<PageLink> {
    (0..cities.div_ceil(PAGE_SIZE))
        .map(|p| PageLink {
            href: format!("ranking/{}.html", p + 1),
            label: format!("第{}–{}名", p * PAGE_SIZE + 1, ((p + 1) * PAGE_SIZE).min(cities)),
        })
        .collect()
}

pub fn build(c: &Content, r: &Results, shared: &Shared, order: &[usize]) -> Overview {
    let totals: Vec<Dec> = order.iter().map(|&i| r.cities[i].total).collect();
    let n = totals.len();
    let median = if n == 0 {
        Dec::ZERO
    } else if n % 2 == 1 {
        totals[n / 2]
    } else {
        Dec::mean_half_up(&[totals[n / 2 - 1], totals[n / 2]]).unwrap_or(Dec::ZERO)
    };
    // Bins of 5 points on the 100-point scale; at most 20 bins whatever the
    // standard's total (a huge total must not make a huge chart).
    let width = Dec::from_hundredths(((c.standard.total.hundredths() + 19) / 20).max(500));
    let top_bin = (c.standard.total.hundredths() - 1).max(0) / width.hundredths();
    let bin_of = |t: Dec| (t.hundredths().min(c.standard.total.hundredths() - 1).max(0) / width.hundredths()) as usize;
    let mut counts = vec![0usize; top_bin as usize + 1];
    for t in &totals {
        counts[bin_of(*t)] += 1;
    }
    let lowest_bin = totals.last().map_or(0, |t| bin_of(*t));
    let histogram: Vec<Bin> = (lowest_bin..counts.len())
        .rev()
        .map(|b| {
            let lo = Dec::from_hundredths(b as i64 * width.hundredths());
            let hi = if b + 1 == counts.len() { c.standard.total } else { lo + width };
            Bin { label: format!("{lo}–{hi}"), count: counts[b] }
        })
        .collect();
    // The scale's end: the largest count rounded up to a multiple of 4, so
    // that the quarter marks are whole numbers.
    let most = histogram.iter().map(|b| b.count).max().unwrap_or(1).max(1).div_ceil(4) * 4;
    let bars: Vec<Bar> =
        histogram.iter().map(|b| Bar { label: b.label.clone(), values: vec![Dec::int(b.count as i64)] }).collect();
    let names = super::section_names(c);
    let spread: Vec<(String, Spread)> = scored_sections(c)
        .iter()
        .map(|&(k, s)| {
            let values: Vec<Dec> = r.cities.iter().map(|city| city.sections[k].value).collect();
            let row = Spread {
                label: names[k].clone(),
                min: values.iter().copied().min().unwrap_or(Dec::ZERO),
                mean: shared.section_averages[k],
                max: values.iter().copied().max().unwrap_or(Dec::ZERO),
                points: s.points(),
            };
            (shared.labels[k].clone(), row)
        })
        .collect();
    let end = |range: &[usize]| range.iter().map(|&i| Totals::of(c, &r.cities[i])).collect();
    Overview {
        median: median.to_string(),
        highest: totals.first().copied().unwrap_or(Dec::ZERO).to_string(),
        lowest: totals.last().copied().unwrap_or(Dec::ZERO).to_string(),
        histogram_svg: charts::hbar(&bars, &["城市数".to_string()], Dec::int(most as i64), None),
        histogram,
        top: end(&order[..ENDS.min(n)]),
        bottom: end(&order[n.saturating_sub(ENDS)..]),
        spread_svg: charts::spread(&spread.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>()),
        spread: spread
            .into_iter()
            .map(|(label, s)| SpreadRow {
                label,
                min: s.min.to_string(),
                mean: s.mean.to_string(),
                max: s.max.to_string(),
                points: s.points.to_string(),
            })
            .collect(),
        pages: pages(n),
    }
}
