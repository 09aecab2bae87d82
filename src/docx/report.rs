//! The report's text, in the order of an official report: the marking,
//! the title, 主送, the opening, 一、考评成绩 (the ranking table), 二、各市
//! 失分情况, 三、报送情况, the annex line, 落款 and 成文日期, and a note with
//! the data fingerprint. Parts site.yaml does not give are marked blanks.

use super::xml::{self, Column, Look, Run, Table, blank, run};
use super::{chinese_date, losses};
use crate::content::Content;
use crate::content::read::Date;
use crate::decimal::Dec;
use crate::scoring::{CityResult, Results};
use crate::standard::SectionKind;

/// Above this many late cities (or units) their names are not listed:
/// the ranking table marks them.
const NAMES_LISTED: usize = 50;

pub(super) const RANKING: [Column; 7] = [
    Column { head: "名次", width: 800, centred: true },
    Column { head: "城市", width: 2045, centred: true },
    Column { head: "总分", width: 1150, centred: true },
    Column { head: "折算得分", width: 1300, centred: true },
    Column { head: "自评总分", width: 1300, centred: true },
    Column { head: "差值", width: 1450, centred: true },
    Column { head: "逾期", width: 800, centred: true },
];

/// 关于{site title}的报告.
pub fn title(c: &Content) -> String {
    format!("关于{}的报告", c.site.title)
}

/// The marking (内部资料) and the sample notice, at the top left.
pub fn marking(out: &mut String, c: &Content) {
    if let Some(m) = &c.site.marking {
        xml::text(out, "Marking", m);
    }
    if c.site.sample {
        xml::text(out, "Marking", "示例数据，非正式考评结果");
    }
}

/// The closing note: where the figures come from, with the fingerprint
/// that ties the paper to the site.
pub fn note(out: &mut String, fingerprint: &str) {
    let text = format!("（本文由 kaoping 依据考评数据生成，与考评结果网站一致；数据指纹 {fingerprint}。）");
    xml::text(out, "Normal", &text);
}

/// The document's body; `annex`: the cities' lost points are in the annex.
pub fn body(c: &Content, r: &Results, fingerprint: &str, annex: bool) -> String {
    let mut out = String::new();
    let heads = &c.site.report;
    marking(&mut out, c);
    xml::text(&mut out, "Normal", "");
    xml::text(&mut out, "Title", &title(c));
    xml::text(&mut out, "Normal", "");
    let to = heads.to.as_deref().map_or_else(|| blank("主送机关"), run);
    xml::paragraph(&mut out, "Addressee", Look::default(), &[to, run("：")]);
    xml::text(&mut out, "Normal", &opening(c, r));
    heading(&mut out, "Heading1", "一、考评成绩");
    xml::text(&mut out, "Normal", &method(c, r));
    xml::paragraph(
        &mut out,
        "Caption",
        Look { keep_next: true, page_break: false },
        &[run("表1　各市考评成绩（按总分排名，总分相同的并列）")],
    );
    ranking(&mut out, c, r);
    heading(&mut out, "Heading1", "二、各市失分情况");
    if annex {
        let lost = r.cities.iter().filter(|city| city.total < c.standard.total).count();
        let text = format!("{}个市中有{lost}个市失分。各市失分的项目、依据、分值和认定单位见附件。", r.cities.len());
        xml::text(&mut out, "Normal", &text);
    } else {
        losses::cities(&mut out, c, r);
    }
    heading(&mut out, "Heading1", "三、报送情况");
    for text in punctuality(c, r) {
        xml::text(&mut out, "Normal", &text);
    }
    xml::text(&mut out, "Normal", "");
    if annex {
        xml::text(&mut out, "Normal", &format!("附件：{}", losses::ANNEX_TITLE));
        xml::text(&mut out, "Normal", "");
    }
    let from = heads.from.as_deref().map_or_else(|| blank("发文机关"), run);
    xml::paragraph(&mut out, "Signature", Look::default(), &[from]);
    let date: Run = heads.date.map_or_else(|| blank("成文日期"), |d| run(chinese_date(d)));
    xml::paragraph(&mut out, "Signature", Look::default(), &[date]);
    xml::text(&mut out, "Normal", "");
    note(&mut out, fingerprint);
    out
}

fn heading(out: &mut String, style: &str, text: &str) {
    xml::paragraph(out, style, Look { keep_next: true, page_break: false }, &[run(text)]);
}

/// What was assessed: the standard, the year, how many cities and units,
/// the deadlines.
fn opening(c: &Content, r: &Results) -> String {
    let d = c.site.deadlines;
    format!(
        "根据《{}》，现已完成{}年度实有人口专项组考评。全省{}个市参加考评，各市于{}前报送自查自评报告；{}个成员单位按评分标准进行实地检查，于{}前报送检查报告。考评办公室据此逐项核定得分，汇总了各市考核成绩。现将有关情况报告如下：",
        c.standard.title,
        c.site.year,
        r.cities.len(),
        chinese_date(d.self_assessment),
        c.site.units.len(),
        chinese_date(d.inspection),
    )
}

