//! The SHA256SUMS file's name and lines, as `sha256sum` writes them: the
//! record (`record::sums`) makes and checks the list, the writer reads it to
//! know which files of a folder are its own; the format lives here, below
//! both.

use std::collections::BTreeMap;

/// The name of the checksum list every output folder carries.
pub const NAME: &str = "SHA256SUMS";

/// A line of `SHA256SUMS` that could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct BadLine {
    /// Counted from 1.
    pub line: usize,
}

/// Reads `SHA256SUMS`: path → hash. Accepts what `sha256sum` writes (text
/// mode `HASH  path`, binary mode `HASH *path`); blank lines are skipped.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, BadLine> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let bad = BadLine { line: i + 1 };
        let (hash, rest) = line.split_at_checked(64).ok_or(BadLine { line: i + 1 })?;
        let path = rest.strip_prefix("  ").or_else(|| rest.strip_prefix(" *")).ok_or(BadLine { line: i + 1 })?;
        if !hash.bytes().all(|b| b.is_ascii_hexdigit()) || path.is_empty() {
            return Err(bad);
        }
        out.insert(path.to_string(), hash.to_ascii_lowercase());
    }
    Ok(out)
}
