//! The published standard (考评办法及评分标准): the method's prose, then
//! every section and item worded as the seed document words it, generated
//! from the same `standard.yaml` that scores.

use super::{Common, unit_name};
use crate::content::Content;
use crate::site::markdown;
use crate::standard::{Scoring, SectionKind};
use crate::text::chinese_number;
use serde::Serialize;

#[derive(Serialize)]
pub struct StandardView {
    pub common: Common,
    pub intro_html: String,
    pub total: String,
    pub sections: Vec<SectionText>,
}

#[derive(Serialize)]
pub struct SectionText {
    pub label: String,
    pub note: String,
    pub items: Vec<ItemText>,
}

#[derive(Serialize)]
pub struct ItemText {
    pub label: String,
    pub text: String,
    pub points: String,
    pub criteria: String,
    pub responsible: String,
    pub assessors: String,
}

pub fn build(c: &Content) -> StandardView {
    let sections = c
        .standard
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| SectionText {
            label: format!("（{}）{}", chinese_number(n + 1), s.title),
            note: match s.kind {
                SectionKind::Scored { points } => format!("（共{points}分）"),
                SectionKind::Penalty { cap } => format!("（此项为扣分项，最高减{cap}分）"),
            },
            items: s
                .items
                .iter()
                .enumerate()
                .map(|(k, it)| ItemText {
                    label: format!("{}、", k + 1),
                    text: it.text.clone(),
                    points: if it.penalty {
                        format!("（最高减{}分）", it.max)
                    } else {
                        format!("（{}分）", it.max)
                    },
                    criteria: criteria(it),
                    responsible: it.responsible.clone().unwrap_or_default(),
                    assessors: it.assessors.iter().map(|a| unit_name(c, a)).collect::<Vec<_>>().join("、"),
                })
                .collect(),
        })
        .collect();
    StandardView {
        common: Common::new(c, "", c.standard.title.clone(), "standard").described(format!(
            "{}：考评办法正文和评分标准，考核项目满分{}分，扣分项按标准减分。",
            c.standard.title, c.standard.total
        )),
        intro_html: markdown::to_html(&c.standard_md, 0),
        total: c.standard.total.to_string(),
        sections,
    }
}

/// 评分标准: the basis, then each rule as the seed words it.
fn criteria(it: &crate::standard::Item) -> String {
    let mut parts: Vec<String> = it.basis.iter().cloned().collect();
    match &it.scoring {
        Scoring::Rules(rules) => parts.extend(rules.iter().map(|r| r.wording())),
        Scoring::Award => {}
    }
    let mut text = parts.join("；");
    if !text.ends_with('。') {
        text.push('。');
    }
    text
}
