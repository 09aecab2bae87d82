//! `results.json` and `results.csv` (§8 of the contract), as bytes.
//! Numbers are written from exact decimals: 3.6, never 3.5999999999999996.

use crate::content::{Content, read::Date};
use crate::decimal::Dec;
use crate::scoring::{CityResult, Deduction, ItemResult, Results, SectionResult};
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

/// A decimal written as a bare JSON number.
pub struct Num(pub Dec);

impl Serialize for Num {
    /// A whole number as an integer; otherwise the double nearest to the
    /// decimal, which JSON writers print in the fewest digits that read back
    /// as that double: the decimal's own digits, since a decimal of at most
    /// 14 significant digits (12 before the point, 2 after) is the only one
    /// of so few digits that rounds to it (checked against the text of
    /// every kind of value by a property test).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.0.hundredths();
        if h % 100 == 0 { s.serialize_i64(h / 100) } else { s.serialize_f64(self.0.to_f64()) }
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    year: u16,
    weight: Num,
    cities: Vec<City<'a>>,
    units: Vec<Unit<'a>>,
}

#[derive(Serialize)]
struct City<'a> {
    id: &'a str,
    name: &'a str,
    rank: u32,
    base: Num,
    penalty: Num,
    total: Num,
    weighted: Num,
    self_total: Num,
    submitted: Option<String>,
    late: bool,
    sections: Vec<Section<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Section<'a> {
    Scored { id: &'a str, score: Num, max: Num },
    Penalty { id: &'a str, penalty: Num, cap: Num },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Scored {
        id: &'a str,
        max: Num,
        score: Num,
        self_score: Option<Num>,
        source: &'static str,
        deductions: Vec<Ded<'a>>,
    },
    Penalty {
        id: &'a str,
        cap: Num,
        penalty: Num,
        self_penalty: Option<Num>,
        source: &'static str,
        deductions: Vec<Ded<'a>>,
    },
}

#[derive(Serialize)]
struct Ded<'a> {
    rule: &'a str,
    amount: Num,
    by: &'a str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Unit<'a> {
    id: &'a str,
    name: &'a str,
    submitted: Option<String>,
    late: bool,
}

/// `results.json`, pretty-printed but for each city's entry, which is one
/// line (a city of 3,000 is half the bytes so, and a change to one city
/// is a change to its line); with a final newline.
pub fn json(content: &Content, results: &Results) -> Vec<u8> {
    Json::new(content, results, None).bytes
}

/// `results.json` and where each city's entry lies in it.
pub struct Json {
    pub bytes: Vec<u8>,
    /// The bytes of each city of the results, in their order.
    cities: Vec<Range<usize>>,
}

impl Json {
    /// Writes `results.json`. The cities, most of it, are written in
    /// parallel, each on its own, then put in place: the bytes are those of
    /// the whole document written at once (a test compares). With `earlier`
    /// (`serve`: the last results and their file), a city whose result is
    /// the one kept from then, rank included, takes its bytes from there.
    pub fn new(content: &Content, results: &Results, earlier: Option<(&Results, &Json)>) -> Json {
        let head = serde_json::to_vec_pretty(&doc(content, results, Vec::new())).unwrap_or_default();
        let before: BTreeMap<&str, (&CityResult, &[u8])> = earlier
            .map(|(r, j)| r.cities.iter().zip(&j.cities).map(|(c, at)| (c.id.as_str(), (c, &j.bytes[at.clone()]))))
            .into_iter()
            .flatten()
            .collect();
        let cities: Vec<Cow<[u8]>> = results
            .cities
            .par_iter()
            .map(|c| match before.get(c.id.as_str()) {
                Some((old, bytes)) if kept(old, c) => Cow::Borrowed(*bytes),
                _ => Cow::Owned(serde_json::to_vec(&city(c)).unwrap_or_default()),
            })
            .collect();
        // An empty list, `"cities": []`, is where the cities go; a title
        // cannot hold those bytes (its quotes are escaped), and it comes first.
        let empty = b"\"cities\": []";
        let Some(at) = head.windows(empty.len()).position(|w| w == empty).filter(|_| !cities.is_empty()) else {
            // No cities; or (never seen) no place for them: the whole
            // document at once, never one without its cities.
            let all = doc(content, results, results.cities.iter().map(city).collect());
            let bytes = [serde_json::to_vec_pretty(&all).unwrap_or_default(), b"\n".to_vec()].concat();
            return Json { bytes, cities: Vec::new() };
        };
        let at = at + empty.len() - 1;
        let mut out = Vec::with_capacity(head.len() + cities.iter().map(|c| c.len() + 6).sum::<usize>() + 4);
        let mut ranges = Vec::with_capacity(cities.len());
        out.extend_from_slice(&head[..at]);
        for (i, c) in cities.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            ranges.push(out.len()..out.len() + c.len());
            out.extend_from_slice(c);
        }
        out.extend_from_slice(b"\n  ");
        out.extend_from_slice(&head[at..]);
        out.push(b'\n');
        Json { bytes: out, cities: ranges }
    }
}

/// Whether `now` is `then` kept by scoring again (the same items, not a
/// copy) with the same rank: then its entry is the same bytes.
fn kept(then: &CityResult, now: &CityResult) -> bool {
    std::sync::Arc::ptr_eq(&then.items, &now.items)
        && then.rank == now.rank
        && then.id == now.id
        && then.name == now.name
        && then.sections == now.sections
        && (then.base, then.penalty, then.total, then.weighted, then.self_total)
            == (now.base, now.penalty, now.total, now.weighted, now.self_total)
        && (then.submitted, then.late) == (now.submitted, now.late)
}

