//! The theme: Tera templates and the stylesheet. A theme folder named in
//! `site.yaml` overrides the built-in default theme file by file; the
//! default theme is embedded in the binary, so a content folder without a
//! theme still builds.

use crate::diag::Diagnostic;
use std::path::Path;

/// The templates every theme provides, by name.
pub const TEMPLATES: [&str; 15] = [
    "base.html",
    "index.html",
    "city.html",
    "unit.html",
    "standard.html",
    "ranking.html",
    "ranking_table.html",
    "unit_table.html",
    "unit_cities.html",
    "files.html",
    "city_body.html",
    "report.html",
    "standard_body.html",
    "archive_index.html",
    "archive_city.html",
];

const DEFAULT: [(&str, &str); 15] = [
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("city.html", include_str!("../../themes/default/templates/city.html")),
    ("unit.html", include_str!("../../themes/default/templates/unit.html")),
    ("standard.html", include_str!("../../themes/default/templates/standard.html")),
    ("ranking.html", include_str!("../../themes/default/templates/ranking.html")),
    ("ranking_table.html", include_str!("../../themes/default/templates/ranking_table.html")),
    ("unit_table.html", include_str!("../../themes/default/templates/unit_table.html")),
    ("unit_cities.html", include_str!("../../themes/default/templates/unit_cities.html")),
    ("files.html", include_str!("../../themes/default/templates/files.html")),
    ("city_body.html", include_str!("../../themes/default/templates/city_body.html")),
    ("report.html", include_str!("../../themes/default/templates/report.html")),
    ("standard_body.html", include_str!("../../themes/default/templates/standard_body.html")),
    ("archive_index.html", include_str!("../../themes/default/templates/archive_index.html")),
    ("archive_city.html", include_str!("../../themes/default/templates/archive_city.html")),
];
const DEFAULT_CSS: &str = include_str!("../../themes/default/static/style.css");

/// A theme's files, read into memory.
#[derive(Clone, Debug)]
pub struct Theme {
    /// (name, path shown in messages, text), in [`TEMPLATES`] order.
    pub templates: Vec<(String, String, String)>,
    /// The stylesheet, inlined into every page.
    pub css: String,
}

impl Theme {
    /// The built-in default theme.
    pub fn builtin() -> Theme {
        Theme {
            templates: DEFAULT
                .iter()
                .map(|(name, text)| {
                    (name.to_string(), format!("{}/templates/{name}", crate::t!("theme.builtin")), text.to_string())
                })
                .collect(),
            css: DEFAULT_CSS.to_string(),
        }
    }

    /// Reads the theme folder `dir` (shown as `shown`): each of its
    /// templates and its `static/style.css` replaces the built-in one.
    pub fn read(dir: &Path, shown: &str, at: &str) -> Result<Theme, Diagnostic> {
        Theme::read_files(dir, shown, at).map(|(theme, _)| theme)
    }

    /// [`Theme::read`], with the files it read: their paths in the theme
    /// folder (`templates/base.html`, `static/style.css`) and texts, which
    /// a publication keeps in `source/theme/`.
    pub fn read_files(dir: &Path, shown: &str, at: &str) -> Result<(Theme, Vec<(String, String)>), Diagnostic> {
        if !dir.is_dir() {
            return Err(Diagnostic::error(at, None, crate::t!("theme.missing", folder = shown)));
        }
        let mut theme = Theme::builtin();
        let mut files = Vec::new();
        for (name, shown_path, text) in &mut theme.templates {
            let path = dir.join("templates").join(name.as_str());
            if path.exists() {
                *shown_path = format!("{shown}/templates/{name}");
                *text = super::read_text(&path, shown_path)?;
                files.push((format!("templates/{name}"), text.clone()));
            }
        }
        let css = dir.join("static").join("style.css");
        if css.exists() {
            theme.css = super::read_text(&css, &format!("{shown}/static/style.css"))?;
            files.push(("static/style.css".to_string(), theme.css.clone()));
        }
        Ok((theme, files))
    }
}
