//! `kaoping sign DIR --key KEY`: signs a publication already built. The
//! folder is verified first (as `kaoping verify DIR` does) and signed only
//! if it holds; `SHA256SUMS.minisig` is then put at its top, under the
//! folder's lock. The trusted comment names the publication's title, its
//! year (or years) and its data fingerprint, read from the published data.

use super::{Exit, Report};
use crate::diag::Diagnostic;
use crate::output::Target;
use crate::proof::compare::read_inside;
use crate::record::signature;
use std::path::Path;

/// What the trusted comment is made of: the title, the years and the data
/// file whose fingerprint it names.
#[derive(serde::Deserialize)]
struct Data {
    title: String,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    years: Vec<YearOf>,
}

#[derive(serde::Deserialize)]
struct YearOf {
    year: u16,
}

pub fn run(dir: &Path, key: &Path) -> Report {
    let shown = super::shown(dir);
    if !dir.is_dir() {
        return Report::failed(vec![Diagnostic::error(&shown, None, crate::t!("record.no-folder"))], Exit::Usage);
    }
    let secret = match super::publish::open_key(key, &[dir]) {
        Ok(k) => k,
        Err(d) => return Report::failed(vec![d], Exit::Usage),
    };
    let target = Target { dir: super::build::normalized(dir), shown: shown.clone() };
    let lock = match target.lock(&|| eprintln!("{}", crate::t!("output.waiting", target = shown))) {
        Ok(lock) => lock,
        Err(d) => return Report::failed(vec![d], Exit::Content),
    };
    let checked = super::verify::run(dir, None);
    if checked.exit != Exit::Ok {
        let summary = crate::t!("sign.not-verified", dir = shown, why = checked.summary.unwrap_or_default());
        return Report { diags: checked.diags, summary: Some(summary), exit: checked.exit };
    }
    let fail = |path: &str, message: String| {
        Report::failed(vec![Diagnostic::error(format!("{shown}/{path}"), None, message)], Exit::Content)
    };
    if let Some(claim) = crate::proof::claims(dir).into_iter().find(|c| c.key_id != secret.id()) {
        return fail(&claim.page, crate::t!("sign.claim-other", id = claim.key_id, key = secret.id()));
    }
    let data_file = if read_inside(dir, "history.json").is_ok() { "history.json" } else { "results.json" };
    let data = read_inside(dir, data_file).ok().and_then(|b| serde_json::from_slice::<Data>(&b).ok());
    let Some(data) = data else { return fail(data_file, crate::t!("sign.no-data")) };
    let years = match data.year {
        Some(y) => y.to_string(),
        None => {
            super::publish::years(data.years.first().map_or(0, |y| y.year), data.years.last().map_or(0, |y| y.year))
        }
    };
    let sums = read_inside(dir, crate::record::sums::NAME).unwrap_or_default();
    let publish = super::publish::Publish { source: true, key: Some(secret) };
    let Some(sig) = publish.signature(&sums, &data.title, &years, data_file) else {
        return fail(signature::FILE, crate::t!("sign.no-data"));
    };
    if let Err(d) = target.put(&sig.path, &sig.bytes) {
        return Report::failed(vec![d], Exit::Content);
    }
    drop(lock);
    let text = String::from_utf8_lossy(&sig.bytes);
    let trusted = text.lines().nth(2).and_then(|l| l.strip_prefix("trusted comment: ")).unwrap_or("");
    let id = publish.key.as_ref().map(signature::SecretKey::id).unwrap_or_default();
    let summary = crate::t!("sign.done", dir = shown, file = signature::FILE, id = id, trusted = trusted);
    Report { diags: checked.diags, summary: Some(summary), exit: Exit::Ok }
}
