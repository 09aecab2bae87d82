//! Pure rendering of the output files: the HTML pages through the theme's
//! Tera templates, the charts, and the results data.

pub mod charts;
pub mod data;
pub mod markdown;
pub mod view;

use crate::content::Content;
use crate::diag::Diagnostic;
use crate::scoring::Results;
use serde::Serialize;
use tera::{Context, Tera};

/// One file of the built site: its path relative to the output folder
/// (always with `/`) and its bytes.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme's templates, compiled once.
pub struct Renderer {
    tera: Tera,
    css: String,
    /// Template name → path shown in messages.
    shown: Vec<(String, String)>,
}

impl Renderer {
    /// Compiles the content's theme; a template error names its file.
    pub fn new(content: &Content) -> Result<Renderer, Diagnostic> {
        let theme = &content.theme;
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        let templates = theme
            .templates
            .iter()
            .map(|(name, _, text)| (name.as_str(), text.as_str()));
        tera.add_raw_templates(templates).map_err(|e| {
            let shown = theme
                .templates
                .iter()
                .map(|(_, s, _)| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Diagnostic::error(
                "",
                None,
                format!(
                    "the theme's templates ({shown}) do not compile: {}",
                    one_line(&e)
                ),
            )
        })?;
        let shown = theme
            .templates
            .iter()
            .map(|(n, s, _)| (n.clone(), s.clone()))
            .collect();
        Ok(Renderer {
            tera,
            css: theme.css.clone(),
            shown,
        })
    }

    fn page<T: Serialize>(
        &self,
        template: &str,
        path: String,
        view: &T,
    ) -> Result<OutFile, Diagnostic> {
        let shown = self
            .shown
            .iter()
            .find(|(n, _)| n == template)
            .map_or(template, |(_, s)| s.as_str());
        let fail = |e: tera::Error| {
            Diagnostic::error(
                shown,
                None,
                format!("cannot render {path}: {}", one_line(&e)),
            )
        };
        let context = Context::from_serialize(view).map_err(fail)?;
        let html = self.tera.render(template, &context).map_err(fail)?;
        Ok(OutFile {
            path,
            bytes: html.into_bytes(),
        })
    }
}

/// A Tera error and its causes on one line.
fn one_line(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every file of the site, in a fixed order: the pages, then the data.
pub fn render(content: &Content, results: &Results) -> Result<Vec<OutFile>, Diagnostic> {
    let r = Renderer::new(content)?;
    let css = r.css.clone();
    let mut files = vec![
        r.page(
            "index.html",
            "index.html".into(),
            &view::index::build(content, results, &css),
        )?,
        r.page(
            "standard.html",
            "standard.html".into(),
            &view::standard::build(content, &css),
        )?,
    ];
    for city in &results.cities {
        let v = view::city::build(content, results, city, &css);
        files.push(r.page("city.html", format!("cities/{}.html", city.id), &v)?);
    }
    for unit in &results.units {
        let v = view::unit::build(content, results, unit, &css);
        files.push(r.page("unit.html", format!("units/{}.html", unit.id), &v)?);
    }
    files.push(OutFile {
        path: "results.json".into(),
        bytes: data::json(content, results),
    });
    files.push(OutFile {
        path: "results.csv".into(),
        bytes: data::csv(results),
    });
    Ok(files)
}
