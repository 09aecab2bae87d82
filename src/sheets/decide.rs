//! What the rows of a returned form say, item by item. Each item's 填写
//! cell is an explicit answer (已自评/已检查，不扣分 · 有扣分 · 未自评/未检查,
//! or a score); under 有扣分 every rule is answered on its row (是/否, an
//! amount or 0, a count or 0, 是 with the staffing figures). A blank
//! decision is an error at its cell; a cell whose words would not reach
//! the record (a note on a rule answered 否, a row under 不扣分, any cell
//! of a city a unit did not inspect) is an error at that cell too.

use super::identity::Problems;
use super::layout::{self as l, Ask, Choice, Kind, Slot};
use super::values::{self, Answer, quoted};
use crate::content::attachments::Attached;
use crate::content::{Assessed, Content, Entry, Finding, Input, Text};
use crate::decimal::Dec;
use crate::standard::{Deduct, Item, Rule, Scoring};
use calamine::Data;
use std::collections::BTreeMap;

/// One row of the form as read.
pub struct Row<'s, 'g> {
    pub slot: Slot<'s>,
    pub row: u32,
    pub value: &'g Data,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub files: Vec<Attached>,
    /// The columns of this row that hold anything.
    pub filled: Vec<u16>,
    /// A formula without a value is in this row (already an error).
    pub broken: bool,
}

/// Whether a row has 说明, 佐证材料 and 附件 cells to write in.
pub fn takes_text(slot: &Slot) -> bool {
    matches!(slot.ask, Ask::Entry | Ask::Rule(_))
}

/// What the rows say.
#[derive(Default)]
pub struct Decided {
    pub entries: BTreeMap<String, BTreeMap<String, Entry>>,
    /// Whether any decision was answered at all.
    pub answered: bool,
    /// Decisions left blank: (row, column, message). Errors, unless
    /// nothing at all was answered (then the form is 表格未填写).
    pub blanks: Vec<(u32, u16, String)>,
}

struct Ctx<'a, 'b> {
    kind: Kind,
    sheet: &'a str,
    p: &'a mut Problems<'b>,
    answered: bool,
    blanks: Vec<(u32, u16, String)>,
}

impl Ctx<'_, '_> {
    fn blank(&mut self, r: &Row, col: u16, m: String) {
        self.blanks.push((r.row, col, m));
    }

    fn at(&mut self, r: &Row, col: u16, m: String) {
        self.p.at(self.sheet, r.row, u32::from(col), m);
    }

    /// Every filled cell of `rows` (value included when `value`) is an
    /// error saying `why`.
    fn refuse_filled(&mut self, rows: &[Row], value: bool, why: &dyn Fn() -> String) {
        for r in rows {
            for &col in r.filled.iter().filter(|c| value || **c != l::COL_VALUE) {
                self.at(r, col, why());
            }
        }
    }
}

/// The entries the rows give, in form order.
pub fn entries(_c: &Content, kind: Kind, rows: &[Row], sheet: &str, p: &mut Problems) -> Decided {
    let mut ctx = Ctx { kind, sheet, p, answered: false, blanks: Vec::new() };
    let mut out = Decided::default();
    let mut not_inspected: Option<&str> = None;
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        let end = i
            + 1
            + rows[i + 1..]
                .iter()
                .position(|r| matches!(r.slot.ask, Ask::Entry | Ask::City))
                .unwrap_or(rows.len() - i - 1);
        let group = &rows[i..end];
        i = end;
        if let Ask::City = r.slot.ask {
            not_inspected = None;
            ctx.refuse_filled(group, false, &|| crate::t!("import.grey_cell"));
            match values::text(r.value).as_deref() {
                None if !r.broken => {
                    let m = crate::t!("import.city_blank", yes = l::CITY_INSPECTED, no = l::CITY_NOT_INSPECTED);
                    ctx.blank(r, l::COL_VALUE, m);
                }
                None => {}
                Some(l::CITY_INSPECTED) => ctx.answered = true,
                Some(l::CITY_NOT_INSPECTED) => {
                    ctx.answered = true;
                    not_inspected = Some(&r.slot.city.id);
                }
                Some(other) => {
                    let m = crate::t!(
                        "import.city_choice",
                        value = other,
                        yes = l::CITY_INSPECTED,
                        no = l::CITY_NOT_INSPECTED
                    );
                    ctx.at(r, l::COL_VALUE, m);
                }
            }
            continue;
        }
        if not_inspected == Some(r.slot.city.id.as_str()) {
            let city = &r.slot.city.name;
            ctx.refuse_filled(group, true, &|| {
                crate::t!("import.city_not_inspected", city = city, no = l::CITY_NOT_INSPECTED)
            });
            continue;
        }
        for row in group.iter().filter(|r| !takes_text(&r.slot)) {
            ctx.refuse_filled(std::slice::from_ref(row), false, &|| crate::t!("import.grey_cell"));
        }
        if let Some(entry) = item(&mut ctx, group) {
            out.entries.entry(r.slot.city.id.clone()).or_default().insert(r.slot.item.id.clone(), entry);
        }
    }
    out.answered = ctx.answered;
    out.blanks = ctx.blanks;
    out
}

