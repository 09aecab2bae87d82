//! Signatures of `SHA256SUMS` in minisign's formats (§13): `key new`'s key
//! pair, `SHA256SUMS.minisig`, and its check. The minisign crate reads and
//! writes the keys (a secret key protected by a password is scrypt's, as
//! minisign's own) and has the last word on a signature; the signing itself
//! is ring's Ed25519, which is deterministic (RFC 8032), over the BLAKE2b-512
//! of the file, as minisign's prehashed signatures are: the same file signed
//! with the same key and comment twice gives the same bytes, so that a
//! signed build stays byte-identical. No clock enters the trusted comment.

use blake2::Digest;
use ct_codecs::{Base64, Decoder, Encoder};
use ring::signature::{ED25519, Ed25519KeyPair, UnparsedPublicKey};

/// The signature's file, beside `SHA256SUMS` at the top of a publication.
pub const FILE: &str = "SHA256SUMS.minisig";

/// A secret key, opened, ready to sign.
pub struct SecretKey {
    pair: Ed25519KeyPair,
    keynum: [u8; 8],
}

/// Why a secret key file could not be opened.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Not a minisign secret key.
    NotAKey,
    /// Protected by a password, and none was given.
    NeedsPassword,
    WrongPassword,
}

/// A public key, with the comment of its file (if read from one).
pub struct PublicKey {
    key: minisign::PublicKey,
    pub comment: Option<String>,
}

/// Why a signature does not prove what it should.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file is not a minisign signature.
    NotASignature,
    /// Made with another key (its key id).
    OtherKey(String),
    /// Made with this key, over other data: its trusted comment (which the
    /// key did sign) names what.
    OtherData(String),
    /// Neither the data nor the comment match: the signature was altered.
    Altered,
}

impl SecretKey {
    /// The key id, as minisign shows it: 16 hex digits.
    pub fn id(&self) -> String {
        key_id(&self.keynum)
    }
}

impl PublicKey {
    /// The key id, as minisign shows it: 16 hex digits.
    pub fn id(&self) -> String {
        key_id(self.key.keynum())
    }
}

/// A key id as minisign shows it: the 8 bytes as a little-endian number in
/// 16 capital hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut n = [0u8; 8];
    n.iter_mut().zip(keynum).for_each(|(a, b)| *a = *b);
    format!("{:016X}", u64::from_le_bytes(n))
}

