//! The bar and row charts: labels, markers, wrapped names.

use super::*;

fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap()
}

#[test]
fn bar_chart_has_labels_values_and_reference() {
    let bars = vec![
        Bar { label: "青岚市".into(), values: vec![d("97.93")] },
        Bar { label: "<b>&".into(), values: vec![d("38.17")] },
    ];
    let svg = hbar(&bars, &["总分".into()], d("100"), Some(("全省平均", d("68.05"))));
    assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
    assert!(svg.contains(">\n青岚市\n</text>") || svg.contains("青岚市"), "{svg}");
    assert!(svg.contains("97.93") && svg.contains("全省平均 68.05"));
    assert!(svg.contains("&lt;b&gt;&amp;") && !svg.contains("<b>"));
    assert!(!svg.contains("http"));
    assert_eq!(svg, hbar(&bars, &["总分".into()], d("100"), Some(("全省平均", d("68.05")))));
}

#[test]
fn the_band_marker_shows_around_an_average_at_the_same_place() {
    let row =
        Compare { label: "一、组织领导".into(), value: d("8"), max: d("10"), reference: d("5"), band: d("5") };
    let svg = compare(&[row], "全省平均", "同档平均");
    let rects = |fill: &str| -> Vec<(usize, String)> {
        svg.match_indices("<rect ")
            .map(|(at, _)| (at, svg[at..].split("/>").next().unwrap().to_string()))
            .filter(|(_, r)| r.contains(&format!("fill=\"{fill}\"")) && !r.contains("y=\"8\""))
            .collect()
    };
    let (band, average) = (rects("#E69128"), rects("#C81E1E"));
    assert_eq!(band.len(), 1, "{svg}");
    assert_eq!(average.len(), 1, "{svg}");
    // Wider, and drawn first: the red tick sits inside the orange one.
    assert!(band[0].1.contains("width=\"6\"") && average[0].1.contains("width=\"2\""), "{band:?} {average:?}");
    assert!(band[0].0 < average[0].0);
    let x = |r: &str| r.split("x=\"").nth(1).unwrap().split('"').next().unwrap().parse::<i32>().unwrap();
    assert_eq!(x(&band[0].1) + 2, x(&average[0].1));
}

#[test]
fn long_section_names_wrap_and_are_never_cut() {
    let long = "三、积极稳妥推进户籍制度改革,全面实行居住证制度，以及一个更长更长的名字";
    let rows: Vec<Spread> = ["一、组织领导", long]
        .iter()
        .map(|l| Spread { label: l.to_string(), min: d("1"), mean: d("2"), max: d("3"), points: d("5") })
        .collect();
    let compares: Vec<Compare> = rows
        .iter()
        .map(|r| Compare { label: r.label.clone(), value: d("3"), max: d("5"), reference: d("2"), band: d("2") })
        .collect();
    for svg in [spread(&rows), compare(&compares, "全省平均", "同档平均（第1–5名）")] {
        let all = lines::tests::texts(&svg);
        let shown: String = all.iter().map(|t| t.4.as_str()).filter(|t| !t.contains('/')).collect();
        assert!(shown.contains(long), "{shown}");
        assert!(all.iter().all(|t| !t.4.contains('…')));
        assert!(all.iter().all(|t| lines::tests::text_box(t).0 >= 0.0), "{svg}");
        lines::tests::no_overlaps(&all);
    }
    assert_eq!(wrap("一二三四，五", 40.0, 10.0), ["一二三四，", "五"]);
    assert_eq!(wrap("", 40.0, 10.0), [""]);
}

#[test]
fn cjk_width_estimate() {
    assert_eq!(text_width("青岚市", 10.0), 30.0);
    assert_eq!(text_width("ab", 10.0), 12.0);
}
