//! Builds the [`Node`] tree straight from granit-parser's events: one pass,
//! a stack of open lists and mappings, anchors kept for their aliases, the
//! budget counted as it goes, duplicate keys and unknown tags refused where
//! they stand.

use super::budget::{Breach, Budget, Cost};
use super::{Node, Value};
use crate::diag::Pos;
use granit_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};

type Failure = (Pos, String);

/// Parses one document (the text without its byte-order mark).
pub fn build(src: &str) -> Result<Node, Failure> {
    let mut b = Builder {
        src,
        stack: Vec::new(),
        anchors: HashMap::new(),
        budget: Budget::default(),
        root: None,
        hash_state: RandomState::new(),
    };
    let mut documents = 0;
    for next in Parser::new_from_str_with_options(src, granit_parser::Options::default()) {
        let (event, span) = next.map_err(scan_error)?;
        let pos = to_pos(span.start);
        if documents > 1 {
            // Shown where the second document's content begins.
            return Err((pos, crate::t!("yaml.documents")));
        }
        let breach = |e: Breach| e.message(pos);
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                b.budget.event().map_err(breach)?;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let effect = b.tag(tag.as_deref(), &span, Kind::Scalar)?;
                b.budget.scalar(text.len()).map_err(breach)?;
                let cost = Cost { nodes: 1, events: 1, bytes: text.len(), height: 0 };
                b.finish(Node { pos, value: scalar(text.into_owned(), style, effect) }, anchor, cost)?;
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                let map = matches!(event, Event::MappingStart(..));
                b.tag(tag.as_deref(), &span, if map { Kind::Map } else { Kind::Seq })?;
                b.budget.open().map_err(breach)?;
                b.stack.push(Frame::new(pos, anchor, map));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                b.budget.close().map_err(breach)?;
                let Some(frame) = b.stack.pop() else { continue };
                let (node, anchor, cost) = frame.close();
                b.finish(node, anchor, cost)?;
            }
            Event::Alias(id) => {
                let Some((node, cost)) = b.anchors.get(&id) else {
                    // An alias inside the value it names: that value is not finished.
                    return Err((pos, crate::t!("yaml.recursive_alias")));
                };
                let cost = *cost;
                b.budget.repeat(cost).map_err(breach)?;
                let node = Node { pos, value: node.value.clone() };
                b.finish(node, 0, cost)?;
            }
            _ => b.budget.event().map_err(breach)?,
        }
    }
    Ok(b.root.unwrap_or(Node { pos: Pos { line: 1, col: 1 }, value: Value::Null }))
}

struct Builder<'s> {
    src: &'s str,
    stack: Vec<Frame>,
    /// Finished anchored values by anchor id, with what repeating them costs.
    anchors: HashMap<usize, (Node, Cost)>,
    budget: Budget,
    root: Option<Node>,
    hash_state: RandomState,
}

/// An open list or mapping.
struct Frame {
    pos: Pos,
    anchor: usize,
    cost: Cost,
    items: Vec<Node>,
    /// For a mapping: keys and values alternate in `items`.
    map: bool,
    /// Hashes of a large mapping's keys, to find duplicates quickly.
    hashes: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Scalar,
    Seq,
    Map,
}

/// What an explicit tag asks of a scalar.
#[derive(Clone, Copy, PartialEq)]
enum Effect {
    None,
    Text,
    Null,
}

/// Mappings with more keys than this look duplicates up by hash.
const LINEAR_KEYS: usize = 16;

impl Frame {
    fn new(pos: Pos, anchor: usize, map: bool) -> Frame {
        let cost = Cost { nodes: 1, events: 2, bytes: 0, height: 1 };
        Frame { pos, anchor, cost, items: Vec::new(), map, hashes: HashSet::default() }
    }

    fn close(self) -> (Node, usize, Cost) {
        let value = if self.map {
            let mut entries = Vec::with_capacity(self.items.len() / 2);
            let mut items = self.items.into_iter();
            while let (Some(k), Some(v)) = (items.next(), items.next()) {
                entries.push((k, v));
            }
            Value::Map(entries)
        } else {
            Value::Seq(self.items)
        };
        (Node { pos: self.pos, value }, self.anchor, self.cost)
    }

    /// Whether `key` is already a key of this mapping. Large mappings look
    /// it up by hash; only a hash seen before needs a look at the keys.
    fn has_key(&mut self, key: &Node, state: &RandomState) -> bool {
        let items = &self.items;
        let keys = || items.iter().step_by(2);
        if items.len() / 2 < LINEAR_KEYS {
            return keys().any(|k| same(k, key));
        }
        if self.hashes.is_empty() {
            self.hashes.extend(keys().map(|k| key_hash(k, state)));
        }
        !self.hashes.insert(key_hash(key, state)) && keys().any(|k| same(k, key))
    }
}

