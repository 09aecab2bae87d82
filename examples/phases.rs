//! Times each phase of a build (load, score, render, write) and the
//! written report alone on a content
//! folder, to see where the time goes:
//!
//!     cargo run --release --example phases -- CONTENT_DIR OUTPUT_DIR

use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Peak resident memory so far, in MiB (Linux; 0 elsewhere).
fn peak() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(std::env::var("KP_MEM").as_deref().unwrap_or("VmHWM:")))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
        / 1024
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(content), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: phases CONTENT_DIR OUTPUT_DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(content);
    let t = Instant::now();
    let mut diags = Vec::new();
    let sources = kaoping::content::files_for_bench(dir, &mut diags);
    let read = t.elapsed();
    eprintln!("after read: peak {} MiB", peak());
    let t = Instant::now();
    let loaded = kaoping::content::parse(&sources);
    let parse = t.elapsed();
    eprintln!("after parse: peak {} MiB", peak());
    let Some(c) = loaded.content else {
        eprintln!("content has errors");
        std::process::exit(1);
    };
    let t = Instant::now();
    let results = kaoping::scoring::score(&c);
    let score = t.elapsed();
    eprintln!("after score: peak {} MiB", peak());
    let t = Instant::now();
    let dir = std::path::PathBuf::from(content);
    let attachments = |path: &str| kaoping::content::attachments::read(&dir, path, c.attachments.get(path).copied());
    let files = kaoping::site::render(&c, &results, &attachments).expect("renders");
    let render = t.elapsed();
    eprintln!("after render: peak {} MiB", peak());
    // The written report alone (it is part of render above).
    let t = Instant::now();
    let print = "0000";
    let report = kaoping::docx::report(&c, &results, print).expect("report.docx").len();
    let annex = if kaoping::docx::has_annex(&results) {
        kaoping::docx::annex(&c, &results, print).expect("report-annex.docx").len()
    } else {
        0
    };
    eprintln!("report.docx {report} bytes, report-annex.docx {annex} bytes: {:?}", t.elapsed());
    let t = Instant::now();
    let target = kaoping::output::Target { dir: out.into(), shown: out.clone() };
    target.write(&files).expect("writes");
    let write = t.elapsed();
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "read {read:?}, parse+check {parse:?}, score {score:?}, render {render:?}, write {write:?}; {} files, {} MB",
        files.len(),
        bytes / 1_000_000
    );
}
