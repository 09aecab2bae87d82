//! The 更正说明 page of `kaoping diff --html`: the changes between two
//! publications as one self-contained page (inline style, no script),
//! rendered with the built-in template `corrections.html`.

use crate::record::explain::CityRows;
use serde::Serialize;

const TEMPLATE: &str = include_str!("../../themes/default/templates/corrections.html");

/// What the page shows.
#[derive(Serialize)]
pub struct Corrections<'a> {
    /// The two publications as named on the command line.
    pub old: String,
    pub new: String,
    pub old_fingerprint: String,
    pub new_fingerprint: String,
    /// Cities in the new publication.
    pub count: usize,
    pub cities: &'a [CityRows],
}

/// The page as bytes.
pub fn render(page: &Corrections) -> Result<Vec<u8>, String> {
    // The template is built in: a failure is kaoping's own.
    let internal = |e: tera::Error| crate::i18n::library(|| crate::t!("i18n.internal"), &e);
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template("corrections.html", TEMPLATE).map_err(internal)?;
    let mut context = tera::Context::from_serialize(page).map_err(internal)?;
    context.insert("css", &crate::content::theme::Theme::builtin().css);
    tera.render("corrections.html", &context).map(String::into_bytes).map_err(internal)
}
