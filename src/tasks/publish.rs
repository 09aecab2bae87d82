//! What `build` publishes besides the site (§13): whether the content as
//! read is kept in `source/` (`--no-source`: not), and the key that signs
//! `SHA256SUMS` (`--sign`). The secret key is opened before anything is
//! built: its password is taken from [`PASSWORD_VAR`] (for scripts) or
//! asked for on the console. The key itself is never written anywhere.

use crate::archive::file::ArchiveFile;
use crate::content::Content;
use crate::diag::Diagnostic;
use crate::output::OutFile;
use crate::record::signature::{self, KeyError, SecretKey};
use crate::record::{fingerprint, sums};
use std::path::Path;

/// The environment variable that holds a secret key's password.
pub const PASSWORD_VAR: &str = "KAOPING_KEY_PASSWORD";

/// The largest key file read: a minisign key is some 350 bytes.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// How a build publishes, beyond the content.
pub struct Publish {
    /// Whether `source/` is kept.
    pub source: bool,
    /// The key `SHA256SUMS` is signed with.
    pub key: Option<SecretKey>,
}

impl Default for Publish {
    fn default() -> Publish {
        Publish { source: true, key: None }
    }
}

impl Publish {
    /// A year's content as published: without its `source/` unless kept,
    /// with the key id its pages show.
    pub fn year(&self, c: &mut Content) {
        if !self.source {
            c.provenance.source.clear();
        }
        c.provenance.signer = self.key.as_ref().map(SecretKey::id);
    }

    /// The same for an archive's own files.
    pub fn archive(&self, f: &mut ArchiveFile) {
        if !self.source {
            f.provenance.source.clear();
        }
        f.provenance.signer = self.key.as_ref().map(SecretKey::id);
    }

    /// `SHA256SUMS.minisig` for `SHA256SUMS` (its bytes `sums`) of the
    /// publication `title` of `years`, whose data file is `data` (its
    /// fingerprint is in the trusted comment); none without a key.
    pub fn signature(&self, sums: &[u8], title: &str, years: &str, data: &str) -> Option<OutFile> {
        let key = self.key.as_ref()?;
        let text = String::from_utf8_lossy(sums);
        let fp = sums::parse(&text).ok().and_then(|l| l.get(data).map(|h| fingerprint::from_hash(h)));
        let comment = signature::comment(title, years, &fp.unwrap_or_default());
        let bytes = signature::sign(key, sums, &comment).into_bytes();
        Some(OutFile { path: signature::FILE.to_string(), bytes })
    }
}

/// The years of an archive as its signature names them: `2013` or
/// `2013—2015`.
pub fn years(first: u16, last: u16) -> String {
    if first == last { first.to_string() } else { format!("{first}—{last}") }
}

/// Opens the secret key at `path`, which must lie outside every folder of
/// `published` (a key there would be published, or replaced).
pub fn open_key(path: &Path, published: &[&Path]) -> Result<SecretKey, Diagnostic> {
    let shown = crate::diag::shown(path);
    let fail = |message: String| Diagnostic::error(shown.clone(), None, message);
    if let Ok(key) = path.canonicalize()
        && let Some(folder) = published.iter().find(|f| f.canonicalize().is_ok_and(|f| key.starts_with(f)))
    {
        return Err(fail(crate::t!("key.inside", folder = crate::diag::shown(folder))));
    }
    let meta =
        std::fs::metadata(path).map_err(|e| fail(crate::t!("key.cannot-read", why = crate::i18n::io_error(&e))))?;
    if !meta.is_file() || meta.len() > MAX_KEY_BYTES {
        return Err(fail(crate::t!("key.not-a-key")));
    }
    let text = std::fs::read(path).map_err(|e| fail(crate::t!("key.cannot-read", why = crate::i18n::io_error(&e))))?;
    let text = String::from_utf8_lossy(&text);
    let password = match signature::needs_password(&text) {
        Some(true) => Some(
            password(&crate::t!("key.password", key = shown))
                .ok_or_else(|| fail(crate::t!("key.no-password", var = PASSWORD_VAR)))?,
        ),
        _ => None,
    };
    signature::open_secret(&text, password.as_deref()).map_err(|e| {
        fail(match e {
            KeyError::NotAKey => crate::t!("key.not-a-key"),
            KeyError::NeedsPassword => crate::t!("key.no-password", var = PASSWORD_VAR),
            KeyError::WrongPassword => crate::t!("key.wrong-password"),
        })
    })
}

/// A password: [`PASSWORD_VAR`] if set, else typed on the console after
/// `prompt` (none where there is no console).
pub fn password(prompt: &str) -> Option<String> {
    if let Some(p) = std::env::var_os(PASSWORD_VAR) {
        return Some(p.to_string_lossy().into_owned());
    }
    rpassword::prompt_password(prompt).ok()
}