fn entry_of(head: &Row, assessed: Assessed) -> Entry {
    Entry {
        assessed,
        note: head.note.clone().map(Text::from),
        evidence: head.evidence.clone().into(),
        files: head.files.clone(),
    }
}

/// One item: its entry row and the rows of its rules.
fn item(ctx: &mut Ctx, group: &[Row]) -> Option<Entry> {
    let head = &group[0];
    let item = head.slot.item;
    let not_assessed = Choice::NotAssessed.words(ctx.kind);
    let Scoring::Rules(_) = &item.scoring else {
        return match values::score(head.value, not_assessed) {
            Err(m) => {
                ctx.answered = true;
                ctx.at(head, l::COL_VALUE, m);
                None
            }
            Ok(Answer::Blank) => {
                if !head.broken {
                    ctx.blank(head, l::COL_VALUE, crate::t!("import.score_blank", max = item.max, no = not_assessed));
                }
                None
            }
            Ok(Answer::No) => {
                ctx.answered = true;
                ctx.refuse_filled(group, false, &|| crate::t!("import.not_assessed_text", no = not_assessed));
                None
            }
            Ok(Answer::Yes(v)) if v.is_negative() || v > item.max => {
                ctx.answered = true;
                ctx.at(head, l::COL_VALUE, crate::t!("import.score_range", max = item.max));
                None
            }
            Ok(Answer::Yes(v)) => {
                ctx.answered = true;
                Some(entry_of(head, Assessed::Score(v)))
            }
        };
    };
    let choice = match values::choice(head.value, ctx.kind) {
        Ok(Some(c)) => c,
        Ok(None) => {
            if !head.broken {
                let words: Vec<&str> = Choice::ALL.iter().map(|c| c.words(ctx.kind)).collect();
                ctx.blank(head, l::COL_VALUE, crate::t!("import.choice_blank", choices = quoted(&words)));
            }
            return None;
        }
        Err(m) => {
            ctx.answered = true;
            ctx.at(head, l::COL_VALUE, m);
            return None;
        }
    };
    ctx.answered = true;
    let words = choice.words(ctx.kind);
    match choice {
        Choice::NotAssessed => {
            ctx.refuse_filled(&group[..1], false, &|| crate::t!("import.not_assessed_text", no = words));
            ctx.refuse_filled(&group[1..], true, &|| crate::t!("import.not_assessed_rows", no = words));
            None
        }
        Choice::NoDeduction => {
            let yes = Choice::Deductions.words(ctx.kind);
            ctx.refuse_filled(&group[1..], true, &|| crate::t!("import.no_deduction_rows", choice = words, yes = yes));
            Some(entry_of(head, Assessed::Findings(Vec::new())))
        }
        Choice::Deductions => {
            let findings = rules(ctx, item, &group[1..])?;
            let total: Dec =
                findings.iter().map(|(rule, f)| crate::scoring::rules::amount(&rule.deduct, &f.input).0).sum();
            if total > item.max {
                let m = crate::t!("import.over_cap", total = total, max = item.max);
                let cell = super::identity::cell_name(head.row, u32::from(l::COL_VALUE));
                ctx.p.diags.push(crate::diag::Diagnostic::warning(
                    ctx.p.workbook,
                    None,
                    format!("{}!{cell}: {m}", ctx.sheet),
                ));
            }
            Some(entry_of(head, Assessed::Findings(findings.into_iter().map(|(_, f)| f).collect())))
        }
    }
}

