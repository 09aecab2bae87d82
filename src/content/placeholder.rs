//! The forms' example words and figures, refused as content: a note that
//! still reads 写明实际情况 (or 说明, 说明理由, 未落实的项目 from forms sent
//! out before), and a staffing finding whose population and staff are all
//! still the example's 0.

use super::read::Reader;
use super::yaml::Node;
use std::collections::BTreeMap;

/// The example notes of the YAML forms (these, and those of earlier
/// versions, are refused as content).
pub const PLACEHOLDER_NOTES: [&str; 3] = ["写明实际情况", "写明扣分理由", "列出未落实的项目"];

/// The notes the forms write as examples, now and in earlier versions.
fn is_placeholder_note(text: &str) -> bool {
    let text = text.trim();
    PLACEHOLDER_NOTES.contains(&text) || ["说明", "说明理由", "未落实的项目"].contains(&text)
}

/// Notes an error when `note` (read from `node`) is a form's example;
/// true when it is.
pub fn refuse_note(r: &mut Reader, node: &Node, note: &str) -> bool {
    let refused = is_placeholder_note(note);
    if refused {
        r.error(node.pos, crate::t!("forms.placeholder-note", text = note.trim()));
    }
    refused
}

/// Notes an error when a staffing finding still has the example's figures:
/// every population 0 and staff 0; true when it has.
pub fn refuse_staffing(r: &mut Reader, at: &Node, population: &BTreeMap<String, u64>, staff: i64) -> bool {
    let refused = staff == 0 && population.values().all(|&p| p == 0);
    if refused {
        r.error(at.pos, crate::t!("forms.placeholder-staffing"));
    }
    refused
}
