//! The data validation of every input cell of a form: what may be typed,
//! a Chinese input message shown when the cell is selected, and an error
//! alert that refuses anything else.

use super::layout::{self as l, Ask, Choice, Kind, Slot, population_name};
use crate::standard::{Deduct, Scoring};
use rust_xlsxwriter::{DataValidation, DataValidationRule as V, Formula, XlsxError};

/// Input titles are at most 32 characters, messages 255 (Excel's limits).
fn clip(text: String, n: usize) -> String {
    text.chars().take(n).collect()
}

fn with_messages(dv: DataValidation, title: &str, input: String, error: String) -> Result<DataValidation, XlsxError> {
    dv.set_input_title(clip(title.to_string(), 32))?
        .set_input_message(clip(input, 255))?
        .set_error_title("填写有误")?
        .set_error_message(clip(error, 255))
}

fn yes_no(title: &str, input: String) -> Result<DataValidation, XlsxError> {
    list(title, &["是", "否"], input)
}

fn list(title: &str, words: &[&str], input: String) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_list_strings(words)?;
    let shown: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
    with_messages(dv, title, input, format!("请从下拉列表中选择{}。", shown.join("、")))
}

/// A number between `min` and `max`, 0, or the word `or` (否, 未检查 …),
/// checked by a formula on the cell itself (`cell`, e.g. E12).
fn number_or(
    title: &str,
    cell: &str,
    min: f64,
    max: f64,
    or: &str,
    input: String,
) -> Result<DataValidation, XlsxError> {
    let rule = format!("=OR({cell}=\"{or}\",{cell}=0,AND(ISNUMBER({cell}),{cell}>={min},{cell}<={max}))");
    let dv = DataValidation::new().allow_custom(Formula::new(rule));
    with_messages(dv, title, input, format!("请填写{min}至{max}之间的数（最多两位小数），没有此情形填0或“{or}”。"))
}

fn whole(title: &str, min: i32, input: String) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_whole_number(V::Between(min, i32::MAX));
    with_messages(dv, title, input, format!("请填写不小于{min}的整数，不要写单位或文字。"))
}

/// The validation of a row's 填写 cell, at `cell` (E12). Every decision
/// starts blank; a blank is an answer nobody gave, and import refuses it.
pub fn value(slot: &Slot, kind: Kind, cell: &str) -> Result<DataValidation, XlsxError> {
    let item = slot.item;
    let (who, not) = match kind {
        Kind::City => ("自评", Choice::NotAssessed.words(kind)),
        Kind::Unit => ("检查", Choice::NotAssessed.words(kind)),
    };
    Ok(match slot.ask {
        Ask::City => list(
            "是否检查本市",
            &[l::CITY_INSPECTED, l::CITY_NOT_INSPECTED],
            format!(
                "必须选择：“{}”（下面逐项填写）或“{}”（本市各项都不填，以本市自评为准）。",
                l::CITY_INSPECTED,
                l::CITY_NOT_INSPECTED
            ),
        )?,
        Ask::Entry => match item.scoring {
            Scoring::Award => {
                let max = super::cells::number(item.max);
                let rule = format!("=OR({cell}=\"{not}\",AND(ISNUMBER({cell}),{cell}>=0,{cell}<={max}))");
                let dv = DataValidation::new().allow_custom(Formula::new(rule));
                with_messages(
                    dv,
                    "得分",
                    format!("本项直接评分：填0至{max}分（最多两位小数）；未{who}填“{not}”。必须填写。"),
                    format!("请填0至{max}之间的数，或“{not}”。"),
                )?
            }
            Scoring::Rules(_) => {
                let words: Vec<&str> = Choice::ALL.iter().map(|c| c.words(kind)).collect();
                list(
                    &format!("本项{who}结果"),
                    &words,
                    format!(
                        "必须选择：“{}”（下面各行不填）；“{}”（在下面每一行填写：是/否、扣分或0）；“{}”（下面各行不填）。",
                        words[0], words[1], words[2]
                    ),
                )?
            }
        },
        Ask::Rule(rule) => match &rule.deduct {
            Deduct::Fixed(d) => {
                yes_no("是否有此情形", format!("本项选“有扣分”时必填：有此情形填“是”（扣{d}分），没有填“否”。"))?
            }
            Deduct::Range { min, max } => number_or(
                "扣分",
                cell,
                super::cells::number(*min),
                super::cells::number(*max),
                "否",
                format!(
                    "本项选“有扣分”时必填：有此情形填扣分（{min}至{max}分，最多两位小数，并在“说明”写理由）；没有填0或“否”。"
                ),
            )?,
            Deduct::PerCount { per } => {
                whole("项数", 0, format!("本项选“有扣分”时必填：未落实的项数（每1项扣{per}分）；没有填0。"))?
            }
            Deduct::Staffing { .. } => yes_no(
                "是否计算协管员配备",
                "本项选“有扣分”时必填：“是”则在下面几行填人口数和协管员人数；“否”则下面几行不填。".into(),
            )?,
        },
        Ask::Population(_, key) => whole("人口数", 0, format!("填{}流动人口数（人），整数。", population_name(key)))?,
        Ask::Staff(_) => whole("协管员人数", 0, "填专职协管员人数（人），整数。".into())?,
    })
}

/// The validation of the 说明, 佐证材料 and 附件 columns.
pub fn note() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(2000));
    with_messages(dv, "说明", "说明扣分或评分的理由。".into(), "说明最多2000字。".into())
}

pub fn evidence() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(4000));
    with_messages(
        dv,
        "佐证材料",
        "写佐证材料（文件号、简报期数等），每件一行（Alt+Enter 换行）。".into(),
        "佐证材料最多4000字。".into(),
    )
}

/// `city`: a city id of the content's roster, for the example path.
pub fn files(city: &str) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(4000));
    with_messages(
        dv,
        "附件",
        format!(
            "附件文件名，每行一个，写 attachments/ 下的路径，如 {city}/文件.pdf（Alt+Enter 换行）。文件本身放进内容文件夹的 attachments 文件夹。"
        ),
        "附件最多4000字。".into(),
    )
}

pub fn date(example: &str) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(20));
    with_messages(dv, "报送日期", format!("填实际报送的日期，如 {example}。"), format!("请填日期，如 {example}。"))
}

pub fn report() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(32000));
    with_messages(dv, "报告", "报告正文，可分段（Alt+Enter 换行）。".into(), "报告最多32000字。".into())
}
