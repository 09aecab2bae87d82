//! Reads a content folder and checks all of it, reporting every problem at
//! once. This and `output` are the only modules that touch the disk; the
//! parsing functions below them take text and return values.

pub mod assessment;
pub mod attachments;
pub mod dates;
pub mod fields;
pub mod hints;
pub mod model;
pub mod read;
pub mod site_file;
pub mod standard_file;
mod standard_rules;
pub mod theme;
pub mod values;
pub mod yaml;

mod files;
mod finding;
mod new_year;
mod parallel;
mod placeholder;
#[cfg(test)]
mod tests;

pub use files::{parse_yaml, read_text};
pub use model::*;
pub use parallel::Cache;

use crate::diag::Diagnostic;
use read::Reader;
use std::collections::BTreeSet;
use std::path::Path;

/// The outcome of loading: the content when there was no error, and every
/// error and warning found.
pub struct Loaded {
    pub content: Option<Content>,
    pub diags: Vec<Diagnostic>,
}

/// The text of every file of a content folder, read but not yet parsed.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The folder as shown in messages (`content`).
    pub shown: String,
    pub site: Option<String>,
    pub standard: Option<String>,
    pub standard_md: Option<String>,
    pub cities: Vec<SourceFile>,
    pub units: Vec<SourceFile>,
}

/// One `cities/` or `units/` file: its id (the file stem), its path as
/// shown in messages, and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub id: String,
    pub shown: String,
    pub text: String,
}

/// Loads the content folder `dir`; `shown` is how paths appear in messages
/// (the folder as the user named it). A `cache` (serve) skips re-parsing
/// unchanged files, and re-reading those it was told did not change
/// ([`Cache::only_changed`]).
pub fn load(dir: &Path, shown: &str, mut cache: Option<&mut Cache>) -> Loaded {
    let mut diags = Vec::new();
    let changed = cache.as_deref_mut().and_then(Cache::take_changed);
    let known = cache.as_deref().zip(changed.as_deref());
    let sources = files::read_sources(dir, shown, &mut diags, known);
    let mut parsed = Vec::new();
    let mut content = parse_all(&sources, &mut parsed, cache);
    // Attachments are checked on disk also where the files have other
    // errors, so that every problem is reported at once.
    if let Some(c) = &mut content {
        c.attachments = attachments::check(dir, shown, c, &mut parsed);
    }
    if parsed.iter().any(Diagnostic::is_error) {
        parsed.retain(Diagnostic::is_error);
    }
    let mut loaded = filtered(content, parsed);
    if diags.iter().any(Diagnostic::is_error) {
        // A file that could not be read is missing from what was parsed:
        // warnings about missing files and items would mislead.
        loaded.diags.retain(Diagnostic::is_error);
    }
    let mut content = loaded.content;
    if let Some(c) = &mut content
        && let Some(theme) = &c.site.theme
    {
        let shown_theme = format!("{shown}/{theme}");
        match theme::Theme::read(&dir.join(theme), &shown_theme, &format!("{shown}/site.yaml")) {
            Ok(t) => c.theme = t,
            Err(e) => {
                // As with any error, the content's warnings are not shown.
                loaded.diags.retain(Diagnostic::is_error);
                diags.push(e);
            }
        }
    }
    diags.append(&mut loaded.diags);
    if diags.iter().any(Diagnostic::is_error) {
        content = None;
    }
    crate::diag::sort(&mut diags);
    Loaded { content, diags }
}

/// Reads the files of a content folder without parsing them (for the
/// benchmarks, which time reading and parsing apart).
pub fn files_for_bench(dir: &Path, diags: &mut Vec<Diagnostic>) -> Sources {
    files::read_sources(dir, &dir.to_string_lossy(), diags, None)
}

/// Parses and checks the files of a content folder: pure, no disk.
pub fn parse(src: &Sources) -> Loaded {
    parse_cached(src, None)
}

/// [`parse`], reusing the files that `cache` holds unchanged from an
/// earlier run (for `serve`), and keeping this run's in it.
pub fn parse_cached(src: &Sources, cache: Option<&mut Cache>) -> Loaded {
    let mut diags = Vec::new();
    let content = parse_all(src, &mut diags, cache);
    filtered(content, diags)
}

/// No content where there are errors; diagnostics in order.
fn filtered(content: Option<Content>, mut diags: Vec<Diagnostic>) -> Loaded {
    let content = content.filter(|_| !diags.iter().any(Diagnostic::is_error));
    crate::diag::sort(&mut diags);
    Loaded { content, diags }
}

