//! The house has one direction: no two modules import each other, directly
//! or around a circle, at any level of the tree. Read from the sources: a
//! reference `crate::a::b::X` (or `super::…`) from a file in one module to
//! another is an arrow; arrows between the children of each module (the
//! rooms of `src/`, the files of a room) must form no cycle. A module's own
//! `mod.rs` is its facade: its `pub use child::X` re-exports send a path to
//! the child that defines `X`, and arrows between a module and its own
//! children are not counted. Test code (`#[cfg(test)]`) is left out.
//!
//! The layers of `docs/architecture.md` are asserted too: the commands
//! (`cmd`, `cli`, `serve`) on top, text, diagnostics and output at the bottom.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path: `["content", "read"]`; the crate root is `[]`.
type Module = Vec<String>;

struct Tree {
    /// Every module that has a file, with its text (test code removed).
    files: BTreeMap<Module, String>,
    /// Each module's re-exports: name → the child module it comes from.
    reexports: BTreeMap<Module, BTreeMap<String, String>>,
    /// Where each `macro_rules!` macro is defined.
    macros: BTreeMap<String, Module>,
}

fn module_of(rel: &Path) -> Option<Module> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    match stem {
        "lib" if parts.is_empty() => {}
        "main" if parts.is_empty() => return None,
        "mod" => {}
        s => parts.push(s.to_string()),
    }
    Some(parts)
}

/// The text without comments, string and char literals, and test code.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(n) => &text[..n],
        None => text,
    };
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (b.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal ('x' or '\n'); a lifetime has no closing quote.
            i += 1;
            while i < b.len() && b[i] != '\'' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts at `prefix` (`crate::`, `super::`), with use
/// trees expanded: `crate::a::{b, c::D}` gives `a::b` and `a::c::D`.
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(n) = code[from..].find(prefix) {
        let start = from + n;
        from = start + prefix.len();
        if code[..start].chars().next_back().is_some_and(|c| ident(c) || c == ':') {
            continue;
        }
        let mut base = Vec::new();
        if prefix == "super::" {
            base.push("super".to_string());
            let mut rest = &code[from..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.push("super".to_string());
                rest = r;
                from += "super::".len();
            }
        }
        tree(&code[from..], base, &mut out);
    }
    out
}

/// Reads one use tree (or a plain path) at the start of `s`.
fn tree(s: &str, base: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = base;
    let mut i = 0;
    let bytes: Vec<char> = s.chars().collect();
    loop {
        let start = i;
        while i < bytes.len() && ident(bytes[i]) {
            i += 1;
        }
        if i > start {
            let name: String = bytes[start..i].iter().collect();
            if bytes.get(i) == Some(&'!') {
                path.push(format!("{name}!"));
                out.push(path);
                return i;
            }
            path.push(name);
        }
        if bytes.get(i) == Some(&':') && bytes.get(i + 1) == Some(&':') {
            i += 2;
            if bytes.get(i) == Some(&'{') {
                i += 1;
                loop {
                    while bytes.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        i += 1;
                    }
                    if bytes.get(i).is_none_or(|c| *c == '}') {
                        return i + 1;
                    }
                    let rest: String = bytes[i..].iter().collect();
                    let used = tree(&rest, path.clone(), out);
                    if used == 0 {
                        return i;
                    }
                    i += used;
                }
            }
            if bytes.get(i) == Some(&'*') {
                out.push(path);
                return i + 1;
            }
            continue;
        }
        if !path.is_empty() {
            out.push(path);
        }
        return i;
    }
}

