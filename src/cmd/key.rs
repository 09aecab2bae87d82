//! `kaoping key new FILE`: a key pair in minisign's formats, FILE (the
//! secret key, protected by a password unless `--no-password`, readable
//! only by its owner where the system has such rights) and FILE.pub (the
//! public key). Neither file may exist: a key is never written over.

use super::publish::{PASSWORD_VAR, password};
use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::record::signature;
use std::path::{Path, PathBuf};

/// The public key's file beside the secret key `file`: `FILE.pub`.
pub fn public_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

pub fn new(file: &Path, no_password: bool, comment: Option<&str>) -> Report {
    let (shown, public) = (super::shown(file), public_path(file));
    let public_shown = super::shown(&public);
    let usage = |path: &str, message: String| Report::failed(vec![Diagnostic::error(path, None, message)], Exit::Usage);
    for (path, shown) in [(file, &shown), (public.as_path(), &public_shown)] {
        if std::fs::symlink_metadata(path).is_ok() {
            return usage(shown, crate::t!("output.exists"));
        }
    }
    let mut diags = Vec::new();
    let pass = if no_password {
        diags.push(Diagnostic::warning(&shown, None, crate::t!("key.unprotected")));
        None
    } else {
        let from_env = std::env::var_os(PASSWORD_VAR).is_some();
        let Some(first) = password(&crate::t!("key.new-password", key = shown)) else {
            return usage(&shown, crate::t!("key.no-new-password", var = PASSWORD_VAR));
        };
        if first.is_empty() {
            return usage(&shown, crate::t!("key.empty-password"));
        }
        if !from_env && password(&crate::t!("key.new-password-again")).as_deref() != Some(first.as_str()) {
            return usage(&shown, crate::t!("key.passwords-differ"));
        }
        Some(first)
    };
    let (secret, public_text) = match signature::new_pair(pass.as_deref(), comment) {
        Ok(pair) => pair,
        Err(why) => return Report::failed(vec![Diagnostic::error(&shown, None, why)], Exit::Content),
    };
    let id = signature::read_public(&public_text).map(|k| k.id()).unwrap_or_default();
    let written = crate::output::create_file(file, &shown, secret.as_bytes(), true).and_then(|()| {
        crate::output::create_file(&public, &public_shown, public_text.as_bytes(), false).inspect_err(|_| {
            let _ = std::fs::remove_file(file);
        })
    });
    if let Err(d) = written {
        return Report::failed(vec![d], Exit::Content);
    }
    let summary = crate::t!("key.made", secret = shown, public = public_shown, id = id);
    Report { diags, summary: Some(summary), exit: Exit::Ok }
}
