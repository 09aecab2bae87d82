//! The content as read and checked: settings, roster and assessments.

use super::dates::Date;
use crate::decimal::Dec;
use crate::diag::Pos;
use crate::standard::Standard;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One file named by an entry or a finding: its path under `attachments/`
/// and where it is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    pub path: String,
    pub pos: Pos,
}

/// Everything in a content folder, checked and ready to score.
#[derive(Clone, Debug)]
pub struct Content {
    pub site: Site,
    pub standard: Standard,
    /// `standard.md`: the prose of the method, Markdown.
    pub standard_md: String,
    /// Self-assessments by city id (cities with no file are absent).
    /// Shared (`Arc`) so that `serve` keeps unchanged files between
    /// rebuilds without copying them.
    pub cities: BTreeMap<String, Arc<Submission>>,
    /// Inspection reports by unit id (units with no file are absent).
    pub units: BTreeMap<String, Arc<Submission>>,
    /// The templates and stylesheet the site is rendered with.
    pub theme: super::theme::Theme,
    /// Every attachment named by an entry or a finding: its path under
    /// `attachments/` and its size in bytes (checked on disk by `load`).
    pub attachments: BTreeMap<String, u64>,
    /// How the publication is made, beyond the content (§13).
    pub provenance: Provenance,
}

/// What a publication keeps of how it was made (§13 of the contract): the
/// content's files as read, published as `source/`, and the key it is
/// signed with at build.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    /// Path under `source/` (`site.yaml`, `cities/a.yaml`,
    /// `theme/templates/base.html`) → the text as read (UTF-8, no
    /// byte-order mark, LF line ends); empty with `build --no-source`.
    pub source: BTreeMap<String, Arc<str>>,
    /// The key id (16 hex digits) of `build --sign`, which report.html and
    /// the archive's index show.
    pub signer: Option<String>,
}

/// `site.yaml`.
#[derive(Clone, Debug)]
pub struct Site {
    pub title: String,
    pub year: u16,
    /// Points this group carries in the overall assessment (14).
    pub weight: Dec,
    /// The theme folder, as written (relative to site.yaml).
    pub theme: Option<String>,
    pub marking: Option<String>,
    pub sample: bool,
    pub deadlines: Deadlines,
    /// The roster of cities, in official order.
    pub cities: Vec<Member>,
    /// The member units of the group, the office included.
    pub units: Vec<Member>,
    /// `report:`: the heads of the written report (report.docx, §15).
    pub report: ReportHeads,
}

/// What site.yaml gives for the written report: 主送 (`to`), 落款 (`from`)
/// and 成文日期 (`date`). A part not given is a marked blank in the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportHeads {
    pub to: Option<String>,
    pub from: Option<String>,
    pub date: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    pub self_assessment: Date,
    pub inspection: Date,
}

/// A city or member unit of the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
}

/// One file of assessments: a city's self-assessment or a unit's inspection
/// report.
#[derive(Clone, Debug, Default)]
pub struct Submission {
    /// The file as shown in messages.
    pub path: String,
    pub submitted: Option<Date>,
    /// Markdown.
    pub report: String,
    /// Entries by city id, then item id. A self-assessment has one city.
    pub entries: super::flat::FlatMap<super::flat::FlatMap<Entry>>,
    /// Whether any entry names a file, found when first asked: `serve`
    /// keeps a file's submission while the file is unchanged, and the
    /// attachment check then skips its entries without walking them.
    pub(crate) names_files: std::sync::OnceLock<bool>,
}

impl Submission {
    /// Every attachment the file names (`files:` of entries and findings),
    /// with where it names it, in entry order.
    pub fn attached(&self) -> impl Iterator<Item = &Attached> {
        self.entries.values().flat_map(|items| items.values()).flat_map(|entry| {
            let findings = match &entry.assessed {
                Assessed::Findings(findings) => &findings[..],
                Assessed::Score(_) => &[],
            };
            entry.files.iter().chain(findings.iter().flat_map(|f| &f.files))
        })
    }

    /// Whether the file names any attachment (walked once).
    pub fn names_files(&self) -> bool {
        *self.names_files.get_or_init(|| self.attached().next().is_some())
    }
}

/// A text of the content that results show as written (a note): shared,
/// not copied, by every result that shows it.
pub type Text = std::sync::Arc<str>;

/// Texts of the content that results show as written (evidence), shared.
pub type Texts = std::sync::Arc<[String]>;

/// What one file says about one item of one city.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub assessed: Assessed,
    pub note: Option<Text>,
    pub evidence: Texts,
    /// Attachments (`files:`), paths under `attachments/`.
    pub files: Vec<Attached>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Assessed {
    /// Deductions by rule; empty means "assessed, nothing deducted".
    Findings(Vec<Finding>),
    /// A score given directly (award items).
    Score(Dec),
}

/// One deduction claimed under one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub input: Input,
    pub note: Option<Text>,
    pub evidence: Texts,
    /// Attachments (`files:`), paths under `attachments/`.
    pub files: Vec<Attached>,
}

/// What a finding gives, by the kind of its rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Fixed,
    Amount(Dec),
    Count(u64),
    Staffing { population: BTreeMap<String, u64>, staff: u64 },
}
