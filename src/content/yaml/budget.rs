//! The limits on one YAML file, counted while its events are read: nesting
//! depth, values and events (aliases counted as the values they stand for)
//! and the bytes of text. They bound what a small hostile file (an alias
//! bomb, deep nesting) can make kaoping build in memory.

use crate::diag::Pos;

/// Content is at most about eight levels deep (a unit's file: cities, city,
/// item, findings, finding, population); 32 leaves room and keeps the
/// recursion of reading it shallow.
pub const MAX_DEPTH: usize = 32;
/// Values (scalars, lists, mappings) per file, aliases expanded.
pub const MAX_NODES: usize = 250_000;
/// Parser events per file, aliases expanded.
pub const MAX_EVENTS: usize = 1_000_000;
/// Bytes of scalar text per file, aliases expanded.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// What a finished value costs when an alias repeats it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cost {
    pub nodes: usize,
    pub events: usize,
    pub bytes: usize,
    /// Levels of lists and mappings inside it (0 for a scalar).
    pub height: usize,
}

/// The running counts of one file.
#[derive(Default)]
pub struct Budget {
    used: Cost,
    depth: usize,
}

/// Which limit was passed.
#[derive(Debug, PartialEq)]
pub enum Breach {
    Depth,
    Size,
}

impl Budget {
    /// One event that is not a value (start, end, document marks).
    pub fn event(&mut self) -> Result<(), Breach> {
        self.used.events += 1;
        self.check()
    }

    /// A scalar of `bytes` bytes.
    pub fn scalar(&mut self, bytes: usize) -> Result<(), Breach> {
        self.repeat(Cost { nodes: 1, events: 1, bytes, height: 0 })
    }

    /// A list or mapping opens.
    pub fn open(&mut self) -> Result<(), Breach> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Breach::Depth);
        }
        self.repeat(Cost { nodes: 1, events: 1, bytes: 0, height: 0 })
    }

    /// A list or mapping closes.
    pub fn close(&mut self) -> Result<(), Breach> {
        self.depth = self.depth.saturating_sub(1);
        self.event()
    }

    /// An alias: the value it names is counted again, at this depth.
    pub fn repeat(&mut self, cost: Cost) -> Result<(), Breach> {
        if self.depth.saturating_add(cost.height) > MAX_DEPTH {
            return Err(Breach::Depth);
        }
        self.used.nodes = self.used.nodes.saturating_add(cost.nodes);
        self.used.events = self.used.events.saturating_add(cost.events);
        self.used.bytes = self.used.bytes.saturating_add(cost.bytes);
        self.check()
    }

    fn check(&self) -> Result<(), Breach> {
        let over = self.used.nodes > MAX_NODES || self.used.events > MAX_EVENTS || self.used.bytes > MAX_TEXT_BYTES;
        if over { Err(Breach::Size) } else { Ok(()) }
    }
}

impl Breach {
    /// The message for the file, at the position where the limit was passed.
    pub fn message(&self, pos: Pos) -> (Pos, String) {
        let text = match self {
            Breach::Depth => crate::t!("yaml.too_deep", max = MAX_DEPTH),
            Breach::Size => crate::t!("yaml.too_large"),
        };
        (pos, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_and_repeats_are_bounded() {
        let mut b = Budget::default();
        for _ in 0..MAX_DEPTH {
            b.open().unwrap();
        }
        assert_eq!(b.open(), Err(Breach::Depth));
        let mut b = Budget::default();
        b.open().unwrap();
        assert_eq!(b.repeat(Cost { height: MAX_DEPTH, ..Cost::default() }), Err(Breach::Depth));
        let big = Cost { nodes: MAX_NODES / 2, events: MAX_NODES / 2, bytes: 0, height: 1 };
        b.repeat(big).unwrap();
        assert_eq!(b.repeat(big), Err(Breach::Size));
        let mut b = Budget::default();
        assert_eq!(b.repeat(Cost { bytes: MAX_TEXT_BYTES + 1, ..Cost::default() }), Err(Breach::Size));
    }
}