/// The document with the given cities (none: where they go).
fn doc<'a>(content: &'a Content, results: &'a Results, cities: Vec<City<'a>>) -> Doc<'a> {
    Doc {
        title: &content.site.title,
        year: content.site.year,
        weight: Num(content.site.weight),
        cities,
        units: results
            .units
            .iter()
            .map(|u| Unit { id: &u.id, name: &u.name, submitted: date(u.submitted), late: u.late })
            .collect(),
    }
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn city(c: &CityResult) -> City<'_> {
    City {
        id: &c.id,
        name: &c.name,
        rank: c.rank,
        base: Num(c.base),
        penalty: Num(c.penalty),
        total: Num(c.total),
        weighted: Num(c.weighted),
        self_total: Num(c.self_total),
        submitted: date(c.submitted),
        late: c.late,
        sections: c.sections.iter().map(section).collect(),
        items: c.items.iter().map(item).collect(),
    }
}

fn section(s: &SectionResult) -> Section<'_> {
    if s.penalty {
        Section::Penalty { id: &s.id, penalty: Num(s.value), cap: Num(s.max) }
    } else {
        Section::Scored { id: &s.id, score: Num(s.value), max: Num(s.max) }
    }
}

fn item(i: &ItemResult) -> Item<'_> {
    let o = &i.outcome;
    let deductions = o.deductions.iter().map(ded).collect();
    let self_value = i.self_value().map(Num);
    let source = o.source.as_str();
    if i.penalty {
        Item::Penalty {
            id: &i.id,
            cap: Num(i.max),
            penalty: Num(o.value),
            self_penalty: self_value,
            source,
            deductions,
        }
    } else {
        Item::Scored { id: &i.id, max: Num(i.max), score: Num(o.value), self_score: self_value, source, deductions }
    }
}

fn ded(d: &Deduction) -> Ded<'_> {
    Ded { rule: &d.rule, amount: Num(d.amount), by: &d.by, note: d.note.as_deref() }
}

/// `results.csv`: UTF-8 with a byte-order mark, CRLF line ends, one row per
/// city in rank order (equal ranks in roster order).
pub fn csv(results: &Results) -> Vec<u8> {
    let mut out = String::from("\u{feff}排名,城市,基础得分,扣分,总分,折算得分,自评总分\r\n");
    for i in results.by_rank() {
        let c = &results.cities[i];
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            c.rank,
            csv_field(&c.name),
            c.base,
            c.penalty,
            c.total,
            c.weighted,
            c.self_total
        ));
    }
    out.into_bytes()
}

/// Quotes a field that holds a comma, quote or line break (RFC 4180), and
/// defuses a leading `=`, `+`, `-` or `@` that a spreadsheet would run as a
/// formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn a_number_is_written_as_its_decimal(h in -99_999_999_999_999i64..=99_999_999_999_999) {
            let d = crate::decimal::Dec::from_hundredths(h);
            proptest::prop_assert_eq!(serde_json::to_string(&super::Num(d)).unwrap(), d.to_string());
        }

        #[test]
        fn a_small_number_is_written_as_its_decimal(h in -100_000i64..=100_000) {
            let d = crate::decimal::Dec::from_hundredths(h);
            proptest::prop_assert_eq!(serde_json::to_string(&super::Num(d)).unwrap(), d.to_string());
        }
    }

    use super::*;

    #[test]
    fn json_written_by_city_is_the_document_with_a_line_per_city() {
        for n in [1, 17, 40] {
            let c = crate::synthetic::content(n, 7).unwrap();
            let r = crate::scoring::score(&c);
            let whole = serde_json::to_value(doc(&c, &r, r.cities.iter().map(city).collect())).unwrap();
            let text = String::from_utf8(json(&c, &r)).unwrap();
            assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), whole, "{n} cities");
            // The head as pretty-printed, then each city on a line of its own.
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(
                lines[..5],
                [
                    "{",
                    &format!("  \"title\": {},", serde_json::to_string(&c.site.title).unwrap()),
                    "  \"year\": 2013,",
                    "  \"weight\": 14,",
                    "  \"cities\": ["
                ]
            );
            for (i, city) in r.cities.iter().enumerate() {
                let line = lines[5 + i].trim_end_matches(',');
                assert!(line.starts_with(&format!("    {{\"id\":\"{}\",", city.id)), "{line}");
                assert_eq!(serde_json::from_str::<serde_json::Value>(line).unwrap(), whole["cities"][i]);
            }
            assert_eq!(lines[5 + n], "  ],");
            assert!(text.ends_with("}\n"));
        }
    }

    #[test]
    fn json_written_again_keeps_the_bytes_of_unchanged_cities() {
        let base = crate::synthetic::sources(30, 7);
        let mut changed = base.clone();
        changed.cities[4].text = crate::synthetic::sources(30, 8).cities[4].text.clone();
        let mut cache = crate::content::Cache::default();
        let earlier = crate::content::parse_cached(&base, Some(&mut cache)).content.unwrap();
        let content = crate::content::parse_cached(&changed, Some(&mut cache)).content.unwrap();
        let before = crate::scoring::score(&earlier);
        let first = Json::new(&earlier, &before, None);
        let results = crate::scoring::rescore(&content, &earlier, &before);
        let again = Json::new(&content, &results, Some((&before, &first)));
        assert_eq!(again.bytes, json(&content, &crate::scoring::score(&content)));
        assert_ne!(again.bytes, first.bytes);
        assert_eq!(again.cities.len(), 30);
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("济南市"), "济南市");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
    }

    #[test]
    fn numbers_are_exact() {
        let v = serde_json::to_string(&Num(Dec::parse("3.6").unwrap())).unwrap();
        assert_eq!(v, "3.6");
        let v = serde_json::to_string(&Num(Dec::int(97))).unwrap();
        assert_eq!(v, "97");
    }
}
