//! `history.json` (exactly §10 of the contract) and `history.csv` (UTF-8
//! with a byte-order mark, CRLF, one row per city), as bytes.

use super::history::History;
use crate::site::data::{Num, csv_field};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    years: Vec<Year>,
    cities: Vec<City<'a>>,
}

#[derive(Serialize)]
struct Year {
    year: u16,
    cities: usize,
    mean_total: Num,
}

#[derive(Serialize)]
struct City<'a> {
    id: &'a str,
    name: &'a str,
    results: Vec<Result>,
}

#[derive(Serialize)]
struct Result {
    year: u16,
    rank: u32,
    of: usize,
    total: Num,
    weighted: Num,
    self_total: Num,
    late: bool,
}

/// `history.json`, pretty-printed with a final newline.
pub fn json(h: &History) -> Vec<u8> {
    let doc = Doc {
        title: &h.title,
        years: h.years.iter().map(|y| Year { year: y.year, cities: y.cities, mean_total: Num(y.mean_total) }).collect(),
        cities: h
            .cities
            .iter()
            .map(|c| City {
                id: &c.id,
                name: &c.name,
                results: c
                    .results
                    .iter()
                    .map(|(y, r)| Result {
                        year: h.years[*y].year,
                        rank: r.rank,
                        of: h.years[*y].cities,
                        total: Num(r.total),
                        weighted: Num(r.weighted),
                        self_total: Num(r.self_total),
                        late: r.late,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

/// `history.csv`: a byte-order mark, CRLF line ends; a header
/// `城市,2013年总分,2013年排名,…`, then one row per city in the history's
/// order, empty cells for years the city was not on the roster.
pub fn csv(h: &History) -> Vec<u8> {
    let mut out = String::from("\u{feff}城市");
    for y in &h.years {
        out.push_str(&format!(",{0}年总分,{0}年排名", y.year));
    }
    out.push_str("\r\n");
    for c in &h.cities {
        out.push_str(&csv_field(&c.name));
        for y in 0..h.years.len() {
            match c.at(y) {
                Some(r) => out.push_str(&format!(",{},{}", r.total, r.rank)),
                None => out.push_str(",,"),
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::super::history::{CityYear, YearResults, compute};
    use super::*;
    use crate::decimal::Dec;

    fn cy(id: &str, rank: u32, total: &str) -> CityYear {
        let d = |s: &str| Dec::parse(s).unwrap();
        CityYear {
            id: id.into(),
            name: format!("{id}市"),
            rank,
            total: d(total),
            weighted: d("1.4"),
            self_total: d("99.5"),
            late: rank == 2,
            sections: Vec::new(),
        }
    }

    fn history() -> History {
        let y = |year, cities| YearResults { year, standard_total: Dec::int(100), sections: Vec::new(), cities };
        compute("历年", vec![y(2013, vec![cy("a", 1, "90"), cy("b", 2, "85.5")]), y(2014, vec![cy("a", 1, "91")])], &[])
    }

    #[test]
    fn json_has_exactly_the_contract_keys() {
        let text = String::from_utf8(json(&history())).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["years"][0], serde_json::json!({ "year": 2013, "cities": 2, "mean_total": 87.75 }));
        assert_eq!(
            v["cities"][1],
            serde_json::json!({ "id": "b", "name": "b市", "results": [
                { "year": 2013, "rank": 2, "of": 2, "total": 85.5, "weighted": 1.4, "self_total": 99.5, "late": true } ] })
        );
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn csv_is_wide_with_bom_and_crlf() {
        let text = String::from_utf8(csv(&history())).unwrap();
        assert_eq!(
            text,
            "\u{feff}城市,2013年总分,2013年排名,2014年总分,2014年排名\r\na市,90,1,91,1\r\nb市,85.5,2,,\r\n"
        );
    }
}
