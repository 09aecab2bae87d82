//! The line chart's label geometry, read back from the SVG it writes.

use super::*;

fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap()
}

fn years(n: u16) -> Vec<String> {
    (0..n).map(|i| format!("{}年", 2013 + i)).collect()
}

fn attr(element: &str, name: &str) -> f64 {
    let at = element.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in {element}")) + name.len() + 3;
    element[at..].split('"').next().unwrap().parse().unwrap()
}

fn fill(element: &str) -> String {
    element.split(" fill=\"").nth(1).map_or(String::new(), |f| f.split('"').next().unwrap().to_string())
}

/// Every `<text>`: its anchor point, anchor, size in px and text.
pub(in crate::site::charts) fn texts(svg: &str) -> Vec<(f64, f64, String, f64, String)> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let (head, rest) = t.split_once('>').unwrap();
            let anchor = head.split("text-anchor=\"").nth(1).map_or("start", |a| a.split('"').next().unwrap());
            let text = rest.split("</text>").next().unwrap().trim().to_string();
            (attr(head, "x"), attr(head, "y"), anchor.to_string(), attr(head, "font-size"), text)
        })
        .collect()
}

/// The box a text takes: left, top, right, bottom (CJK full width).
pub(in crate::site::charts) fn text_box(
    (x, y, anchor, size, text): &(f64, f64, String, f64, String),
) -> (f64, f64, f64, f64) {
    let w = text_width(text, *size);
    let left = match anchor.as_str() {
        "end" => x - w,
        "middle" => x - w / 2.0,
        _ => *x,
    };
    (left, y - size / 2.0, left + w, y + size / 2.0)
}

/// Checks a chart's labels: each names one series, sits right of that
/// series' last point and is nearer it than any other series' last point
/// (unless the two points coincide), no two texts' boxes overlap, and no
/// text is cut with an ellipsis.
fn check(svg: &str, series: &[Line]) {
    let colours: Vec<String> = (0..series.len())
        .map(|k| {
            let c = PALETTE[k % PALETTE.len()];
            format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
        })
        .collect();
    let circles: Vec<(f64, f64, String)> =
        svg.split("<circle").skip(1).map(|c| (attr(c, "cx"), attr(c, "cy"), fill(c))).collect();
    let ends: Vec<Option<(f64, f64)>> =
        colours.iter().map(|c| circles.iter().filter(|p| &p.2 == c).map(|p| (p.0, p.1)).next_back()).collect();
    let all = texts(svg);
    let mut labelled = 0;
    for label in &all {
        assert!(!label.4.ends_with('…') && !label.4.ends_with("..."), "cut: {}", label.4);
        let Some(own) = series.iter().position(|s| label.4.starts_with(&format!("{} ", s.name))) else {
            continue;
        };
        labelled += 1;
        let end = ends[own].expect("a labelled series has points");
        assert!(label.0 > end.0, "{} left of its end {end:?}", label.4);
        let dist = |p: (f64, f64)| (p.0 - label.0).hypot(p.1 - label.1);
        for (k, other) in ends.iter().enumerate() {
            if let Some(p) = other.filter(|p| k != own && *p != end) {
                assert!(
                    dist(end) < dist(p),
                    "{} is nearer {}'s end {p:?} than its own {end:?}",
                    label.4,
                    series[k].name
                );
            }
        }
    }
    assert_eq!(labelled, ends.iter().flatten().count(), "one label per series with points");
    no_overlaps(&all);
    let width = attr(svg, "width");
    for t in &all {
        assert!(text_box(t).2 <= width, "{} runs past the right edge {width}", t.4);
    }
}

/// No two texts' boxes overlap.
pub(in crate::site::charts) fn no_overlaps(all: &[(f64, f64, String, f64, String)]) {
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let (p, q) = (text_box(a), text_box(b));
            let apart = p.2 <= q.0 || q.2 <= p.0 || p.3 <= q.1 || q.3 <= p.1;
            assert!(apart, "{:?} overlaps {:?}", a.4, b.4);
        }
    }
}

#[test]
fn a_city_at_the_mean_is_labelled_at_its_own_end() {
    let series = vec![
        Line { name: "青岚市总分".into(), values: vec![Some(d("87")), None, Some(d("88.1"))] },
        Line { name: "全省平均总分".into(), values: vec![Some(d("85.2")), Some(d("86")), Some(d("88"))] },
    ];
    let svg = lines(&years(3), &series, d("100"));
    assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
    for text in ["2014年", "青岚市总分 88.1", "全省平均总分 88"] {
        assert!(svg.contains(text), "{text}: {svg}");
    }
    // The missing year breaks no line: one segment for the city, two for
    // the mean, and a leader to each label.
    assert_eq!(svg.matches("<polyline").count(), 5, "{svg}");
    check(&svg, &series);
    assert_eq!(svg, lines(&years(3), &series, d("100")));
}

#[test]
fn equal_ends_crowded_at_the_top_and_bottom_stay_apart() {
    for v in ["100", "0", "50"] {
        let series: Vec<Line> = ["最高总分", "平均总分", "最低总分"]
            .iter()
            .map(|n| Line { name: n.to_string(), values: vec![Some(d(v)), Some(d(v))] })
            .collect();
        check(&lines(&years(2), &series, d("100")), &series);
    }
}

#[test]
fn a_line_ending_early_is_labelled_where_it_ends() {
    let series = vec![
        Line { name: "枫渚市总分".into(), values: vec![Some(d("70")), Some(d("72")), None, None] },
        Line {
            name: "全省平均总分".into(), values: vec![Some(d("71")), Some(d("72")), Some(d("73")), Some(d("72"))]
        },
        Line {
            name: "最高总分".into(), values: vec![Some(d("90")), Some(d("91")), Some(d("92")), Some(d("72.5"))]
        },
    ];
    check(&lines(&years(4), &series, d("100")), &series);
}

#[test]
fn one_year_and_long_names_fit() {
    let series = vec![
        Line { name: "一个名字很长很长的城市总分".into(), values: vec![Some(d("99.99"))] },
        Line { name: "全省平均总分".into(), values: vec![Some(d("99.98"))] },
    ];
    check(&lines(&years(1), &series, d("100")), &series);
}

#[test]
fn labels_keep_their_order_and_distance() {
    assert_eq!(place(&[100, 100, 100], 17, 0, 300), [100, 117, 134]);
    assert_eq!(place(&[300, 299], 17, 0, 300), [300, 283]);
    assert_eq!(place(&[5, 0], 17, 0, 300), [17, 0]);
    assert_eq!(place(&[0, 0, 0], 17, 0, 20), [0, 17, 34]);
}
