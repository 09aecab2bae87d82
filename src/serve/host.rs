//! The `Host` check: the preview answers only requests addressed to this
//! machine by its loopback names, with the port it listens on. A web page
//! elsewhere that points its own name at 127.0.0.1 (DNS rebinding) sends its
//! own name as the host and is refused.

/// What the `Host` header says about a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// `127.0.0.1`, `localhost` or `[::1]` with our port.
    Ours,
    /// No `Host` header, or more than one.
    Missing,
    /// Any other name or port.
    Foreign,
}

/// Checks the `Host` header values of a request against `port`. Without a
/// port the host means port 80, so it passes only when we listen there.
pub fn check<'a>(mut values: impl Iterator<Item = &'a [u8]>, port: u16) -> Host {
    let (Some(value), None) = (values.next(), values.next()) else {
        return Host::Missing;
    };
    let Ok(value) = std::str::from_utf8(value) else {
        return Host::Foreign;
    };
    let value = value.trim().to_ascii_lowercase();
    let (name, given) = match value.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (value.as_str(), Some(80)),
    };
    let loopback = matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    if loopback && given == Some(port) { Host::Ours } else { Host::Foreign }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(values: &[&str], port: u16) -> Host {
        check(values.iter().map(|v| v.as_bytes()), port)
    }

    #[test]
    fn loopback_names_with_our_port_pass() {
        for ok in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000", " localhost:8000 "] {
            assert_eq!(host(&[ok], 8000), Host::Ours, "{ok}");
        }
        assert_eq!(host(&["localhost"], 80), Host::Ours);
        assert_eq!(host(&["[::1]"], 80), Host::Ours);
    }

    #[test]
    fn other_names_and_ports_are_refused() {
        for bad in [
            "attacker.example",
            "attacker.example:8000",
            "127.0.0.1:8001",
            "localhost",
            "127.0.0.1",
            "[::1]",
            "localhost.:8000",
            "localhost.attacker.example:8000",
            "127.0.0.2:8000",
            "0.0.0.0:8000",
            "[::1]:80000",
            "localhost:",
            "localhost:8000:8000",
            "user@localhost:8000",
        ] {
            assert_eq!(host(&[bad], 8000), Host::Foreign, "{bad}");
        }
        assert_eq!(host(&[], 8000), Host::Missing);
        assert_eq!(host(&["localhost:8000", "attacker.example"], 8000), Host::Missing);
        assert_eq!(check([&b"localhost:\xff"[..]].into_iter(), 8000), Host::Foreign);
    }
}
