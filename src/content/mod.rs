//! Reads a content folder and checks all of it, reporting every problem at
//! once. This and `output` are the only modules that touch the disk; the
//! parsing functions below them take text and return values.

pub mod assessment;
pub mod attachments;
pub mod dates;
pub mod fields;
pub mod flat;
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
pub use files::MAX_FILE_BYTES;
mod finding;
mod kept;
mod new_year;
mod parallel;
pub mod placeholder;
#[cfg(test)]
mod tests;
mod warnings;

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
/// shown in messages, and its text (shared with `serve`'s cache, so that a
/// file known unchanged is neither copied nor compared).
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub id: String,
    pub shown: String,
    pub text: std::sync::Arc<str>,
}

/// Loads the content folder `dir`; `shown` is how paths appear in messages
/// (the folder as the user named it). A `cache` (serve) skips re-parsing
/// unchanged files, and re-reading those it was told did not change
/// ([`Cache::only_changed`]).
pub fn load(dir: &Path, shown: &str, cache: Option<&mut Cache>) -> Loaded {
    load_in(dir, shown, cache, None)
}

/// Loads the content a publication keeps in `source/` (§13), as [`load`]
/// does a content folder, but for two places: the attachments are the
/// publication's own (`published/attachments/`), and the theme is the one
/// kept in `source/theme/`, wherever site.yaml's `theme:` pointed.
pub fn load_kept(source: &Path, shown: &str, published: &Path) -> Loaded {
    load_in(source, shown, None, Some(published))
}

fn load_in(dir: &Path, shown: &str, mut cache: Option<&mut Cache>, published: Option<&Path>) -> Loaded {
    let mut diags = Vec::new();
    let changed = cache.as_deref_mut().and_then(Cache::take_changed);
    let known = cache.as_deref().zip(changed.as_deref());
    let sources = files::read_sources(dir, shown, &mut diags, known);
    let mut parsed = Vec::new();
    let mut content = parse_all(&sources, &mut parsed, cache);
    // Attachments are checked on disk also where the files have other
    // errors, so that every problem is reported at once.
    if let Some(c) = &mut content {
        c.attachments = attachments::check(published.unwrap_or(dir), shown, c, &mut parsed);
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
    let mut theme_files = Vec::new();
    if let Some(c) = &mut content
        && let Some((theme_dir, shown_theme)) = kept::theme_folder(dir, shown, c.site.theme.as_deref(), published)
    {
        match theme::Theme::read_files(&theme_dir, &shown_theme, &format!("{shown}/site.yaml")) {
            Ok((t, files)) => (c.theme, theme_files) = (t, files),
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
    if let Some(c) = &mut content {
        c.provenance.source = kept::source(&sources, theme_files);
    }
    crate::diag::sort(&mut diags);
    Loaded { content, diags }
}

/// The theme the content folder `dir`'s site.yaml names (the built-in one
/// if it names none), read as [`load`] reads it but without the rest of
/// the content: for a year of an archive whose output is kept (issue 26).
/// `None` where it cannot be read so.
pub fn theme(dir: &Path, shown: &str) -> Option<theme::Theme> {
    let path = format!("{shown}/site.yaml");
    let text = read_text(&dir.join("site.yaml"), &path).ok()?;
    let mut diags = Vec::new();
    let root = parse_yaml(&text, &path, &mut diags)?;
    let site = site_file::read(&mut Reader::new(&path, &mut diags), &root)?;
    match kept::theme_folder(dir, shown, site.theme.as_deref(), None) {
        None => Some(theme::Theme::builtin()),
        Some((folder, shown_theme)) => theme::Theme::read(&folder, &shown_theme, &path).ok(),
    }
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

/// The ids of a roster.
fn ids(members: &[Member]) -> BTreeSet<String> {
    members.iter().map(|m| m.id.clone()).collect()
}

/// Parses site.yaml and standard.yaml (the standard's assessors checked
/// against the site's units).
fn parse_heads(src: &Sources, diags: &mut Vec<Diagnostic>) -> parallel::Parsed {
    let shown = src.shown.as_str();
    let site_path = format!("{shown}/site.yaml");
    let site = src
        .site
        .as_deref()
        .and_then(|text| files::parse_yaml(text, &site_path, diags))
        .and_then(|root| site_file::read(&mut Reader::new(&site_path, diags), &root));
    let units = site.as_ref().map(|s| ids(&s.units));
    let standard_path = format!("{shown}/standard.yaml");
    let standard = src
        .standard
        .as_deref()
        .and_then(|text| files::parse_yaml(text, &standard_path, diags))
        .and_then(|root| standard_file::read(&mut Reader::new(&standard_path, diags), &root, units.as_ref()));
    (site, standard)
}

fn parse_all(src: &Sources, diags: &mut Vec<Diagnostic>, mut cache: Option<&mut Cache>) -> Option<Content> {
    let shown = src.shown.as_str();
    let (site, standard) = match cache.as_deref_mut() {
        Some(c) => c.heads(src, diags, |d| parse_heads(src, d)),
        None => parse_heads(src, diags),
    };
    let units = site.as_ref().map(|s| ids(&s.units));
    let cities = site.as_ref().map(|s| ids(&s.cities));

    let members = |f: fn(&Site) -> &[Member]| site.as_ref().map_or(&[][..], f);
    let city_files = files::on_roster(&src.cities, cities.as_ref(), members(|s| &s.cities), "city", diags);
    let unit_files = files::on_roster(&src.units, units.as_ref(), members(|s| &s.units), "unit", diags);
    let files = parallel::Files {
        cities: &city_files,
        units: &unit_files,
        standard: standard.as_ref(),
        roster: cities.as_ref(),
    };
    let (city_subs, unit_subs) = parallel::read(&files, cache, diags);
    let content = Content {
        site: site?,
        standard: standard?,
        standard_md: src.standard_md.clone()?,
        cities: city_subs,
        units: unit_subs,
        theme: theme::Theme::builtin(),
        attachments: std::collections::BTreeMap::new(),
        provenance: Provenance::default(),
    };
    // Warnings speak of the whole content; with errors it is incomplete.
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(warnings::of(&content, shown));
        diags.extend(new_year::warnings(&content, src));
    }
    Some(content)
}
