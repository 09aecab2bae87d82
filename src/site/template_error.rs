//! A Tera error as kaoping says it: the template and the place in it where
//! Tera found the problem, and what it is in the user's language. Tera's
//! own English text is shown only with `--lang en`.

use crate::diag::Pos;
use tera::ErrorKind;

/// What a template error says.
pub struct Said {
    /// The template the problem is in (its name in the theme), when Tera says.
    pub template: Option<String>,
    pub pos: Option<Pos>,
    pub why: String,
}

pub fn said(e: &tera::Error) -> Said {
    let (template, pos) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let s = r.span();
            let pos = Pos { line: to_u32(s.start_line), col: to_u32(s.start_col + 1) };
            (Some(r.filename().to_string()).filter(|f| !f.is_empty()), Some(pos))
        }
        _ => (None, None),
    };
    let why = crate::i18n::library(|| chinese(e.kind()), &one_line(e));
    Said { template, pos, why }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn chinese(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::SyntaxError(_) => crate::t!("template.syntax"),
        ErrorKind::RenderingError(_) => crate::t!("template.rendering"),
        ErrorKind::CircularExtend { inheritance_chain: chain, .. }
        | ErrorKind::CircularInclude { include_chain: chain, .. } => {
            crate::t!("template.circular", chain = chain.join(" → "))
        }
        ErrorKind::MissingParent { current, parent } => {
            crate::t!("template.missing-parent", current = current, parent = parent)
        }
        ErrorKind::TemplateNotFound(name) | ErrorKind::ComponentNotFound(name) => {
            crate::t!("template.not-found", name = name)
        }
        _ => crate::t!("template.other"),
    }
}

/// A Tera error and its causes on one line (Tera's report spans lines).
pub fn one_line(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(template: &str) -> tera::Error {
        let mut t = tera::Tera::new();
        match t.add_raw_template("page.html", template) {
            Err(e) => e,
            Ok(()) => t.render("page.html", &tera::Context::new()).unwrap_err(),
        }
    }

    #[test]
    fn a_syntax_error_is_placed() {
        let s = said(&error_of("<p>\n{{ a | }}</p>"));
        assert_eq!(s.template.as_deref(), Some("page.html"));
        assert_eq!(s.pos.map(|p| p.line), Some(2));
    }

    #[test]
    fn a_missing_value_is_placed_and_named_in_english() {
        let s = said(&error_of("<p>x</p>\n<p>{{ nothing }}</p>"));
        assert_eq!(s.template.as_deref(), Some("page.html"));
        assert_eq!(s.pos.map(|p| (p.line, p.col)), Some((2, 7)));
        assert!(s.why.contains("nothing"), "{}", s.why);
    }
}
