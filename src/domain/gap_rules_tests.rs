//! The gap rules' tests: one for each default rule and each of 004's.
use super::*;
use crate::domain::benefits::Benefit;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 23);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn receiving(kind: BenefitKind, until: Option<NaiveDate>) -> Benefit {
    Benefit {
        kind,
        since: Some(d(2025, 1, 1)),
        until,
        amount_fen: None,
        of_household: false,
    }
}

fn case(
    cats: &[Category],
    health: Option<Health>,
    grade: Option<u8>,
    benefits: &[(BenefitKind, Option<NaiveDate>)],
) -> Case {
    Case {
        health,
        disability_grade: grade,
        benefits: benefits.iter().map(|(k, u)| receiving(*k, *u)).collect(),
        ..Case::of(1, cats)
    }
}

fn missing_by(c: &Case, rules: &[GapRule]) -> Vec<BenefitKind> {
    gaps(std::slice::from_ref(c), rules, today(), Some(60000))
        .into_iter()
        .map(|g| g.missing)
        .collect()
}

fn missing(c: &Case) -> Vec<BenefitKind> {
    missing_by(c, &default_rules())
}

fn missing_004(c: &Case) -> Vec<BenefitKind> {
    missing_by(c, &rules_004())
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
    // One that ended is no longer received; one ending today still is.
    let ended = case(
        &[Category::Orphan],
        None,
        None,
        &[(BenefitKind::OrphanAllowance, Some(d(2026, 6, 30)))],
    );
    assert_eq!(missing(&ended), [BenefitKind::OrphanAllowance]);
    let today_last = case(
        &[Category::Orphan],
        None,
        None,
        &[(BenefitKind::OrphanAllowance, Some(today()))],
    );
    assert!(missing(&today_last).is_empty());
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
fn dibao_for_risk_levels_one_to_three_who_meet_its_conditions() {
    let mut c = case(&[Category::LeftBehind], None, None, &[]);
    c.risk = Some(RiskLevel::Three);
    assert!(missing_004(&c).is_empty(), "the conditions not recorded");
    c.conditions = vec![Condition::MeetsDibao];
    assert_eq!(missing_004(&c), [BenefitKind::Dibao]);
    c.risk = Some(RiskLevel::Nil);
    assert!(missing_004(&c).is_empty(), "no risk level");
}

#[test]
fn tekun_for_the_abused_of_levels_one_and_two_and_the_unsupported_of_sixteen() {
    let mut c = case(&[Category::OtherDifficulty], None, None, &[]);
    c.conditions = vec![Condition::Abused];
    c.risk = Some(RiskLevel::Three);
    assert!(missing_004(&c).is_empty(), "level 3 is not named");
    c.risk = Some(RiskLevel::Two);
    assert_eq!(missing_004(&c), [BenefitKind::Tekun]);

    let mut c = case(&[Category::OtherDifficulty], None, None, &[]);
    c.conditions = vec![Condition::NoSupport];
    c.birth_date = Some(d(2010, 11, 23)); // 16 today: 含16周岁
    assert_eq!(missing_004(&c), [BenefitKind::Tekun]);
    c.birth_date = Some(d(2009, 11, 23)); // 17
    assert!(missing_004(&c).is_empty());
    c.birth_date = None;
    assert!(missing_004(&c).is_empty(), "no age known: not proposed");
}

#[test]
fn the_childs_own_twenty_per_cent_of_the_standard_and_a_short_one_flagged() {
    let mut c = case(&[Category::DibaoOther], None, None, &[]);
    c.conditions = vec![Condition::MeetsDibao];
    let rules = vec![rules_004()[3].clone()];
    // The family's 低保 from a brother does not count as the child's own.
    c.benefits = vec![Benefit {
        of_household: true,
        ..receiving(BenefitKind::Dibao, None)
    }];
    let found = gaps(std::slice::from_ref(&c), &rules, today(), Some(60000));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].short, None);
    // Its own at 100 yuan where 20 % of 600 is 120: short.
    c.benefits.push(Benefit {
        amount_fen: Some(10000),
        ..receiving(BenefitKind::Dibao, None)
    });
    let found = gaps(std::slice::from_ref(&c), &rules, today(), Some(60000));
    assert_eq!(found[0].short, Some((12000, 10000)));
    c.benefits[1].amount_fen = Some(12000);
    assert!(gaps(std::slice::from_ref(&c), &rules, today(), Some(60000)).is_empty());
    // No standard set: its own record is enough.
    c.benefits[1].amount_fen = Some(1);
    assert!(gaps(std::slice::from_ref(&c), &rules, today(), None).is_empty());
    // A left-behind child is not a 困境儿童 for this rule.
    c.categories = vec![Category::LeftBehind];
    c.benefits.clear();
    assert!(gaps(std::slice::from_ref(&c), &rules, today(), Some(60000)).is_empty());
}

