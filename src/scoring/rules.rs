//! The amount one finding deducts under its rule (§6 of the contract).

use crate::content::Input;
use crate::decimal::Dec;
use crate::standard::Deduct;
use std::collections::BTreeMap;

/// How a staffing shortfall was computed, to show on the city's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffingCalc {
    /// Required staff, Σ population[k] / ratio[k], to two decimals (half up).
    pub required: Dec,
    pub staff: u64,
    /// staff / required × 100, to two decimals (half up), for display
    /// only: the shortfall is counted from the exact rate.
    pub rate: Dec,
    /// Staff reach the required number (the exact rate is 100 % or more).
    pub reached: bool,
    /// Whole percentage points below 100 %.
    pub shortfall_points: u64,
}

impl StaffingCalc {
    /// How the page words it: 应配协管员2100人，实有1800人，配备率85.71%，
    /// 低于规定比例14个百分点.
    pub fn detail(&self) -> String {
        let (required, staff) = (self.required, self.staff);
        if self.reached {
            format!("应配协管员{required}人，实有{staff}人，达到规定比例")
        } else if self.shortfall_points == 0 {
            format!("应配协管员{required}人，实有{staff}人，配备率{}%，低于规定比例不足一个百分点，不扣分", self.rate)
        } else {
            format!(
                "应配协管员{required}人，实有{staff}人，配备率{}%，低于规定比例{}个百分点",
                self.rate, self.shortfall_points
            )
        }
    }
}

/// The amount a finding deducts, and for staffing rules the computation.
/// The finding has been checked against the rule, so the input matches the
/// rule's kind; a mismatch (impossible after checking) deducts nothing.
pub fn amount(deduct: &Deduct, input: &Input) -> (Dec, Option<StaffingCalc>) {
    match (deduct, input) {
        (Deduct::Fixed(d), Input::Fixed) => (*d, None),
        (Deduct::Range { .. }, Input::Amount(a)) => (*a, None),
        (Deduct::PerCount { per }, Input::Count(n)) => (per.times(i64::try_from(*n).unwrap_or(i64::MAX)), None),
        (Deduct::Staffing { per_point, ratio }, Input::Staffing { population, staff }) => {
            let calc = staffing(ratio, population, *staff);
            let points = i64::try_from(calc.shortfall_points).unwrap_or(i64::MAX);
            (per_point.times(points), Some(calc))
        }
        _ => (Dec::ZERO, None),
    }
}

/// required = Σ population[k] / ratio[k]; rate = staff / required × 100;
/// shortfall = floor(100 − rate) when rate < 100, else 0. Exact: the
/// required number is kept as a fraction num/den of integers.
pub fn staffing(ratio: &BTreeMap<String, u64>, population: &BTreeMap<String, u64>, staff: u64) -> StaffingCalc {
    exact_staffing(ratio, population, staff).unwrap_or(StaffingCalc {
        required: Dec::ZERO,
        staff,
        rate: Dec::ZERO,
        reached: true,
        shortfall_points: 0,
    })
}

