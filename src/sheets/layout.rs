//! The layout of a fill-in workbook, shared by the writer (`forms`) and the
//! reader (`import`): one row per city × item × what a rule needs. A city's
//! form has one city; a unit's form every city of the roster for the items
//! in its remit, grouped by city, so that 17 cities or 300 stay one long
//! table that filters by city and prints one page wide. Every row carries a
//! key in a hidden column; import finds rows by key, never by position.

use crate::content::{Content, Member};
use crate::standard::{Deduct, Item, Rule, Scoring};

/// Sheet names.
pub const CITY_SHEET: &str = "自查自评";
pub const UNIT_SHEET: &str = "实地检查";
pub const COVER_SHEET: &str = "报送";
pub const ID_SHEET: &str = "kaoping";

/// Columns of the main sheet (0-based).
pub const COL_CITY: u16 = 0;
pub const COL_ITEM: u16 = 1;
pub const COL_TEXT: u16 = 2;
pub const COL_ASK: u16 = 3;
pub const COL_VALUE: u16 = 4;
pub const COL_NOTE: u16 = 5;
pub const COL_EVIDENCE: u16 = 6;
pub const COL_FILES: u16 = 7;
pub const COL_KEY: u16 = 8;
pub const COLUMNS: u16 = 9;
/// The header row (0-based); data start on the row after it.
pub const HEADER_ROW: u32 = 1;

pub const HEADER: [&str; 9] =
    ["城市", "项目", "项目内容及分值", "填写什么", "填写", "说明", "佐证材料（每行一件）", "附件（每行一个）", "编号"];

/// The cells on the cover sheet: submitted date and report (row, col).
pub const COVER_DATE: (u32, u16) = (1, 1);
pub const COVER_REPORT: (u32, u16) = (2, 1);

/// Whether a form is a city's self-assessment or a unit's inspection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    City,
    Unit,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Unit => "unit",
        }
    }

    pub fn folder(self) -> &'static str {
        match self {
            Kind::City => "cities",
            Kind::Unit => "units",
        }
    }

    /// 自评 or 检查: what the member does to an item.
    pub fn verb(self) -> &'static str {
        match self {
            Kind::City => "自评",
            Kind::Unit => "检查",
        }
    }

    pub fn sheet(self) -> &'static str {
        match self {
            Kind::City => CITY_SHEET,
            Kind::Unit => UNIT_SHEET,
        }
    }
}

/// What one row asks for.
#[derive(Clone, Copy, Debug)]
pub enum Ask<'s> {
    /// A unit's form only: whether the unit inspected the city at all
    /// (`未检查本市` leaves every item of the city to its self-assessment).
    City,
    /// The item as a whole: one of [`Choice`] (rules), or the score or
    /// 未自评/未检查 (award); with the entry's note and evidence.
    Entry,
    /// A fixed rule: 是/否; a range: the amount; a per-count rule: the
    /// count; a staffing rule: nothing here (its rows follow); with the
    /// finding's note and evidence.
    Rule(&'s Rule),
    /// A staffing rule's population of one kind (urban, rural …).
    Population(&'s Rule, &'s str),
    /// A staffing rule's staff.
    Staff(&'s Rule),
}

/// One row of a form.
#[derive(Clone, Copy, Debug)]
pub struct Slot<'s> {
    pub city: &'s Member,
    pub item: &'s Item,
    pub ask: Ask<'s>,
}

impl Slot<'_> {
    /// The row's key: `city|item|rule|part`.
    pub fn key(&self) -> String {
        let (rule, part) = match self.ask {
            Ask::City => return format!("{}|||", self.city.id),
            Ask::Entry => ("", ""),
            Ask::Rule(r) => (r.id.as_str(), ""),
            Ask::Population(r, k) => (r.id.as_str(), k),
            Ask::Staff(r) => (r.id.as_str(), "staff"),
        };
        format!("{}|{}|{rule}|{part}", self.city.id, self.item.id)
    }
}

/// The items a form covers: all of them for a city, the remit for a unit.
pub fn items<'c>(content: &'c Content, kind: Kind, id: &str) -> Vec<&'c Item> {
    let all = content.standard.items().map(|(_, i)| i);
    match kind {
        Kind::City => all.collect(),
        Kind::Unit => all.filter(|i| i.assessors.iter().any(|a| a == id)).collect(),
    }
}

