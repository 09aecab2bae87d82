//! Release hygiene (issue 30): `kaoping --version`, Cargo.toml, the latest
//! entry of CHANGELOG.md and the licence files agree, read from the files
//! as written (not through cargo's environment), in both languages.

mod common;
use common::*;

/// `version = "…"` of Cargo.toml's `[package]` table.
fn cargo_toml(key: &str) -> String {
    let text = read("Cargo.toml");
    let package = text.split("\n[").next().expect("[package] comes first");
    let prefix = format!("{key} = \"");
    let line = package.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("{key} in [package]"));
    line[prefix.len()..].trim_end_matches('"').to_string()
}

#[test]
fn the_version_printed_is_cargo_tomls() {
    let version = cargo_toml("version");
    for run in [kaoping(&["--version"]), kaoping_zh(&["--version"]), kaoping(&["-V"])] {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, format!("kaoping {version}\n"));
    }
}

#[test]
fn the_changelogs_latest_entry_is_cargo_tomls_version() {
    let version = cargo_toml("version");
    let changelog = read("CHANGELOG.md");
    let latest = changelog.lines().find(|l| l.starts_with("## ")).expect("an entry");
    let named = latest[3..].split_whitespace().next().unwrap();
    assert_eq!(named, version, "CHANGELOG.md's first entry: {latest}");
    // The entries are by version, newest first, none twice.
    let versions: Vec<Vec<u64>> = changelog
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|l| l.split_whitespace().next().unwrap().split('.').map(|n| n.parse().expect("x.y.z")).collect())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] > w[1]), "{versions:?}");
    assert_eq!(read("Cargo.lock").matches(&format!("name = \"kaoping\"\nversion = \"{version}\"")).count(), 1);
}

#[test]
fn the_licence_is_declared_and_its_texts_are_there() {
    assert_eq!(cargo_toml("license"), "MIT OR Apache-2.0");
    assert!(read("LICENSE-MIT").starts_with("MIT License\n\nCopyright (c)"));
    let apache = read("LICENSE-APACHE");
    assert!(apache.contains("Apache License\n                        Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    // about.toml (cargo-about and scripts/licences.py) accepts kaoping's own.
    let about = read("about.toml");
    assert!(about.contains("    \"MIT\",\n") && about.contains("    \"Apache-2.0\",\n"));
}

#[test]
fn the_usage_page_is_self_contained_and_gives_the_years_steps() {
    // scripts/usage.zh.html becomes 使用说明.html in every package.
    let page = read("scripts/usage.zh.html");
    for banned in ["<script", "href=", "src=", "<link", "url("] {
        assert!(!page.contains(banned), "使用说明.html has {banned}");
    }
    assert!(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    for step in ["init 2025", "forms --content 2025", "import --content 2025", "check --content 2025"] {
        assert!(page.contains(&format!("@RUN@ {step}")), "{step}");
    }
    assert!(page.contains("@RUN@ build --content 2025") && page.contains("@RUN@ verify "));
    // Only the placeholders scripts/release fills in (@WORD@ in capitals).
    let words: Vec<&str> = page
        .split('@')
        .skip(1)
        .step_by(1)
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase()))
        .collect();
    assert!(!words.is_empty());
    for word in words {
        assert!(["VERSION", "SYSTEM", "EXE", "RUN", "SEP", "CONSOLE"].contains(&word), "@{word}@");
    }
}
