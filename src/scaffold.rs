//! What `kaoping init` puts in a new content folder: a `site.yaml` to
//! complete, the 2013 standard and its method (both embedded in the
//! binary), empty `cities/` and `units/`, and optionally the default theme.
//! Pure: it returns the files; `output` writes them.

use crate::content::theme::{TEMPLATES, Theme};
use crate::output::OutFile;

const STANDARD_YAML: &str = include_str!("../content/standard.yaml");
const STANDARD_MD: &str = include_str!("../content/standard.md");

/// The files of a new content folder for assessment year `year`.
pub fn files(year: u16, with_theme: bool) -> Vec<OutFile> {
    let mut out = vec![
        file("site.yaml", site_yaml(year, with_theme)),
        file("standard.yaml", STANDARD_YAML.to_string()),
        file("standard.md", STANDARD_MD.to_string()),
        file("cities/.readme.txt", FOLDER_NOTE_CITIES.to_string()),
        file("units/.readme.txt", FOLDER_NOTE_UNITS.to_string()),
    ];
    if with_theme {
        let theme = Theme::builtin();
        for ((name, _, text), expected) in theme.templates.iter().zip(TEMPLATES) {
            debug_assert_eq!(name, expected);
            out.push(file(&format!("theme/templates/{name}"), text.clone()));
        }
        out.push(file("theme/static/style.css", theme.css));
    }
    out
}

fn file(path: &str, text: String) -> OutFile {
    OutFile { path: path.to_string(), bytes: text.into_bytes() }
}

const FOLDER_NOTE_CITIES: &str =
    "各市的自查自评表放在这里，文件名为城市编号，如 jinan.yaml。\r\n用 kaoping forms 生成空白表发给各市。\r\n";
const FOLDER_NOTE_UNITS: &str =
    "各成员单位的实地检查表放在这里，文件名为单位编号，如 police.yaml。\r\n用 kaoping forms 生成空白表发给各单位。\r\n";

fn site_yaml(year: u16, with_theme: bool) -> String {
    let next = year + 1;
    let theme = if with_theme {
        "theme: theme                 # 主题文件夹（相对本文件），可修改其中的模板和样式\n"
    } else {
        "# theme: theme               # 可选：主题文件夹（kaoping init --theme 会复制一份默认主题）\n"
    };
    format!(
        "# kaoping 考评设置。请逐项核对、修改后保存（UTF-8 编码）。\n\
title: {year}年度实有人口专项组考评结果\n\
year: {year}\n\
weight: 14                   # 本组在综治考核中的分值\n\
{theme}\
marking: 内部资料            # 每页和打印件上的标记；不需要时删去此行\n\
deadlines:\n\
\x20 self_assessment: {next}-01-10   # 自查自评报送截止日期\n\
\x20 inspection: {next}-02-10        # 实地检查报告报送截止日期\n\
# 书面报告 report.docx 的主送机关、落款（发文机关）和成文日期；未写的在报告中留出空白。\n\
report:\n\
\x20 to: 省综治办\n\
\x20 from: 省综治办实有人口专项组办公室\n\
\x20 # date: {next}-02-20           # 成文日期：报告定稿时填写\n\
# 参加考评的城市（按官方顺序）。编号用小写字母、数字和 -，也是文件名。\n\
cities:\n\
\x20 - {{ id: example-a, name: 示例甲市 }}   # 改为实际城市，如 {{ id: jinan, name: 济南市 }}\n\
\x20 - {{ id: example-b, name: 示例乙市 }}\n\
# 专项组成员单位（含办公室）。评分标准中各项目的考评单位须在此列出。\n\
units:\n\
\x20 - {{ id: office, name: 省综治办实有人口专项组办公室 }}\n\
\x20 - {{ id: police, name: 省公安厅 }}\n\
\x20 - {{ id: finance, name: 省财政厅 }}\n\
\x20 - {{ id: education, name: 省教育厅 }}\n\
\x20 - {{ id: civil, name: 省民政厅 }}\n\
\x20 - {{ id: health, name: 省卫生计生委 }}\n\
\x20 - {{ id: hrss, name: 省人力资源和社会保障厅 }}\n\
\x20 - {{ id: reform, name: 省发展改革委 }}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Sources, parse};

    #[test]
    fn a_new_folder_checks_clean() {
        let files = files(2024, false);
        let text = |p: &str| files.iter().find(|f| f.path == p).map(|f| String::from_utf8(f.bytes.clone()).unwrap());
        let sources = Sources {
            shown: "content".into(),
            site: text("site.yaml"),
            standard: text("standard.yaml"),
            standard_md: text("standard.md"),
            cities: vec![],
            units: vec![],
        };
        let loaded = parse(&sources);
        let errors: Vec<String> = loaded.diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let site = loaded.content.unwrap().site;
        assert_eq!((site.year, site.deadlines.self_assessment.to_string()), (2024, "2025-01-10".to_string()));
        // The report's date is the office's to give: until then, a warning.
        assert_eq!(site.report.to.as_deref(), Some("省综治办"));
        let warning = loaded.diags.iter().find(|d| d.to_string().contains("report.docx")).unwrap();
        assert_eq!(
            warning.to_string(),
            "warning: content/site.yaml:12:3: report.docx marks the date (成文日期) blank, to fill in by hand: site.yaml gives no date under report:"
        );
    }

    #[test]
    fn the_theme_is_copied_on_request() {
        assert_eq!(files(2024, false).len(), 5);
        let with = files(2024, true);
        assert!(with.iter().any(|f| f.path == "theme/templates/city.html"));
        assert!(with.iter().any(|f| f.path == "theme/static/style.css"));
        let site = String::from_utf8(with[0].bytes.clone()).unwrap();
        assert!(site.contains("\ntheme: theme "));
    }
}
