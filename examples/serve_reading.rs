//! Times what `kaoping serve` does after a save, on a content folder of one
//! year, with its cache warm (nothing changed, so no file is parsed again):
//! reading and checking the content, scoring it, and preparing what every
//! page shares (the theme, results.json and its fingerprint). Best of 5.
//!
//!     cargo run --release --example serve_reading -- CONTENT_DIR

use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(dir) = std::env::args().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: serve_reading CONTENT_DIR");
        std::process::exit(2);
    };
    let mut cache = kaoping::content::Cache::default();
    let _ = kaoping::content::load(&dir, "content", Some(&mut cache));
    let mut best = [Duration::MAX; 5];
    for _ in 0..5 {
        let t = Instant::now();
        let mut diags = Vec::new();
        let sources = kaoping::content::files_for_bench(&dir, &mut diags);
        let read = t.elapsed();
        drop(sources);
        let t = Instant::now();
        let Some(c) = kaoping::content::load(&dir, "content", Some(&mut cache)).content else {
            eprintln!("the content has errors");
            std::process::exit(1);
        };
        let load = t.elapsed();
        let t = Instant::now();
        let results = kaoping::scoring::score(&c);
        let score = t.elapsed();
        let t = Instant::now();
        let json = kaoping::site::data::json(&c, &results);
        let json_time = t.elapsed();
        let t = Instant::now();
        let _ = kaoping::site::jobs::Prepared::new(&c, &results, false);
        let prepared = t.elapsed();
        for (b, now) in best.iter_mut().zip([read, load, score, json_time, prepared]) {
            *b = (*b).min(now);
        }
        drop(json);
    }
    let [read, load, score, json, prepared] = best;
    println!(
        "load (cache warm) {load:.0?}, of which reading the files {read:.0?}; score {score:.0?}; \
         prepare {prepared:.0?}, of which results.json {json:.0?}"
    );
}
