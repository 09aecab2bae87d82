//! Arbitrary Markdown through kaoping's sanitizing renderer: the HTML has
//! no tag outside a small allow-list and no attribute but the renderer's own
//! `style="text-align: …"` on table cells and `start` on ordered lists, so no
//! content can run a script or fetch anything.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ALLOWED: [&str; 26] = [
    "p", "em", "strong", "del", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "sup", "input",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let html = kaoping::site::markdown::to_html(text, 2);
    let mut rest = html.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let tag: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(ALLOWED.contains(&tag.as_str()), "tag <{tag}> in {html:?}");
        let end = rest.find('>').expect("a tag ends");
        let inside = &rest[..end];
        let attrs = inside.split_once(' ').map_or("", |(_, a)| a).trim_end_matches('/').trim();
        let known = attrs.is_empty()
            || ["style=\"text-align: left\"", "style=\"text-align: center\"", "style=\"text-align: right\""].contains(&attrs)
            || (attrs.starts_with("start=\"") && attrs[7..].trim_end_matches('"').bytes().all(|b| b.is_ascii_digit()));
        assert!(known, "attributes {attrs:?} in {html:?}");
        assert!(!inside.contains("javascript:") && !inside.contains("data:"), "{html:?}");
    }
});
