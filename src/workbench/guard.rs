//! The workbench's guard: a request that changes anything must be a POST,
//! come from the preview's own origin (no other site's page may send it)
//! and carry the per-run token, which only the workbench's own page holds
//! (made from the system's random source, never written to disk).

use super::{Request, Response};

/// A new token: 32 random bytes as hex.
pub fn token() -> std::io::Result<String> {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 32];
    ring::rand::SystemRandom::new().fill(&mut bytes).map_err(|_| std::io::Error::other("no random source"))?;
    Ok(crate::record::hex(&bytes))
}

/// Refuses (403) what is no POST, comes from another origin or lacks the token.
pub fn check(r: &Request, port: u16, token: &str) -> Result<(), Response> {
    let refuse = |key: String| Err(Response::text(403, key));
    if r.method != "POST" {
        return refuse(crate::t!("bench.refused-method"));
    }
    if !origin_ours(r.origin, port) {
        return refuse(crate::t!("bench.refused-origin"));
    }
    match r.token {
        Some(given) if same(given, token.as_bytes()) => Ok(()),
        _ => refuse(crate::t!("bench.refused-token")),
    }
}

/// Whether `Origin` is `http://` and one of our loopback names with our port.
fn origin_ours(origin: Option<&[u8]>, port: u16) -> bool {
    let Some(rest) = origin.and_then(|o| o.strip_prefix(b"http://")) else { return false };
    !rest.contains(&b'/') && host_ours(rest, port)
}

fn host_ours(value: &[u8], port: u16) -> bool {
    let Ok(value) = std::str::from_utf8(value) else { return false };
    let Some((name, p)) = value.rsplit_once(':') else { return false };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]") && p.parse::<u16>().ok() == Some(port)
}

/// Compares in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_origin_passes() {
        assert!(origin_ours(Some(b"http://127.0.0.1:8000"), 8000));
        assert!(origin_ours(Some(b"http://localhost:8000"), 8000));
        for bad in ["http://127.0.0.1:8001", "https://127.0.0.1:8000", "http://evil.example:8000", "null", ""] {
            assert!(!origin_ours(Some(bad.as_bytes()), 8000), "{bad}");
        }
        assert!(!origin_ours(None, 8000));
    }

    #[test]
    fn tokens_differ_and_compare() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert!(same(a.as_bytes(), a.as_bytes()) && !same(a.as_bytes(), b.as_bytes()));
    }
}
