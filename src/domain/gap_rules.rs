//! The gap rules of 应保尽保 as data: a child matching a rule's conditions
//! should receive its benefit. The default rules follow `spec/domain.md`; the
//! preset `004` adds the rules of seed 004 with their conditions as it writes
//! them. A township edits them as a TOML file (`shouhu gaps rules`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::benefits::{BenefitKind, Case, Condition};
use super::child::age_between;
use super::{Category, DisabilityType, Health, Placement, RiskLevel};

/// A gap rule: a child matching every condition given should receive
/// `missing`. An empty list or an absent value asks nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapRule {
    /// The rule in the seed's words, shown with every gap it finds.
    pub name: String,
    pub missing: BenefitKind,
    /// Any of these categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Any of these risk levels (004's 一二三级).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk: Vec<RiskLevel>,
    /// Disabled (健康状况 残疾).
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    /// With a disability grade at most this (1 and 2: 重度).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_grade: Option<u8>,
    /// Any of these kinds of disability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disability_types: Vec<DisabilityType>,
    /// Aged at most this many years (16: 「16周岁以下（含16周岁）」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    /// Every one of these conditions recorded on the case file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Receiving any of these benefits today.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receiving: Vec<BenefitKind>,
    /// Brought up in the community, not in an institution (散居).
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_community: bool,
    /// The child's own benefit of this share (per cent) of the local 低保
    /// standard a month: the family's does not count, and a smaller amount
    /// is a gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_dibao_standard: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The rules in effect, as a township's file writes them (`[[rule]]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub rule: Vec<GapRule>,
}

impl Rules {
    /// A shipped set by name: `default`, or `004` (the default and 004's).
    pub fn preset(name: &str) -> Option<Rules> {
        match name.trim() {
            "default" => Some(Rules {
                rule: default_rules(),
            }),
            "004" => Some(Rules {
                rule: default_rules().into_iter().chain(rules_004()).collect(),
            }),
            _ => None,
        }
    }

    /// Reads rules written as TOML (or JSON, as stored in settings).
    pub fn from_text(text: &str) -> Result<Rules, String> {
        let rules: Rules = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| e.to_string())?
        } else {
            toml::from_str(text).map_err(|e| e.to_string())?
        };
        if rules.rule.iter().any(|r| r.name.trim().is_empty()) {
            return Err("every rule needs a name".into());
        }
        Ok(rules)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

fn rule(name: &str, missing: BenefitKind) -> GapRule {
    GapRule {
        name: name.into(),
        missing,
        categories: Vec::new(),
        risk: Vec::new(),
        disabled: false,
        max_grade: None,
        disability_types: Vec::new(),
        max_age: None,
        conditions: Vec::new(),
        receiving: Vec::new(),
        in_community: false,
        share_of_dibao_standard: None,
    }
}

/// The default rules (`spec/domain.md`, "Benefits").
pub fn default_rules() -> Vec<GapRule> {
    use Category::*;
    vec![
        GapRule {
            categories: vec![Orphan],
            ..rule("孤儿", BenefitKind::OrphanAllowance)
        },
        GapRule {
            categories: vec![DeFactoUnsupported],
            ..rule("事实无人抚养儿童", BenefitKind::DeFactoAllowance)
        },
        GapRule {
            categories: vec![DibaoSevere, DibaoOther],
            ..rule("低保家庭儿童", BenefitKind::Dibao)
        },
        GapRule {
            disabled: true,
            max_grade: Some(2),
            ..rule("一、二级残疾儿童", BenefitKind::DisabilityCare)
        },
        GapRule {
            categories: vec![DibaoSevere, DibaoOther],
            disabled: true,
            ..rule("低保家庭残疾儿童", BenefitKind::DisabilityLiving)
        },
    ]
}