fn load() -> Tree {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&src).unwrap();
        if !e.file_type().is_file() || rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        if let Some(m) = module_of(rel) {
            files.insert(m, code(&std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    let mut reexports: BTreeMap<Module, BTreeMap<String, String>> = BTreeMap::new();
    let mut macros = BTreeMap::new();
    for (m, text) in &files {
        for stmt in text.split("pub use ").skip(1) {
            let stmt = stmt.split(';').next().unwrap_or_default();
            let mut found = Vec::new();
            tree(stmt, Vec::new(), &mut found);
            for p in found {
                let child = p[0].clone();
                let mut sub = m.clone();
                sub.push(child.clone());
                if files.contains_key(&sub) {
                    let name = p.last().unwrap().clone();
                    reexports.entry(m.clone()).or_default().insert(name, child);
                }
            }
        }
        for def in text.split("macro_rules! ").skip(1) {
            let name: String = def.chars().take_while(|c| ident(*c)).collect();
            macros.insert(format!("{name}!"), m.clone());
        }
    }
    Tree { files, reexports, macros }
}

impl Tree {
    /// The module a path from `from` lands in.
    fn resolve(&self, from: &Module, path: &[String]) -> Option<Module> {
        let mut m: Module = Vec::new();
        let mut rest = path;
        if path.first().is_some_and(|s| s == "super") {
            m = from.clone();
            while rest.first().is_some_and(|s| s == "super") {
                m.pop()?;
                rest = &rest[1..];
            }
        }
        for seg in rest {
            if let Some(def) = self.macros.get(seg) {
                return Some(def.clone());
            }
            let mut sub = m.clone();
            sub.push(seg.clone());
            if self.files.contains_key(&sub) {
                m = sub;
                continue;
            }
            if let Some(child) = self.reexports.get(&m).and_then(|r| r.get(seg)) {
                m.push(child.clone());
                // Follow a chain of re-exports down.
                while let Some(next) = self.reexports.get(&m).and_then(|r| r.get(seg)) {
                    m.push(next.clone());
                }
            }
            break;
        }
        Some(m)
    }

    /// Arrows between siblings: (parent, from child, to child) → an example.
    fn arrows(&self) -> BTreeMap<(Module, String, String), String> {
        let mut out = BTreeMap::new();
        for (m, text) in &self.files {
            let mut found = paths(text, "crate::");
            found.extend(paths(text, "super::"));
            for p in found {
                let Some(to) = self.resolve(m, &p) else { continue };
                let common = m.iter().zip(&to).take_while(|(a, b)| a == b).count();
                if common < m.len() && common < to.len() {
                    let key = (m[..common].to_vec(), m[common].clone(), to[common].clone());
                    out.entry(key).or_insert_with(|| format!("{} → {}", m.join("::"), p.join("::")));
                }
            }
        }
        out
    }
}

/// The cycles among one module's children (each strongly connected
/// component of more than one child).
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for (a, b) in edges {
                if *a == n && seen.insert(b.clone()) {
                    todo.push(b.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        let scc: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if scc.len() > 1 && !out.contains(&scc) {
            out.push(scc);
        }
    }
    out
}

#[test]
fn no_module_imports_around_a_circle() {
    let tree = load();
    let arrows = tree.arrows();
    let mut by_parent: BTreeMap<Module, BTreeSet<(String, String)>> = BTreeMap::new();
    for (parent, a, b) in arrows.keys() {
        by_parent.entry(parent.clone()).or_default().insert((a.clone(), b.clone()));
    }
    let mut problems = Vec::new();
    for (parent, edges) in &by_parent {
        for scc in cycles(edges) {
            let shown: Vec<String> = edges
                .iter()
                .filter(|(a, b)| scc.contains(a) && scc.contains(b))
                .map(|(a, b)| format!("  {a} → {b}: {}", arrows[&(parent.clone(), a.clone(), b.clone())]))
                .collect();
            problems.push(format!("in crate::{}: {}\n{}", parent.join("::"), scc.join(", "), shown.join("\n")));
        }
    }
    assert!(problems.is_empty(), "modules that import each other:\n{}", problems.join("\n"));
}

/// The rooms of `src/` by layer, top first; a room may import only rooms
/// of lower layers (docs/architecture.md draws the same table).
const LAYERS: &[&[&str]] = &[
    // The commands, and the argument types they take.
    &["cmd"],
    &["cli", "serve"],
    // The workbench (under serve), and the commands' work it shares.
    &["workbench"],
    &["tasks"],
    // Capabilities.
    &["proof"],
    &["archive"],
    &["pipeline"],
    &["site"],
    &["sheets", "docx", "next_year", "synthetic"],
    &["forms", "scaffold"],
    &["record", "scoring"],
    &["content"],
    &["standard"],
    &["decimal"],
    // Text, diagnostics and output at the bottom.
    &["output"],
    &["diag"],
    &["nofollow"],
    &["i18n", "text"],
];

#[test]
fn rooms_import_only_downwards() {
    let tree = load();
    let layer = |room: &str| LAYERS.iter().position(|l| l.contains(&room));
    let mut problems = Vec::new();
    let rooms: BTreeSet<&String> = tree.files.keys().filter(|m| m.len() == 1).map(|m| &m[0]).collect();
    for room in rooms {
        if layer(room).is_none() {
            problems.push(format!("room {room} has no layer in LAYERS"));
        }
    }
    for ((parent, a, b), example) in tree.arrows() {
        if !parent.is_empty() {
            continue;
        }
        if let (Some(la), Some(lb)) = (layer(&a), layer(&b))
            && lb <= la
        {
            problems.push(format!("{a} (layer {la}) imports {b} (layer {lb}): {example}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_expands_use_trees() {
    let code = code("use crate::a::{b, c::{D, E}};\nlet s = \"crate::x\"; // crate::y\ncrate::t!(\"k\");");
    let got = paths(&code, "crate::");
    assert_eq!(got, vec![vec!["a", "b"], vec!["a", "c", "D"], vec!["a", "c", "E"], vec!["t!"]]);
}
