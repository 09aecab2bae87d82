//! What `verify` says after the files are checked against `SHA256SUMS`:
//! the publication made again from its `source/` (`proof`), the signature
//! (with `--pubkey`, against that key), whether the pages that name a
//! signing key agree with the signature, and a last line that says what
//! was proven and what was not.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::proof::compare::{Found, Unread, read_inside};
use crate::proof::{Outcome, Published};
use crate::record::signature::{self, Problem as Sig, PublicKey};
use crate::record::{sums, verify};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The largest key or signature file read (minisign's are some 350 bytes).
const MAX_BYTES: u64 = 64 * 1024;

/// The public key of `--pubkey`: a file, else the key itself.
pub fn public_key(arg: Option<&str>) -> Result<Option<PublicKey>, Report> {
    let Some(arg) = arg else { return Ok(None) };
    let path = Path::new(arg);
    let text = match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() <= MAX_BYTES => std::fs::read(path).ok(),
        Ok(_) => None,
        Err(_) => Some(arg.as_bytes().to_vec()),
    };
    let key = text.and_then(|t| signature::read_public(&String::from_utf8_lossy(&t)));
    match key {
        Some(k) => Ok(Some(k)),
        None => Err(Report::failed(vec![Diagnostic::error(arg, None, crate::t!("proof.bad-pubkey"))], Exit::Usage)),
    }
}

/// What the checked folder `dir` comes to: `listed` files in its
/// `SHA256SUMS`, `present` on disk, the `problems` found with them, and
/// `pages` whose fingerprints were checked.
pub fn report(
    dir: &Path,
    shown: &str,
    listed: usize,
    present: &BTreeMap<String, String>,
    problems: Vec<(String, verify::Problem)>,
    pages: usize,
    key: Option<&PublicKey>,
) -> Report {
    let at = |path: &str| format!("{shown}/{path}");
    let mut diags: Vec<Diagnostic> =
        problems.iter().map(|(path, p)| Diagnostic::error(at(path), None, verify::message(p))).collect();
    // A file missing or added is told once, by the check of SHA256SUMS.
    let told: BTreeSet<&str> = problems
        .iter()
        .filter(|(_, p)| matches!(p, verify::Problem::Missing | verify::Problem::Added))
        .map(|(path, _)| path.as_str())
        .collect();
    let published = Published { dir, shown, present };
    let (rederived, claims, year_of_archive) = match crate::proof::rederive(&published) {
        Outcome::NoSource => (None, Vec::new(), false),
        Outcome::Unreadable(errors) => {
            diags.extend(errors);
            diags.push(Diagnostic::error(at(crate::site::jobs::SOURCE), None, crate::t!("proof.not-rederived")));
            (None, Vec::new(), false)
        }
        Outcome::Rederived(r) => {
            for (path, found) in &r.found {
                if matches!(found, Found::Missing | Found::NotMade) && told.contains(path.as_str()) {
                    continue;
                }
                diags.push(Diagnostic::error(at(path), found.pos(), found.message()));
            }
            (Some(r.same), r.claims, r.year_of_archive)
        }
    };
    let signed = signature_part(dir, &at, key, &mut diags);
    // A signature that does not hold is told once, by itself.
    let claims = if signed.is_ok() { claims } else { Vec::new() };
    let signer = signed.as_ref().ok().and_then(|(id, _)| id.clone());
    for claim in &claims {
        let page = at(&claim.page);
        match &signer {
            Some(id) if *id == claim.key_id => {}
            Some(other) => {
                let message = crate::t!("proof.claim-other", id = claim.key_id, other = other);
                diags.push(Diagnostic::error(page, None, message));
            }
            None if year_of_archive => {
                diags.push(Diagnostic::warning(page, None, crate::t!("proof.claim-in-archive", id = claim.key_id)));
            }
            None => diags.push(Diagnostic::error(page, None, crate::t!("proof.claim-unsigned", id = claim.key_id))),
        }
    }
    crate::diag::sort(&mut diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let summary = crate::t!("record.verify-failed", dir = shown, problems = crate::i18n::words::problems(errors));
        return Report { diags, summary: Some(summary), exit: Exit::Content };
    }
    let signature = signed.map(|(_, words)| words).unwrap_or_default();
    let summary = match rederived {
        Some(same) => crate::t!("proof.ok", dir = shown, files = listed, same = same, signature = signature),
        None => crate::t!("proof.ok-no-source", dir = shown, files = listed, pages = pages, signature = signature),
    };
    Report { diags, summary: Some(summary), exit: Exit::Ok }
}

/// The signature: the key id that made it (if there is one) and what the
/// last line says of it; an error noted where it does not hold.
fn signature_part(
    dir: &Path,
    at: &dyn Fn(&str) -> String,
    key: Option<&PublicKey>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Option<String>, String), ()> {
    let mut fail = |message: String| {
        diags.push(Diagnostic::error(at(signature::FILE), None, message));
        Err(())
    };
    let too_large = std::fs::symlink_metadata(dir.join(signature::FILE)).is_ok_and(|m| m.len() > MAX_BYTES);
    let text = match read_inside(dir, signature::FILE) {
        _ if too_large => return fail(crate::t!("proof.not-a-signature")),
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(Unread::Missing) => None,
        Err(Unread::Link) => return fail(crate::t!("proof.link")),
    };
    let Some(text) = text else {
        return match key {
            Some(_) => fail(crate::t!("proof.sig-missing")),
            None => Ok((None, crate::t!("proof.unsigned"))),
        };
    };
    let Some(key) = key else {
        return match signature::signed_by(&text) {
            Some(id) => Ok((Some(id.clone()), crate::t!("proof.signed-unchecked", id = id))),
            None => fail(crate::t!("proof.not-a-signature")),
        };
    };
    let sums = read_inside(dir, sums::NAME).unwrap_or_default();
    match signature::check(key, &text, &sums) {
        Ok(trusted) => {
            let comment = key.comment.clone().unwrap_or_else(|| crate::t!("proof.no-comment"));
            let words = crate::t!("proof.signed", id = key.id(), comment = comment, trusted = trusted);
            Ok((Some(key.id()), words))
        }
        Err(Sig::NotASignature) => fail(crate::t!("proof.not-a-signature")),
        Err(Sig::OtherKey(signed)) => fail(crate::t!("proof.sig-other-key", signed = signed, given = key.id())),
        Err(Sig::OtherData(trusted)) => fail(crate::t!("proof.sig-other-data", id = key.id(), trusted = trusted)),
        Err(Sig::Altered) => fail(crate::t!("proof.sig-altered")),
    }
}
