//! The data validation of every input cell of a form: what may be typed,
//! a Chinese input message shown when the cell is selected, and an error
//! alert that refuses anything else.

use super::layout::{Ask, Kind, Slot, population_name};
use crate::standard::{Deduct, Scoring};
use rust_xlsxwriter::{DataValidation, DataValidationRule as V, XlsxError};

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
    let dv = DataValidation::new().allow_list_strings(&["是", "否"])?;
    with_messages(dv, title, input, "请从下拉列表中选择“是”或“否”。".into())
}

fn whole(title: &str, min: i32, input: String) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_whole_number(V::Between(min, i32::MAX));
    with_messages(dv, title, input, format!("请填写不小于{min}的整数，不要写单位或文字。"))
}

fn decimal(title: &str, min: f64, max: f64, input: String) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_decimal_number(V::Between(min, max));
    with_messages(dv, title, input, format!("请填写{min}至{max}之间的数，最多两位小数。"))
}

/// The validation of a row's 填写 cell; `None` for the heading row of a
/// staffing rule, which takes no value.
pub fn value(slot: &Slot, kind: Kind) -> Result<Option<DataValidation>, XlsxError> {
    let item = slot.item;
    let dv = match slot.ask {
        Ask::Entry => match item.scoring {
            Scoring::Award => {
                let max = super::cells::number(item.max);
                decimal("得分", 0.0, max, format!("本项直接评分：填0至{max}分，最多两位小数。留空表示未评。"))?
            }
            Scoring::Rules(_) => {
                let (title, who) = match kind {
                    Kind::City => ("是否自评", "自评"),
                    Kind::Unit => ("是否检查", "检查"),
                };
                yes_no(title, format!("“是”：本项已{who}，扣分在下面各行填写；“否”：本项未{who}，下面各行不要填。"))?
            }
        },
        Ask::Rule(rule) => match &rule.deduct {
            Deduct::Fixed(d) => yes_no("是否扣分", format!("有此情形填“是”（扣{d}分），没有填“否”。"))?,
            Deduct::Range { min, max } => decimal(
                "扣分",
                super::cells::number(*min),
                super::cells::number(*max),
                format!("有此情形时填扣分，{min}至{max}分，最多两位小数，并在“说明”写理由；没有则留空。"),
            )?,
            Deduct::PerCount { per } => {
                whole("项数", 0, format!("填未落实的项数（每1项扣{per}分）；没有则留空或填0。"))?
            }
            Deduct::Staffing { .. } => return Ok(None),
        },
        Ask::Population(_, key) => whole("人口数", 0, format!("填{}流动人口数（人），整数。", population_name(key)))?,
        Ask::Staff(_) => whole("协管员人数", 0, "填专职协管员人数（人），整数。".into())?,
    };
    Ok(Some(dv))
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

pub fn files() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(4000));
    with_messages(
        dv,
        "附件",
        "附件文件名，每行一个，写 attachments/ 下的路径，如 bicen/文件.pdf（Alt+Enter 换行）。文件本身放进内容文件夹的 attachments 文件夹。".into(),
        "附件最多4000字。".into(),
    )
}

pub fn date() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(20));
    with_messages(dv, "报送日期", "填实际报送的日期，如 2014-01-08。".into(), "请填日期，如 2014-01-08。".into())
}

pub fn report() -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_text_length(V::LessThanOrEqualTo(32000));
    with_messages(dv, "报告", "报告正文，可分段（Alt+Enter 换行）。".into(), "报告最多32000字。".into())
}
