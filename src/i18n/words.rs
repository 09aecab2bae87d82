//! Counted words in the language chosen: "3 个城市", "1 city", "2 errors"
//! (English needs the plural; Chinese does not).

/// "1 city", "3 cities" (English needs the plural; Chinese does not).
pub fn cities(n: usize) -> String {
    if n == 1 { crate::t!("count.city", n = n) } else { crate::t!("count.cities", n = n) }
}

/// "1 unit", "8 units".
pub fn units(n: usize) -> String {
    if n == 1 { crate::t!("count.unit", n = n) } else { crate::t!("count.units", n = n) }
}

/// "1 warning", "0 warnings".
pub fn warnings(n: usize) -> String {
    if n == 1 { crate::t!("count.warning", n = n) } else { crate::t!("count.warnings", n = n) }
}

/// "1 problem", "7 problems".
pub fn problems(n: usize) -> String {
    if n == 1 { crate::t!("count.problem", n = n) } else { crate::t!("count.problems", n = n) }
}

/// "1 error", "2 errors".
pub fn errors(n: usize) -> String {
    if n == 1 { crate::t!("count.error", n = n) } else { crate::t!("count.errors", n = n) }
}

/// "1 form", "5 forms" (份表格).
pub fn forms(n: usize) -> String {
    if n == 1 { crate::t!("count.form", n = n) } else { crate::t!("count.forms", n = n) }
}

/// Items listed in a sentence: "2013、2014" in Chinese, "2013, 2014".
pub fn list<T: ToString>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    items.join(&crate::t!("list.separator"))
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, render};

    #[test]
    fn the_list_separator_keeps_its_space() {
        // The English catalog's value ends with a space, which the
        // catalog keeps.
        assert_eq!(render(Lang::En, "list.separator", &[]), ", ");
        assert_eq!(render(Lang::Zh, "list.separator", &[]), "、");
    }
}