/// How the figures of the table are made, and the spread of the totals.
fn method(c: &Content, r: &Results) -> String {
    let cap = c
        .standard
        .sections
        .iter()
        .filter_map(|s| match s.kind {
            SectionKind::Penalty { cap } => Some(cap),
            SectionKind::Scored { .. } => None,
        })
        .fold(Dec::ZERO, |a, b| a + b);
    let penalty = if cap > Dec::ZERO { format!("，扣分项最高减{cap}分") } else { String::new() };
    let totals: Vec<Dec> = r.cities.iter().map(|city| city.total).collect();
    let spread = match (Dec::mean_half_up(&totals), totals.iter().max(), totals.iter().min()) {
        (Some(mean), Some(max), Some(min)) => format!("全省平均总分{mean}分，最高{max}分，最低{min}分。"),
        _ => String::new(),
    };
    format!(
        "总分满分{}分{penalty}。折算得分为总分乘以本组在综治考核中的分值{}分再除以100，四舍五入保留两位小数；差值为自评总分减去核定的总分。{spread}各市成绩见表1。",
        c.standard.total, c.site.weight
    )
}

/// The ranking table, in rank order (equal totals in roster order).
fn ranking(out: &mut String, c: &Content, r: &Results) {
    let mut t = Table::new(out, &RANKING);
    for i in r.by_rank() {
        let city = &r.cities[i];
        let cells = ranking_row(c, city);
        t.row(&cells.iter().map(String::as_str).collect::<Vec<_>>());
    }
    t.finish();
}

/// 名次, 城市, 总分, 折算得分, 自评总分, 差值, 逾期 as the site shows them:
/// "—" where the city sent no self-assessment.
pub fn ranking_row(c: &Content, city: &CityResult) -> [String; 7] {
    let has_self = c.cities.contains_key(&city.id);
    let if_self = |text: String| if has_self { text } else { "—".to_string() };
    let late = if !has_self {
        "未报"
    } else if city.late {
        "是"
    } else {
        "否"
    };
    [
        city.rank.to_string(),
        city.name.clone(),
        city.total.to_string(),
        city.weighted.to_string(),
        if_self(city.self_total.to_string()),
        if_self((city.self_total - city.total).signed()),
        late.to_string(),
    ]
}

/// 三、报送情况: the deadlines, who was late (with the date), who sent
/// nothing.
fn punctuality(c: &Content, r: &Results) -> Vec<String> {
    let d = c.site.deadlines;
    let late_cities: Vec<(&str, Option<Date>)> =
        r.cities.iter().filter(|x| x.late).map(|x| (x.name.as_str(), x.submitted)).collect();
    let missing_cities: Vec<&str> =
        r.cities.iter().filter(|x| !c.cities.contains_key(&x.id)).map(|x| x.name.as_str()).collect();
    let late_units: Vec<(&str, Option<Date>)> =
        r.units.iter().filter(|u| u.late).map(|u| (u.name.as_str(), u.submitted)).collect();
    let missing_units: Vec<&str> =
        r.units.iter().filter(|u| !c.units.contains_key(&u.id)).map(|u| u.name.as_str()).collect();
    let cities = format!(
        "各市自查自评报告的报送截止日期为{}。{}{}",
        chinese_date(d.self_assessment),
        late_text(&late_cities, Some("个市"), "各市均按期报送。"),
        missing_text(&missing_cities, Some("个市"), "自查自评报告")
    );
    let units = format!(
        "成员单位实地检查报告的报送截止日期为{}。{}{}",
        chinese_date(d.inspection),
        late_text(&late_units, None, "各成员单位均按期报送。"),
        missing_text(&missing_units, None, "实地检查报告")
    );
    vec![cities, units, "逾期报送只作记录，不影响得分。".to_string()]
}

/// Who was late, with the day each reported; above [`NAMES_LISTED`]
/// cities (`counted`: the noun to count them by) only how many, since the
/// ranking table marks them.
fn late_text(late: &[(&str, Option<Date>)], counted: Option<&str>, none: &str) -> String {
    match (late.len(), counted) {
        (0, _) => none.to_string(),
        (n, Some(noun)) if n > NAMES_LISTED => format!("逾期报送的有{n}{noun}，已在表1“逾期”栏中标出。"),
        _ => {
            let names: Vec<String> = late
                .iter()
                .map(|(name, on)| on.map_or_else(|| name.to_string(), |d| format!("{name}（{}报送）", chinese_date(d))))
                .collect();
            format!("{}逾期报送。", names.join("、"))
        }
    }
}

/// Who sent nothing (counted as in [`late_text`]).
fn missing_text(missing: &[&str], counted: Option<&str>, what: &str) -> String {
    match (missing.len(), counted) {
        (0, _) => String::new(),
        (n, Some(noun)) if n > NAMES_LISTED => format!("有{n}{noun}未报送{what}（表1“逾期”栏为“未报”）。"),
        _ => format!("{}未报送{what}。", missing.join("、")),
    }
}
