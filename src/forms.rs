//! The fill-in forms the office sends out (`kaoping forms`): one per roster
//! city (every item of the standard) and one per member unit (the items it
//! inspects, for every city). Each rule is written as a comment with the
//! line to copy; a form left as it is passes `kaoping check` and means
//! "nothing deducted" (award items carry their full points). Pure.

use crate::content::{Content, Member};
use crate::site::OutFile;
use crate::site::view::chinese_number;
use crate::standard::{Deduct, Item, Rule, Scoring, SectionKind};
use std::fmt::Write;

/// Every form, cities first, in roster order.
pub fn files(c: &Content) -> Vec<OutFile> {
    let mut out: Vec<OutFile> = c.site.cities.iter().map(|city| file("cities", &city.id, city_form(c, city))).collect();
    out.extend(c.site.units.iter().map(|unit| file("units", &unit.id, unit_form(c, unit))));
    out
}

fn file(folder: &str, id: &str, text: String) -> OutFile {
    OutFile { path: format!("{folder}/{id}.yaml"), bytes: text.into_bytes() }
}

/// The assessment a form is for: the site's title without "结果" (the title
/// names the published results; a form is filled in before there are any).
fn assessment(title: &str) -> String {
    title.replacen("考评结果", "考评", 1)
}

fn city_form(c: &Content, city: &Member) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} · {}自查自评表", assessment(&c.site.title), city.name);
    let _ =
        writeln!(s, "# 城市：{}（编号 {}）。报送截止日期：{}。", city.name, city.id, c.site.deadlines.self_assessment);
    s.push_str(HOW_CITY);
    let _ = writeln!(s, "submitted: {}   # 报送日期：改为实际报送的日期", c.site.deadlines.self_assessment);
    s.push_str(
        "# 自查自评报告正文（可用 Markdown）。多行时写成：report: |  然后每行前空两格。\nreport: \"\"\nitems:\n",
    );
    for (n, section) in c.standard.sections.iter().enumerate() {
        let kind = match section.kind {
            SectionKind::Scored { points } => format!("共{points}分"),
            SectionKind::Penalty { cap } => format!("扣分项，最高减{cap}分"),
        };
        let _ = writeln!(s, "\n  # ━━ {}、{}（{kind}）━━", chinese_number(n + 1), section.title);
        for item in &section.items {
            s.push('\n');
            guide(&mut s, item, "  ");
            entry(&mut s, item, "  ");
        }
    }
    s
}

fn unit_form(c: &Content, unit: &Member) -> String {
    let remit: Vec<&Item> = c.standard.items().map(|(_, i)| i).filter(|i| i.assessors.contains(&unit.id)).collect();
    let mut s = String::new();
    let _ = writeln!(s, "# {} · {}实地检查表", assessment(&c.site.title), unit.name);
    let _ =
        writeln!(s, "# 成员单位：{}（编号 {}）。报送截止日期：{}。", unit.name, unit.id, c.site.deadlines.inspection);
    s.push_str(HOW_UNIT);
    s.push_str("#\n# 本单位负责检查的项目和扣分写法：\n");
    for item in &remit {
        guide(&mut s, item, "#   ");
    }
    let _ = writeln!(s, "submitted: {}   # 报送日期：改为实际报送的日期", c.site.deadlines.inspection);
    s.push_str("# 书面考评报告正文（可用 Markdown）。多行时写成：report: |  然后每行前空两格。\nreport: \"\"\n");
    if remit.is_empty() {
        s.push_str("# 评分标准中没有由本单位检查的项目。\ncities: {}\n");
        return s;
    }
    s.push_str("cities:\n");
    for city in &c.site.cities {
        let _ = writeln!(s, "  {}:   # {}", city.id, city.name);
        for item in &remit {
            let value = match item.scoring {
                Scoring::Award => format!("{{ score: {} }}", item.max),
                Scoring::Rules(_) => "{ findings: [] }".to_string(),
            };
            let _ = writeln!(s, "    \"{}\": {value}", item.id);
        }
    }
    s
}

