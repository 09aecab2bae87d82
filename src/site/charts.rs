//! Charts as inline SVG strings, drawn with plotters' SVG backend.
//!
//! The layout is kaoping's own: label widths are estimated for CJK text
//! (a Chinese character is one em, other characters about 0.6 em) and
//! labels are anchored with `text-anchor`, so the browser lays them out
//! with whatever CJK font the machine has; no font file is needed.

use crate::decimal::Dec;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod lines;
mod tidy;
pub use lines::{Line, lines};

/// The CJK font stack used by chart labels (no web fonts: offline use).
pub const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif";

/// Colours that stay distinct in grey print.
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 95, 153),
    RGBColor(230, 145, 40),
    RGBColor(60, 150, 90),
    RGBColor(190, 70, 70),
    RGBColor(120, 100, 170),
    RGBColor(120, 120, 120),
];
const AXIS: RGBColor = RGBColor(90, 90, 90);
const GRID: RGBColor = RGBColor(225, 225, 225);
const AVERAGE: RGBColor = RGBColor(200, 30, 30);
const BAND: RGBColor = RGBColor(230, 145, 40);

/// One bar of a bar chart: a label and one or more stacked values.
pub struct Bar {
    pub label: String,
    pub values: Vec<Dec>,
}

/// A label style of `size` px (plotters writes the size divided by 1.24).
fn text_style(size: f64, color: &'static RGBColor, h: HPos) -> TextStyle<'static> {
    TextStyle::from((FONT, size * 1.24).into_font()).color(color).pos(Pos::new(h, VPos::Center))
}

/// Legend entries laid out in rows that fit `width`: (x, row) for each.
fn legend_layout(names: &[String], left: i32, width: i32, size: f64) -> Vec<(i32, i32)> {
    let mut out = Vec::with_capacity(names.len());
    let (mut x, mut row) = (left, 0);
    for name in names {
        let w = 16 + text_width(name, size).ceil() as i32 + 14;
        if x + w > width && x > left {
            x = left;
            row += 1;
        }
        out.push((x, row));
        x += w;
    }
    out
}

/// Estimated width of `text` in pixels at `size` px.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * size
}

/// A horizontal bar chart: one row per bar, values stacked left to right
/// in `series` colours, on a scale from 0 to `max`, with an optional
/// reference line (the provincial average) and the value at the end.
pub fn hbar(bars: &[Bar], series: &[String], max: Dec, reference: Option<(&str, Dec)>) -> String {
    const ROW: i32 = 24;
    const SIZE: f64 = 14.0;
    let label_w = bars.iter().map(|b| text_width(&b.label, SIZE)).fold(40.0, f64::max).ceil() as i32 + 12;
    let plot_w = 520;
    let value_w = 56;
    // A legend entry as long as the chart is wide widens it: names are never cut.
    let widest = series.iter().map(|s| 30 + text_width(s, 13.0).ceil() as i32).max().unwrap_or(0);
    let width = (label_w + plot_w + value_w).max(label_w + widest);
    let legend = if series.len() > 1 { legend_layout(series, label_w, width, 13.0) } else { Vec::new() };
    let legend_h = legend.last().map_or(0, |(_, row)| 22 * (row + 1) + 4);
    let top = 8 + legend_h + if reference.is_some() { 22 } else { 4 };
    let height = top + ROW * bars.len() as i32 + 28;
    let scale = |v: Dec| -> i32 {
        let (v, m) = (v.hundredths().max(0), max.hundredths().max(1));
        label_w + ((v.min(m) as f64 / m as f64) * plot_w as f64).round() as i32
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let text = text_style;
        let _ = root.fill(&WHITE);
        // Grid and scale: 0, 25 %, 50 %, 75 %, 100 % of max.
        for step in 0..=4 {
            let v = Dec::from_hundredths(max.hundredths() * step / 4);
            let x = scale(v);
            let _ = root.draw(&Rectangle::new([(x, top - 4), (x + 1, top + ROW * bars.len() as i32)], GRID.filled()));
            let _ = root.draw(&Text::new(v.to_string(), (x, height - 14), text(12.0, &AXIS, HPos::Center)));
        }
        for (row, bar) in bars.iter().enumerate() {
            let y = top + ROW * row as i32;
            let _ =
                root.draw(&Text::new(bar.label.clone(), (label_w - 8, y + ROW / 2), text(SIZE, &BLACK, HPos::Right)));
            let mut start = Dec::ZERO;
            for (i, v) in bar.values.iter().enumerate() {
                let end = start + *v;
                let (x0, x1) = (scale(start), scale(end));
                if x1 > x0 {
                    let _ = root
                        .draw(&Rectangle::new([(x0, y + 4), (x1, y + ROW - 4)], PALETTE[i % PALETTE.len()].filled()));
                }
                start = end;
            }
            let _ = root.draw(&Text::new(
                start.to_string(),
                (scale(start) + 4, y + ROW / 2),
                text(13.0, &AXIS, HPos::Left),
            ));
        }
        let _ = root
            .draw(&Rectangle::new([(label_w, top - 4), (label_w + 1, top + ROW * bars.len() as i32)], AXIS.filled()));
        if let Some((name, v)) = reference {
            let x = scale(v);
            let _ = root.draw(&Rectangle::new(
                [(x - 1, top - 6), (x + 1, top + ROW * bars.len() as i32 + 2)],
                AVERAGE.filled(),
            ));
            let _ = root.draw(&Text::new(format!("{name} {v}"), (x, top - 14), text(13.0, &AVERAGE, HPos::Center)));
        }
        for (i, (name, (x, row))) in series.iter().zip(&legend).enumerate() {
            let y = 8 + 22 * row;
            let color = PALETTE[i % PALETTE.len()];
            let _ = root.draw(&Rectangle::new([(*x, y), (x + 12, y + 12)], color.filled()));
            let _ = root.draw(&Text::new(name.clone(), (x + 16, y + 6), text(13.0, &BLACK, HPos::Left)));
        }
        let _ = root.present();
    }
    finish(svg)
}

