//! The SHA-256 of a file that changes a little at a time (`serve`'s
//! results.json after a save): the hasher's state is kept every [`STEP`]
//! bytes, so that the hash of the next version is taken up from the last
//! state before the first step where the two differ. A save that leaves
//! results.json as it was (a report's text, say) costs a comparison of the
//! bytes, not a hash of them; one that changes it hashes from the change on.
//! The hash is the plain SHA-256 of the whole bytes, whatever was resumed.

use ring::digest::{Context, SHA256};

/// Bytes between two kept states: a multiple of SHA-256's 64-byte block.
/// 19 MB (results.json of 3,000 cities) keeps 73 states of about 200 bytes.
pub const STEP: usize = 256 * 1024;

/// The SHA-256 of some bytes, with what it takes to resume it.
#[derive(Clone)]
pub struct Hashed {
    /// 64 lowercase hex digits.
    pub hex: String,
    /// `states[k]` has hashed the first `k * STEP` bytes.
    states: Vec<Context>,
}

impl Hashed {
    /// The hash of `bytes`, from the start.
    pub fn new(bytes: &[u8]) -> Hashed {
        Hashed::again(bytes, None)
    }

    /// The hash of `bytes`, resumed from `earlier` (an earlier version's
    /// hash and bytes) where their first steps are equal.
    pub fn again(bytes: &[u8], earlier: Option<(&Hashed, &[u8])>) -> Hashed {
        let (mut states, from) = match earlier {
            Some((hashed, old)) => {
                let same = same_steps(bytes, old).min(hashed.states.len().saturating_sub(1));
                // The bytes compared once: equal steps, then the rest.
                if bytes.len() == old.len() && bytes[same * STEP..] == old[same * STEP..] {
                    return hashed.clone();
                }
                (hashed.states[..=same].to_vec(), same)
            }
            None => (vec![Context::new(&SHA256)], 0),
        };
        let mut context = states[from].clone();
        for step in bytes[from * STEP..].chunks(STEP) {
            context.update(step);
            if step.len() == STEP {
                states.push(context.clone());
            }
        }
        let hex = super::hex(context.finish().as_ref());
        Hashed { hex, states }
    }
}

/// How many whole steps at the start of `a` and `b` are equal.
fn same_steps(a: &[u8], b: &[u8]) -> usize {
    a.chunks_exact(STEP).zip(b.chunks_exact(STEP)).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
    }

    #[test]
    fn the_hash_is_sha256_of_the_whole_bytes_whatever_was_resumed() {
        let old = bytes(3 * STEP + 1000, 1);
        let first = Hashed::new(&old);
        assert_eq!(first.hex, crate::record::sha256_hex(&old));
        assert_eq!(first.states.len(), 4);
        // A change in each step, at a step's edges, lengthened, shortened,
        // emptied, and none.
        let mut cases = Vec::new();
        for at in [0, 1, STEP - 1, STEP, 2 * STEP + 5, 3 * STEP, 3 * STEP + 999] {
            let mut b = old.clone();
            b[at] ^= 0xff;
            cases.push(b);
        }
        cases.push([old.as_slice(), b"more"].concat());
        cases.push(old[..2 * STEP].to_vec());
        cases.push(old[..2 * STEP - 3].to_vec());
        cases.push(Vec::new());
        cases.push(old.clone());
        for new in &cases {
            let resumed = Hashed::again(new, Some((&first, &old)));
            assert_eq!(resumed.hex, crate::record::sha256_hex(new), "length {}", new.len());
            assert_eq!(resumed.states.len(), new.len() / STEP + 1);
            // And resumed once more, from the resumed one.
            let back = Hashed::again(&old, Some((&resumed, new)));
            assert_eq!(back.hex, first.hex);
        }
    }

    #[test]
    fn equal_steps_are_counted_from_the_start() {
        let a = bytes(2 * STEP + 10, 7);
        let mut b = a.clone();
        assert_eq!(same_steps(&a, &b), 2);
        b[STEP + 3] = b[STEP + 3].wrapping_add(1);
        assert_eq!(same_steps(&a, &b), 1);
        assert_eq!(same_steps(&a, &a[..STEP]), 1);
        assert_eq!(same_steps(&a, &[]), 0);
    }
}
