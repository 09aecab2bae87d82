//! Reading the assessment files in parallel, and the cache that lets
//! `serve` skip the files that did not change since its last rebuild.

use super::read::Reader;
use super::{Site, SourceFile, Sources, Submission, assessment, files};
use crate::diag::Diagnostic;
use crate::standard::Standard;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The files to read and what they are checked against.
pub struct Files<'a> {
    pub cities: &'a [&'a SourceFile],
    pub units: &'a [&'a SourceFile],
    pub standard: Option<&'a Standard>,
    pub roster: Option<&'a BTreeSet<String>>,
}

/// Files read earlier, by path: their text and what reading them gave.
/// Valid while `site.yaml` and `standard.yaml` are unchanged.
#[derive(Default)]
pub struct Cache {
    /// site.yaml and standard.yaml as read last time.
    heads: Option<Heads>,
    files: HashMap<String, Cached>,
    /// What may have changed since the last load, relative to the content
    /// folder; `None`: anything (every file is read).
    changed: Option<Vec<PathBuf>>,
}

impl Cache {
    /// Tells the cache that since the last load only `paths` (relative to
    /// the content folder; a folder for everything under it) may have
    /// changed, as the file events said: the next load takes the others'
    /// text from the cache instead of reading them again. For that load only.
    pub fn only_changed(&mut self, paths: Vec<PathBuf>) {
        self.changed = Some(paths);
    }

    /// site.yaml and standard.yaml parsed from `src`, taken from the cache
    /// where their texts are those of last time (a roster of 3,000 cities
    /// is not parsed again at each save); otherwise parsed by `parse`, kept,
    /// and every cached file forgotten (they were checked against the old).
    pub(super) fn heads(
        &mut self,
        src: &Sources,
        diags: &mut Vec<Diagnostic>,
        parse: impl FnOnce(&mut Vec<Diagnostic>) -> Parsed,
    ) -> Parsed {
        // A file that could not be read (None) is not an empty one.
        let key = (src.shown.as_str(), src.site.as_deref(), src.standard.as_deref());
        if let Some(h) = &self.heads
            && (h.key.0.as_str(), h.key.1.as_deref(), h.key.2.as_deref()) == key
        {
            diags.extend(h.diags.iter().cloned());
            return h.parsed.clone();
        }
        let mut own = Vec::new();
        let parsed = parse(&mut own);
        diags.extend(own.iter().cloned());
        self.files.clear();
        let key = (key.0.to_string(), key.1.map(str::to_string), key.2.map(str::to_string));
        self.heads = Some(Heads { key, parsed: parsed.clone(), diags: own });
        parsed
    }

    /// What may have changed, for this load (and forgotten: the next one
    /// reads every file unless told again).
    pub(super) fn take_changed(&mut self) -> Option<Vec<PathBuf>> {
        self.changed.take()
    }

    /// The text of the file at `rel` (relative to the content folder),
    /// shown as `shown`, as read last time; `None` where it may have
    /// changed since or was not read.
    pub(super) fn unchanged(&self, changed: &[PathBuf], rel: &Path, shown: &str) -> Option<Arc<str>> {
        if changed.iter().any(|c| rel.starts_with(c)) {
            return None;
        }
        self.files.get(shown).map(|(text, _, _)| text.clone())
    }
}

/// site.yaml and standard.yaml, parsed (`None` where they had errors).
pub(super) type Parsed = (Option<Site>, Option<Standard>);

/// site.yaml and standard.yaml as read last time: the folder as shown and
/// their texts, what parsing them gave, and its messages.
struct Heads {
    key: (String, Option<String>, Option<String>),
    parsed: Parsed,
    diags: Vec<Diagnostic>,
}

type Read = (bool, usize, Option<Arc<Submission>>, Vec<Diagnostic>);

/// A file's text, and what reading it gave.
type Cached = (Arc<str>, Option<Arc<Submission>>, Vec<Diagnostic>);

/// Reads each assessment file on its own, in parallel, the largest first
/// (so that a few large unit files do not finish last on one core), or
/// takes it from the cache. Diagnostics are gathered per file and kept in
/// file order. Without a roster the units' files are only checked as YAML.
pub fn read(
    f: &Files,
    cache: Option<&mut Cache>,
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, Arc<Submission>>, BTreeMap<String, Arc<Submission>>) {
    let cached = |file: &SourceFile| {
        let c = cache.as_deref()?;
        let (text, sub, own) = c.files.get(&file.shown)?;
        (Arc::ptr_eq(text, &file.text) || *text == file.text).then(|| (sub.clone(), own.clone()))
    };
    let mut jobs: Vec<(bool, usize, &SourceFile)> = f.cities.iter().enumerate().map(|(i, f)| (false, i, *f)).collect();
    jobs.extend(f.units.iter().enumerate().map(|(i, f)| (true, i, *f)));
    let mut done: Vec<Read> = Vec::new();
    jobs.retain(|&(is_unit, i, file)| match cached(file) {
        Some((sub, own)) => {
            done.push((is_unit, i, sub, own));
            false
        }
        None => true,
    });
    jobs.sort_by_key(|(_, _, f)| std::cmp::Reverse(f.text.len()));
    let fresh: Vec<Read> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|&(is_unit, i, file)| {
            let mut own = Vec::new();
            let sub = files::parse_yaml(&file.text, &file.shown, &mut own)
                .and_then(|root| {
                    let author = if is_unit {
                        assessment::Author::Unit { id: &file.id, cities: f.roster? }
                    } else {
                        assessment::Author::City(&file.id)
                    };
                    assessment::read(
                        &mut Reader::new(&file.shown, &mut own).with_source(&file.text),
                        &root,
                        f.standard?,
                        &author,
                    )
                })
                .map(Arc::new);
            (is_unit, i, sub, own)
        })
        .collect();
    if let Some(c) = cache {
        for (is_unit, i, sub, own) in &fresh {
            let file = if *is_unit { f.units[*i] } else { f.cities[*i] };
            c.files.insert(file.shown.clone(), (file.text.clone(), sub.clone(), own.clone()));
        }
    }
    done.extend(fresh);
    done.sort_by_key(|(is_unit, i, _, _)| (*is_unit, *i));
    let (mut cities, mut units) = (BTreeMap::new(), BTreeMap::new());
    for (is_unit, i, sub, mut own) in done {
        diags.append(&mut own);
        let (file, into) = if is_unit { (f.units[i], &mut units) } else { (f.cities[i], &mut cities) };
        if let Some(sub) = sub {
            into.insert(file.id.clone(), sub);
        }
    }
    (cities, units)
}