fn parse_all(src: &Sources, diags: &mut Vec<Diagnostic>, cache: Option<&mut Cache>) -> Option<Content> {
    let shown = src.shown.as_str();
    let site_path = format!("{shown}/site.yaml");
    let site = src
        .site
        .as_deref()
        .and_then(|text| files::parse_yaml(text, &site_path, diags))
        .and_then(|root| site_file::read(&mut Reader::new(&site_path, diags), &root));
    let ids = |members: &[Member]| members.iter().map(|m| m.id.clone()).collect::<BTreeSet<_>>();
    let units = site.as_ref().map(|s| ids(&s.units));
    let cities = site.as_ref().map(|s| ids(&s.cities));

    let standard_path = format!("{shown}/standard.yaml");
    let standard = src
        .standard
        .as_deref()
        .and_then(|text| files::parse_yaml(text, &standard_path, diags))
        .and_then(|root| standard_file::read(&mut Reader::new(&standard_path, diags), &root, units.as_ref()));

    let members = |f: fn(&Site) -> &[Member]| site.as_ref().map_or(&[][..], f);
    let city_files = files::on_roster(&src.cities, cities.as_ref(), members(|s| &s.cities), "city", diags);
    let unit_files = files::on_roster(&src.units, units.as_ref(), members(|s| &s.units), "unit", diags);
    let files = parallel::Files {
        cities: &city_files,
        units: &unit_files,
        standard: standard.as_ref(),
        roster: cities.as_ref(),
    };
    let (city_subs, unit_subs) = parallel::read(&files, src, cache, diags);
    let content = Content {
        site: site?,
        standard: standard?,
        standard_md: src.standard_md.clone()?,
        cities: city_subs,
        units: unit_subs,
        theme: theme::Theme::builtin(),
        attachments: std::collections::BTreeMap::new(),
    };
    // Warnings speak of the whole content; with errors it is incomplete.
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(warnings(&content, shown));
        diags.extend(new_year::warnings(&content, src));
    }
    Some(content)
}

/// Late submissions, missing files and items nobody assessed.
fn warnings(c: &Content, shown: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let deadlines = c.site.deadlines;
    for city in &c.site.cities {
        let path = format!("{shown}/cities/{}.yaml", city.id);
        let sub = c.cities.get(&city.id);
        match sub.and_then(|s| s.submitted) {
            Some(d) if let Some(odd) = odd_date(d, c.site.year, deadlines.self_assessment) => {
                out.push(Diagnostic::warning(&path, None, odd));
            }
            Some(d) if d > deadlines.self_assessment => out.push(Diagnostic::warning(
                &path,
                None,
                crate::t!("warn.city-late", name = city.name, date = d, deadline = deadlines.self_assessment),
            )),
            _ => {}
        }
        if sub.is_none() {
            out.push(Diagnostic::warning(&path, None, crate::t!("warn.no-city-file", name = city.name, id = city.id)));
        }
        // What the city and the units wrote of this city, looked up once
        // (not once per item: 3,000 cities × 80 items × the units).
        let own = sub.and_then(|s| s.entries.get(&city.id));
        let inspected: Vec<_> = c.units.values().filter_map(|u| u.entries.get(&city.id)).collect();
        let unassessed: Vec<&str> = c
            .standard
            .items()
            .map(|(_, i)| i.id.as_str())
            .filter(|item| {
                !own.is_some_and(|e| e.contains_key(*item)) && !inspected.iter().any(|e| e.contains_key(*item))
            })
            .collect();
        if !unassessed.is_empty() {
            out.push(Diagnostic::warning(
                &path,
                None,
                if unassessed.len() == 1 {
                    crate::t!("warn.unassessed-one", name = city.name, items = unassessed[0])
                } else {
                    crate::t!("warn.unassessed", name = city.name, items = unassessed.join(&crate::t!("list.sep")))
                },
            ));
        }
    }
    for unit in &c.site.units {
        let path = format!("{shown}/units/{}.yaml", unit.id);
        match c.units.get(&unit.id).map(|s| s.submitted) {
            None => out.push(Diagnostic::warning(
                &path,
                None,
                crate::t!("warn.no-unit-file", name = unit.name, id = unit.id),
            )),
            Some(Some(d)) if let Some(odd) = odd_date(d, c.site.year, deadlines.inspection) => {
                out.push(Diagnostic::warning(&path, None, odd));
            }
            Some(Some(d)) if d > deadlines.inspection => out.push(Diagnostic::warning(
                &path,
                None,
                crate::t!("warn.unit-late", name = unit.name, date = d, deadline = deadlines.inspection),
            )),
            Some(_) => {}
        }
        if let Some(sub) = c.units.get(&unit.id)
            && looks_blank(&c.standard, sub)
        {
            out.push(Diagnostic::warning(&path, None, crate::t!("warn.blank-unit", name = unit.name)));
        }
    }
    out
}

/// Why a `submitted` date looks mistyped: before the assessment year, or
/// more than a year after the deadline (a wrong year, most likely).
fn odd_date(d: read::Date, year: u16, deadline: read::Date) -> Option<String> {
    let year_after = read::Date { year: deadline.year.saturating_add(1), ..deadline };
    if d.year < year {
        Some(crate::t!("warn.date-before-year", date = d, year = year))
    } else if d > year_after {
        Some(crate::t!("warn.date-long-after", date = d, deadline = deadline))
    } else {
        None
    }
}

/// A unit's file as `kaoping forms` made it: no report, no finding, no
/// note, no evidence, every award item at its full points.
fn looks_blank(standard: &crate::standard::Standard, sub: &Submission) -> bool {
    !sub.entries.is_empty()
        && sub.report.trim().is_empty()
        && sub.entries.values().flat_map(|items| items.iter()).all(|(id, e)| {
            let untouched = match &e.assessed {
                Assessed::Findings(f) => f.is_empty(),
                Assessed::Score(s) => standard.item(id).is_some_and(|i| i.max == *s),
            };
            untouched && e.note.is_none() && e.evidence.is_empty()
        })
}
