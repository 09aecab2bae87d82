//! Competition ranking: by total, descending; equal totals share a rank and
//! the next rank skips (1, 2, 2, 4).

use super::CityResult;

pub fn assign(cities: &mut [CityResult]) {
    let mut totals: Vec<_> = cities.iter().map(|c| c.total).collect();
    totals.sort_unstable_by(|a, b| b.cmp(a));
    for c in cities.iter_mut() {
        let better = totals.partition_point(|&t| t > c.total);
        c.rank = u32::try_from(better + 1).unwrap_or(u32::MAX);
    }
}
