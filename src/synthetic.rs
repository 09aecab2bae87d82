//! Synthetic content folders for benchmarks and scale tests (not a user
//! command): N cities, the eight member units of the 2013 standard,
//! findings of every rule kind in self-assessments and inspections, seeded
//! and deterministic. Used by `examples/gen_content.rs`, the benchmarks and
//! the tests.

use crate::content::{SourceFile, Sources};
use crate::standard::{Deduct, Item, Scoring, Standard};
use std::fmt::Write;

/// The real 2013 standard and its method.
pub const STANDARD_YAML: &str = include_str!("../content/standard.yaml");
pub const STANDARD_MD: &str = include_str!("../content/standard.md");

/// The files of a content folder with `n` cities: (relative path, text).
pub fn files(n: usize, seed: u64) -> Vec<(String, String)> {
    let standard = parse_standard(STANDARD_YAML);
    let mut out = vec![
        ("site.yaml".to_string(), site(n)),
        ("standard.yaml".to_string(), STANDARD_YAML.to_string()),
        ("standard.md".to_string(), STANDARD_MD.to_string()),
    ];
    let mut rng = Rng(seed);
    for i in 0..n {
        out.push((format!("cities/{}.yaml", city_id(i)), city_file(&standard, &mut rng, i)));
    }
    for (unit, _) in UNITS {
        out.push((format!("units/{unit}.yaml"), unit_file(&standard, &mut rng, n, unit)));
    }
    out
}

/// The files of [`files`] as read from a folder shown as `synthetic`.
pub fn sources(n: usize, seed: u64) -> Sources {
    let mut s = Sources { shown: "synthetic".into(), ..Sources::default() };
    for (path, text) in files(n, seed) {
        let id = path.rsplit('/').next().unwrap_or("").trim_end_matches(".yaml").to_string();
        let shown = format!("synthetic/{path}");
        match path.as_str() {
            "site.yaml" => s.site = Some(text),
            "standard.yaml" => s.standard = Some(text),
            "standard.md" => s.standard_md = Some(text),
            p if p.starts_with("cities/") => s.cities.push(SourceFile { id, shown, text: text.into() }),
            _ => s.units.push(SourceFile { id, shown, text: text.into() }),
        }
    }
    s
}

/// The checked content of [`sources`] (for tests; `None` would be a bug
/// of this module, which writes content without errors).
pub fn content(n: usize, seed: u64) -> Option<crate::content::Content> {
    crate::content::parse(&sources(n, seed)).content
}

/// Writes the files of [`files`] under `dir`.
pub fn write(dir: &std::path::Path, n: usize, seed: u64) -> std::io::Result<()> {
    for (path, text) in files(n, seed) {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, text)?;
    }
    Ok(())
}

const UNITS: [(&str, &str); 8] = [
    ("office", "省综治办实有人口专项组办公室"),
    ("police", "省公安厅"),
    ("finance", "省财政厅"),
    ("education", "省教育厅"),
    ("civil", "省民政厅"),
    ("health", "省卫生计生委"),
    ("hrss", "省人力资源和社会保障厅"),
    ("reform", "省发展改革委"),
];

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn city_id(i: usize) -> String {
    format!("c{:04}", i + 1)
}

fn site(n: usize) -> String {
    let mut s = String::from(
        "title: 合成数据考评结果（基准测试）\nyear: 2013\nweight: 14\nmarking: 内部资料\nsample: true\ndeadlines: { self_assessment: 2014-01-10, inspection: 2014-02-10 }\ncities:\n",
    );
    for i in 0..n {
        let _ = writeln!(s, "  - {{ id: {}, name: 合成{}市 }}", city_id(i), i + 1);
    }
    s.push_str("units:\n");
    for (id, name) in UNITS {
        let _ = writeln!(s, "  - {{ id: {id}, name: {name} }}");
    }
    s
}

/// The standard, parsed by kaoping itself (it is the shipped one, so it
/// parses).
fn parse_standard(yaml: &str) -> Standard {
    let site = site(1);
    let sources = Sources {
        shown: "gen".into(),
        site: Some(site),
        standard: Some(yaml.to_string()),
        standard_md: Some(String::new()),
        cities: Vec::<SourceFile>::new(),
        units: Vec::new(),
    };
    crate::content::parse(&sources).content.map(|c| c.standard).unwrap_or_else(|| Standard {
        title: String::new(),
        total: crate::decimal::Dec::ZERO,
        sections: Vec::new(),
    })
}

/// One entry (the YAML mapping body) with random findings that are valid.
fn entry(item: &Item, rng: &mut Rng, deduct_percent: u64) -> String {
    match &item.scoring {
        Scoring::Award => {
            let h = rng.below(item.max.hundredths() as u64 + 1);
            format!("{{ score: {}.{:02} }}", h / 100, h % 100)
        }
        Scoring::Rules(rules) => {
            let mut findings = Vec::new();
            for rule in rules {
                if !rng.chance(deduct_percent) {
                    continue;
                }
                let id = &rule.id;
                findings.push(match &rule.deduct {
                    Deduct::Fixed(_) => format!("{{ rule: {id}, note: 检查发现问题 }}"),
                    Deduct::Range { min, max } => {
                        let (lo, hi) = (min.hundredths() as u64 / 100, max.hundredths() as u64 / 100);
                        format!("{{ rule: {id}, amount: {}, note: 视情扣分 }}", lo + rng.below(hi - lo + 1))
                    }
                    Deduct::PerCount { .. } => format!("{{ rule: {id}, count: {}, note: 未落实 }}", 1 + rng.below(3)),
                    Deduct::Staffing { .. } => {
                        let (urban, rural) = (200_000 + rng.below(2_000_000), 100_000 + rng.below(800_000));
                        let required = urban / 800 + rural / 500;
                        let staff = required * (70 + rng.below(40)) / 100;
                        format!("{{ rule: {id}, population: {{ urban: {urban}, rural: {rural} }}, staff: {staff} }}")
                    }
                });
            }
            format!("{{ findings: [{}], evidence: [文件〔2013〕{}号] }}", findings.join(", "), rng.below(90) + 1)
        }
    }
}

fn city_file(standard: &Standard, rng: &mut Rng, i: usize) -> String {
    let day = 1 + rng.below(14);
    let mut s = format!(
        "submitted: 2014-01-{day:02}\nreport: |\n  合成{}市自查自评报告。\n\n  - 工作**总体**落实。\nitems:\n",
        i + 1
    );
    for (_, item) in standard.items() {
        if rng.chance(97) {
            let _ = writeln!(s, "  \"{}\": {}", item.id, entry(item, rng, 8));
        }
    }
    s
}

fn unit_file(standard: &Standard, rng: &mut Rng, n: usize, unit: &str) -> String {
    let day = 1 + rng.below(12);
    let mut s = format!("submitted: 2014-02-{day:02}\nreport: |\n  检查报告。\ncities:\n");
    let remit: Vec<&Item> =
        standard.items().map(|(_, i)| i).filter(|i| i.assessors.iter().any(|a| a == unit)).collect();
    for i in 0..n {
        let _ = writeln!(s, "  {}:", city_id(i));
        let mut any = false;
        for item in &remit {
            if rng.chance(85) {
                let _ = writeln!(s, "    \"{}\": {}", item.id, entry(item, rng, 15));
                any = true;
            }
        }
        if !any {
            s.truncate(s.len() - format!("  {}:\n", city_id(i)).len());
        }
    }
    s
}
