//! The proof of a publication (issue 23, §13): `verify` makes the site
//! again from its `source/` and names what differs; signatures in
//! minisign's formats, checked by kaoping and by Debian's `minisign`.
//! Each tampering gives its exact lines and exit code.

mod common;

use common::{kaoping, kaoping_zh, lines, snapshot};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds `content` (under the repository) into `dir/name` with `extra`
/// arguments and the password `pw` in the environment.
fn build_with(dir: &Path, name: &str, content: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec!["build", "--content", content, "--output", out.to_str().unwrap()];
    args.extend(extra);
    let run = with_password("pw", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

fn build(dir: &Path) -> PathBuf {
    build_with(dir, "out", "content", &[])
}

/// Runs kaoping (in English) with `KAOPING_KEY_PASSWORD=password`.
fn with_password(password: &str, args: &[&str]) -> common::Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kaoping"))
        .args(args)
        .env("KAOPING_LANG", "en")
        .env("KAOPING_KEY_PASSWORD", password)
        .current_dir(common::root())
        .output()
        .unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `SHA256SUMS` again for what the folder now holds, as a forger
/// would.
fn resum(dir: &Path) {
    let mut sums = std::collections::BTreeMap::new();
    for (path, bytes) in snapshot(dir) {
        let path = path.replace('\\', "/");
        if kaoping::record::sums::listed(&path) {
            sums.insert(path, kaoping::record::sha256_hex(&bytes));
        }
    }
    std::fs::write(dir.join("SHA256SUMS"), kaoping::record::sums::format(&sums)).unwrap();
}

fn verify(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["verify", dir.to_str().unwrap()];
    args.extend(extra);
    kaoping(&args)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A new key pair without a password in `dir`: (secret, public).
fn key(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let secret = dir.join(name);
    let run = kaoping(&["key", "new", secret.to_str().unwrap(), "--no-password", "--comment", "专项组办公室"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (secret, dir.join(format!("{name}.pub")))
}

fn key_id(public: &Path) -> String {
    kaoping::record::signature::read_public(&std::fs::read_to_string(public).unwrap()).unwrap().id()
}

const UNSIGNED: &str = "not signed: who published it is not proven";

#[test]
fn a_whole_site_is_made_again_from_its_source() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    for f in ["site.yaml", "standard.yaml", "standard.md", "cities/bicen.yaml", "units/police.yaml"] {
        let kept = std::fs::read(out.join("source").join(f)).unwrap();
        assert_eq!(kept, std::fs::read(common::root().join("content").join(f)).unwrap(), "{f} as read");
    }
    assert!(out.join("source/theme/templates/base.html").is_file(), "the custom theme, under source/theme/");
    let run = verify(&out, &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        lines(&run.stdout, &out),
        [format!("C holds: 78 files match SHA256SUMS; 79 files re-derived from source/ and identical; {UNSIGNED}")]
    );
}

#[test]
fn a_page_edited_with_sha256sums_recomputed_is_named_with_its_first_differing_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let page = out.join("cities/bicen.html");
    replace_in(&page, "<td class=\"num\">13.65</td>", "<td class=\"num\">14.65</td>");
    resum(&out);
    let run = verify(&out, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "error: C/cities/bicen.html:236:102: differs from what source/ gives: published \"…\"num\">15</td><td class=\"num\">14.65</td><td class=\"num\">12.29</td></tr>\", from source/ \"…\"num\">15</td><td class=\"num\">13.65</td><td class=\"num\">12.29</td></tr>\""
        ]
    );
    assert_eq!(lines(&run.stdout, &out), ["C is not as it was published: 1 problem"]);
    let run = kaoping_zh(&["verify", out.to_str().unwrap()]);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "错误：C/cities/bicen.html:236:102：与 source/ 重新生成的不同：发布的是「…\"num\">15</td><td class=\"num\">14.65</td><td class=\"num\">12.29</td></tr>」，由 source/ 得出的是「…\"num\">15</td><td class=\"num\">13.65</td><td class=\"num\">12.29</td></tr>」"
        ]
    );
    assert_eq!(lines(&run.stdout, &out), ["C 与发布时不一致：共 1 处问题"]);
}

