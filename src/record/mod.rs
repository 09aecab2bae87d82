//! The record: what makes a published site checkable. `SHA256SUMS` over its
//! files, the data fingerprint shown on every page, `verify` (a folder
//! against both) and `diff` (two publications' results). Pure functions over
//! values; the commands in `cmd/` read the disk.

pub mod diff;
pub mod explain;
pub mod fingerprint;
pub mod resume;
pub mod signature;
pub mod sums;
pub mod verify;

/// The SHA-256 of `bytes` as 64 lowercase hex digits. ring's SHA-256
/// (OpenSSL's assembly, AVX2 where the processor has it) hashes about twice
/// as fast as the sha2 crate's portable code on machines without the SHA
/// extensions, and every byte of a site is hashed for `SHA256SUMS`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
}

/// Bytes as lowercase hex digits.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_known_text() {
        assert_eq!(super::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
