//! The size of `report.html` for a content folder, whatever its number of
//! cities (the build writes it only up to `MAX_CITIES`):
//! `cargo run --release --example report_size -- DIR`.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: report_size CONTENT_DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let loaded = kaoping::content::load(&dir, &dir.to_string_lossy(), None);
    let Some(c) = loaded.content else {
        eprintln!("content has errors");
        std::process::exit(1);
    };
    let results = kaoping::scoring::score(&c);
    let fp = kaoping::record::fingerprint::of(&kaoping::site::data::json(&c, &results));
    let renderer = kaoping::site::Renderer::new(&c, &fp).expect("theme compiles");
    let shared = kaoping::site::view::Shared::new(&c, &results);
    let started = std::time::Instant::now();
    let report = renderer.report(&c, &results, &shared).expect("renders");
    println!(
        "{} cities: report.html {} bytes ({:.1} MiB), rendered in {} ms",
        results.cities.len(),
        report.bytes.len(),
        report.bytes.len() as f64 / 1048576.0,
        started.elapsed().as_millis()
    );
}
