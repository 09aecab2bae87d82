//! How fast the YAML reader builds its tree: parses each file given (or
//! every `.yaml` under a folder) `RUNS` times on one thread and prints MB/s
//! of on-CPU time (Linux: the thread's own CPU time from
//! /proc/thread-self/schedstat, so other processes on the machine do not
//! count; elsewhere wall time).
//!
//!     cargo run --release --example yaml_speed -- PATH... [--runs N]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "yaml") {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(5usize);
    let mut paths = Vec::new();
    for a in args.iter().take_while(|a| *a != "--runs") {
        files(std::path::Path::new(a), &mut paths);
    }
    let texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).expect("UTF-8 file")).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    for _ in 0..runs {
        let wall = std::time::Instant::now();
        let cpu = cpu_ns();
        for t in &texts {
            std::hint::black_box(kaoping::content::yaml::parse(t).is_ok());
        }
        let secs = match (cpu, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall.elapsed().as_secs_f64(),
        };
        best = best.min(secs);
    }
    println!(
        "{} files, {:.2} MB: best of {runs}: {:.1} ms on-CPU, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}
