//! Keeping the register true: category reviews proposed to the officer (never
//! applied silently) and the guardianship checks of 002 and 004, as pure rules
//! over a case file.

use chrono::NaiveDate;

use super::child::{Child, age_between};
use super::date::add_months;
use super::vocab::vocab;
use super::{Category, ParentStatus};

vocab! {
    /// How the parents last kept in touch with a left-behind child (000 002
    /// 004: 「定期通过电话、视频等方式与子女联系」, and coming home).
    ContactWay {
        Call = "call", "电话", "phone call", ["打电话", "通话"];
        Video = "video", "视频", "video call", ["视频通话", "微信视频"];
        Home = "home", "回家探望", "a visit home", ["回家", "探望", "返乡探望"];
        Nil = "none", "无联系", "no contact", ["无", "没有联系", "未联系"];
    }
}

/// A review the officer is asked to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Review {
    /// A left-behind child who turned 16.
    LeftBehind16,
    /// A child who turned 18: exit, dated the 18th birthday.
    Age18,
    /// A left-behind child whose father and mother are both at home.
    ParentsHome,
    /// A case file neither confirmed nor changed (its visits included) for
    /// three calendar months (000).
    StaleQuarter,
}

impl Review {
    pub fn code(self) -> &'static str {
        match self {
            Review::LeftBehind16 => "left_behind_16",
            Review::Age18 => "age_18",
            Review::ParentsHome => "parents_home",
            Review::StaleQuarter => "stale_quarter",
        }
    }
}

/// The reviews a case file calls for on `today`; `last_seen` is the latest of
/// its last change, its last confirmation and its last visit.
pub fn reviews(c: &Child, last_seen: Option<NaiveDate>, today: NaiveDate) -> Vec<Review> {
    let mut out = Vec::new();
    let age = c.birth_date.map(|b| age_between(b, today));
    let left_behind = c.categories.contains(&Category::LeftBehind);
    if age.is_some_and(|a| a >= 18) {
        out.push(Review::Age18);
    } else if left_behind && age.is_some_and(|a| a >= 16) {
        out.push(Review::LeftBehind16);
    }
    if left_behind
        && c.father.status == Some(ParentStatus::AtHome)
        && c.mother.status == Some(ParentStatus::AtHome)
    {
        out.push(Review::ParentsHome);
    }
    if last_seen.is_none_or(|d| add_months(d, 3) < today) {
        out.push(Review::StaleQuarter);
    }
    out
}

/// What a review rests on: a declined review is proposed again only when
/// this changes.
pub fn basis(c: &Child, review: Review, last_seen: Option<NaiveDate>) -> String {
    match review {
        Review::LeftBehind16 | Review::Age18 => {
            format!("{:?}|{}", c.birth_date, Category::join_zh(&c.categories))
        }
        Review::ParentsHome => format!("{:?}|{:?}", c.father.status, c.mother.status),
        Review::StaleQuarter => format!("{last_seen:?}"),
    }
}

/// A guardianship check (002, 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Guardianship {
    /// Parents away and nobody else recorded to look after the child.
    NoCaregiver,
    /// A caregiver recorded as unable to care (002: choose another).
    CaregiverUnable,
    /// A caregiver who is not a direct relative, with no signed agreement.
    NoAgreement,
    /// A temporary guardianship (临时监护, 004) open longer than allowed.
    TemporaryOpen,
    /// A left-behind child with a migrant parent and no contact recorded
    /// lately (a call, a video, a visit home).
    NoParentContact,
}

/// What the guardianship checks read beside the case file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuardFacts {
    /// The start of the temporary guardianship still open, if any.
    pub temporary_since: Option<NaiveDate>,
    /// The parents' latest contact recorded (a call, a video, a visit home).
    pub last_contact: Option<NaiveDate>,
}

/// How long a temporary guardianship may stay open, and how long parents may
/// go without contact, before the checks list the child (both settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub temporary_days: u32,
    pub contact_days: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            temporary_days: 30,
            contact_days: 90,
        }
    }
}

impl Guardianship {
    pub fn code(self) -> &'static str {
        match self {
            Guardianship::NoCaregiver => "no_caregiver",
            Guardianship::CaregiverUnable => "caregiver_unable",
            Guardianship::NoAgreement => "no_agreement",
            Guardianship::TemporaryOpen => "temporary_open",
            Guardianship::NoParentContact => "no_parent_contact",
        }
    }
}

