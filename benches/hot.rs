//! The hot parts of a build, measured with criterion on synthetic content
//! (`kaoping::synthetic`): parsing and checking, scoring, one city page,
//! one chart. Run: `cargo bench --bench hot`.

use criterion::{Criterion, criterion_group, criterion_main};
use kaoping::content::parse;
use std::hint::black_box;

fn sources(n: usize) -> kaoping::content::Sources {
    kaoping::synthetic::sources(n, 2013)
}

fn hot(c: &mut Criterion) {
    let small = sources(17);
    let large = sources(300);
    c.bench_function("parse+check 17 cities", |b| b.iter(|| parse(black_box(&small))));
    c.bench_function("parse+check 300 cities", |b| b.iter(|| parse(black_box(&large))));
    let content = parse(&large).content.expect("synthetic content checks");
    c.bench_function("score 300 cities", |b| b.iter(|| kaoping::scoring::score(black_box(&content))));
    let results = kaoping::scoring::score(&content);
    let renderer = kaoping::site::Renderer::new(&content, "0000 0000 0000 0000").expect("theme compiles");
    let shared = kaoping::site::view::Shared::new(&content, &results);
    let city = &results.cities[0];
    c.bench_function("one city page", |b| {
        b.iter(|| renderer.city_page(black_box(&content), &results, &shared, city).expect("renders"))
    });
    let bars: Vec<kaoping::site::charts::Bar> = results
        .cities
        .iter()
        .take(17)
        .map(|c| kaoping::site::charts::Bar { label: c.name.clone(), values: vec![c.total] })
        .collect();
    c.bench_function("one ranking chart (17 bars)", |b| {
        b.iter(|| kaoping::site::charts::hbar(black_box(&bars), &["总分".to_string()], content.standard.total, None))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = hot
}
criterion_main!(benches);
