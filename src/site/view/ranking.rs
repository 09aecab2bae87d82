//! One page of the full ranking of a large site (`ranking/N.html`).

use super::overview::{PageLink, pages};
use super::{Common, PAGE_SIZE, Totals};
use crate::content::Content;
use crate::scoring::Results;
use serde::Serialize;

#[derive(Serialize)]
pub struct RankingView {
    pub common: Common,
    pub range: String,
    pub rows: Vec<Totals>,
    pub pages: Vec<PageLink>,
    /// The page shown, counted from 1.
    pub current: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// Page `page` (from 1) of the ranking, cities in rank order.
pub fn build(c: &Content, r: &Results, order: &[usize], page: usize) -> RankingView {
    let all = pages(order.len());
    let start = (page - 1) * PAGE_SIZE;
    let rows =
        order[start..(start + PAGE_SIZE).min(order.len())].iter().map(|&i| Totals::of(c, &r.cities[i])).collect();
    let range = all.get(page - 1).map(|p| p.label.clone()).unwrap_or_default();
    RankingView {
        common: Common::new(c, "../", format!("排名 {range}"), "ranking")
            .described(format!("{}：全省排名{range}，各市总分、折算得分和自评总分。", c.site.title)),
        prev: (page > 1).then(|| format!("{}.html", page - 1)),
        next: (page < all.len()).then(|| format!("{}.html", page + 1)),
        range,
        rows,
        pages: all,
        current: page,
    }
}