/// The rules of seed 004 (二、(1) 生活保障, (2) 医疗保障, (5) 康复保障), with
/// their conditions as it writes them.
pub fn rules_004() -> Vec<GapRule> {
    use RiskLevel::{One, Three, Two};
    let difficulty: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| *c != Category::LeftBehind)
        .collect();
    vec![
        GapRule {
            risk: vec![One, Two, Three],
            conditions: vec![Condition::MeetsDibao],
            ..rule("004：一二三级风险且符合低保条件", BenefitKind::Dibao)
        },
        GapRule {
            risk: vec![One, Two],
            conditions: vec![Condition::Abused],
            ..rule(
                "004：一二级风险且因监护缺失或不当遭受虐待遗弃",
                BenefitKind::Tekun,
            )
        },
        GapRule {
            max_age: Some(16),
            conditions: vec![Condition::NoSupport],
            ..rule(
                "004：16周岁以下无劳动能力、无生活来源、法定抚养人无抚养能力",
                BenefitKind::Tekun,
            )
        },
        GapRule {
            categories: difficulty,
            conditions: vec![Condition::MeetsDibao],
            share_of_dibao_standard: Some(20),
            ..rule(
                "004：困境儿童本人按低保标准20%享受补助金",
                BenefitKind::Dibao,
            )
        },
        GapRule {
            receiving: vec![BenefitKind::Dibao, BenefitKind::Tekun],
            ..rule(
                "004：低保、特困儿童医保个人缴费全额补贴",
                BenefitKind::MedicalInsurance,
            )
        },
        GapRule {
            disabled: true,
            max_grade: Some(2),
            ..rule(
                "004：重度残疾儿童医保个人缴费全额补贴",
                BenefitKind::MedicalInsurance,
            )
        },
        GapRule {
            disabled: true,
            max_age: Some(14),
            disability_types: vec![
                DisabilityType::Vision,
                DisabilityType::Hearing,
                DisabilityType::Speech,
                DisabilityType::Intellectual,
                DisabilityType::CerebralPalsy,
                DisabilityType::Autism,
            ],
            ..rule(
                "004：0-14岁视力听力言语残疾、脑瘫、孤独症、智障儿童抢救性康复",
                BenefitKind::Rehab,
            )
        },
        GapRule {
            categories: vec![Category::Orphan],
            disabled: true,
            in_community: true,
            ..rule(
                "004：社会散居残疾孤儿（明天计划）",
                BenefitKind::TomorrowPlan,
            )
        },
        GapRule {
            conditions: vec![Condition::Hiv],
            ..rule(
                "004：感染艾滋病病毒儿童基本生活费参照孤儿标准",
                BenefitKind::OrphanAllowance,
            )
        },
    ]
}

/// A gap found: the child, the rule (its index in the rules), and for a
/// share of the 低保 standard the amounts in fen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub child: i64,
    pub missing: BenefitKind,
    pub rule: usize,
    /// Expected and paid a month, where a rule computes an amount.
    pub short: Option<(i64, i64)>,
}

impl Gap {
    /// What to tell the officer: the rule that found it, what is missing
    /// (or short), and the body that grants it.
    pub fn detail(&self, rules: &[GapRule]) -> String {
        use crate::i18n::{M, tf};
        let rule = rules.get(self.rule).map_or("", |r| r.name.as_str());
        let (kind, body) = (self.missing.zh(), self.missing.body());
        match self.short {
            Some((expected, paid)) => tf(
                M::GapShort,
                &[
                    &rule,
                    &kind,
                    &super::benefits::yuan(expected),
                    &super::benefits::yuan(paid),
                    &body,
                ],
            ),
            None => tf(M::GapDetail, &[&rule, &kind, &body]),
        }
    }
}

impl GapRule {
    fn applies(&self, c: &Case, today: NaiveDate) -> bool {
        let any =
            |want: &[Category]| want.is_empty() || c.categories.iter().any(|k| want.contains(k));
        let disabled = c.health == Some(Health::Disabled);
        let age = c.birth_date.map(|b| age_between(b, today));
        any(&self.categories)
            && (self.risk.is_empty() || c.risk.is_some_and(|r| self.risk.contains(&r)))
            && (!self.disabled || disabled)
            && self
                .max_grade
                .is_none_or(|g| c.disability_grade.is_some_and(|d| d <= g))
            && (self.disability_types.is_empty()
                || c.disability_type
                    .is_some_and(|d| self.disability_types.contains(&d)))
            && self.max_age.is_none_or(|m| age.is_some_and(|a| a <= m))
            && self.conditions.iter().all(|k| c.conditions.contains(k))
            && (self.receiving.is_empty()
                || c.benefits
                    .iter()
                    .any(|b| self.receiving.contains(&b.kind) && b.on(today)))
            && (!self.in_community || c.placement != Some(Placement::Institution))
    }
}

/// Every gap on `today`, by child, then in the order of the rules; a benefit
/// two rules call for is named once, by the first. `standard_fen` is the
/// local 低保 standard a month, where set.
pub fn gaps(
    cases: &[Case],
    rules: &[GapRule],
    today: NaiveDate,
    standard_fen: Option<i64>,
) -> Vec<Gap> {
    let mut out = Vec::new();
    for c in cases {
        let first = out.len();
        for (i, r) in rules.iter().enumerate() {
            if out[first..].iter().any(|g: &Gap| g.missing == r.missing) || !r.applies(c, today) {
                continue;
            }
            let held = c
                .benefits
                .iter()
                .filter(|b| b.kind == r.missing && b.on(today));
            let gap = match r.share_of_dibao_standard {
                None => held.count() == 0,
                Some(share) => {
                    let own: Vec<_> = held.filter(|b| !b.of_household).collect();
                    let expected = standard_fen.map(|s| s * i64::from(share) / 100);
                    let paid = own.iter().filter_map(|b| b.amount_fen).max();
                    match (own.is_empty(), expected, paid) {
                        (true, _, _) => true,
                        (false, Some(e), Some(p)) if p < e => {
                            out.push(Gap {
                                child: c.id,
                                missing: r.missing,
                                rule: i,
                                short: Some((e, p)),
                            });
                            continue;
                        }
                        _ => false,
                    }
                }
            };
            if gap {
                out.push(Gap {
                    child: c.id,
                    missing: r.missing,
                    rule: i,
                    short: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "gap_rules_tests.rs"]
mod tests;