#[test]
fn results_json_and_every_fingerprint_edited_consistently_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let json = out.join("results.json");
    let old = kaoping::record::fingerprint::of(&std::fs::read(&json).unwrap());
    replace_in(&json, "\"total\":93.37", "\"total\":99.37");
    let new = kaoping::record::fingerprint::of(&std::fs::read(&json).unwrap());
    let mut pages = 0;
    for (path, bytes) in snapshot(&out) {
        let html = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") && !kaoping::proof::is_kept(&path) {
            std::fs::write(out.join(&path), html.replace(&old, &new)).unwrap();
            pages += 1;
        }
    }
    resum(&out);
    let run = verify(&out, &[]);
    assert_eq!(run.code, 1);
    let stderr = lines(&run.stderr, &out);
    // Every page, and results.json at its figure.
    assert_eq!(stderr.len(), pages + 1, "{stderr:#?}");
    // The index page, at its first fingerprint (in the print rules).
    let index = stderr.iter().find(|l| l.starts_with("error: C/index.html:")).unwrap();
    let at = fingerprint_at(&out.join("index.html"), &new);
    assert!(
        index.starts_with(&format!("error: C/index.html:{at}: differs from what source/ gives: published \"")),
        "{index}"
    );
    let (published, derived) = index.split_once("from source/ \"").unwrap();
    assert!(published.contains(&new) && derived.contains(&old), "{index}");
    let at = stderr.iter().find(|l| l.starts_with("error: C/results.json:")).unwrap();
    // A city is one line of results.json: the place, and the bytes around it.
    assert!(at.starts_with("error: C/results.json:7:75: differs from what source/ gives: published \"…"), "{at}");
    let (published, derived) = at.split_once(", from source/ ").unwrap();
    assert!(published.contains("\"penalty\":0,\"total\":99.37,\"weighted\""), "{at}");
    assert!(derived.contains("\"penalty\":0,\"total\":93.37,\"weighted\""), "{at}");
    assert_eq!(lines(&run.stdout, &out), [format!("C is not as it was published: {} problems", pages + 1)]);
}

/// `line:col` of the first fingerprint on a page.
fn fingerprint_at(page: &Path, fp: &str) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let (n, line) = html.split('\n').enumerate().find(|(_, l)| l.contains(fp)).unwrap();
    let col = line[..line.find(fp).unwrap()].chars().count() + 1;
    format!("{}:{col}", n + 1)
}

#[test]
fn a_file_added_removed_or_renamed_with_sha256sums_recomputed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    std::fs::write(out.join("cities/extra.html"), "<p>added</p>").unwrap();
    std::fs::remove_file(out.join("results.csv")).unwrap();
    std::fs::rename(out.join("cities/bicen.html"), out.join("cities/bicen-2.html")).unwrap();
    resum(&out);
    let run = verify(&out, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "error: C/cities/bicen-2.html: not from source/: the folder has this file, but source/ does not give it",
            "error: C/cities/bicen.html: missing: source/ gives this file, but the folder does not have it",
            "error: C/cities/extra.html: not from source/: the folder has this file, but source/ does not give it",
            "error: C/cities/extra.html: the page shows no data fingerprint (results.json has the fingerprint 9648 5352 082d 7240)",
            "error: C/results.csv: missing: source/ gives this file, but the folder does not have it",
        ]
    );
    assert_eq!(lines(&run.stdout, &out), ["C is not as it was published: 5 problems"]);
    let run = kaoping_zh(&["verify", out.to_str().unwrap()]);
    assert_eq!(
        lines(&run.stderr, &out)[..2],
        [
            "错误：C/cities/bicen-2.html：不是由 source/ 生成的：文件夹中有此文件，但 source/ 不生成它",
            "错误：C/cities/bicen.html：缺少：由 source/ 应生成此文件，但文件夹中没有",
        ]
    );
}

