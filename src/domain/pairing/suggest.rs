//! Matching help: for an unpaired child, the helpers to ask first.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{ChildFacts, Helper, HelperKind, Pairing};
use crate::domain::Gender;

/// Why a helper is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A woman, for a girl of 8 or more.
    Female,
    /// Already the helper of a brother or sister.
    Sibling,
    /// The helper's unit is linked with the child's village.
    Linked,
}

/// A helper suggested for a child, with the reasons and the pairings they
/// already have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub helper: i64,
    pub reasons: Vec<Reason>,
    pub current: usize,
}

/// The helpers for `child`, best first: a female helper for a girl of 8+,
/// the helper already pairing a sibling, a unit linked with the child's
/// village, the fewest current pairings. A child who needs a family is
/// offered families only, a girl of 8+ no man, and no helper is offered who
/// is already paired with the child.
pub fn suggest(
    child: &ChildFacts,
    children: &[ChildFacts],
    helpers: &[Helper],
    pairings: &[Pairing],
    today: NaiveDate,
) -> Vec<Suggestion> {
    let active: Vec<&Pairing> = pairings.iter().filter(|p| p.active_on(today)).collect();
    let siblings: Vec<i64> = children
        .iter()
        .filter(|c| c.id != child.id && child.household.is_some() && c.household == child.household)
        .map(|c| c.id)
        .collect();
    let girl = child.girl_of_8(today);
    // One pass over the pairings: each helper's count, the helpers of the
    // siblings, the helpers the child already has.
    let mut current_of: HashMap<i64, usize> = HashMap::new();
    let mut of_sibling: HashSet<i64> = HashSet::new();
    let mut own: HashSet<i64> = HashSet::new();
    for p in &active {
        *current_of.entry(p.helper).or_default() += 1;
        if siblings.contains(&p.child) {
            of_sibling.insert(p.helper);
        }
        if p.child == child.id {
            own.insert(p.helper);
        }
    }
    let mut out: Vec<(Suggestion, &Helper)> = helpers
        .iter()
        .filter(|h| !child.needs_family() || h.kind == HelperKind::Family)
        .filter(|h| !(girl && h.gender == Some(Gender::Male)))
        .filter(|h| !own.contains(&h.id))
        .map(|h| {
            let mut reasons = Vec::new();
            if girl && h.gender == Some(Gender::Female) {
                reasons.push(Reason::Female);
            }
            if of_sibling.contains(&h.id) {
                reasons.push(Reason::Sibling);
            }
            if !h.linked_village.is_empty() && h.linked_village == child.village {
                reasons.push(Reason::Linked);
            }
            let current = current_of.get(&h.id).copied().unwrap_or(0);
            (
                Suggestion {
                    helper: h.id,
                    reasons,
                    current,
                },
                h,
            )
        })
        .collect();
    out.sort_by_key(|(s, h)| {
        let has = |r| !s.reasons.contains(&r);
        (
            has(Reason::Female),
            has(Reason::Sibling),
            has(Reason::Linked),
            s.current,
            h.id,
        )
    });
    out.into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Category;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn child(id: i64, gender: Gender, born: NaiveDate, cat: Category) -> ChildFacts {
        ChildFacts {
            id,
            village: "白果村".into(),
            gender: Some(gender),
            birth: Some(born),
            categories: vec![cat],
            household: Some(1),
            in_institution: false,
        }
    }

    fn helper(id: i64, gender: Gender, kind: HelperKind, linked: &str) -> Helper {
        Helper {
            id,
            name: format!("帮扶人{id}"),
            gender: Some(gender),
            kind,
            unit: "镇政府".into(),
            linked_village: linked.into(),
            trainings: vec![],
        }
    }

    fn pairing(id: i64, child: i64, helper: i64) -> Pairing {
        Pairing {
            id,
            child,
            helper,
            start: day(2026, 1, 1),
            end: None,
            intended: false,
        }
    }

    #[test]
    fn a_girl_of_eight_gets_women_first_and_no_man() {
        let today = day(2026, 11, 23);
        let girl = child(1, Gender::Female, day(2016, 5, 1), Category::LeftBehind);
        let helpers = [
            helper(1, Gender::Male, HelperKind::Family, "白果村"),
            helper(2, Gender::Female, HelperKind::Volunteer, ""),
            helper(3, Gender::Female, HelperKind::Family, "白果村"),
        ];
        let got = suggest(&girl, std::slice::from_ref(&girl), &helpers, &[], today);
        let ids: Vec<i64> = got.iter().map(|s| s.helper).collect();
        assert_eq!(ids, [3, 2]);
        assert_eq!(got[0].reasons, [Reason::Female, Reason::Linked]);
        // A girl of seven may have a man; the linked unit comes first.
        let young = child(1, Gender::Female, day(2019, 5, 1), Category::LeftBehind);
        let got = suggest(&young, std::slice::from_ref(&young), &helpers, &[], today);
        let ids: Vec<i64> = got.iter().map(|s| s.helper).collect();
        assert_eq!(ids, [1, 3, 2]);
    }

    #[test]
    fn the_siblings_helper_then_the_linked_unit_then_the_least_busy() {
        let today = day(2026, 11, 23);
        let boy = child(1, Gender::Male, day(2014, 5, 1), Category::LeftBehind);
        let sister = child(2, Gender::Female, day(2012, 5, 1), Category::LeftBehind);
        let other = ChildFacts {
            household: Some(9),
            ..child(3, Gender::Male, day(2012, 5, 1), Category::LeftBehind)
        };
        let helpers = [
            helper(1, Gender::Male, HelperKind::Family, ""),
            helper(2, Gender::Female, HelperKind::Family, ""),
            helper(3, Gender::Male, HelperKind::Family, "白果村"),
            helper(4, Gender::Male, HelperKind::Family, ""),
        ];
        // 1 pairs the sister; 4 pairs someone else; 2 pairs two others.
        let pairings = [
            pairing(1, 2, 1),
            pairing(2, 3, 4),
            pairing(3, 3, 2),
            pairing(4, 3, 2),
        ];
        let all = [boy.clone(), sister, other];
        let got = suggest(&boy, &all, &helpers, &pairings, today);
        let ids: Vec<i64> = got.iter().map(|s| s.helper).collect();
        assert_eq!(ids, [1, 3, 4, 2]);
        assert_eq!(got[0].reasons, [Reason::Sibling]);
        assert_eq!(got[3].current, 2);
    }

    #[test]
    fn a_priority_child_is_offered_families_not_yet_paired_with_it() {
        let today = day(2026, 11, 23);
        let orphan = child(1, Gender::Male, day(2014, 5, 1), Category::Orphan);
        let helpers = [
            helper(1, Gender::Male, HelperKind::Department, "白果村"),
            helper(2, Gender::Male, HelperKind::Family, ""),
            helper(3, Gender::Male, HelperKind::Family, ""),
        ];
        let pairings = [pairing(1, 1, 1), pairing(2, 1, 3)];
        let got = suggest(
            &orphan,
            std::slice::from_ref(&orphan),
            &helpers,
            &pairings,
            today,
        );
        let ids: Vec<i64> = got.iter().map(|s| s.helper).collect();
        assert_eq!(ids, [2]);
        // An ended pairing does not hold the helper back.
        let ended = [Pairing {
            end: Some(day(2026, 3, 1)),
            ..pairing(2, 1, 3)
        }];
        let got = suggest(
            &orphan,
            std::slice::from_ref(&orphan),
            &helpers,
            &ended,
            today,
        );
        assert_eq!(got.len(), 2);
    }
}
