//! Reads a content folder and checks all of it, reporting every problem at
//! once. This and `output` are the only modules that touch the disk; the
//! parsing functions below them take text and return values.

pub mod assessment;
pub mod model;
pub mod read;
pub mod site_file;
pub mod standard_file;
pub mod yaml;

mod files;

pub use files::read_text;
pub use model::*;

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

/// Loads the content folder `dir`; `shown` is how paths appear in messages
/// (the folder as the user named it).
pub fn load(dir: &Path, shown: &str) -> Loaded {
    let mut diags = Vec::new();
    let content = load_all(dir, shown, &mut diags);
    let content = content.filter(|_| !diags.iter().any(Diagnostic::is_error));
    crate::diag::sort(&mut diags);
    Loaded { content, diags }
}

fn load_all(dir: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<Content> {
    let site_path = format!("{shown}/site.yaml");
    let site = files::parse_yaml(&dir.join("site.yaml"), &site_path, diags)
        .and_then(|root| site_file::read(&mut Reader::new(&site_path, diags), &root));
    let units: Option<BTreeSet<String>> = site
        .as_ref()
        .map(|s| s.units.iter().map(|u| u.id.clone()).collect());
    let cities: Option<BTreeSet<String>> = site
        .as_ref()
        .map(|s| s.cities.iter().map(|c| c.id.clone()).collect());

    let standard_path = format!("{shown}/standard.yaml");
    let standard =
        files::parse_yaml(&dir.join("standard.yaml"), &standard_path, diags).and_then(|root| {
            standard_file::read(
                &mut Reader::new(&standard_path, diags),
                &root,
                units.as_ref(),
            )
        });
    let md_path = format!("{shown}/standard.md");
    let standard_md = files::read_text(&dir.join("standard.md"), &md_path)
        .map_err(|e| diags.push(e))
        .ok();

    let city_files = files::list_folder(dir, shown, "cities", cities.as_ref(), "city", diags);
    let unit_files = files::list_folder(dir, shown, "units", units.as_ref(), "unit", diags);

    let mut city_subs = std::collections::BTreeMap::new();
    for (id, path, shown_path) in &city_files {
        let root = files::parse_yaml(path, shown_path, diags);
        if let (Some(root), Some(standard)) = (root, &standard) {
            let author = assessment::Author::City(id);
            if let Some(sub) = assessment::read(
                &mut Reader::new(shown_path, diags),
                &root,
                standard,
                &author,
            ) {
                city_subs.insert(id.clone(), sub);
            }
        }
    }
    let mut unit_subs = std::collections::BTreeMap::new();
    for (id, path, shown_path) in &unit_files {
        let root = files::parse_yaml(path, shown_path, diags);
        if let (Some(root), Some(standard), Some(cities)) = (root, &standard, &cities) {
            let author = assessment::Author::Unit { id, cities };
            if let Some(sub) = assessment::read(
                &mut Reader::new(shown_path, diags),
                &root,
                standard,
                &author,
            ) {
                unit_subs.insert(id.clone(), sub);
            }
        }
    }
    let content = Content {
        site: site?,
        standard: standard?,
        standard_md: standard_md?,
        cities: city_subs,
        units: unit_subs,
    };
    diags.extend(warnings(&content, shown));
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
            Some(d) if d > deadlines.self_assessment => out.push(Diagnostic::warning(
                &path,
                None,
                format!(
                    "{}'s self-assessment was submitted {d}, after the deadline {}",
                    city.name, deadlines.self_assessment
                ),
            )),
            _ => {}
        }
        if sub.is_none() {
            out.push(Diagnostic::warning(
                &path,
                None,
                format!("{} ({}) has no self-assessment file", city.name, city.id),
            ));
        }
        let unassessed: Vec<&str> = c
            .standard
            .items()
            .map(|(_, i)| i.id.as_str())
            .filter(|item| {
                let self_assessed = sub.is_some_and(|s| {
                    s.entries
                        .get(&city.id)
                        .is_some_and(|e| e.contains_key(*item))
                });
                let inspected = c.units.values().any(|u| {
                    u.entries
                        .get(&city.id)
                        .is_some_and(|e| e.contains_key(*item))
                });
                !self_assessed && !inspected
            })
            .collect();
        if !unassessed.is_empty() {
            out.push(Diagnostic::warning(
                &path,
                None,
                format!(
                    "{}: item{} {} {} neither self-assessed nor inspected (a scored item scores 0, a penalty item subtracts nothing)",
                    city.name,
                    if unassessed.len() == 1 { "" } else { "s" },
                    unassessed.join(", "),
                    if unassessed.len() == 1 { "was" } else { "were" }
                ),
            ));
        }
    }
    for unit in &c.site.units {
        let path = format!("{shown}/units/{}.yaml", unit.id);
        match c.units.get(&unit.id).map(|s| s.submitted) {
            None => out.push(Diagnostic::warning(
                &path,
                None,
                format!("{} ({}) has no inspection report file", unit.name, unit.id),
            )),
            Some(Some(d)) if d > deadlines.inspection => out.push(Diagnostic::warning(
                &path,
                None,
                format!(
                    "{}'s inspection report was submitted {d}, after the deadline {}",
                    unit.name, deadlines.inspection
                ),
            )),
            Some(_) => {}
        }
    }
    out
}