#[test]
fn an_edit_of_source_built_again_is_caught_only_by_the_signature() {
    let tmp = tempfile::tempdir().unwrap();
    let (secret, public) = key(tmp.path(), "office.key");
    let signed = build_with(tmp.path(), "signed", "content", &["--sign", secret.to_str().unwrap()]);
    // A forger changes a score in the content and builds it again: every
    // file agrees with the source/ it now keeps.
    let content = tmp.path().join("content");
    common::copy_dir(&common::root().join("content"), &content);
    common::copy_dir(&common::root().join("themes"), &tmp.path().join("themes"));
    replace_in(&content.join("cities/bicen.yaml"), "submitted: 2014-01-21", "submitted: 2014-01-09");
    let forged = build_with(tmp.path(), "forged", content.to_str().unwrap(), &[]);
    let run = verify(&forged, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(lines(&run.stdout, &forged)[0].ends_with(UNSIGNED), "{}", run.stdout);
    let pubkey = public.to_str().unwrap();
    let run = verify(&forged, &["--pubkey", pubkey]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &forged),
        [
            "error: C/SHA256SUMS.minisig: missing: a public key was given (--pubkey), but the publication has no signature: it is not signed"
        ]
    );
    // The publisher's signature copied beside it names what it signed.
    std::fs::copy(signed.join("SHA256SUMS.minisig"), forged.join("SHA256SUMS.minisig")).unwrap();
    let run = verify(&forged, &["--pubkey", pubkey]);
    assert_eq!(run.code, 1);
    let id = key_id(&public);
    assert_eq!(
        lines(&run.stderr, &forged),
        [format!(
            "error: C/SHA256SUMS.minisig: key {id} did not sign this SHA256SUMS: its signature is of another publication (\"2013年度实有人口专项组考评结果（示例） · 2013年度 · 数据指纹 {}\"), or SHA256SUMS was changed after it was signed",
            kaoping::record::fingerprint::of(&std::fs::read(signed.join("results.json")).unwrap())
        )]
    );
    // The publisher's own site holds, and says who signed it.
    let run = verify(&signed, &["--pubkey", pubkey]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let fp = kaoping::record::fingerprint::of(&std::fs::read(signed.join("results.json")).unwrap());
    assert_eq!(
        lines(&run.stdout, &signed),
        [format!(
            "C holds: 78 files match SHA256SUMS; 79 files re-derived from source/ and identical; signed with key {id} (专项组办公室), trusted comment \"2013年度实有人口专项组考评结果（示例） · 2013年度 · 数据指纹 {fp}\"; whether that key is the publisher's, compare its id with the one the publisher gave"
        )]
    );
    let run = kaoping_zh(&["verify", signed.to_str().unwrap()]);
    assert_eq!(
        lines(&run.stdout, &signed),
        [format!(
            "C 核对通过：78 个文件与 SHA256SUMS 一致；79 个文件由 source/ 重新生成，逐字节相同；有密钥 {id} 的签名，但未给公钥（--pubkey），没有核对：不能证明由谁发布"
        )]
    );
}

#[test]
fn a_signature_by_another_key_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let (secret, public) = key(tmp.path(), "office.key");
    let (other, other_public) = key(tmp.path(), "other.key");
    let out = build_with(tmp.path(), "out", "content", &["--sign", secret.to_str().unwrap()]);
    let (id, other_id) = (key_id(&public), key_id(&other_public));
    let other_key = std::fs::read_to_string(&other).unwrap();
    let other_key = kaoping::record::signature::open_secret(&other_key, None).unwrap();
    let sums = std::fs::read(out.join("SHA256SUMS")).unwrap();
    let forged = kaoping::record::signature::sign(&other_key, &sums, "any");
    std::fs::write(out.join("SHA256SUMS.minisig"), forged).unwrap();
    let run = verify(&out, &["--pubkey", public.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [format!(
            "error: C/SHA256SUMS.minisig: signed with another key: the signature is key {other_id}'s, the public key given is key {id}"
        )]
    );
    // Without a key, the page that names the signing key disagrees with it.
    let run = verify(&out, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [format!(
            "error: C/report.html: the page says the publication is signed with key {id}, but SHA256SUMS.minisig is signed with key {other_id}"
        )]
    );
    // Nor will `sign` put another key's signature on it.
    let run = kaoping(&["sign", out.to_str().unwrap(), "--key", other.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("C/report.html: the page says the publication is signed with key {id}, but SHA256SUMS.minisig is signed with key {other_id}").replace("C/", &format!("{}/", out.display()))), "{}", run.stderr);
    // The signature removed: the page still says the site is signed.
    std::fs::remove_file(out.join("SHA256SUMS.minisig")).unwrap();
    let run = verify(&out, &[]);
    assert_eq!(
        lines(&run.stderr, &out),
        [format!(
            "error: C/report.html: the page says the publication is signed with key {id}, but there is no SHA256SUMS.minisig"
        )]
    );
    // An altered signature.
    let sig = kaoping::record::signature::sign(&other_key, &sums, "any").replace("any", "more");
    std::fs::write(out.join("SHA256SUMS.minisig"), sig).unwrap();
    let run = verify(&out, &["--pubkey", other_public.to_str().unwrap()]);
    assert!(
        lines(&run.stderr, &out)
            .contains(&"error: C/SHA256SUMS.minisig: the signature does not hold: it was altered".to_string()),
        "{}",
        run.stderr
    );
    let run = verify(&out, &["--pubkey", "RWnotakey"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: RWnotakey: this is neither a minisign public key file nor a public key (RW…, as minisign prints it)\n"
    );
}

#[test]
fn signing_twice_gives_the_same_bytes_and_signed_builds_stay_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (secret, _) = key(tmp.path(), "office.key");
    let sign = ["--sign", secret.to_str().unwrap()];
    std::fs::create_dir_all(tmp.path().join("a")).unwrap();
    std::fs::create_dir_all(tmp.path().join("b")).unwrap();
    let a = build_with(&tmp.path().join("a"), "out", "content", &sign);
    let b = build_with(&tmp.path().join("b"), "out", "content", &sign);
    assert_eq!(snapshot(&a), snapshot(&b));
    let sig = std::fs::read_to_string(a.join("SHA256SUMS.minisig")).unwrap();
    assert!(!sig.contains("timestamp"), "{sig}");
    let unsigned = build_with(tmp.path(), "c", "content", &[]);
    for _ in 0..2 {
        let run = kaoping(&["sign", unsigned.to_str().unwrap(), "--key", secret.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let once = std::fs::read(unsigned.join("SHA256SUMS.minisig")).unwrap();
    let run = kaoping(&["sign", unsigned.to_str().unwrap(), "--key", secret.to_str().unwrap()]);
    assert!(run.stdout.starts_with(&format!("signed {}: SHA256SUMS.minisig, key ", unsigned.display())));
    assert_eq!(std::fs::read(unsigned.join("SHA256SUMS.minisig")).unwrap(), once);
    // Nothing of the signing is left beside the folder.
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(beside.iter().all(|n| !n.starts_with('.')), "{beside:?}");
}

#[test]
fn a_protected_key_needs_its_password_and_nothing_is_written_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("office.key");
    let run = with_password("秘密 pw", &["key", "new", secret.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&secret).unwrap().starts_with("untrusted comment: kaoping encrypted secret key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let out = tmp.path().join("out");
    let args = ["build", "--output", out.to_str().unwrap(), "--sign", secret.to_str().unwrap()];
    let run = with_password("wrong", &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        ["error: C/office.key: wrong password for this key; nothing was signed"]
    );
    assert!(!out.exists());
    let run = with_password("秘密 pw", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("SHA256SUMS.minisig").is_file());
    // A key inside the folder it would sign.
    std::fs::copy(&secret, out.join("office.key")).unwrap();
    let run =
        with_password("秘密 pw", &["sign", out.to_str().unwrap(), "--key", out.join("office.key").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        [
            "error: C/out/office.key: the secret key is inside C/out, which is published or replaced; keep the key in a folder of its own"
        ]
    );
}

#[test]
fn key_new_never_writes_over_a_key_and_warns_without_a_password() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("k.key");
    let run = kaoping(&["key", "new", secret.to_str().unwrap(), "--no-password"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        [
            "warning: C/k.key: the secret key has no password: whoever copies this file can sign in your name; keep it where only you can read it"
        ]
    );
    let id = key_id(&tmp.path().join("k.key.pub"));
    assert_eq!(
        lines(&run.stdout, tmp.path()),
        [format!(
            "made the key pair: C/k.key (the secret key: keep it, never publish it) and C/k.key.pub (the public key: give it to whoever checks the publications); key id {id}"
        )]
    );
    let before = std::fs::read(&secret).unwrap();
    let run = kaoping_zh(&["key", "new", secret.to_str().unwrap(), "--no-password"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        lines(&run.stderr, tmp.path()),
        ["错误：C/k.key：这个文件已经存在；kaoping 不会覆盖它（请换一个名字，或先把原来的文件移走）"]
    );
    assert_eq!(std::fs::read(&secret).unwrap(), before);
}

#[test]
fn minisign_accepts_kaopings_signature_and_kaoping_signs_with_minisigns_keys() {
    if Command::new("minisign").arg("-v").output().is_err() {
        return common::skip("minisign is not installed (apt-get install minisign)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let (secret, public) = key(tmp.path(), "office.key");
    let out = build_with(tmp.path(), "out", "content", &["--sign", secret.to_str().unwrap()]);
    let run =
        Command::new("minisign").args(["-Vm", "SHA256SUMS", "-p"]).arg(&public).current_dir(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let said = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("Trusted comment: 2013年度实有人口专项组考评结果（示例） · 2013年度 · 数据指纹 "), "{said}");
    // A key of minisign's own, without and with a password.
    let unsigned = build_with(tmp.path(), "plain", "content", &[]);
    let (mk, mp) = (tmp.path().join("m.key"), tmp.path().join("m.pub"));
    let made = Command::new("minisign").args(["-G", "-W", "-s"]).arg(&mk).arg("-p").arg(&mp).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let run = kaoping(&["sign", unsigned.to_str().unwrap(), "--key", mk.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = verify(&unsigned, &["--pubkey", mp.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (ek, ep) = (tmp.path().join("e.key"), tmp.path().join("e.pub"));
    let mut child = Command::new("minisign")
        .args(["-G", "-s"])
        .arg(&ek)
        .arg("-p")
        .arg(&ep)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"pw\npw\n").unwrap();
    assert!(child.wait().unwrap().success());
    let run = with_password("pw", &["sign", unsigned.to_str().unwrap(), "--key", ek.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The public key as minisign prints it, not a file.
    let line = std::fs::read_to_string(&ep).unwrap().lines().nth(1).unwrap().to_string();
    let run = verify(&unsigned, &["--pubkey", &line]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(&format!("signed with key {} (no comment)", key_id(&ep))), "{}", run.stdout);
    let run =
        Command::new("minisign").args(["-Vm", "SHA256SUMS", "-p"]).arg(&ep).current_dir(&unsigned).output().unwrap();
    assert!(run.status.success());
}

#[test]
fn a_site_without_source_is_verified_as_before_and_says_the_pages_were_not_re_derived() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build_with(tmp.path(), "out", "content", &["--no-source"]);
    assert!(!out.join("source").exists());
    let run = verify(&out, &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        lines(&run.stdout, &out),
        [format!(
            "C holds: 35 files match SHA256SUMS, and 28 pages show the fingerprint of their data; it has no source/, so the pages were not re-derived from the data; {UNSIGNED}"
        )]
    );
    let run = kaoping_zh(&["verify", out.to_str().unwrap()]);
    assert_eq!(
        lines(&run.stdout, &out),
        [
            "C 核对通过：35 个文件与 SHA256SUMS 一致，28 个页面的数据指纹与数据相符；没有 source/，页面未由数据重新生成；未签名：不能证明由谁发布"
        ]
    );
}

#[test]
#[cfg(unix)]
fn verify_follows_no_link_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let outside = tmp.path().join("bicen.yaml");
    std::fs::rename(out.join("source/cities/bicen.yaml"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("source/cities/bicen.yaml")).unwrap();
    let before = snapshot(tmp.path());
    let run = verify(&out, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, &out),
        [
            "error: C/source: the pages could not be re-derived from source/ (see above), so they are not proven",
            "error: C/source/cities/bicen.yaml: a link: verify follows no link (kaoping never writes one into a site)",
            "error: C/source/cities/bicen.yaml: a link: verify follows no link, so the publication cannot be proven",
        ]
    );
    assert_eq!(snapshot(tmp.path()), before, "verify wrote nothing");
}

#[test]
fn an_archive_is_verified_year_by_year_and_its_own_pages_from_the_years() {
    let tmp = tempfile::tempdir().unwrap();
    let (secret, public) = key(tmp.path(), "office.key");
    let out = build_with(tmp.path(), "out", "examples/archive", &["--sign", secret.to_str().unwrap()]);
    assert!(out.join("source/archive.yaml").is_file() && out.join("2014/source/site.yaml").is_file());
    let id = key_id(&public);
    let fp = kaoping::record::fingerprint::of(&std::fs::read(out.join("history.json")).unwrap());
    let run = verify(&out, &["--pubkey", public.to_str().unwrap()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        lines(&run.stdout, &out),
        [format!(
            "C holds: 147 files match SHA256SUMS; 148 files re-derived from source/ and identical; signed with key {id} (专项组办公室), trusted comment \"实有人口专项组历年考评结果（示例） · 2013—2015年度 · 数据指纹 {fp}\"; whether that key is the publisher's, compare its id with the one the publisher gave"
        )]
    );
    // A year on its own: its pages link back to the archive, and its
    // signature is the archive's.
    let year = out.join("2014");
    let run = verify(&year, &[]);
    assert_eq!(run.code, 0);
    assert_eq!(
        lines(&run.stderr, &year),
        [format!(
            "warning: C/report.html: the page says the publication is signed with key {id}: this folder is a year of an archive, whose signature is in the archive's folder, one up; verify that folder to check it"
        )]
    );
    assert_eq!(
        lines(&run.stdout, &year),
        [format!("C holds: 43 files match SHA256SUMS; 44 files re-derived from source/ and identical; {UNSIGNED}")]
    );
    // A year's page and the archive's own page edited, every SHA256SUMS
    // written again.
    let unsigned = build_with(tmp.path(), "plain", "examples/archive", &[]);
    let city = std::fs::read_dir(unsigned.join("cities")).unwrap().flatten().next().unwrap().file_name();
    let city = city.to_string_lossy().into_owned();
    replace_in(&unsigned.join(format!("cities/{city}")), "<h1>", "<h1>改 ");
    replace_in(&unsigned.join("2014/index.html"), "<h1>", "<h1>改 ");
    resum(&unsigned.join("2014"));
    resum(&unsigned);
    let run = verify(&unsigned, &[]);
    assert_eq!(run.code, 1);
    let stderr = lines(&run.stderr, &unsigned);
    assert_eq!(stderr.len(), 2, "{stderr:#?}");
    assert!(stderr[0].starts_with("error: C/2014/index.html:"), "{}", stderr[0]);
    assert!(stderr[1].starts_with(&format!("error: C/cities/{city}:")), "{}", stderr[1]);
    assert!(stderr.iter().all(|l| l.contains("改 ")), "{stderr:#?}");
}
