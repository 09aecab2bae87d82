//! The keys of one YAML mapping, taken one at a time while it is read;
//! what is left over is reported as unknown, with the keys that are known.

use super::read::{Reader, label, shorten};
use super::yaml::{Node, Value};
use crate::diag::Pos;

/// How a reader takes a mapping's keys.
impl Reader<'_> {
    /// The entries of a mapping `what` (for messages, e.g. "item 2.6").
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        let entries = self.entries(node, || what.to_string())?;
        Some(Fields { node, entries, taken: Vec::new(), all_taken: false, what: What::Text(what.to_string()) })
    }

    /// [`Reader::fields`] of an item's entry (messages name "item `id`").
    pub fn item_fields<'n>(&mut self, node: &'n Node, id: &str) -> Option<Fields<'n>> {
        let what = What::Item(id.to_string());
        let entries = self.entries(node, || what.text())?;
        Some(Fields { node, entries, taken: Vec::new(), all_taken: false, what })
    }

    /// Like [`Reader::fields`], but an empty value (`items:` with nothing
    /// after it) is an empty mapping.
    pub fn fields_or_empty<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        if node.value == Value::Null {
            let what = What::Text(what.to_string());
            return Some(Fields { node, entries: Vec::new(), taken: Vec::new(), all_taken: false, what });
        }
        self.fields(node, what)
    }
}

/// The entries of a mapping, taken one key at a time; `finish` reports the
/// keys nobody took as unknown.
pub struct Fields<'n> {
    pub(super) node: &'n Node,
    pub(super) entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// The keys asked for (few: a linear search beats a set).
    pub(super) taken: Vec<&'static str>,
    /// Every entry was taken (`all`): no key is unknown.
    pub(super) all_taken: bool,
    pub(super) what: What,
}

/// What a mapping is, for messages: made into words only when a message
/// needs them (an item's entry is read thousands of times).
pub(super) enum What {
    Text(String),
    Item(String),
}

impl What {
    pub(super) fn text(&self) -> String {
        match self {
            What::Text(t) => t.clone(),
            What::Item(id) => crate::t!("what.item", id = id),
        }
    }
}

impl<'n> Fields<'n> {
    /// The value of `key`, if present.
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.taken.contains(&key) {
            self.taken.push(key);
        }
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| *v)
    }

    /// The value of a key that must be present; notes an error if it is not.
    pub fn need(&mut self, r: &mut Reader, key: &'static str) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            r.error(self.node.pos, crate::t!("read.missing-key", what = label(&self.what.text()), key = key));
        }
        found
    }

    /// Every entry, key node first, in file order (for id-keyed mappings).
    pub fn all(&mut self) -> Vec<(String, &'n Node, &'n Node)> {
        self.all_taken = true;
        self.entries.iter().map(|&(k, key, value)| (k.to_string(), key, value)).collect()
    }

    /// Names the mapping in later messages (once its id is known).
    pub fn set_what(&mut self, what: &str) {
        self.what = What::Text(what.to_string());
    }

    pub fn pos(&self) -> Pos {
        self.node.pos
    }

    /// Reports every key that was not asked for, with the keys that are known.
    pub fn finish(mut self, r: &mut Reader) {
        if self.all_taken {
            return;
        }
        self.taken.sort_unstable();
        let known = || self.taken.join(&crate::t!("list.sep"));
        for &(key, key_node, _) in &self.entries {
            if !self.taken.contains(&key) {
                let message =
                    crate::t!("read.unknown-key", key = shorten(key), what = label(&self.what.text()), known = known());
                r.error(key_node.pos, r.unknown(key_node.pos, key, message));
            }
        }
    }
}