/// The trusted comment of a publication: its title, its year (or years)
/// and its data fingerprint; no time.
pub fn comment(title: &str, years: &str, fingerprint: &str) -> String {
    let line = format!("{title} · {years}年度 · {} {fingerprint}", super::fingerprint::LABEL);
    line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// A new key pair: the secret key file's text (protected by `password`
/// unless it is `None`) and the public key file's, whose comment is
/// `comment` or minisign's own words with the key id.
pub fn new_pair(password: Option<&str>, comment: Option<&str>) -> Result<(String, String), String> {
    let pair = match password {
        Some(p) => minisign::KeyPair::generate_encrypted_keypair(Some(p.to_string())),
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(|e| crate::i18n::library(|| crate::t!("i18n.internal"), &e))?;
    let id = key_id(pair.pk.keynum());
    let secret_comment = match password {
        Some(_) => format!("kaoping encrypted secret key {id}"),
        None => format!("kaoping unencrypted secret key {id}"),
    };
    let secret = pair
        .sk
        .to_box(Some(&secret_comment))
        .map_err(|e| crate::i18n::library(|| crate::t!("i18n.internal"), &e))?
        .into_string();
    let comment = comment.map_or_else(|| format!("minisign public key {id}"), one_line);
    let public = format!("untrusted comment: {comment}\n{}\n", pair.pk.to_base64());
    Ok((secret, public))
}

fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// The bytes of a secret key file (its second line, Base64).
fn secret_bytes(text: &str) -> Option<Vec<u8>> {
    Base64::decode_to_vec(text.lines().nth(1)?.trim(), None).ok().filter(|b| b.len() == SECRET_BYTES)
}

/// The length of a secret key: the algorithms (2 bytes each for the
/// signature, the key derivation and the checksum), the salt (32), two
/// limits (8 each), the key id (8), the secret key (64: the seed and the
/// public key) and the checksum (32).
const SECRET_BYTES: usize = 158;

/// Whether the secret key file's text asks for a password (`None`: it is
/// not a minisign secret key).
pub fn needs_password(text: &str) -> Option<bool> {
    match secret_bytes(text)?.get(..4)? {
        [b'E', b'd', 0, 0] => Some(false),
        [b'E', b'd', b'S', b'c'] => Some(true),
        _ => None,
    }
}

/// Opens a secret key file's text (minisign's format, as `minisign -G`
/// and `kaoping key new` write it), with its password if it has one. A key
/// without a password is taken as it is (`minisign -G -W` leaves its
/// checksum empty): the seed must give its public key.
pub fn open_secret(text: &str, password: Option<&str>) -> Result<SecretKey, KeyError> {
    let bytes = match (needs_password(text), password) {
        (None, _) => return Err(KeyError::NotAKey),
        (Some(false), _) => secret_bytes(text).ok_or(KeyError::NotAKey)?,
        (Some(true), None) => return Err(KeyError::NeedsPassword),
        (Some(true), Some(p)) => {
            let boxed = minisign::SecretKeyBox::from_string(text).map_err(|_| KeyError::NotAKey)?;
            let key = boxed.into_secret_key(Some(p.to_string())).map_err(|e| match e.kind() {
                minisign::ErrorKind::Verify => KeyError::WrongPassword,
                _ => KeyError::NotAKey,
            })?;
            key.to_bytes()
        }
    };
    let (keynum, sk) = (bytes.get(54..62).ok_or(KeyError::NotAKey)?, bytes.get(62..126).ok_or(KeyError::NotAKey)?);
    let pair = Ed25519KeyPair::from_seed_and_public_key(&sk[..32], &sk[32..]).map_err(|_| KeyError::NotAKey)?;
    let mut n = [0u8; 8];
    n.copy_from_slice(keynum);
    Ok(SecretKey { pair, keynum: n })
}

/// Reads a public key: a minisign public key file's text (its comment
/// kept), or the key alone as minisign prints it (`RW…`).
pub fn read_public(text: &str) -> Option<PublicKey> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let (comment, key) = match first.strip_prefix("untrusted comment:") {
        Some(c) => (Some(c.trim().to_string()), lines.next()?),
        None => (None, first),
    };
    let key = minisign::PublicKey::from_base64(key).ok()?;
    Some(PublicKey { key, comment })
}

/// The signature (the text of `SHA256SUMS.minisig`) of `data` with `key`
/// and the trusted comment `trusted`.
pub fn sign(key: &SecretKey, data: &[u8], trusted: &str) -> String {
    let trusted = one_line(trusted);
    let prehash = blake2::Blake2b512::digest(data);
    let sig = key.pair.sign(&prehash);
    let mut head = b"ED".to_vec();
    head.extend_from_slice(&key.keynum);
    head.extend_from_slice(sig.as_ref());
    let mut signed = sig.as_ref().to_vec();
    signed.extend_from_slice(trusted.as_bytes());
    let global = key.pair.sign(&signed);
    let b64 = |b: &[u8]| Base64::encode_to_string(b).unwrap_or_default();
    format!(
        "untrusted comment: signature from kaoping secret key {}\n{}\ntrusted comment: {trusted}\n{}\n",
        key.id(),
        b64(&head),
        b64(global.as_ref())
    )
}

/// The key id a signature names, if the text is one.
pub fn signed_by(signature: &str) -> Option<String> {
    minisign::SignatureBox::from_string(signature).ok().map(|s| key_id(s.keynum()))
}

/// Checks the signature `signature` of `data` against `key`: its trusted
/// comment when it holds.
pub fn check(key: &PublicKey, signature: &str, data: &[u8]) -> Result<String, Problem> {
    let sig = minisign::SignatureBox::from_string(signature).map_err(|_| Problem::NotASignature)?;
    let trusted = sig.trusted_comment().map_err(|_| Problem::NotASignature)?;
    if sig.keynum() != key.key.keynum() {
        return Err(Problem::OtherKey(key_id(sig.keynum())));
    }
    if minisign::verify(&key.key, &sig, std::io::Cursor::new(data), true, false, false).is_ok() {
        return Ok(trusted);
    }
    // Which part fails: the comment's own signature holds when the key
    // signed other data with it.
    let decode = |line: Option<&str>| line.and_then(|l| Base64::decode_to_vec(l.trim(), None).ok());
    let head = decode(signature.lines().nth(1)).filter(|h| h.len() == 74);
    let global = decode(signature.lines().nth(3));
    if let (Some(head), Some(global)) = (head, global) {
        let mut signed = head[10..].to_vec();
        signed.extend_from_slice(trusted.as_bytes());
        let public = key.key.to_bytes();
        if UnparsedPublicKey::new(&ED25519, &public[10..]).verify(&signed, &global).is_ok() {
            return Err(Problem::OtherData(trusted));
        }
    }
    Err(Problem::Altered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (SecretKey, PublicKey) {
        let (secret, public) = new_pair(None, Some("测试 key")).unwrap();
        (open_secret(&secret, None).unwrap(), read_public(&public).unwrap())
    }

    #[test]
    fn a_signature_holds_and_is_the_same_twice() {
        let (sk, pk) = pair();
        assert_eq!(sk.id(), pk.id());
        assert_eq!(pk.comment.as_deref(), Some("测试 key"));
        let sig = sign(&sk, b"data", "白鹭 · 2013年度");
        assert_eq!(sig, sign(&sk, b"data", "白鹭 · 2013年度"));
        assert_eq!(check(&pk, &sig, b"data"), Ok("白鹭 · 2013年度".to_string()));
        assert_eq!(signed_by(&sig), Some(pk.id()));
    }

    #[test]
    fn other_data_another_key_or_an_altered_signature_fail() {
        let (sk, pk) = pair();
        let sig = sign(&sk, b"data", "c");
        assert_eq!(check(&pk, &sig, b"other"), Err(Problem::OtherData("c".to_string())));
        let altered = sig.replace("trusted comment: c", "trusted comment: d");
        assert_eq!(check(&pk, &altered, b"data"), Err(Problem::Altered));
        let (_, other) = pair();
        assert_eq!(check(&other, &sig, b"data"), Err(Problem::OtherKey(pk.id())));
        assert_eq!(check(&pk, "no", b"data"), Err(Problem::NotASignature));
    }

    #[test]
    fn a_protected_key_needs_its_password() {
        let (secret, public) = new_pair(Some("秘密"), None).unwrap();
        assert_eq!(needs_password(&secret), Some(true));
        assert_eq!(open_secret(&secret, None).err(), Some(KeyError::NeedsPassword));
        assert_eq!(open_secret(&secret, Some("wrong")).err(), Some(KeyError::WrongPassword));
        let sk = open_secret(&secret, Some("秘密")).unwrap();
        let pk = read_public(&public).unwrap();
        assert_eq!(pk.comment, Some(format!("minisign public key {}", pk.id())));
        assert!(check(&pk, &sign(&sk, b"x", "c"), b"x").is_ok());
        assert_eq!(open_secret("untrusted comment: x\nnot a key\n", None).err(), Some(KeyError::NotAKey));
        // The key alone, as minisign prints it.
        let line = public.lines().nth(1).unwrap();
        assert_eq!(read_public(line).unwrap().id(), pk.id());
    }

    #[test]
    fn the_comment_is_one_line_without_a_time() {
        assert_eq!(
            comment("白鹭\n市", "2013", "ba78 16bf 8f01 cfea"),
            "白鹭 市 · 2013年度 · 数据指纹 ba78 16bf 8f01 cfea"
        );
    }
}
