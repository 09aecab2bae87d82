//! The line chart (the archive's totals over the years), labelled at the
//! end of each line.
//!
//! Each series' label (its name and last value) sits right of the series'
//! last point, joined to it by a short leader in the series' colour. Labels
//! that would collide are pushed apart vertically, in the order of their
//! points, so a label never changes places with another and stays nearest
//! its own line's end; the chart is widened for the longest label. There is
//! no legend to match colours against.

use super::{AXIS, GRID, PALETTE, finish, text_style, text_width};
use crate::decimal::Dec;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

/// One line of a line chart: its name and a value per point of the x axis
/// (`None` where there is none, e.g. a year a city was not assessed).
pub struct Line {
    pub name: String,
    pub values: Vec<Option<Dec>>,
}

/// The labels' size in px, and the least distance between two labels'
/// middles (one line of text and a little air).
const SIZE: f64 = 13.0;
const GAP: i32 = 17;
/// From a line's last point to the start of its label.
const LEAD: i32 = 14;

/// A line chart over labelled points (years): one line per series from 0
/// to `max`, each line labelled with its name and last value at its end.
pub fn lines(xs: &[String], series: &[Line], max: Dec) -> String {
    let (left, plot_w, plot_h, top) = (48, 560, 220, 16);
    let m = max.hundredths().max(1);
    let y_of = |v: Dec| top + plot_h - ((v.hundredths().clamp(0, m) as f64 / m as f64) * plot_h as f64).round() as i32;
    let step = if xs.len() > 1 { plot_w / (xs.len() as i32 - 1) } else { 0 };
    let x_of = |i: usize| left + if xs.len() > 1 { step * i as i32 } else { plot_w / 2 };
    let points: Vec<Vec<(i32, i32)>> = series
        .iter()
        .map(|s| s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x_of(i), y_of(v)))).collect())
        .collect();
    // (series, end point, text) of every series with a point.
    let ends: Vec<(usize, (i32, i32), String)> = series
        .iter()
        .zip(&points)
        .enumerate()
        .filter_map(|(k, (s, p))| {
            let last = s.values.iter().rev().find_map(|v| *v)?;
            Some((k, *p.last()?, format!("{} {last}", s.name)))
        })
        .collect();
    let placed = place(&ends.iter().map(|(_, (_, y), _)| *y).collect::<Vec<_>>(), GAP, top, top + plot_h);
    let right = ends
        .iter()
        .map(|(_, (x, _), text)| x + LEAD + text_width(text, SIZE).ceil() as i32 + 8)
        .fold(left + plot_w + 24, i32::max);
    let bottom = placed.iter().copied().fold(top + plot_h, i32::max) + 10;
    let (width, height) = (right, bottom + 24);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let _ = root.fill(&WHITE);
        for q in 0..=4 {
            let v = Dec::from_hundredths(m * q / 4);
            let y = y_of(v);
            let _ = root.draw(&Rectangle::new([(left, y), (left + plot_w, y + 1)], GRID.filled()));
            let _ = root.draw(&Text::new(v.to_string(), (left - 6, y), text_style(12.0, &AXIS, HPos::Right)));
        }
        for (i, x) in xs.iter().enumerate() {
            let _ = root.draw(&Text::new(x.clone(), (x_of(i), height - 14), text_style(SIZE, &BLACK, HPos::Center)));
        }
        for (k, p) in points.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            for pair in p.windows(2) {
                let _ = root.draw(&PathElement::new([pair[0], pair[1]], color.stroke_width(2)));
            }
            for point in p {
                let _ = root.draw(&Circle::new(*point, 4, color.filled()));
            }
        }
        for ((k, (x, y), text), ly) in ends.iter().zip(&placed) {
            let color = PALETTE[k % PALETTE.len()];
            let _ = root.draw(&PathElement::new([(x + 5, *y), (x + LEAD - 3, *ly)], color.stroke_width(1)));
            let _ = root.draw(&Text::new(text.clone(), (x + LEAD, *ly), text_style(SIZE, &BLACK, HPos::Left)));
        }
        let _ = root.present();
    }
    finish(svg)
}

/// Label middles as near `wanted` as can be, at least `gap` apart, kept in
/// the order of `wanted` (equal ones in their given order) and within `lo`
/// to `hi` while they fit; more than fit run on below `hi`.
fn place(wanted: &[i32], gap: i32, lo: i32, hi: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| (wanted[i], i));
    let mut y: Vec<i32> = order.iter().map(|&i| wanted[i].clamp(lo, hi)).collect();
    for i in 1..y.len() {
        y[i] = y[i].max(y[i - 1] + gap);
    }
    if let Some(last) = y.last_mut() {
        *last = (*last).min(hi);
    }
    for i in (0..y.len().saturating_sub(1)).rev() {
        y[i] = y[i].min(y[i + 1] - gap);
    }
    if y.first().is_some_and(|&first| first < lo) {
        y[0] = lo;
        for i in 1..y.len() {
            y[i] = y[i].max(y[i - 1] + gap);
        }
    }
    let mut out = vec![0; wanted.len()];
    for (slot, &i) in order.iter().enumerate() {
        out[i] = y[slot];
    }
    out
}

#[cfg(test)]
#[path = "lines_tests.rs"]
pub(super) mod tests;