/// One row of a comparison against maxima: a label, the value, the
/// maximum, and the reference (average) value.
pub struct Compare {
    pub label: String,
    pub value: Dec,
    pub max: Dec,
    pub reference: Dec,
    /// A second reference: the average of the city's rank band.
    pub band: Dec,
}

/// Each row as a share of its own maximum: a grey track (the maximum),
/// the value's bar, and a red tick at the reference value.
pub fn compare(rows: &[Compare], reference_name: &str, band_name: &str) -> String {
    const ROW: i32 = 28;
    let slots = Slots::new(rows.iter().map(|r| r.label.as_str()), ROW, 30);
    let (label_w, plot_w, value_w) = (slots.label_w, 420, 110);
    let width = label_w + plot_w + value_w;
    let height = slots.bottom + 8;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let text = text_style;
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Rectangle::new([(label_w, 8), (label_w + 12, 20)], PALETTE[0].filled()));
        let _ = root.draw(&Text::new("本市得分", (label_w + 16, 14), text(13.0, &BLACK, HPos::Left)));
        let _ = root.draw(&Rectangle::new([(label_w + 90, 8), (label_w + 92, 20)], AVERAGE.filled()));
        let _ = root.draw(&Text::new(reference_name.to_string(), (label_w + 98, 14), text(13.0, &BLACK, HPos::Left)));
        let bx = label_w + 110 + text_width(reference_name, 13.0).ceil() as i32;
        let _ = root.draw(&Rectangle::new([(bx, 8), (bx + 6, 20)], BAND.filled()));
        let _ = root.draw(&Text::new(band_name.to_string(), (bx + 8, 14), text(13.0, &BLACK, HPos::Left)));
        for (i, r) in rows.iter().enumerate() {
            let y = slots.y[i];
            let x = share(label_w, plot_w, r.max);
            track(&root, &slots.lines[i], y, ROW, label_w, plot_w);
            if r.value > Dec::ZERO {
                let _ = root.draw(&Rectangle::new([(label_w, y + 7), (x(r.value), y + ROW - 7)], PALETTE[0].filled()));
            }
            // The band's tick is wider and drawn first, so a provincial
            // average at the same place still shows on top of it.
            let bx = x(r.band);
            let _ = root.draw(&Rectangle::new([(bx - 3, y + 1), (bx + 3, y + ROW - 1)], BAND.filled()));
            let rx = x(r.reference);
            let _ = root.draw(&Rectangle::new([(rx - 1, y + 2), (rx + 1, y + ROW - 2)], AVERAGE.filled()));
            let shown = format!("{} / {}", r.value, r.max);
            let _ = root.draw(&Text::new(shown, (label_w + plot_w + 8, y + ROW / 2), text(13.0, &AXIS, HPos::Left)));
        }
        let _ = root.present();
    }
    finish(svg)
}

/// One row of a spread chart: a label, the lowest, mean and highest value
/// over all cities, and the maximum possible.
#[derive(Clone)]
pub struct Spread {
    pub label: String,
    pub min: Dec,
    pub mean: Dec,
    pub max: Dec,
    pub points: Dec,
}

