//! The fill-in forms the office sends out (`kaoping forms`): one per roster
//! city (every item of the standard) and one per member unit (the items it
//! inspects, for every city). Each rule is written as a comment with the
//! line to copy. Every decision starts blank (`findings:`, `score:` and
//! `submitted:` with nothing after them), and `check` refuses a blank: a
//! form left as it is means nothing, never "nothing deducted". Pure.

use crate::content::placeholder::PLACEHOLDER_NOTES;
use crate::content::{Content, Member};
use crate::output::OutFile;
use crate::standard::{Deduct, Item, Rule, Scoring, SectionKind};
use crate::text::chinese_number;
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
    s.push_str(&how(HOW_CITY, c, &city.id));
    let _ = writeln!(s, "submitted:   # 报送日期：填实际报送的日期，如 {}", c.site.deadlines.self_assessment);
    s.push_str(REPORT_HOW);
    s.push_str("report: \"\"\nitems:\n");
    for (n, section) in c.standard.sections.iter().enumerate() {
        let kind = match section.kind {
            SectionKind::Scored { points } => format!("共{points}分"),
            SectionKind::Penalty { cap } => format!("扣分项，最高减{cap}分"),
        };
        let _ = writeln!(s, "\n  # ━━ {}、{}（{kind}）━━", chinese_number(n + 1), section.title);
        for item in &section.items {
            s.push('\n');
            guide(&mut s, item, "  ", "     ");
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
    s.push_str(&how(HOW_UNIT, c, c.site.cities.first().map_or("city", |m| m.id.as_str())));
    s.push_str("#\n# 本单位负责检查的项目和扣分写法：\n");
    for item in &remit {
        guide(&mut s, item, "", "       ");
    }
    let _ = writeln!(s, "submitted:   # 报送日期：填实际报送的日期，如 {}", c.site.deadlines.inspection);
    s.push_str(REPORT_HOW);
    s.push_str("report: \"\"\n");
    if remit.is_empty() {
        s.push_str("# 评分标准中没有由本单位检查的项目。\ncities: {}\n");
        return s;
    }
    s.push_str("cities:\n");
    for city in &c.site.cities {
        let _ = writeln!(s, "  {}:   # {}", city.id, city.name);
        for item in &remit {
            entry(&mut s, item, "    ");
        }
    }
    s
}

/// The instructions with the content's own year and a city of its roster
/// in the examples.
fn how(text: &str, c: &Content, city: &str) -> String {
    text.replace("{year}", &c.site.year.to_string()).replace("{city}", city)
}

const HOW_CITY: &str = "#\n\
# 怎样填写（照做即可，其他内容不要改动）：每一项都要填，空着的项目 kaoping check 会报错。\n\
#   不扣分的项目：在 findings: 后面写 []，即 findings: []。\n\
#   要扣分的项目：\n\
#     1. 在项目上方的“扣分写法”中找到对应的那一行，整行复制到 findings: 的下一行，\n\
#        再删掉这一行开头的 #（只删这一个 #，空格和后面的 # ← 说明都可以留着）。\n\
#     2. 把 note: 后面的示例文字改为实际情况，按提示改好数字（count、amount、population、staff）。\n\
#     同一项目有几种扣分情形，就复制几行，每行都放在 findings: 下面。\n\
#   直接评分的项目：在 score: 后面写本市的得分。\n\
#   没有自评的项目：删去该项目的几行（从 \"项目号\": 到 evidence: 为止）。\n\
#   evidence: [] 的方括号里写佐证材料（文件号等），多份用英文逗号隔开，如 [市综治委〔{year}〕5号, 会议纪要]。\n\
#   佐证材料的文件：放进内容目录的 attachments/ 文件夹，在 evidence 下面一行写 files: [{city}/文件.pdf]（与 evidence 对齐）\n\
#     （路径从 attachments/ 算起）。\n\
#   保存时请用 UTF-8 编码，文件名不要改。\n\
#\n";

const HOW_UNIT: &str = "#\n\
# 怎样填写（照做即可，其他内容不要改动）：每一项都要填，空着的项目 kaoping check 会报错。\n\
#   每个城市下列出本单位检查的项目。检查过、不扣分的项目：在 findings: 后面写 []，即 findings: []。\n\
#   要扣分的项目：\n\
#     1. 在下面“扣分写法”中找到对应的那一行，整行复制到该市该项目 findings: 的下一行，\n\
#        再删掉这一行开头的 #（只删这一个 #，空格和后面的 # ← 说明都可以留着）。\n\
#     2. 把 note: 后面的示例文字改为实际情况，按提示改好数字（count、amount、population、staff）。\n\
#     同一项目有几种扣分情形，就复制几行，每行都放在 findings: 下面。\n\
#   直接评分的项目：在 score: 后面写该市的得分。\n\
#   没有检查的项目：删去该项目的几行（从 \"项目号\": 到 evidence: 为止；该市这一项将采用其自评）；\n\
#   没有检查的城市：删去该市的全部几行。\n\
#   evidence: [] 的方括号里写佐证材料（文件号等），多份用英文逗号隔开。\n\
#   佐证材料的文件：放进内容目录的 attachments/ 文件夹，在 evidence 下面一行写 files: [{city}/文件.pdf]（与 evidence 对齐）\n\
#     （路径从 attachments/ 算起）。\n\
#   保存时请用 UTF-8 编码，文件名不要改。\n";

const REPORT_HOW: &str = "# 报告正文（可用 Markdown）写在 report: 后面的引号里；多行时把 \"\" 改为 |，\n\
# 正文从下一行起，每行前面空两格。\n";

/// The item's text and points, its basis, and one line per rule showing
/// how to write a finding.
/// A rule's line is `indent` `#` `pad` `- {…}`: deleting the `#` leaves it
/// indented deeper than the `findings:` it is copied under.
fn guide(s: &mut String, item: &Item, indent: &str, pad: &str) {
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
            let _ = writeln!(s, "{indent}#   扣分写法（复制到 findings: 的下一行，删掉行首的 #）：");
            for rule in rules {
                let _ = writeln!(s, "{indent}#{pad}- {}    # ← {}", example(rule), hint(rule));
            }
        }
    }
}

