//! The report's text from the sample content: the ranking as the site
//! shows it, each city's lost points, the blanks, the late.

use super::losses::{Names, Row, rows};
use super::report::{body, ranking_row};
use crate::content::{Content, ReportHeads};
use crate::scoring::Results;

fn sample() -> (Content, Results) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = crate::content::load(&dir, "content", None).content.unwrap();
    let results = crate::scoring::score(&content);
    (content, results)
}

fn city<'a>(r: &'a Results, id: &str) -> &'a crate::scoring::CityResult {
    r.cities.iter().find(|c| c.id == id).unwrap()
}

#[test]
fn the_ranking_shows_the_sites_figures_and_a_dash_without_a_self_assessment() {
    let (c, r) = sample();
    assert_eq!(ranking_row(&c, city(&r, "qinglan")), ["1", "青岚市", "97.93", "13.71", "98.3", "+0.37", "否"]);
    assert_eq!(ranking_row(&c, city(&r, "luyu"))[6], "是");
    assert_eq!(ranking_row(&c, city(&r, "zhuxu")), ["16", "竹溆市", "77.5", "10.85", "—", "—", "未报"]);
}

#[test]
fn a_citys_lost_points_name_the_rule_the_unit_and_the_computation() {
    let (c, r) = sample();
    let names = Names::new(&c);
    let got = rows(&c, &names, city(&r, "qinglan"));
    let row = |item: &str, rule: &str, amount: &str, by: &str, note: &str| Row {
        item: item.into(),
        rule: rule.into(),
        amount: amount.into(),
        by: by.into(),
        note: note.into(),
    };
    assert_eq!(
        got,
        vec![
            row(
                "2.6",
                "流动人口协管员达不到规定比例的,每降低一个百分点扣0.1分",
                "0.7",
                "省公安厅",
                "应配协管员2100人，实有1950人，配备率92.86%，低于规定比例7个百分点"
            ),
            row(
                "3.4",
                "《##省流动人口服务管理办法》规定的流动人口享有的权益保障和公共服务没有完全落实的,每1项扣1分",
                "1",
                "省综治办实有人口专项组办公室",
                "持证流动人口申请公共租赁住房未落实"
            ),
            row(
                "6.1",
                "取各单位评分的平均数，得3.63分（满分4分）",
                "0.37",
                "省教育厅、省卫生计生委、省人力资源和社会保障厅",
                "省教育厅评3分；省卫生计生委评3分；省人力资源和社会保障厅评3分"
            ),
        ]
    );
    // The lost points add up to what the city lost.
    let lost = got.iter().fold(crate::decimal::Dec::ZERO, |a, r| a + crate::decimal::Dec::parse(&r.amount).unwrap());
    assert_eq!(lost.to_string(), "2.07");
}

#[test]
fn an_item_nobody_assessed_and_a_capped_item_say_so() {
    let (c, r) = sample();
    let names = Names::new(&c);
    let xiuhu = rows(&c, &names, city(&r, "xiuhu"));
    let capped: Vec<&Row> = xiuhu.iter().filter(|r| r.item == "3.3").collect();
    assert_eq!(capped.last().unwrap().rule, "以上扣分合计超过本项分值，按4分计");
    let zhuxu = rows(&c, &names, city(&r, "zhuxu"));
    assert!(zhuxu.iter().all(|r| !r.rule.is_empty() && !r.amount.is_empty()), "{zhuxu:#?}");
}

#[test]
fn parts_site_yaml_does_not_give_are_marked_blanks() {
    let (mut c, r) = sample();
    let given = body(&c, &r, "0000 0000 0000 0000", false);
    assert!(given.contains(">省综治办</w:t></w:r><w:r><w:t xml:space=\"preserve\">：<"), "the addressee");
    assert!(given.contains(">2014年2月24日<") && !given.contains("〔请填写"));
    c.site.report = ReportHeads::default();
    let blank = body(&c, &r, "0000 0000 0000 0000", false);
    for part in ["〔请填写主送机关〕", "〔请填写发文机关〕", "〔请填写成文日期〕"] {
        assert_eq!(blank.matches(part).count(), 1, "{part}");
    }
    assert_eq!(blank.matches("<w:rStyle w:val=\"Blank\"/>").count(), 3);
}

#[test]
fn the_report_tells_who_was_late_and_who_sent_nothing() {
    let (c, r) = sample();
    let text = body(&c, &r, "0000 0000 0000 0000", false);
    assert!(text.contains("沧澜市（2014年1月16日报送）、鹭屿市（2014年1月13日报送）、碧岑市（2014年1月21日报送）逾期报送。竹溆市未报送自查自评报告。"));
    assert!(text.contains("省民政厅（2014年2月14日报送）、省发展改革委（2014年2月12日报送）逾期报送。"));
    // Every city has its part, in roster order, numbered.
    assert!(text.contains(">（一）青岚市<") && text.contains(">（十七）榕屿市<"), "numbered in roster order");
}

#[test]
fn with_an_annex_the_report_points_to_it_and_the_annex_holds_every_city() {
    let (c, r) = sample();
    let text = body(&c, &r, "0000 0000 0000 0000", true);
    assert!(!text.contains("（一）青岚市") && text.contains("见附件") && text.contains(">附件：各市失分明细<"));
    let pieces: Vec<String> = super::losses::annex(&c, &r, "0000 0000 0000 0000").collect();
    // One piece for the head, one a city, one for the note.
    assert_eq!(pieces.len(), r.cities.len() + 2);
    assert!(pieces[1].contains(">（一）青岚市<") && pieces[r.cities.len()].contains(">（十七）榕屿市<"));
    assert!(pieces.last().is_some_and(|p| p.contains("数据指纹 0000 0000 0000 0000")));
    let annex = pieces.concat();
    assert!(annex.contains(">附件<") && annex.contains(">（一）青岚市<") && annex.contains(">（十七）榕屿市<"));
}

#[test]
fn the_columns_fill_the_width_of_the_text() {
    for widths in [super::report::RANKING.map(|c| c.width).to_vec(), super::losses::COLUMNS.map(|c| c.width).to_vec()] {
        assert_eq!(widths.iter().sum::<u32>(), super::styles::TEXT_WIDTH);
    }
}
