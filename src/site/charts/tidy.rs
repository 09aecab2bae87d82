//! What plotters' SVG says more than once, said once (issue 26: a third of
//! a chart's bytes): every `<text>` names the same font stack, which the
//! `<svg>` element now names for all of them (SVG inherits `font-family`);
//! `opacity="1"` is every element's default; a font size is written with
//! at most two decimals (13, not 13.000000000000002). What is drawn is
//! the same: every other attribute stays as plotters wrote it.

/// The chart `svg` as plotters wrote it, said once (see the module).
pub fn tidy(svg: &str) -> String {
    let mut out = svg.replace(" opacity=\"1\"", "");
    let attr = format!(" font-family=\"{}\"", super::FONT);
    // Only where no text names another family (plotters writes one per text).
    if out.matches(" font-family=\"").count() == out.matches(&attr).count() && out.contains(&attr) {
        out = out.replace(&attr, "");
        out = out.replacen("<svg ", &format!("<svg{attr} "), 1);
    }
    sizes(&out)
}

/// Every `font-size="…"` with at most two decimals, trailing zeros cut.
fn sizes(svg: &str) -> String {
    const KEY: &str = " font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let value = &after[..end];
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let text = format!("{v:.2}");
                out.push_str(text.trim_end_matches('0').trim_end_matches('.'));
            }
            _ => out.push_str(value),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_is_named_once_and_defaults_go() {
        let f = super::super::FONT;
        let svg = format!(
            "<svg width=\"10\" height=\"10\">\n<rect x=\"0\" opacity=\"1\" fill=\"#FFFFFF\"/>\n<text x=\"1\" font-family=\"{f}\" font-size=\"13.000000000000002\" opacity=\"0.5\">甲</text>\n<text x=\"2\" font-family=\"{f}\" font-size=\"14\">乙</text>\n</svg>"
        );
        assert_eq!(
            tidy(&svg),
            format!(
                "<svg font-family=\"{f}\" width=\"10\" height=\"10\">\n<rect x=\"0\" fill=\"#FFFFFF\"/>\n<text x=\"1\" font-size=\"13\" opacity=\"0.5\">甲</text>\n<text x=\"2\" font-size=\"14\">乙</text>\n</svg>"
            )
        );
    }

    #[test]
    fn another_family_keeps_every_text_as_it_was() {
        let f = super::super::FONT;
        let svg = format!("<svg>\n<text font-family=\"{f}\">甲</text>\n<text font-family=\"serif\">乙</text>\n</svg>");
        assert_eq!(tidy(&svg), svg);
        assert_eq!(
            sizes("<text font-size=\"12.5\"/><text font-size=\"x\"/>"),
            "<text font-size=\"12.5\"/><text font-size=\"x\"/>"
        );
    }
}