/// The finding to copy for a rule, with example numbers.
fn example(rule: &Rule) -> String {
    match &rule.deduct {
        Deduct::Fixed(_) => format!("{{ rule: {}, note: {} }}", rule.id, PLACEHOLDER_NOTES[0]),
        Deduct::Range { min, .. } => {
            format!("{{ rule: {}, amount: {min}, note: {} }}", rule.id, PLACEHOLDER_NOTES[1])
        }
        Deduct::PerCount { .. } => format!("{{ rule: {}, count: 1, note: {} }}", rule.id, PLACEHOLDER_NOTES[2]),
        Deduct::Staffing { ratio, .. } => {
            let pops = ratio.keys().map(|k| format!("{k}: 0")).collect::<Vec<_>>().join(", ");
            format!("{{ rule: {}, population: {{ {pops} }}, staff: 0 }}", rule.id)
        }
    }
}

fn hint(rule: &Rule) -> String {
    let extra = match &rule.deduct {
        Deduct::Fixed(_) => String::new(),
        Deduct::Range { min, max } => format!("（amount 改为 {min} 至 {max} 的扣分数，note 写明理由）"),
        Deduct::PerCount { .. } => "（count 改为未落实的项数）".to_string(),
        Deduct::Staffing { ratio, .. } => {
            let r = ratio.iter().map(|(k, v)| format!("{k} {v}:1")).collect::<Vec<_>>().join("、");
            format!("（0 改为实际的流动人口数和协管员人数，数字不加逗号；规定比例 {r}）")
        }
    };
    format!("{}{extra}", rule.wording())
}

fn entry(s: &mut String, item: &Item, indent: &str) {
    match item.scoring {
        Scoring::Award => {
            let _ = writeln!(
                s,
                "{indent}\"{}\":\n{indent}  score:   # 填 0 至 {}\n{indent}  evidence: []",
                item.id, item.max
            );
        }
        Scoring::Rules(_) => {
            let _ =
                writeln!(s, "{indent}\"{}\":\n{indent}  findings:   # 不扣分写 []\n{indent}  evidence: []", item.id);
        }
    }
}
