//! One item of one city: which assessments decide it, and its score.

use super::rules::{self, StaffingCalc};
use crate::content::{Assessed, Entry, Text, Texts};
use crate::decimal::Dec;
use crate::standard::{Item, Scoring};

/// Who decided an item's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// One or more member units inspected it (实地检查).
    Inspection,
    /// Only the city's self-assessment (自查自评).
    SelfAssessment,
    /// Nobody assessed it (未报).
    Missing,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Inspection => "inspection",
            Source::SelfAssessment => "self",
            Source::Missing => "missing",
        }
    }
}

/// A deduction under one rule, as found by one assessor.
#[derive(Clone, Debug, PartialEq)]
pub struct Deduction {
    pub rule: String,
    pub amount: Dec,
    /// The unit id, or `self`.
    pub by: String,
    pub note: Option<Text>,
    pub evidence: Texts,
    /// Attachments, paths under `attachments/`.
    pub files: Vec<String>,
    pub staffing: Option<StaffingCalc>,
}

/// What one assessor said about the item as a whole: its score (award
/// items), note and evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Remark {
    pub by: String,
    pub score: Option<Dec>,
    pub note: Option<Text>,
    pub evidence: Texts,
    /// Attachments of the whole entry, paths under `attachments/`.
    pub files: Vec<String>,
}

/// The outcome for one item of one city, from one set of assessments.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub source: Source,
    /// Score for a scored item; what is subtracted for a penalty item.
    pub value: Dec,
    /// Deductions that count: one per rule, the largest amount.
    pub deductions: Vec<Deduction>,
    /// The same rule found by another assessor for an amount not larger
    /// than the one that counts: shown, not counted.
    pub not_counted: Vec<Deduction>,
    /// True when the deductions add up to more than the item's points (or
    /// cap) and were cut to it.
    pub capped: bool,
    pub remarks: Vec<Remark>,
}

/// Scores `item` from the entries of the assessors that decide it (all the
/// inspecting units, in roster order, or the city alone). An empty list
/// gives a missing item: 0 points, or nothing subtracted.
pub fn outcome(item: &Item, source: Source, entries: &[(&str, &Entry)]) -> Outcome {
    let remarks = entries
        .iter()
        .map(|(by, e)| Remark {
            by: by.to_string(),
            score: match e.assessed {
                Assessed::Score(s) => Some(s),
                Assessed::Findings(_) => None,
            },
            note: e.note.clone(),
            evidence: e.evidence.clone(),
            files: e.files.iter().map(|a| a.path.clone()).collect(),
        })
        .collect::<Vec<_>>();
    let mut out = Outcome {
        source,
        value: if item.penalty { Dec::ZERO } else { item.max },
        deductions: Vec::new(),
        not_counted: Vec::new(),
        capped: false,
        remarks,
    };
    if entries.is_empty() {
        out.source = Source::Missing;
        out.value = Dec::ZERO;
        return out;
    }
    match &item.scoring {
        Scoring::Award => {
            let scores: Vec<Dec> = out.remarks.iter().filter_map(|r| r.score).collect();
            out.value = Dec::mean_half_up(&scores).unwrap_or(Dec::ZERO).min(item.max);
        }
        Scoring::Rules(rules) => {
            for rule in rules {
                let mut found: Vec<Deduction> = Vec::new();
                for (by, entry) in entries {
                    let Assessed::Findings(findings) = &entry.assessed else {
                        continue;
                    };
                    for f in findings.iter().filter(|f| f.rule == rule.id) {
                        let (amount, staffing) = rules::amount(&rule.deduct, &f.input);
                        found.push(Deduction {
                            rule: rule.id.clone(),
                            amount,
                            by: by.to_string(),
                            note: f.note.clone(),
                            evidence: f.evidence.clone(),
                            files: f.files.iter().map(|a| a.path.clone()).collect(),
                            staffing,
                        });
                    }
                }
                // The largest amount counts; among equal amounts, the first
                // assessor in roster order.
                let Some(best) =
                    (0..found.len()).max_by(|&a, &b| found[a].amount.cmp(&found[b].amount).then(b.cmp(&a)))
                else {
                    continue;
                };
                out.deductions.push(found.remove(best));
                out.not_counted.extend(found);
            }
            // A pushed vector holds room for four; most hold one.
            out.deductions.shrink_to_fit();
            out.not_counted.shrink_to_fit();
            let sum: Dec = out.deductions.iter().map(|d| d.amount).sum();
            out.capped = sum > item.max;
            let lost = sum.min(item.max);
            out.value = if item.penalty { lost } else { item.max - lost };
        }
    }
    out
}
