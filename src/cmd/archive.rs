//! `check` and `build` of an archive of years (a folder with archive.yaml):
//! one year after another through the single-year pipeline (load, score,
//! render), each year's content dropped before the next is read, so an
//! archive needs the memory of one year plus its small history. Every year
//! is checked even after an error; on any error nothing is written.

use super::build::Built;
use super::{Exit, Report};
use crate::archive::{self, history, view};
use crate::diag::Diagnostic;
use crate::output::Target;
use crate::site::{OutFile, Renderer};
use rayon::prelude::*;
use std::path::Path;

/// Checks the archive in `dir` and, with a `target`, writes its site.
pub fn run(dir: &Path, target: Option<&Target>) -> Result<Built, Report> {
    let shown = super::shown(dir);
    let path = format!("{shown}/{}", archive::FILE);
    let mut diags = Vec::new();
    let file = archive::read(dir, &shown, &mut diags);
    let Some(file) = file else { return Err(failed(diags)) };
    let errors = |d: &[Diagnostic]| d.iter().any(Diagnostic::is_error);
    let staging = match target {
        Some(t) if !errors(&diags) => Some(t.begin(true).map_err(|d| failed(vec![d]))?),
        _ => None,
    };
    // The archive's SHA256SUMS lists every file, the years' included.
    let sums = crate::record::sums::Sums::default();
    let mut rosters = archive::Rosters::new();
    let mut years = Vec::new();
    let mut files = 0;
    let mut latest = None;
    for y in &file.years {
        let ydir = dir.join(&y.content);
        if !ydir.is_dir() {
            rosters.push(None);
            continue;
        }
        let loaded = crate::content::load(&ydir, &format!("{shown}/{}", y.content), None);
        diags.extend(loaded.diags);
        let Some(c) = loaded.content else {
            rosters.push(None);
            continue;
        };
        rosters.push(Some(c.site.cities.iter().map(|m| m.id.clone()).collect()));
        if c.site.year != y.year {
            let site = format!("{shown}/{}/site.yaml", y.content);
            let message = t_year_differs(y.year, &site, c.site.year);
            diags.push(Diagnostic::error(&path, Some(y.year_pos), message));
        }
        if errors(&diags) {
            continue;
        }
        let results = crate::scoring::score(&c);
        if let Some(st) = &staging {
            let prefix = y.year.to_string();
            let attachments = |p: &str| crate::content::attachments::read(&ydir, p);
            let sink = |f: OutFile| st.write(&format!("{prefix}/{}", f.path), &f.bytes);
            files += crate::site::render_year(&c, &results, &attachments, (&sums, &prefix), &sink)
                .map_err(|d| failed(vec![d]))?;
        }
        years.push(history::summarize(&c, &results));
        latest =
            Some((c.theme.clone(), c.site.theme.as_ref().map(|t| ydir.join(t)), c.site.units.len(), c.site.sample));
    }
    diags.extend(archive::check_renames(&file, &path, &rosters));
    crate::diag::sort(&mut diags);
    if errors(&diags) {
        diags.retain(Diagnostic::is_error);
        return Err(failed(diags));
    }
    let Some((theme, theme_dir, units, sample)) = latest else { return Err(failed(diags)) };
    let renames: Vec<(String, String)> = file.renamed.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
    let h = history::compute(&file.title, years, &renames);
    let cities = h.years.last().map_or(0, |y| y.cities);
    if let Some(st) = staging {
        let marking = file.marking.as_deref();
        let frame = view::Frame { title: &file.title, marking, sample };
        // The archive's own pages show the fingerprint of history.json.
        let json = archive::data::json(&h);
        let fingerprint = crate::record::fingerprint::of(&json);
        let r = Renderer::with_theme(&theme, marking, sample, &fingerprint).map_err(|d| failed(vec![d]))?;
        let write = |path: &str, bytes: &[u8]| {
            let _ = sums.add(path, bytes);
            st.write(path, bytes)
        };
        files += write_pages(&r, &frame, &h, json, &write).map_err(|d| failed(vec![d]))?;
        st.write(crate::record::sums::NAME, sums.text().as_bytes()).map_err(|d| failed(vec![d]))?;
        files += 1;
        st.finish().map_err(|d| failed(vec![d]))?;
    }
    Ok(Built { cities, units, files, theme: theme_dir, diags, years: Some(h.years.len()) })
}

fn t_year_differs(year: u16, site: &str, site_year: u16) -> String {
    crate::t!("archive.year-differs", year = year, site = site, site_year = site_year)
}

fn failed(diags: Vec<Diagnostic>) -> Report {
    Report::failed(diags, Exit::Content)
}

/// The archive's own files: index.html, cities/<id>.html, history.json
/// and history.csv. Returns how many.
/// Writes one file of the archive's own (and adds it to its SHA256SUMS).
type Write<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync);

fn write_pages(
    r: &Renderer,
    frame: &view::Frame,
    h: &history::History,
    json: Vec<u8>,
    st: Write,
) -> Result<usize, Diagnostic> {
    st("history.json", &json)?;
    st("history.csv", &archive::data::csv(h))?;
    let index = r.page("archive_index.html", "index.html".into(), &view::index(frame, h))?;
    st(&index.path, &index.bytes)?;
    h.cities
        .par_iter()
        .map(|c| {
            let page: OutFile =
                r.page("archive_city.html", format!("cities/{}.html", c.id), &view::city(frame, h, c))?;
            st(&page.path, &page.bytes)
        })
        .collect::<Result<Vec<()>, _>>()?;
    Ok(3 + h.cities.len())
}
