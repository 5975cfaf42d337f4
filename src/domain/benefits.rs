//! Benefits (应保尽保, 000 001 004): what a child or its family receives, and
//! the gap rules that name a benefit a child's case calls for and does not
//! have. The rules are data: a township edits them.

use chrono::NaiveDate;

use super::vocab::vocab;
use super::{Category, Health};

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

/// A benefit received from `since` through `until`, both included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benefit {
    pub kind: BenefitKind,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Benefit {
    pub fn on(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// What the gap rules need of a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub categories: Vec<Category>,
    pub health: Option<Health>,
    pub disability_grade: Option<u8>,
    /// Benefits of the child, and the family's (低保) from any child of the household.
    pub benefits: Vec<Benefit>,
}

/// A gap rule: a child matching `when` should receive `missing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRule {
    pub missing: BenefitKind,
    /// Any of these categories (empty: any child).
    pub categories: Vec<Category>,
    /// Disabled (健康状况 残疾), with a grade at most this (None: any grade).
    pub disabled_up_to_grade: Option<u8>,
    pub disabled: bool,
}

/// The default rules (`spec/domain.md`, "Benefits").
pub fn default_rules() -> Vec<GapRule> {
    use Category::*;
    let rule = |missing, categories: &[Category], disabled, grade| GapRule {
        missing,
        categories: categories.to_vec(),
        disabled,
        disabled_up_to_grade: grade,
    };
    vec![
        rule(BenefitKind::OrphanAllowance, &[Orphan], false, None),
        rule(
            BenefitKind::DeFactoAllowance,
            &[DeFactoUnsupported],
            false,
            None,
        ),
        rule(BenefitKind::Dibao, &[DibaoSevere, DibaoOther], false, None),
        rule(BenefitKind::DisabilityCare, &[], true, Some(2)),
        rule(
            BenefitKind::DisabilityLiving,
            &[DibaoSevere, DibaoOther],
            true,
            None,
        ),
    ]
}

/// A gap found: the child and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub child: i64,
    pub missing: BenefitKind,
}

/// Every gap on `today`, by child, then in the order of the rules.
pub fn gaps(cases: &[Case], rules: &[GapRule], today: NaiveDate) -> Vec<Gap> {
    let mut out = Vec::new();
    for c in cases {
        for r in rules {
            let category =
                r.categories.is_empty() || c.categories.iter().any(|k| r.categories.contains(k));
            let disabled = c.health == Some(Health::Disabled);
            let grade_ok = r
                .disabled_up_to_grade
                .is_none_or(|g| c.disability_grade.is_some_and(|d| d <= g));
            let applies = category && (!r.disabled || (disabled && grade_ok));
            let has = c
                .benefits
                .iter()
                .any(|b| b.kind == r.missing && b.on(today));
            if applies && !has {
                out.push(Gap {
                    child: c.id,
                    missing: r.missing,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn case(
        cats: &[Category],
        health: Option<Health>,
        grade: Option<u8>,
        benefits: &[(BenefitKind, Option<NaiveDate>)],
    ) -> Case {
        Case {
            id: 1,
            categories: cats.to_vec(),
            health,
            disability_grade: grade,
            benefits: benefits
                .iter()
                .map(|(k, until)| Benefit {
                    kind: *k,
                    since: Some(d(2025, 1, 1)),
                    until: *until,
                })
                .collect(),
        }
    }

    fn missing(c: &Case) -> Vec<BenefitKind> {
        gaps(std::slice::from_ref(c), &default_rules(), d(2026, 11, 23))
            .into_iter()
            .map(|g| g.missing)
            .collect()
    }

    #[test]
    fn an_orphan_without_the_orphan_allowance() {
        assert_eq!(
            missing(&case(&[Category::Orphan], None, None, &[])),
            [BenefitKind::OrphanAllowance]
        );
        assert!(
            missing(&case(
                &[Category::Orphan],
                None,
                None,
                &[(BenefitKind::OrphanAllowance, None)]
            ))
            .is_empty()
        );
        // One that ended is no longer received.
        assert_eq!(
            missing(&case(
                &[Category::Orphan],
                None,
                None,
                &[(BenefitKind::OrphanAllowance, Some(d(2026, 6, 30)))]
            )),
            [BenefitKind::OrphanAllowance]
        );
    }

    #[test]
    fn a_de_facto_unsupported_child_without_its_allowance() {
        assert_eq!(
            missing(&case(&[Category::DeFactoUnsupported], None, None, &[])),
            [BenefitKind::DeFactoAllowance]
        );
    }

    #[test]
    fn a_dibao_child_without_dibao_and_disabled_ones_without_the_two_allowances() {
        assert_eq!(
            missing(&case(&[Category::DibaoOther], None, None, &[])),
            [BenefitKind::Dibao]
        );
        assert_eq!(
            missing(&case(
                &[Category::DibaoSevere],
                Some(Health::Disabled),
                Some(1),
                &[(BenefitKind::Dibao, None)]
            )),
            [BenefitKind::DisabilityCare, BenefitKind::DisabilityLiving]
        );
        // Grade 3: no care allowance is owed; the living allowance still is.
        assert_eq!(
            missing(&case(
                &[Category::DibaoSevere],
                Some(Health::Disabled),
                Some(3),
                &[(BenefitKind::Dibao, None)]
            )),
            [BenefitKind::DisabilityLiving]
        );
        // A disabled child of grade 2 outside 低保: the care allowance only.
        assert_eq!(
            missing(&case(
                &[Category::LeftBehind],
                Some(Health::Disabled),
                Some(2),
                &[]
            )),
            [BenefitKind::DisabilityCare]
        );
        assert!(
            missing(&case(
                &[Category::LeftBehind],
                Some(Health::Healthy),
                None,
                &[]
            ))
            .is_empty()
        );
    }

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
    }
}