/// Each row as shares of its maximum: a grey track, a light bar from the
/// lowest to the highest city, and a dark tick at the mean. Legible for any
/// number of cities.
pub fn spread(rows: &[Spread]) -> String {
    const ROW: i32 = 28;
    const LIGHT: RGBColor = RGBColor(160, 190, 220);
    let slots = Slots::new(rows.iter().map(|r| r.label.as_str()), ROW, 30);
    let (label_w, plot_w, value_w) = (slots.label_w, 420, 190);
    let width = label_w + plot_w + value_w;
    let height = slots.bottom + 8;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let text = text_style;
        let _ = root.fill(&WHITE);
        let _ = root.draw(&Rectangle::new([(label_w, 8), (label_w + 12, 20)], LIGHT.filled()));
        let _ = root.draw(&Text::new("最低至最高", (label_w + 16, 14), text(13.0, &BLACK, HPos::Left)));
        let _ = root.draw(&Rectangle::new([(label_w + 110, 7), (label_w + 113, 21)], PALETTE[0].filled()));
        let _ = root.draw(&Text::new("平均", (label_w + 118, 14), text(13.0, &BLACK, HPos::Left)));
        for (i, r) in rows.iter().enumerate() {
            let y = slots.y[i];
            let x = share(label_w, plot_w, r.points);
            track(&root, &slots.lines[i], y, ROW, label_w, plot_w);
            let _ = root
                .draw(&Rectangle::new([(x(r.min), y + 7), (x(r.max).max(x(r.min) + 1), y + ROW - 7)], LIGHT.filled()));
            let mx = x(r.mean);
            let _ = root.draw(&Rectangle::new([(mx - 1, y + 3), (mx + 2, y + ROW - 3)], PALETTE[0].filled()));
            let shown = format!("{}–{}，平均{} / {}", r.min, r.max, r.mean, r.points);
            let _ = root.draw(&Text::new(shown, (label_w + plot_w + 8, y + ROW / 2), text(13.0, &AXIS, HPos::Left)));
        }
        let _ = root.present();
    }
    finish(svg)
}

/// The x position of a value on a track from `left`, `width` pixels long,
/// that stands for 0 to `max`.
fn share(left: i32, width: i32, max: Dec) -> impl Fn(Dec) -> i32 {
    let m = max.hundredths().max(1);
    move |v: Dec| left + ((v.hundredths().clamp(0, m) as f64 / m as f64) * width as f64).round() as i32
}

/// The longest line of a row's label (13 Chinese characters at 14 px),
/// and the distance between its lines.
const LABEL_MAX: f64 = 182.0;
const LINE: i32 = 17;

/// Rows whose labels are wrapped, never cut: each row's lines, the top of
/// its band (`row` high, in the middle of a slot tall enough for its
/// lines), the width of the label column, and the bottom of the last slot.
struct Slots {
    lines: Vec<Vec<String>>,
    y: Vec<i32>,
    label_w: i32,
    bottom: i32,
}

impl Slots {
    fn new<'a>(labels: impl Iterator<Item = &'a str>, row: i32, top: i32) -> Slots {
        let lines: Vec<Vec<String>> = labels.map(|l| wrap(l, LABEL_MAX, 14.0)).collect();
        let label_w = lines.iter().flatten().map(|l| text_width(l, 14.0)).fold(40.0, f64::max).ceil() as i32 + 12;
        let (mut y, mut at) = (Vec::with_capacity(lines.len()), top);
        for l in &lines {
            let extra = LINE * (l.len() as i32 - 1).max(0);
            y.push(at + extra / 2);
            at += row + extra;
        }
        Slots { lines, y, label_w, bottom: at }
    }
}

/// `text` in lines of at most `max` px at `size` px, broken between any
/// two characters but before no closing punctuation; nothing is left out.
pub fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut width = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if width > 0.0 && width + w > max && !"，、,.。；;：:）)》".contains(c) {
            out.push(String::new());
            width = 0.0;
        }
        out.last_mut().expect("a line").push(c);
        width += w;
    }
    out
}

/// A row's label, right-aligned before the track in as many lines as it
/// takes, and its grey track.
fn track<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, lines: &[String], y: i32, row: i32, left: i32, width: i32) {
    let n = lines.len() as i32;
    for (j, line) in lines.iter().enumerate() {
        let at = (left - 8, y + row / 2 + (2 * j as i32 - (n - 1)) * LINE / 2);
        let _ = root.draw(&Text::new(line.clone(), at, text_style(14.0, &BLACK, HPos::Right)));
    }
    let _ = root.draw(&Rectangle::new([(left, y + 5), (left + width, y + row - 5)], GRID.filled()));
}

/// Inline-SVG clean-up: HTML5 needs no namespace (and the page then names
/// no other host), what plotters repeats is said once (`tidy`), and the
/// chart scales with the page.
fn finish(svg: String) -> String {
    let svg = tidy::tidy(&svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1));
    svg.replacen("<svg ", "<svg class=\"chart\" role=\"img\" aria-hidden=\"true\" focusable=\"false\" ", 1)
}

#[cfg(test)]
mod tests;