const HOW_CITY: &str = "#\n\
# 怎样填写：\n\
#   每个项目的 findings 列出对照评分标准应当扣分的情形，一条一行；不扣分就保留 findings: []。\n\
#   各种扣分的写法见项目上方的注释，把那一行复制到 findings: 下面（前面加两个空格和“- ”）并改好数字。\n\
#   evidence 写佐证材料（文件号等），note 写说明。直接评分的项目填 score。\n\
#   原样不改表示各项均不扣分。保存时请用 UTF-8 编码，文件名不要改。\n\
#\n";

const HOW_UNIT: &str = "#\n\
# 怎样填写：\n\
#   每个城市下列出本单位检查的项目；findings: [] 表示检查过、未扣分。\n\
#   扣分时把下面对应的写法填进 findings: [ ... ]，并改好数字。\n\
#   没有检查的项目，删去那一行（该市这一项将采用其自评）。\n\
#   原样不改表示检查了全部项目、均不扣分。保存时请用 UTF-8 编码，文件名不要改。\n";

/// The item's text and points, its basis, and one line per rule showing
/// how to write a finding.
fn guide(s: &mut String, item: &Item, indent: &str) {
    let points = if item.penalty { format!("最高减{}分", item.max) } else { format!("{}分", item.max) };
    let _ = writeln!(s, "{indent}# {} {}（{points}）", item.id, item.text);
    if let Some(basis) = &item.basis {
        let _ = writeln!(s, "{indent}#   评分依据：{basis}");
    }
    match &item.scoring {
        Scoring::Award => {
            let _ = writeln!(s, "{indent}#   直接评分：score 填 0 至 {}", item.max);
        }
        Scoring::Rules(rules) => {
            for rule in rules {
                let _ = writeln!(s, "{indent}#   - {}    ← {}", example(rule), hint(rule));
            }
        }
    }
}

/// The finding to copy for a rule, with example numbers.
fn example(rule: &Rule) -> String {
    match &rule.deduct {
        Deduct::Fixed(_) => format!("{{ rule: {}, note: 说明 }}", rule.id),
        Deduct::Range { min, .. } => {
            format!("{{ rule: {}, amount: {min}, note: 说明理由 }}", rule.id)
        }
        Deduct::PerCount { .. } => format!("{{ rule: {}, count: 1, note: 未落实的项目 }}", rule.id),
        Deduct::Staffing { ratio, .. } => {
            let pops = ratio.keys().map(|k| format!("{k}: 0")).collect::<Vec<_>>().join(", ");
            format!("{{ rule: {}, population: {{ {pops} }}, staff: 0 }}", rule.id)
        }
    }
}

fn hint(rule: &Rule) -> String {
    let extra = match &rule.deduct {
        Deduct::Fixed(_) => String::new(),
        Deduct::Range { min, max } => format!("（amount 填 {min} 至 {max}，须写 note）"),
        Deduct::PerCount { .. } => "（count 填未落实的项数）".to_string(),
        Deduct::Staffing { ratio, .. } => {
            let r = ratio.iter().map(|(k, v)| format!("{k} {v}:1")).collect::<Vec<_>>().join("、");
            format!("（population 填流动人口数，staff 填协管员人数；规定比例 {r}）")
        }
    };
    format!("{}{extra}", rule.wording())
}

fn entry(s: &mut String, item: &Item, indent: &str) {
    match item.scoring {
        Scoring::Award => {
            let _ = writeln!(s, "{indent}\"{}\":\n{indent}  score: {}\n{indent}  evidence: []", item.id, item.max);
        }
        Scoring::Rules(_) => {
            let _ = writeln!(s, "{indent}\"{}\":\n{indent}  findings: []\n{indent}  evidence: []", item.id);
        }
    }
}