#[test]
fn medical_insurance_for_dibao_tekun_and_severely_disabled_children() {
    let c = case(
        &[Category::DibaoOther],
        None,
        None,
        &[(BenefitKind::Dibao, None)],
    );
    assert_eq!(missing_004(&c), [BenefitKind::MedicalInsurance]);
    let c = case(
        &[Category::LeftBehind],
        Some(Health::Disabled),
        Some(2),
        &[],
    );
    assert_eq!(missing_004(&c), [BenefitKind::MedicalInsurance]);
    // Both reasons: named once.
    let c = case(
        &[Category::OtherDifficulty],
        Some(Health::Disabled),
        Some(1),
        &[(BenefitKind::Tekun, None)],
    );
    assert_eq!(missing_004(&c), [BenefitKind::MedicalInsurance]);
    let c = case(
        &[Category::OtherDifficulty],
        None,
        None,
        &[
            (BenefitKind::Tekun, None),
            (BenefitKind::MedicalInsurance, None),
        ],
    );
    assert!(missing_004(&c).is_empty());
}

#[test]
fn urgent_rehabilitation_from_birth_to_fourteen_for_the_kinds_004_names() {
    let mut c = case(
        &[Category::OtherDifficulty],
        Some(Health::Disabled),
        Some(3),
        &[],
    );
    c.birth_date = Some(d(2012, 11, 23)); // 14 today
    c.disability_type = Some(DisabilityType::Autism);
    assert_eq!(missing_004(&c), [BenefitKind::Rehab]);
    c.disability_type = Some(DisabilityType::Physical);
    assert!(missing_004(&c).is_empty(), "肢体 is not named");
    c.disability_type = Some(DisabilityType::Hearing);
    c.birth_date = Some(d(2011, 11, 23)); // 15
    assert!(missing_004(&c).is_empty());
}

#[test]
fn the_tomorrow_plan_for_disabled_orphans_in_the_community_and_hiv() {
    let mut c = case(
        &[Category::Orphan],
        Some(Health::Disabled),
        Some(3),
        &[(BenefitKind::OrphanAllowance, None)],
    );
    assert_eq!(missing_004(&c), [BenefitKind::TomorrowPlan]);
    c.placement = Some(Placement::Institution);
    assert!(missing_004(&c).is_empty(), "in an institution");
    let mut c = case(&[Category::OtherDifficulty], None, None, &[]);
    c.conditions = vec![Condition::Hiv];
    assert_eq!(missing_004(&c), [BenefitKind::OrphanAllowance]);
}

#[test]
fn rules_are_data_a_township_writes_and_reads_back() {
    let all = Rules::preset("004").unwrap();
    assert_eq!(all.rule.len(), 14);
    let text = all.to_toml();
    assert!(text.contains("[[rule]]"), "{text}");
    assert_eq!(Rules::from_text(&text).unwrap(), all);
    let own = Rules::from_text(
        "[[rule]]\nname = \"孤儿\"\nmissing = \"orphan_allowance\"\ncategories = [\"orphan\"]\n",
    )
    .unwrap();
    assert_eq!(own.rule[0].categories, [Category::Orphan]);
    let err = Rules::from_text("[[rule]]\nname = \"x\"\nmissing = \"cake\"\n").unwrap_err();
    assert!(err.contains("cake"), "{err}");
    assert!(Rules::from_text("[[rule]]\nname = \"\"\nmissing = \"dibao\"\n").is_err());
    assert!(Rules::preset("nonsense").is_none());
}