/// Grandparents and siblings are direct relatives: no agreement is needed.
pub fn direct_relative(relation: &str) -> bool {
    const DIRECT: &[&str] = &[
        "祖父",
        "祖母",
        "外祖父",
        "外祖母",
        "爷爷",
        "奶奶",
        "外公",
        "外婆",
        "姥爷",
        "姥姥",
        "哥哥",
        "姐姐",
        "兄",
        "姐",
        "兄长",
        "父亲",
        "母亲",
        "父",
        "母",
    ];
    let r = relation.trim();
    DIRECT.contains(&r)
}

/// An entrusted caregiver who is not a direct relative, with no signed care
/// agreement (委托照护协议书, 002 004) recorded.
pub fn needs_agreement(c: &Child) -> bool {
    !c.caregiver.name.trim().is_empty()
        && !direct_relative(&c.caregiver.relation)
        && c.care_agreement != Some(true)
}

fn parent(p: &super::child::Parent) -> (bool, bool) {
    let away = p.status == Some(ParentStatus::Migrant);
    let unable = matches!(
        p.status,
        Some(
            ParentStatus::SevereDisability
                | ParentStatus::SeriousIllness
                | ParentStatus::Prison
                | ParentStatus::DrugRehab
                | ParentStatus::Detained
                | ParentStatus::OutOfContact
                | ParentStatus::Missing
                | ParentStatus::Deceased
        )
    );
    (away, unable)
}

