//! The time to write results.xlsx for a content folder:
//! `cargo run --release --example xlsx_time -- DIR`.

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "content".into()));
    let loaded = kaoping::content::load(&dir, &dir.to_string_lossy(), None);
    let Some(content) = loaded.content else {
        eprintln!("the content has errors");
        std::process::exit(1);
    };
    let results = kaoping::scoring::score(&content);
    let started = std::time::Instant::now();
    let bytes = kaoping::sheets::results::xlsx(&content, &results).unwrap_or_default();
    println!(
        "results.xlsx for {} cities: {} bytes in {} ms",
        results.cities.len(),
        bytes.len(),
        started.elapsed().as_millis()
    );
}