/// The computation in 128-bit integers; `None` only on overflow, which the
/// content bounds (ratios up to 100,000, at most 4 kinds, counts up to
/// 10^12) rule out.
fn exact_staffing(
    ratio: &BTreeMap<String, u64>,
    population: &BTreeMap<String, u64>,
    staff: u64,
) -> Option<StaffingCalc> {
    // required = num / den, with den = the product of the ratios.
    let mut num: i128 = 0;
    let mut den: i128 = 1;
    for (kind, r) in ratio {
        let r = i128::from(*r);
        let p = i128::from(population.get(kind).copied().unwrap_or(0));
        num = num.checked_mul(r)?.checked_add(p.checked_mul(den)?)?;
        den = den.checked_mul(r)?;
    }
    let staff_i = i128::from(staff);
    let required = Dec::from_hundredths(clamp(num.checked_mul(200)?.checked_add(den)? / den.checked_mul(2)?));
    if num == 0 {
        return Some(StaffingCalc { required, staff, rate: Dec::ZERO, reached: true, shortfall_points: 0 });
    }
    // rate = 100 · staff · den / num, in hundredths, half up
    let have = staff_i.checked_mul(den)?;
    let rate = Dec::from_hundredths(clamp((have.checked_mul(20_000)?.checked_add(num)?) / num.checked_mul(2)?));
    // 100 − rate > 0  ⇔  staff · den < num; floor((100·num − 100·staff·den) / num)
    let shortfall_points = if have < num {
        u64::try_from((num.checked_mul(100)? - have.checked_mul(100)?) / num).unwrap_or(100)
    } else {
        0
    };
    Some(StaffingCalc { required, staff, rate, reached: have >= num, shortfall_points })
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio() -> BTreeMap<String, u64> {
        BTreeMap::from([("urban".to_string(), 800), ("rural".to_string(), 500)])
    }

    fn pop(urban: u64, rural: u64) -> BTreeMap<String, u64> {
        BTreeMap::from([("urban".to_string(), urban), ("rural".to_string(), rural)])
    }

    fn staffing_amount(urban: u64, rural: u64, staff: u64) -> (Dec, StaffingCalc) {
        let d = Deduct::Staffing { per_point: Dec::parse("0.1").unwrap(), ratio: ratio() };
        let (a, calc) = amount(&d, &Input::Staffing { population: pop(urban, rural), staff });
        (a, calc.unwrap())
    }

    #[test]
    fn contract_example() {
        // 1,200,000/800 + 300,000/500 = 2,100 required; 1,800 → 85.71 % → 14 points → 1.4.
        let (a, calc) = staffing_amount(1_200_000, 300_000, 1_800);
        assert_eq!(a.to_string(), "1.4");
        assert_eq!(calc.required.to_string(), "2100");
        assert_eq!(calc.rate.to_string(), "85.71");
        assert_eq!(calc.shortfall_points, 14);
    }

    #[test]
    fn exactly_86_percent_is_14_points() {
        // 800,000/800 + 500,000/500 = 2,000; 1,720 is exactly 86 %.
        let (a, calc) = staffing_amount(800_000, 500_000, 1_720);
        assert_eq!((a.to_string(), calc.shortfall_points), ("1.4".to_string(), 14));
    }

    #[test]
    fn a_rate_that_does_not_divide_evenly() {
        // required = 1,000,001/800 + 0 = 1250.00125; 1,000 staff → 79.99992 % → 20.00008 → 20 points.
        let (a, calc) = staffing_amount(1_000_001, 0, 1_000);
        assert_eq!(calc.shortfall_points, 20);
        assert_eq!(a.to_string(), "2");
        assert_eq!(calc.required.to_string(), "1250");
        // 1/3 of required: 700 required (560,000/800), 233 staff → 33.28…% → 66 points.
        let (a, _) = staffing_amount(560_000, 0, 233);
        assert_eq!(a.to_string(), "6.6");
    }

    #[test]
    fn the_shown_rate_is_rounded_half_up_and_the_shortfall_counted_from_the_exact_rate() {
        // 720,000/800 = 900 required, 700 staff: 77.777…% is shown as 77.78.
        let (a, calc) = staffing_amount(720_000, 0, 700);
        assert_eq!((calc.rate.to_string(), calc.shortfall_points, a.to_string()), ("77.78".into(), 22, "2.2".into()));
        // 80,000,000/800 = 100,000 required, 85,004 staff: 85.004 % is shown
        // as 85.00, but 14.996 points short is 14 whole points, not 15.
        let (a, calc) = staffing_amount(80_000_000, 0, 85_004);
        assert_eq!((calc.rate.to_string(), calc.shortfall_points, a.to_string()), ("85".into(), 14, "1.4".into()));
        // 99.996 % is shown as 100 but is not reached.
        let calc = staffing_amount(80_000_000, 0, 99_996).1;
        assert_eq!((calc.rate.to_string(), calc.reached, calc.shortfall_points), ("100".into(), false, 0));
    }

    #[test]
    fn full_or_over_staffing_deducts_nothing() {
        assert_eq!(staffing_amount(800_000, 500_000, 2_000).0, Dec::ZERO);
        assert_eq!(staffing_amount(800_000, 500_000, 5_000).0, Dec::ZERO);
        // 99.95 % is less than one whole point short.
        assert_eq!(staffing_amount(800_000, 500_000, 1_999).0, Dec::ZERO);
        // No staff at all: 100 points short.
        assert_eq!(staffing_amount(800_000, 500_000, 0).1.shortfall_points, 100);
    }

    #[test]
    fn largest_allowed_inputs_do_not_overflow() {
        let ratio: BTreeMap<String, u64> = ["a", "b", "c", "d"].iter().map(|k| (k.to_string(), 100_000 - 1)).collect();
        let population: BTreeMap<String, u64> = ratio.keys().map(|k| (k.clone(), 1_000_000_000_000)).collect();
        let calc = staffing(&ratio, &population, 1_000_000_000_000);
        assert_eq!(calc.shortfall_points, 0);
        let calc = staffing(&ratio, &population, 1);
        assert_eq!(calc.shortfall_points, 99);
    }

    #[test]
    fn other_kinds() {
        let d = |s: &str| Dec::parse(s).unwrap();
        assert_eq!(amount(&Deduct::Fixed(d("5")), &Input::Fixed).0, d("5"));
        let range = Deduct::Range { min: d("1"), max: d("3") };
        assert_eq!(amount(&range, &Input::Amount(d("2.5"))).0, d("2.5"));
        assert_eq!(amount(&Deduct::PerCount { per: d("1") }, &Input::Count(3)).0, d("3"));
        assert_eq!(amount(&Deduct::PerCount { per: d("0.5") }, &Input::Count(3)).0, d("1.5"));
    }
}
