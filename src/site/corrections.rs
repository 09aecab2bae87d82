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
    /// The new publication's title and year (results.json).
    pub title: String,
    pub year: Option<i64>,
    /// Cities in the new publication.
    pub count: usize,
    pub cities: &'a [CityRows],
    /// The marking and sample flag of the new publication's pages.
    pub marking: Option<String>,
    pub sample: bool,
}

/// The line that names the publication: its title, with its year when the
/// title does not say it.
fn publication(title: &str, year: Option<i64>) -> String {
    match year {
        Some(y) if !title.is_empty() && !title.contains(&format!("{y}年度")) => format!("{title} · {y}年度"),
        _ => title.to_string(),
    }
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
    context.insert("publication", &publication(&page.title, page.year));
    let print = super::view::print_css(page.marking.as_deref(), page.sample, &page.new_fingerprint);
    context.insert("print_css", &print);
    tera.render("corrections.html", &context).map(String::into_bytes).map_err(internal)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_year_is_said_once() {
        assert_eq!(super::publication("2013年度考评结果", Some(2013)), "2013年度考评结果");
        assert_eq!(super::publication("考评结果", Some(2014)), "考评结果 · 2014年度");
        assert_eq!(super::publication("", Some(2014)), "");
    }
}
