//! The memory held by the checked content and by the results of a content
//! folder, counted by a counting allocator (live bytes requested, not the
//! process's resident size): `cargo run --release --example held_memory -- DIR`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "content".into()));
    let before = LIVE.load(Ordering::Relaxed);
    let loaded = kaoping::content::load(&dir, &dir.to_string_lossy(), None);
    let Some(content) = loaded.content else {
        eprintln!("the content has errors");
        std::process::exit(1);
    };
    drop(loaded.diags);
    let after_load = LIVE.load(Ordering::Relaxed);
    let results = kaoping::scoring::score(&content);
    let after_score = LIVE.load(Ordering::Relaxed);
    let read_peak = PEAK.load(Ordering::Relaxed) - before;
    census(&results);
    // Every file made and dropped at once, as `build` streams them.
    let attachments = |p: &str| kaoping::content::attachments::read(&dir, p, content.attachments.get(p).copied());
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let made = kaoping::site::render_each(&content, &results, &attachments, &|_f| Ok(()));
    println!(
        "{} cities: content {}, results {}; peak while reading {}, while rendering {} ({} files)",
        results.cities.len(),
        mib(after_load - before),
        mib(after_score - after_load),
        mib(read_peak),
        mib(PEAK.load(Ordering::Relaxed) - before),
        made.unwrap_or(0)
    );
}

fn census(results: &kaoping::scoring::Results) {
    let (mut items, mut deds, mut rems, mut text, mut selfo, mut said) = (0, 0, 0, 0usize, 0, 0);
    for c in &results.cities {
        for i in c.items.iter() {
            items += 1;
            let outs: Vec<&kaoping::scoring::Outcome> =
                std::iter::once(&i.outcome).chain(i.self_outcome.as_ref()).collect();
            if i.self_outcome.is_some() {
                selfo += 1;
            }
            for o in outs {
                for d in o.deductions.iter().chain(&o.not_counted) {
                    deds += 1;
                    text += d.rule.len()
                        + d.by.len()
                        + d.note.as_ref().map_or(0, |n| n.len())
                        + d.evidence.iter().map(|e| e.len()).sum::<usize>();
                }
                for r in &o.remarks {
                    rems += 1;
                    if r.note.is_some() || !r.evidence.is_empty() || !r.files.is_empty() {
                        said += 1;
                    }
                    text += r.by.len()
                        + r.note.as_ref().map_or(0, |n| n.len())
                        + r.evidence.iter().map(|e| e.len()).sum::<usize>();
                }
            }
        }
    }
    println!(
        "items {items} (self outcomes {selfo}), deductions {deds}, remarks {rems} ({said} with a note, evidence or files), text {}",
        mib(text)
    );
    println!(
        "sizes: ItemResult {}, Outcome {}, Deduction {}, Remark {}",
        std::mem::size_of::<kaoping::scoring::ItemResult>(),
        std::mem::size_of::<kaoping::scoring::Outcome>(),
        std::mem::size_of::<kaoping::scoring::Deduction>(),
        std::mem::size_of::<kaoping::scoring::Remark>()
    );
}
