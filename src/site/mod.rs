//! Pure rendering of the output files: the HTML pages through the theme's
//! Tera templates, the charts, and the results data.

pub mod charts;
pub mod corrections;
pub mod data;
pub mod jobs;
pub mod markdown;
pub mod standard_data;
pub mod template_error;
pub mod view;

use crate::content::Content;
use crate::diag::Diagnostic;
use crate::record::sums::Sums;
use crate::scoring::Results;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

pub use jobs::{Attachments, Job, Site};

use crate::output::OutFile;

/// The theme's templates, compiled once, with the stylesheet and the
/// print rules in the global context of every page.
pub struct Renderer {
    tera: Tera,
    /// Template name → path shown in messages.
    shown: Vec<(String, String)>,
}

impl Renderer {
    /// Compiles the content's theme; a template error names its files.
    /// `fingerprint` is the data fingerprint every page shows.
    pub fn new(content: &Content, fingerprint: &str) -> Result<Renderer, Diagnostic> {
        let mut r =
            Renderer::with_theme(&content.theme, content.site.marking.as_deref(), content.site.sample, fingerprint)?;
        r.signed_by(content.provenance.signer.as_deref());
        Ok(r)
    }

    /// The key id the publication is signed with at build (report.html and
    /// the archive's index say so), or none.
    pub fn signed_by(&mut self, key_id: Option<&str>) {
        self.tera.global_context().insert("signed_by", &key_id);
    }