impl Builder<'_> {
    /// A finished value: stored for its aliases, then added to the open
    /// list or mapping (or made the root).
    fn finish(&mut self, node: Node, anchor: usize, cost: Cost) -> Result<(), Failure> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), cost));
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.cost.nodes += cost.nodes;
        frame.cost.events += cost.events;
        frame.cost.bytes += cost.bytes;
        frame.cost.height = frame.cost.height.max(cost.height + 1);
        let is_key = frame.map && frame.items.len() % 2 == 0;
        if is_key && frame.has_key(&node, &self.hash_state) {
            let message = match &node.value {
                Value::Scalar { text, .. } => {
                    crate::t!("yaml.duplicate_key", key = crate::content::values::shorten(text))
                }
                Value::Null => crate::t!("yaml.duplicate_key", key = "~"),
                _ => crate::t!("yaml.duplicate_complex_key"),
            };
            return Err((node.pos, message));
        }
        frame.items.push(node);
        Ok(())
    }

    /// Checks an explicit tag: the core schema's tags and `!` are accepted,
    /// where they fit the node; any other is refused.
    fn tag(&self, tag: Option<&Tag>, span: &Span, kind: Kind) -> Result<Effect, Failure> {
        let Some(tag) = tag else { return Ok(Effect::None) };
        let effect = match tag.core_suffix() {
            // `!` alone, the non-specific tag: the value is text.
            _ if tag.suffix_in_namespace("!").is_some_and(|s| s.is_empty() || s == "!") => Some(Effect::Text),
            Some("str") if kind == Kind::Scalar => Some(Effect::Text),
            Some("null") if kind == Kind::Scalar => Some(Effect::Null),
            Some("int" | "float" | "bool") if kind == Kind::Scalar => Some(Effect::None),
            Some("seq") if kind == Kind::Seq => Some(Effect::None),
            Some("map") if kind == Kind::Map => Some(Effect::None),
            _ => None,
        };
        effect.ok_or_else(|| {
            let written = span.tag_span().and_then(|t| t.slice(self.src)).map(str::to_string);
            let written = written.unwrap_or_else(|| format!("{}{}", tag.original_handle(), tag.suffix()));
            let tag = crate::content::values::shorten(&written);
            (to_pos(span.start), crate::t!("yaml.unsupported_tag", tag = tag))
        })
    }
}

/// A scalar's value: plain `~`, `null` and nothing are nothing; the text of
/// a one-line plain scalar is kept as written, without the YAML spaces and
/// tabs around it (a full-width space stays, so that the hints can name
/// it); quoted and block scalars are text.
fn scalar(mut text: String, style: ScalarStyle, effect: Effect) -> Value {
    let plain = style == ScalarStyle::Plain && effect == Effect::None;
    let white: &[char] = &[' ', '\t'];
    if plain && !text.contains('\n') && text.trim_matches(white).len() != text.len() {
        text = text.trim_matches(white).to_string();
    }
    if effect == Effect::Null || (plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL")) {
        return Value::Null;
    }
    Value::Scalar { text, quoted: !plain }
}

/// Two keys alike, wherever they stand.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Scalar { text: x, .. }, Value::Scalar { text: y, .. }) => x == y,
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| same(k, l) && same(v, w))
        }
        _ => false,
    }
}

fn scan_error(e: ScanError) -> Failure {
    let pos = to_pos(*e.marker());
    let message = match e.kind() {
        granit_parser::ErrorKind::RecursionLimitExceeded => return Breach::Depth.message(pos),
        granit_parser::ErrorKind::UnknownAnchor => crate::t!("yaml.unknown_anchor"),
        _ => crate::t!("yaml.invalid", reason = super::syntax::reason(&e)),
    };
    (pos, message)
}

/// Lines from 1; columns from 1, counted in characters.
fn to_pos(m: Marker) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).max(1);
    Pos { line: clamp(m.line()), col: clamp(m.col().saturating_add(1)) }
}

/// A key's hash: its kind and texts, not its position.
fn key_hash(key: &Node, state: &RandomState) -> u64 {
    fn feed(node: &Node, h: &mut impl Hasher) {
        match &node.value {
            Value::Null => h.write_u8(0),
            Value::Scalar { text, .. } => text.hash(h),
            Value::Seq(items) => {
                h.write_u8(1);
                items.iter().for_each(|n| feed(n, h));
            }
            Value::Map(entries) => {
                h.write_u8(2);
                entries.iter().for_each(|(k, v)| (feed(k, h), feed(v, h)).1);
            }
        }
    }
    let mut h = state.build_hasher();
    feed(key, &mut h);
    h.finish()
}

/// The keys' hashes are hashes already.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