/// The findings of an item answered 有扣分; `None` after any error.
fn rules<'s>(ctx: &mut Ctx, item: &Item, rows: &[Row<'s, '_>]) -> Option<Vec<(&'s Rule, Finding)>> {
    let errors = ctx.p.diags.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        let figures =
            1 + rows[i + 1..].iter().take_while(|r| matches!(r.slot.ask, Ask::Population(..) | Ask::Staff(_))).count();
        let (parts, next) = (&rows[i + 1..i + figures], i + figures);
        i = next;
        let Ask::Rule(rule) = r.slot.ask else { continue };
        let answer = if r.broken { Err(String::new()) } else { answer(ctx, item, rule, r, parts) };
        match answer {
            Err(m) => {
                if !m.is_empty() {
                    ctx.at(r, l::COL_VALUE, m);
                }
            }
            Ok(None) => {
                ctx.refuse_filled(std::slice::from_ref(r), false, &|| crate::t!("import.rule_no_text"));
            }
            Ok(Some(input)) => {
                if matches!(input, Input::Amount(_)) && r.note.is_none() {
                    ctx.at(r, l::COL_NOTE, crate::t!("import.note_needed"));
                }
                let f = Finding {
                    rule: rule.id.clone(),
                    input,
                    note: r.note.clone().map(Text::from),
                    evidence: r.evidence.clone().into(),
                    files: r.files.clone(),
                };
                out.push((rule, f));
            }
        }
    }
    let ok = !ctx.p.diags[errors..].iter().any(crate::diag::Diagnostic::is_error);
    ok.then_some(out)
}

/// One rule's answer: a finding's input, `None` for 否 / 0, or the message
/// for its 填写 cell (empty when the message went to another cell).
fn answer(ctx: &mut Ctx, item: &Item, rule: &Rule, r: &Row, parts: &[Row]) -> Result<Option<Input>, String> {
    let blank = || crate::t!("import.rule_blank", what = rule_ask(&rule.deduct));
    match &rule.deduct {
        Deduct::Fixed(_) => match values::yes_no(r.value)? {
            Answer::Blank => Err(blank()),
            Answer::No => Ok(None),
            Answer::Yes(()) => Ok(Some(Input::Fixed)),
        },
        Deduct::Range { min, max } => match values::amount(r.value)? {
            Answer::Blank => Err(blank()),
            Answer::No => Ok(None),
            Answer::Yes(a) if a < *min || a > *max => {
                Err(crate::t!("import.amount_range", min = min, max = max, wording = rule.deduct.wording()))
            }
            Answer::Yes(a) => Ok(Some(Input::Amount(a))),
        },
        Deduct::PerCount { per } => match values::count(r.value)? {
            Answer::Blank => Err(blank()),
            Answer::No => Ok(None),
            Answer::Yes(n) => {
                let total = per.times(i64::try_from(n).unwrap_or(i64::MAX));
                if total > item.max {
                    return Err(crate::t!("import.count_cap", n = n, total = total, max = item.max));
                }
                Ok(Some(Input::Count(n)))
            }
        },
        Deduct::Staffing { ratio, .. } => match values::yes_no(r.value)? {
            Answer::Blank => Err(blank()),
            Answer::No => {
                ctx.refuse_filled(parts, true, &|| crate::t!("import.staffing_no_figures"));
                Ok(None)
            }
            Answer::Yes(()) => {
                let mut population = BTreeMap::new();
                let mut staff = None;
                let mut ok = true;
                for part in parts {
                    let got = if part.broken { Err(String::new()) } else { values::whole(part.value) };
                    match (got, part.slot.ask) {
                        (Ok(Some(n)), Ask::Population(_, k)) => drop(population.insert(k.to_string(), n)),
                        (Ok(Some(n)), _) => staff = Some(n),
                        (Ok(None), _) => {
                            ctx.at(part, l::COL_VALUE, crate::t!("import.staffing_figure_blank"));
                            ok = false;
                        }
                        (Err(m), _) => {
                            if !m.is_empty() {
                                ctx.at(part, l::COL_VALUE, m);
                            }
                            ok = false;
                        }
                    }
                }
                match staff {
                    Some(staff) if ok && population.len() == ratio.len() => {
                        Ok(Some(Input::Staffing { population, staff }))
                    }
                    _ => Err(String::new()),
                }
            }
        },
    }
}

/// What a rule's 填写 cell asks, for the message of a blank one.
fn rule_ask(d: &Deduct) -> String {
    match d {
        Deduct::Fixed(_) => crate::t!("import.ask_fixed"),
        Deduct::Range { min, max } => crate::t!("import.ask_range", min = min, max = max),
        Deduct::PerCount { .. } => crate::t!("import.ask_count"),
        Deduct::Staffing { .. } => crate::t!("import.ask_staffing"),
    }
}