/// The cities a form covers.
pub fn cities<'c>(content: &'c Content, kind: Kind, id: &str) -> Vec<&'c Member> {
    match kind {
        Kind::City => content.site.cities.iter().filter(|c| c.id == id).collect(),
        Kind::Unit => content.site.cities.iter().collect(),
    }
}

/// Every row of the form, in order.
pub fn slots<'c>(content: &'c Content, kind: Kind, id: &str) -> Vec<Slot<'c>> {
    let items = items(content, kind, id);
    let mut out = Vec::new();
    for city in cities(content, kind, id) {
        if let (Kind::Unit, Some(&first)) = (kind, items.first()) {
            // The city row carries the first item only to have one.
            out.push(Slot { city, item: first, ask: Ask::City });
        }
        for &item in &items {
            out.push(Slot { city, item, ask: Ask::Entry });
            if let Scoring::Rules(rules) = &item.scoring {
                for rule in rules {
                    out.push(Slot { city, item, ask: Ask::Rule(rule) });
                    if let Deduct::Staffing { ratio, .. } = &rule.deduct {
                        out.extend(ratio.keys().map(|k| Slot { city, item, ask: Ask::Population(rule, k) }));
                        out.push(Slot { city, item, ask: Ask::Staff(rule) });
                    }
                }
            }
        }
    }
    out
}

/// The answers of an item's decision cell (rules items).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// 已自评/已检查，不扣分: every rule answered 否 at once.
    NoDeduction,
    /// 已自评/已检查，有扣分: each rule answered on its own row below.
    Deductions,
    /// 未自评/未检查: not assessed; the rows below stay empty.
    NotAssessed,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::NoDeduction, Choice::Deductions, Choice::NotAssessed];

    /// The words in the dropdown.
    pub fn words(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Choice::NoDeduction, Kind::City) => "已自评，不扣分",
            (Choice::Deductions, Kind::City) => "已自评，有扣分",
            (Choice::NotAssessed, Kind::City) => "未自评",
            (Choice::NoDeduction, Kind::Unit) => "已检查，不扣分",
            (Choice::Deductions, Kind::Unit) => "已检查，有扣分",
            (Choice::NotAssessed, Kind::Unit) => "未检查",
        }
    }
}

/// The answers of a unit's city row.
pub const CITY_INSPECTED: &str = "已检查";
pub const CITY_NOT_INSPECTED: &str = "未检查本市";

/// The Chinese name of a population kind.
pub fn population_name(key: &str) -> &str {
    match key {
        "urban" => "城镇",
        "rural" => "农村",
        other => other,
    }
}

/// A fingerprint of the standard: FNV-1a (64 bits) over every id, number
/// and rule, in order. A form made from another standard has another.
pub fn fingerprint(content: &Content) -> String {
    let mut text = String::new();
    for s in &content.standard.sections {
        text.push_str(&format!("S{}|{}|{}\n", s.id, s.points(), s.items.len()));
        for i in &s.items {
            text.push_str(&format!("I{}|{}|{}|{}\n", i.id, i.max, i.penalty, i.assessors.join(",")));
            if let Scoring::Rules(rules) = &i.scoring {
                for r in rules {
                    text.push_str(&format!("R{}|{:?}\n", r.id, r.deduct));
                }
            }
        }
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The version of this layout, on every form's identity sheet. Version 2
/// added the 附件 column; version 3 starts blank where a person decides
/// (issue 21): an item's 填写 cell is one of [`Choice`], a unit's form has
/// a row per city, a staffing rule's heading row takes 是/否.
pub const FORM_VERSION: &str = "kaoping-form-3";
/// Earlier layouts, refused: they came pre-filled with 是/否 and full
/// marks, so an untouched one cannot be told from one a person answered.
pub const OLD_VERSIONS: [&str; 2] = ["kaoping-form-1", "kaoping-form-2"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_differently_for_cities_and_units() {
        let words: Vec<&str> = Choice::ALL.iter().map(|c| c.words(Kind::Unit)).collect();
        assert_eq!(words, ["已检查，不扣分", "已检查，有扣分", "未检查"]);
        assert_eq!(Choice::NotAssessed.words(Kind::City), "未自评");
        assert_eq!(HEADER[usize::from(COL_FILES)], "附件（每行一个）");
        assert_eq!(HEADER[usize::from(COL_KEY)], "编号");
    }
}
