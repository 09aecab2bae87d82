//! The single-year pipeline that the commands and `serve` share: a
//! content folder loaded (or why it cannot be), then scored. Returns
//! values; only content loading touches the disk.

use crate::diag::{Diagnostic, Exit, Report, shown};
use std::path::Path;

/// Loads the content folder, or says why it cannot.
pub fn load(dir: &Path) -> Result<(crate::content::Content, Vec<Diagnostic>), Report> {
    load_cached(dir, None)
}

/// [`load`] with the cache of earlier reads (`serve`).
pub fn load_cached(
    dir: &Path,
    cache: Option<&mut crate::content::Cache>,
) -> Result<(crate::content::Content, Vec<Diagnostic>), Report> {
    let shown = shown(dir);
    if !dir.is_dir() {
        let d = Diagnostic::error(shown, None, crate::t!("cmd.no-content"));
        return Err(Report::failed(vec![d], Exit::Usage));
    }
    let loaded = crate::content::load(dir, &shown, cache);
    match loaded.content {
        Some(c) => Ok((c, loaded.diags)),
        None => Err(Report::failed(loaded.diags, Exit::Content)),
    }
}

/// What `serve` read and scored last time, to read and score less.
pub struct Earlier<'a> {
    pub cache: &'a mut crate::content::Cache,
    /// The last content read without error, and its results.
    pub scored: Option<(&'a crate::content::Content, &'a crate::scoring::Results)>,
}

/// Loads and scores one year's content (`serve`: with what it read and
/// scored last time); its warnings, with the one that a large site gets no
/// report.html.
pub fn load_scored(
    content: &Path,
    earlier: Option<Earlier>,
) -> Result<(crate::content::Content, crate::scoring::Results, Vec<Diagnostic>), Report> {
    let (cache, scored) = earlier.map_or((None, None), |e| (Some(e.cache), e.scored));
    let (c, mut diags) = load_cached(content, cache)?;
    let results = match scored {
        Some((content, results)) => crate::scoring::rescore(&c, content, results),
        None => crate::scoring::score(&c),
    };
    diags.extend(overridden(&c, &results, &shown(content)));
    let max = crate::site::view::report::MAX_CITIES;
    if results.cities.len() > max {
        let message = crate::t!("report.skipped", cities = results.cities.len(), max = max);
        diags.push(Diagnostic::warning("report.html", None, message));
    }
    Ok((c, results, diags))
}

/// A warning for each city and item where an inspection gives more than
/// the city claimed (an admitted loss the combination rule would otherwise
/// erase unnoticed), at the city's file, in the order of the index's list.
fn overridden(c: &crate::content::Content, results: &crate::scoring::Results, shown: &str) -> Vec<Diagnostic> {
    crate::scoring::overrides::find(c, results)
        .iter()
        .map(|o| {
            let city = &results.cities[o.city];
            let message = crate::t!(
                "check.inspection-over-self",
                city = city.name,
                item = o.item_id,
                claimed = o.shown(o.claimed),
                checked = o.shown(o.checked),
                units = o.by.join("、"),
                gain = o.gain
            );
            Diagnostic::warning(format!("{shown}/cities/{}.yaml", city.id), None, message)
        })
        .collect()
}