/// The guardianship checks a case file fails on `today`.
pub fn guardianship(
    c: &Child,
    facts: &GuardFacts,
    limits: Limits,
    today: NaiveDate,
) -> Vec<Guardianship> {
    let mut out = Vec::new();
    let (fa, fu) = parent(&c.father);
    let (ma, mu) = parent(&c.mother);
    // Both away, or one away and the other unable to guard.
    let away = (fa && (ma || mu)) || (ma && fu);
    let guardian_not_parent = !c.guardian.name.trim().is_empty()
        && !matches!(c.guardian.relation.trim(), "父亲" | "母亲" | "父" | "母");
    if c.categories.contains(&Category::LeftBehind)
        && away
        && c.caregiver.name.trim().is_empty()
        && !guardian_not_parent
    {
        out.push(Guardianship::NoCaregiver);
    }
    let has_caregiver = !c.caregiver.name.trim().is_empty();
    if has_caregiver && c.caregiver.able == Some(false) {
        out.push(Guardianship::CaregiverUnable);
    }
    if needs_agreement(c) {
        out.push(Guardianship::NoAgreement);
    }
    let older = |day: NaiveDate, days: u32| (today - day).num_days() > i64::from(days);
    if facts
        .temporary_since
        .is_some_and(|d| older(d, limits.temporary_days))
    {
        out.push(Guardianship::TemporaryOpen);
    }
    if c.categories.contains(&Category::LeftBehind)
        && (fa || ma)
        && facts
            .last_contact
            .is_none_or(|d| older(d, limits.contact_days))
    {
        out.push(Guardianship::NoParentContact);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn child(born: NaiveDate, cats: &[Category]) -> Child {
        let mut c = Child::new(d(2020, 1, 1));
        c.birth_date = Some(born);
        c.categories = cats.to_vec();
        c
    }

    #[test]
    fn a_left_behind_child_of_sixteen_and_any_child_of_eighteen() {
        let today = d(2026, 11, 23);
        let seen = Some(today);
        let c = child(d(2010, 11, 23), &[Category::LeftBehind]);
        assert_eq!(reviews(&c, seen, today), [Review::LeftBehind16]);
        let c = child(d(2010, 11, 24), &[Category::LeftBehind]);
        assert!(reviews(&c, seen, today).is_empty(), "a day short of 16");
        let c = child(d(2008, 11, 23), &[Category::Orphan]);
        assert_eq!(reviews(&c, seen, today), [Review::Age18]);
        let c = child(d(2008, 11, 23), &[Category::LeftBehind]);
        assert_eq!(reviews(&c, seen, today), [Review::Age18], "18 wins over 16");
    }

    #[test]
    fn parents_home_and_a_file_untouched_for_three_months() {
        let today = d(2026, 11, 23);
        let mut c = child(d(2015, 1, 1), &[Category::LeftBehind]);
        c.father.status = Some(ParentStatus::AtHome);
        c.mother.status = Some(ParentStatus::AtHome);
        assert_eq!(reviews(&c, Some(today), today), [Review::ParentsHome]);
        let c = child(d(2015, 1, 1), &[Category::Orphan]);
        assert!(
            reviews(&c, Some(d(2026, 8, 23)), today).is_empty(),
            "three months to the day"
        );
        assert_eq!(
            reviews(&c, Some(d(2026, 8, 22)), today),
            [Review::StaleQuarter]
        );
        assert_eq!(reviews(&c, None, today), [Review::StaleQuarter]);
    }

    #[test]
    fn a_declined_review_rests_on_what_it_was_about() {
        let c = child(d(2010, 1, 1), &[Category::LeftBehind]);
        let a = basis(&c, Review::LeftBehind16, None);
        let mut moved = c.clone();
        moved.categories = vec![Category::OtherDifficulty];
        assert_ne!(a, basis(&moved, Review::LeftBehind16, None));
        assert_eq!(
            a,
            basis(&c.clone(), Review::LeftBehind16, Some(d(2026, 1, 1)))
        );
    }

    /// The checks with contact made today and no temporary guardianship.
    fn guardianship(c: &Child) -> Vec<Guardianship> {
        let today = d(2026, 11, 23);
        let facts = GuardFacts {
            temporary_since: None,
            last_contact: Some(today),
        };
        super::guardianship(c, &facts, Limits::default(), today)
    }

    #[test]
    fn a_temporary_guardianship_open_more_than_thirty_days() {
        let c = child(d(2015, 1, 1), &[Category::OtherDifficulty]);
        let today = d(2026, 11, 23);
        let open = |since| GuardFacts {
            temporary_since: Some(since),
            last_contact: None,
        };
        let limits = Limits::default();
        assert!(super::guardianship(&c, &open(d(2026, 10, 24)), limits, today).is_empty());
        assert_eq!(
            super::guardianship(&c, &open(d(2026, 10, 23)), limits, today),
            [Guardianship::TemporaryOpen]
        );
        let week = Limits {
            temporary_days: 7,
            ..limits
        };
        assert_eq!(
            super::guardianship(&c, &open(d(2026, 11, 15)), week, today),
            [Guardianship::TemporaryOpen]
        );
    }

    #[test]
    fn a_left_behind_child_whose_migrant_parents_have_not_called_in_ninety_days() {
        let today = d(2026, 11, 23);
        let mut c = child(d(2015, 1, 1), &[Category::LeftBehind]);
        c.father.status = Some(ParentStatus::Migrant);
        c.guardian.name = "李某".into();
        c.guardian.relation = "母亲".into();
        c.mother.status = Some(ParentStatus::AtHome);
        let facts = |last| GuardFacts {
            temporary_since: None,
            last_contact: last,
        };
        let limits = Limits::default();
        let found = |c: &Child, last| super::guardianship(c, &facts(last), limits, today);
        assert_eq!(found(&c, None), [Guardianship::NoParentContact]);
        assert!(
            found(&c, Some(d(2026, 8, 25))).is_empty(),
            "90 days ago counts"
        );
        assert_eq!(
            found(&c, Some(d(2026, 8, 24))),
            [Guardianship::NoParentContact]
        );
        // Parents both at home: nobody to call.
        c.father.status = Some(ParentStatus::AtHome);
        assert!(found(&c, None).is_empty());
        // Not left behind: not this check.
        c.father.status = Some(ParentStatus::Migrant);
        c.categories = vec![Category::OtherDifficulty];
        assert!(found(&c, None).is_empty());
    }

    #[test]
    fn guardianship_checks_of_002_and_004() {
        let mut c = child(d(2015, 1, 1), &[Category::LeftBehind]);
        c.father.status = Some(ParentStatus::Migrant);
        c.mother.status = Some(ParentStatus::Migrant);
        assert_eq!(guardianship(&c), [Guardianship::NoCaregiver]);
        // One away, the other unable: also no one.
        c.mother.status = Some(ParentStatus::SeriousIllness);
        assert_eq!(guardianship(&c), [Guardianship::NoCaregiver]);
        // A grandmother entrusted: no agreement needed.
        c.caregiver = Person {
            name: "王某".into(),
            relation: "祖母".into(),
            phone: String::new(),
            able: Some(true),
        };
        assert!(guardianship(&c).is_empty());
        // A neighbour: an agreement is needed; unable: choose another.
        c.caregiver.relation = "邻居".into();
        c.caregiver.able = Some(false);
        assert_eq!(
            guardianship(&c),
            [Guardianship::CaregiverUnable, Guardianship::NoAgreement]
        );
        c.care_agreement = Some(true);
        c.caregiver.able = Some(true);
        assert!(guardianship(&c).is_empty());
        // A guardian other than the parents counts as someone.
        let mut g = child(d(2015, 1, 1), &[Category::LeftBehind]);
        g.father.status = Some(ParentStatus::Migrant);
        g.mother.status = Some(ParentStatus::Migrant);
        g.guardian = Person {
            name: "李某".into(),
            relation: "外祖父".into(),
            phone: String::new(),
            able: None,
        };
        assert!(guardianship(&g).is_empty());
    }
}
