//! Pure rendering of the output files: results data now, the HTML site next.

pub mod data;

use crate::content::Content;
use crate::scoring::Results;

/// One file of the built site: its path relative to the output folder
/// (always with `/`) and its bytes.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every file of the site, in a fixed order.
pub fn render(content: &Content, results: &Results) -> Vec<OutFile> {
    vec![
        OutFile {
            path: "results.json".into(),
            bytes: data::json(content, results),
        },
        OutFile {
            path: "results.csv".into(),
            bytes: data::csv(results),
        },
    ]
}