    /// Compiles `theme`, with the print rules of `marking` and `sample`, and
    /// the data `fingerprint` every page shows.
    pub fn with_theme(
        theme: &crate::content::theme::Theme,
        marking: Option<&str>,
        sample: bool,
        fingerprint: &str,
    ) -> Result<Renderer, Diagnostic> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        let templates = theme.templates.iter().map(|(name, _, text)| (name.as_str(), text.as_str()));
        tera.add_raw_templates(templates).map_err(|e| {
            let said = template_error::said(&e);
            match theme.templates.iter().find(|(n, _, _)| Some(n) == said.template.as_ref()) {
                Some((_, shown, _)) => {
                    Diagnostic::error(shown, said.pos, crate::t!("site.template-broken", why = said.why))
                }
                None => {
                    let shown = theme.templates.iter().map(|(_, s, _)| s.as_str()).collect::<Vec<_>>().join(", ");
                    Diagnostic::error("", None, crate::t!("site.templates-broken", files = shown, why = said.why))
                }
            }
        })?;
        tera.global_context().insert("css", &theme.css);
        tera.global_context().insert("print_css", &view::print_css(marking, sample, fingerprint));
        tera.global_context().insert("fingerprint", fingerprint);
        tera.global_context().insert("fingerprint_label", crate::record::fingerprint::LABEL);
        // A year of an archive links back to it (see `render_year`).
        tera.global_context().insert("archive", &false);
        tera.global_context().insert("signed_by", &None::<&str>);
        let shown = theme.templates.iter().map(|(n, s, _)| (n.clone(), s.clone())).collect();
        Ok(Renderer { tera, shown })
    }

    /// One city's page (for the benchmarks).
    pub fn city_page(
        &self,
        content: &Content,
        results: &Results,
        shared: &view::Shared,
        city: &crate::scoring::CityResult,
    ) -> Result<OutFile, Diagnostic> {
        let v = view::city::build(content, results, shared, city);
        self.page("city.html", format!("cities/{}.html", city.id), &v)
    }

    /// `report.html`: every city's scorecard (`city_body.html`) inside
    /// the report (`report.html`).
    pub fn report(&self, content: &Content, results: &Results, shared: &view::Shared) -> Result<OutFile, Diagnostic> {
        let cities = results
            .cities
            .iter()
            .map(|city| {
                let mut v = view::city::build(content, results, shared, city);
                v.anchor = format!("{}-", view::report::anchor(&city.id));
                v.standalone = true;
                let body = self.page("city_body.html", "report.html".into(), &v)?;
                let html = String::from_utf8(body.bytes).unwrap_or_default();
                Ok(view::report::CityPart { anchor: view::report::anchor(&city.id), name: city.name.clone(), html })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        self.page("report.html", "report.html".into(), &view::report::build(content, results, shared, cities))
    }

    /// Renders `template` with `view` into the file `path`.
    pub fn page<T: Serialize>(&self, template: &str, path: String, view: &T) -> Result<OutFile, Diagnostic> {
        let shown = self.shown.iter().find(|(n, _)| n == template).map_or(template, |(_, s)| s.as_str());
        let fail = |e: tera::Error| {
            let said = template_error::said(&e);
            // The template Tera names (a page's parent, an included part), where it is the theme's.
            let named = said.template.as_deref().and_then(|t| self.shown.iter().find(|(n, _)| n == t));
            let (file, pos) = named.map_or((shown, None), |(_, s)| (s.as_str(), said.pos));
            Diagnostic::error(file, pos, crate::t!("site.cannot-render", path = path, why = said.why))
        };
        let context = Context::from_serialize(view).map_err(fail)?;
        // Rendered into bytes: `render` would check the whole page is
        // UTF-8 again (3 % of a 3,000-city build), and Tera writes only
        // `&str`s. The capacity is about a city page's, to grow it less.
        let mut bytes = Vec::with_capacity(48 * 1024);
        self.tera.render_to(template, &context, &mut bytes).map_err(fail)?;
        Ok(OutFile { path, bytes })
    }
}

/// Tera's HTML escaping with the same output (`&amp; &lt; &gt; &quot;
/// &#39;`), written a run of plain bytes at a time instead of one byte per
/// call: escaping was a sixth of the time spent rendering a city page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

/// Makes every file of the site in parallel and hands each to `sink` as
/// soon as it is made (so the site is never held in memory as a whole),
/// `SHA256SUMS` of all of them last. Returns the number of files; on
/// errors, the first in site order.
pub fn render_each(
    content: &Content,
    results: &Results,
    attachments: Attachments,
    sink: &(dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostic> {
    render_with(content, results, attachments, None, sink)
}

/// [`render_each`] for a year of an archive: the same files, each page
/// with a link back to the archive's index one folder up. Each file's hash
/// also goes into the archive's list, `archive`, under `<folder>/<path>`
/// (every file is hashed once).
pub fn render_year(
    content: &Content,
    results: &Results,
    attachments: Attachments,
    archive: (&Sums, &str),
    sink: &(dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostic> {
    render_with(content, results, attachments, Some(archive), sink)
}

fn render_with(
    content: &Content,
    results: &Results,
    attachments: Attachments,
    archive: Option<(&Sums, &str)>,
    sink: &(dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostic> {
    let site = Site::new(content, results, attachments, archive.is_some())?;
    make_all(&site, archive, sink)
}

/// Makes every file of `site` in parallel (see [`render_each`]), each
/// hash also noted in `archive` under `<folder>/` when the site is a year
/// of an archive. `build` and `serve` (for `SHA256SUMS`) both use it.
pub fn make_all(
    site: &Site,
    archive: Option<(&Sums, &str)>,
    sink: &(dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostic> {
    let sums = Sums::default();
    let note = |job: Job, file: &OutFile| {
        // results.json was hashed for the fingerprint already.
        let hash = match job {
            Job::Json => sums.add_hashed(&file.path, site.prepared.json_sha256()),
            _ => sums.add(&file.path, &file.bytes),
        };
        if let (Some(hash), Some((outer, folder))) = (hash, archive) {
            outer.insert(&format!("{folder}/{}", file.path), hash);
        }
    };
    let jobs = site.jobs();
    let done: Vec<Result<(), Diagnostic>> = jobs
        .par_iter()
        .with_max_len(1)
        .map(|&job| {
            let file = site.make(job)?;
            note(job, &file);
            sink(file)
        })
        .collect();
    done.into_iter().collect::<Result<Vec<()>, _>>()?;
    let checksums = sums.text();
    if let Some((outer, folder)) = archive {
        let path = crate::record::sums::NAME;
        outer.insert(&format!("{folder}/{path}"), crate::record::sha256_hex(checksums.as_bytes()));
    }
    sink(OutFile { path: crate::record::sums::NAME.into(), bytes: checksums.into_bytes() })?;
    Ok(jobs.len() + 1)
}

/// Every file of the site, in site order (index, standard, cities, units,
/// data), held in memory: for tests and small sites.
pub fn render(content: &Content, results: &Results, attachments: Attachments) -> Result<Vec<OutFile>, Diagnostic> {
    let files = std::sync::Mutex::new(Vec::new());
    render_each(content, results, attachments, &|f| {
        files.lock().map_err(|_| Diagnostic::error("", None, crate::t!("site.render-failed")))?.push(f);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_default();
    let rank = |p: &str| match p {
        "index.html" => 0,
        "standard.html" => 1,
        p if p.starts_with("cities/") => 2,
        p if p.starts_with("units/") => 3,
        p if p.starts_with("ranking/") => 4,
        _ => 5,
    };
    files.sort_by(|a, b| (rank(&a.path), &a.path).cmp(&(rank(&b.path), &b.path)));
    Ok(files)
}

#[cfg(test)]
mod tests {
    fn escaped(f: tera::EscapeFn, s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        f(s, &mut out).unwrap();
        out
    }

    #[test]
    fn escaping_matches_teras_own() {
        for s in ["", "plain", "a&b<c>d\"e'f", "&&", "<", "市'县\"区&<>", "end>"] {
            assert_eq!(escaped(super::escape_html, s), escaped(tera::escape_html, s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_matches_teras_own_on_any_text(s in "[a-z<>&\"'市 ]{0,40}") {
            proptest::prop_assert_eq!(escaped(super::escape_html, &s), escaped(tera::escape_html, &s));
        }
    }
}
