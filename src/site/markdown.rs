//! Markdown from the content (`standard.md`, `report` fields) to HTML that
//! is safe to publish: raw HTML is shown as text, links and images never
//! point anywhere (their text and address are shown instead), so nothing
//! in a page can run a script or fetch from another host.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

/// Renders `text` as sanitized HTML. Heading levels are shifted down by
/// `shift` (a report inside a page starts at `<h3>`).
pub fn to_html(text: &str, shift: u8) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::new();
    let mut link_stack: Vec<String> = Vec::new();
    let events = Parser::new_ext(text, options).flat_map(|event| -> Vec<Event> {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => vec![Event::Text(raw)],
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_stack.push(dest_url.to_string());
                vec![]
            }
            Event::End(TagEnd::Link) => {
                let url = link_stack.pop().unwrap_or_default();
                if url.is_empty() { vec![] } else { vec![Event::Text(format!("（{url}）").into())] }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                link_stack.push(dest_url.to_string());
                vec![Event::Text("［图片：".into())]
            }
            Event::End(TagEnd::Image) => {
                let url = link_stack.pop().unwrap_or_default();
                vec![Event::Text(format!("（{url}）］").into())]
            }
            Event::Start(Tag::Heading { level, id: _, classes: _, attrs: _ }) => {
                vec![Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    id: None,
                    classes: vec![],
                    attrs: vec![],
                })]
            }
            Event::End(TagEnd::Heading(level)) => {
                vec![Event::End(TagEnd::Heading(shifted(level, shift)))]
            }
            // A fenced block's info string would become a class attribute:
            // content never reaches an attribute.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                vec![Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))]
            }
            other => vec![other],
        }
    });
    let events: Vec<Event> = events.collect();
    html::push_html(&mut out, joined_cjk_lines(events).into_iter());
    out
}

/// A line break inside a paragraph between two CJK characters (部署，⏎全年)
/// is nothing in Chinese text: it is dropped rather than shown as a space.
fn joined_cjk_lines(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let text_of = |e: &Event| match e {
        Event::Text(t) | Event::Code(t) => Some(t.to_string()),
        _ => None,
    };
    let keep: Vec<bool> = (0..events.len())
        .map(|i| {
            if !matches!(events[i], Event::SoftBreak) {
                return true;
            }
            let before = events[..i].iter().rev().find_map(text_of).and_then(|t| t.chars().last());
            let after = events[i + 1..].iter().find_map(text_of).and_then(|t| t.chars().next());
            !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk))
        })
        .collect();
    events.into_iter().zip(keep).filter_map(|(e, k)| k.then_some(e)).collect()
}

/// Chinese characters and the full-width punctuation written with them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn shifted(level: pulldown_cmark::HeadingLevel, shift: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    let n = (level as u8).saturating_add(shift).min(6);
    [H1, H2, H3, H4, H5, H6][usize::from(n.max(1) - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("a <script>alert(1)</script> b\n\n<img src=x onerror=alert(1)>\n", 0);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_and_images_become_text() {
        let html = to_html(
            "[点我](javascript:alert(1)) [站](http://example.com) ![图](http://x/y.png) [x](data:text/html,hi)",
            0,
        );
        assert!(!html.contains("<a"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(!html.contains("src="), "{html}");
        assert!(html.contains("点我（javascript:alert(1)）"), "{html}");
    }

    #[test]
    fn content_never_reaches_an_attribute() {
        // Found by the fuzzer: a fenced block's info string became a class.
        let html = to_html("```*\"onmouseover=x|\ncode\n```\n", 0);
        assert_eq!(html, "<pre><code>code\n</code></pre>\n");
    }

    #[test]
    fn a_line_break_between_chinese_characters_is_nothing() {
        assert_eq!(to_html("认真部署，\n全年**开展**\n检查", 0), "<p>认真部署，全年<strong>开展</strong>检查</p>\n");
        // Between Latin words, or Latin and Chinese, it stays a space.
        assert_eq!(to_html("one\ntwo\n三", 0), "<p>one\ntwo\n三</p>\n");
    }

    #[test]
    fn headings_shift_and_lists_render() {
        let html = to_html("# 标题\n\n- 一\n- **二**\n", 2);
        assert!(html.starts_with("<h3>标题</h3>"), "{html}");
        assert!(html.contains("<li><strong>二</strong></li>"), "{html}");
    }
}
