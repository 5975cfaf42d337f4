//! Benefits (应保尽保, 000 001 004): what a child or its family receives, and
//! the gap rules that name a benefit a child's case calls for and does not
//! have. The rules are data: a township edits them.

use chrono::NaiveDate;

use super::vocab::vocab;
use super::{Category, DisabilityType, Health, Placement, RiskLevel};

vocab! {
    /// The benefits of the seeds.
    BenefitKind {
        OrphanAllowance = "orphan_allowance", "孤儿基本生活费", "orphan allowance", ["孤儿津贴", "孤儿生活费"];
        DeFactoAllowance = "de_facto_allowance", "事实无人抚养儿童基本生活补贴", "de-facto unsupported allowance", ["事实无人抚养儿童补贴", "事实无人抚养补贴"];
        Dibao = "dibao", "低保", "subsistence (dibao)", ["最低生活保障", "城乡低保"];
        Tekun = "tekun", "特困供养", "extreme-poverty support", ["特困", "特困人员供养"];
        TempRelief = "temp_relief", "临时救助", "temporary relief", [];
        DisabilityLiving = "disability_living", "困难残疾人生活补贴", "living allowance for disabled people in hardship", ["残疾人生活补贴", "残疾人生活补助"];
        DisabilityCare = "disability_care", "重度残疾人护理补贴", "care allowance for the severely disabled", ["残疾人护理补贴", "残疾人护理补助"];
        MedicalRelief = "medical_relief", "医疗救助", "medical relief", [];
        MedicalInsurance = "medical_insurance", "医保个人缴费补贴", "medical insurance subsidy", ["医保缴费资助", "参保资助"];
        SchoolAid = "school_aid", "教育资助", "school aid", ["两免一补", "寄宿生生活补助"];
        Rehab = "rehab", "康复救助", "rehabilitation aid", ["残疾儿童康复救助"];
        TomorrowPlan = "tomorrow_plan", "明天计划", "Tomorrow Plan", ["残疾孤儿手术康复明天计划"];
    }
}

impl BenefitKind {
    /// The body that grants it (for the referral a gap raises).
    pub fn body(self) -> &'static str {
        match self {
            BenefitKind::DisabilityLiving | BenefitKind::DisabilityCare | BenefitKind::Rehab => {
                "残联"
            }
            BenefitKind::MedicalInsurance => "医保",
            BenefitKind::SchoolAid => "教育",
            _ => "民政",
        }
    }

    /// 低保 is the family's: one recorded for any child of the household
    /// counts for all its children.
    pub fn of_family(self) -> bool {
        self == BenefitKind::Dibao
    }
}

vocab! {
    /// What the 004 benefit rules ask beyond the category, recorded on the
    /// case file by the officer who knows the family.
    Condition {
        MeetsDibao = "meets_dibao", "符合低保条件", "meets the dibao conditions", ["符合最低生活保障条件"];
        Abused = "abused", "因监护缺失或不当遭受虐待遗弃", "abused or abandoned through missing guardianship", ["遭受虐待遗弃", "虐待遗弃"];
        NoSupport = "no_support", "无劳动能力无生活来源无人抚养", "no ability to work, no income, no able supporter", ["无劳动能力无生活来源", "无人抚养"];
        Hiv = "hiv", "感染艾滋病病毒", "living with HIV", ["艾滋病", "HIV"];
    }
}

/// A benefit received from `since` through `until`, both included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    pub kind: BenefitKind,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Per month, in fen, where known.
    pub amount_fen: Option<i64>,
    /// Recorded for another child of the household (低保 only).
    pub of_household: bool,
}

impl Benefit {
    pub fn on(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// An amount as clerks write it (`320`, `320.5`, `320元`) in fen.
pub fn fen(text: &str) -> Option<i64> {
    let t = text
        .trim()
        .trim_end_matches("元/月")
        .trim_end_matches('元')
        .trim();
    let v: f64 = t.parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| (v * 100.0).round() as i64)
}

/// An amount in fen as yuan (`320`, `64.5`).
pub fn yuan(fen: i64) -> String {
    if fen % 100 == 0 {
        format!("{}", fen / 100)
    } else {
        format!("{:.2}", fen as f64 / 100.0)
            .trim_end_matches('0')
            .to_string()
    }
}

/// What the gap rules need of a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub categories: Vec<Category>,
    pub birth_date: Option<NaiveDate>,
    pub risk: Option<RiskLevel>,
    pub placement: Option<Placement>,
    pub health: Option<Health>,
    pub disability_type: Option<DisabilityType>,
    pub disability_grade: Option<u8>,
    pub conditions: Vec<Condition>,
    /// Benefits of the child, and the family's (低保) from any child of the household.
    pub benefits: Vec<Benefit>,
}

impl Case {
    /// A case of these categories and nothing else known (tests, the demo).
    pub fn of(id: i64, categories: &[Category]) -> Case {
        Case {
            id,
            categories: categories.to_vec(),
            birth_date: None,
            risk: None,
            placement: None,
            health: None,
            disability_type: None,
            disability_grade: None,
            conditions: Vec::new(),
            benefits: Vec::new(),
        }
    }
}

pub use super::gap_rules::{Gap, GapRule, Rules, default_rules, gaps};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benefits_read_as_clerks_write_them() {
        assert_eq!(BenefitKind::parse("低保"), Some(BenefitKind::Dibao));
        assert_eq!(
            BenefitKind::parse("孤儿基本生活费"),
            Some(BenefitKind::OrphanAllowance)
        );
        assert_eq!(
            BenefitKind::parse("残疾人护理补贴"),
            Some(BenefitKind::DisabilityCare)
        );
        assert_eq!(
            BenefitKind::parse("tomorrow_plan"),
            Some(BenefitKind::TomorrowPlan)
        );
        assert_eq!(BenefitKind::DisabilityCare.body(), "残联");
        assert_eq!(
            Condition::parse("符合低保条件"),
            Some(Condition::MeetsDibao)
        );
    }

    #[test]
    fn amounts_as_clerks_write_them() {
        assert_eq!(fen("320"), Some(32000));
        assert_eq!(fen("64.5元"), Some(6450));
        assert_eq!(fen(" 128 元/月"), Some(12800));
        assert_eq!(fen("约三百"), None);
        assert_eq!(fen("-5"), None);
        assert_eq!(yuan(6450), "64.5");
        assert_eq!(yuan(12800), "128");
        assert_eq!(yuan(6405), "64.05");
    }
}
