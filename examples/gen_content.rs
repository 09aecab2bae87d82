//! Writes a synthetic content folder for benchmarks and scale tests:
//!
//!     cargo run --release --example gen_content -- N OUT_DIR [SEED]
//!
//! See `kaoping::synthetic` for what it contains.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|a| a.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen_content N OUT_DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2013);
    if let Err(e) = kaoping::synthetic::write(std::path::Path::new(out), n, seed) {
        eprintln!("gen_content: {e}");
        std::process::exit(1);
    }
}
