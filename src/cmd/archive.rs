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
    // Years are independent: the next year is read while this one is
    // scored and rendered, so that neither core waits on the other's
    // single-threaded steps. At most two years are held at once.
    let load = |i: usize| file.years.get(i).map(|y| load_year(dir, &shown, &y.content));
    let mut next = load(0);
    for (i, y) in file.years.iter().enumerate() {
        let this = next.take();
        let ydir = dir.join(&y.content);
        let mut loaded = None;
        if let Some(Some(l)) = this {
            diags.extend(l.diags);
            loaded = l.content;
        }
        let Some(c) = loaded else {
            rosters.push(None);
            next = load(i + 1);
            continue;
        };
        rosters.push(Some(c.site.cities.iter().map(|m| m.id.clone()).collect()));
        if c.site.year != y.year {
            let site = format!("{shown}/{}/site.yaml", y.content);
            let message = t_year_differs(y.year, &site, c.site.year);
            diags.push(Diagnostic::error(&path, Some(y.year_pos), message));
        }
        if errors(&diags) {
            drop(c);
            next = load(i + 1);
            continue;
        }
        let render = || -> Result<(history::YearResults, usize), Report> {
            let results = crate::scoring::score(&c);
            let mut made = 0;
            if let Some(st) = &staging {
                let prefix = y.year.to_string();
                let attachments = |p: &str| crate::content::attachments::read(&ydir, p);
                let sink = |f: OutFile| st.write(&format!("{prefix}/{}", f.path), &f.bytes);
                made = crate::site::render_year(&c, &results, &attachments, (&sums, &prefix), &sink)
                    .map_err(|d| failed(vec![d]))?;
            }
            Ok((history::summarize(&c, &results), made))
        };
        let (done, read) = rayon::join(render, || load(i + 1));
        next = read;
        let (summary, made) = done?;
        files += made;
        years.push(summary);
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

/// A year's folder read and checked, or `None` when it is missing (the
/// archive file's check reports that).
struct Loaded {
    diags: Vec<Diagnostic>,
    content: Option<crate::content::Content>,
}

fn load_year(dir: &Path, shown: &str, folder: &str) -> Option<Loaded> {
    let ydir = dir.join(folder);
    if !ydir.is_dir() {
        return None;
    }
    let loaded = crate::content::load(&ydir, &format!("{shown}/{folder}"), None);
    Some(Loaded { diags: loaded.diags, content: loaded.content })
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
