//! The case file (一人一档): a child, the family, and visits.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    Category, ChildStatus, DisabilityType, Domain, Flag, Gender, Health, ParentStatus, RiskLevel,
    SafetyTopic, SchoolStatus, VisitKind,
};

/// A father or mother.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parent {
    pub name: String,
    pub status: Option<ParentStatus>,
    /// Where a migrant parent works.
    pub work_place: String,
    /// Since when (migrant work counts from 3 months).
    pub since: Option<NaiveDate>,
}

/// The guardian or the entrusted caregiver.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub relation: String,
    pub phone: String,
    /// Able to care for the child (caregiver only).
    pub able: Option<bool>,
}

/// One child's case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    /// Row id in the store; 0 for a child not yet saved.
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: String,
    pub birth_date: Option<NaiveDate>,
    pub id_number: String,
    pub hukou: bool,
    pub village: String,
    pub address: String,
    pub household: String,
    pub school: String,
    pub grade: String,
    pub boarding: Option<bool>,
    pub school_status: Option<SchoolStatus>,
    pub health: Option<Health>,
    pub disability_type: Option<DisabilityType>,
    pub disability_grade: Option<u8>,
    pub categories: Vec<Category>,
    pub risk: Option<RiskLevel>,
    /// Where an orphan is brought up; unset for most children.
    pub placement: Option<super::Placement>,
    /// The household registration's nature and place, and the day the police
    /// station verified it.
    pub hukou_nature: Option<super::HukouNature>,
    pub hukou_place: String,
    pub hukou_verified_on: Option<NaiveDate>,
    /// Flags set by hand; derived ones come from [`Child::flags`].
    pub manual_flags: Vec<Flag>,
    pub status: ChildStatus,
    pub exit_date: Option<NaiveDate>,
    pub exit_reason: String,
    /// Taken back onto the register: the day (due that day) and why.
    pub reopened_on: Option<NaiveDate>,
    pub reopen_reason: String,
    /// What the 004 benefit rules ask beyond the category (符合低保条件 ...).
    pub conditions: Vec<super::benefits::Condition>,
    pub registered_on: NaiveDate,
    pub father: Parent,
    pub mother: Parent,
    pub guardian: Person,
    pub caregiver: Person,
    pub care_agreement: Option<bool>,
    pub income_source: String,
    pub village_contact: String,
    pub notes: String,
}

/// Why a flag is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagSource {
    Manual,
    /// Derived from the schooling status.
    School,
    /// Derived from no ID number and no household registration.
    NoHukou,
    /// Derived from health.
    Health,
    /// Derived from a parent's status.
    Parent,
}

impl FlagSource {
    pub fn code(self) -> &'static str {
        match self {
            FlagSource::Manual => "manual",
            FlagSource::School => "school",
            FlagSource::NoHukou => "no_hukou",
            FlagSource::Health => "health",
            FlagSource::Parent => "parent",
        }
    }
}

impl Child {
    /// An empty case file registered on `today`.
    pub fn new(today: NaiveDate) -> Child {
        Child {
            id: 0,
            uuid: String::new(),
            name: String::new(),
            gender: None,
            ethnicity: String::new(),
            birth_date: None,
            id_number: String::new(),
            hukou: true,
            village: String::new(),
            address: String::new(),
            household: String::new(),
            school: String::new(),
            grade: String::new(),
            boarding: None,
            school_status: None,
            health: None,
            disability_type: None,
            disability_grade: None,
            categories: Vec::new(),
            risk: None,
            placement: None,
            hukou_nature: None,
            hukou_place: String::new(),
            hukou_verified_on: None,
            manual_flags: Vec::new(),
            status: ChildStatus::Active,
            exit_date: None,
            exit_reason: String::new(),
            reopened_on: None,
            reopen_reason: String::new(),
            conditions: Vec::new(),
            registered_on: today,
            father: Parent::default(),
            mother: Parent::default(),
            guardian: Person::default(),
            caregiver: Person::default(),
            care_agreement: None,
            income_source: String::new(),
            village_contact: String::new(),
            notes: String::new(),
        }
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> Option<u32> {
        self.birth_date.map(|b| age_between(b, day))
    }

    /// Every flag that is on, each with why, in the spec's order.
    pub fn flags(&self) -> Vec<(Flag, FlagSource)> {
        let mut out: Vec<(Flag, FlagSource)> = Vec::new();
        let mut add = |f: Flag, s: FlagSource| {
            if !out.iter().any(|(g, _)| *g == f) {
                out.push((f, s));
            }
        };
        for f in &self.manual_flags {
            add(*f, FlagSource::Manual);
        }
        if matches!(
            self.school_status,
            Some(SchoolStatus::DroppedOut | SchoolStatus::OutOfSchool)
        ) {
            add(Flag::OutOfSchool, FlagSource::School);
        }
        if self.id_number.is_empty() && !self.hukou {
            add(Flag::NoHukou, FlagSource::NoHukou);
        }
        if matches!(self.health, Some(Health::Disabled | Health::SeriouslyIll)) {
            add(Flag::DisabledOrIll, FlagSource::Health);
        }
        if [&self.father, &self.mother]
            .iter()
            .any(|p| p.status == Some(ParentStatus::SevereDisability))
        {
            add(Flag::ParentSevereDisability, FlagSource::Parent);
        }
        out.sort_by_key(|(f, _)| *f);
        out
    }

    /// The flags alone.
    pub fn flag_set(&self) -> Vec<Flag> {
        self.flags().into_iter().map(|(f, _)| f).collect()
    }

    /// Categories the parents' statuses point to that the child does not have yet.
    /// The officer confirms; nothing is reclassified silently.
    pub fn suggested_categories(&self) -> Vec<Category> {
        suggest_categories(self.father.status, self.mother.status, self.hukou)
            .into_iter()
            .filter(|c| !self.categories.contains(c))
            .collect()
    }

    /// Categories whose age limit the child has reached on `day`.
    pub fn aged_out(&self, day: NaiveDate) -> Vec<Category> {
        match self.age_on(day) {
            Some(age) => self
                .categories
                .iter()
                .copied()
                .filter(|c| age >= c.age_limit())
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Whole years from `birth` to `day`.
pub fn age_between(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// The categories the parents' statuses suggest (seed 003 and 004).
pub fn suggest_categories(
    father: Option<ParentStatus>,
    mother: Option<ParentStatus>,
    rural_hukou: bool,
) -> Vec<Category> {
    let (Some(f), Some(m)) = (father, mother) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if f == ParentStatus::Deceased && m == ParentStatus::Deceased {
        out.push(Category::Orphan);
    } else {
        let unable_or_cut = |s: ParentStatus| {
            s.unable()
                || matches!(
                    s,
                    ParentStatus::GuardianshipRevoked | ParentStatus::Deported
                )
        };
        if (f.unable() && m.unable())
            || (f.gone() && unable_or_cut(m))
            || (m.gone() && unable_or_cut(f))
        {
            out.push(Category::DeFactoUnsupported);
        }
    }
    let cannot_guard = |s: ParentStatus| s.unable() || s.gone() || s == ParentStatus::Migrant;
    if rural_hukou
        && !out.contains(&Category::Orphan)
        && ((f == ParentStatus::Migrant && cannot_guard(m))
            || (m == ParentStatus::Migrant && cannot_guard(f)))
    {
        out.push(Category::LeftBehind);
    }
    out
}

/// A finding in one domain of a visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// `Some(true)` ok, `Some(false)` concern, `None` not recorded.
    pub ok: Option<bool>,
    pub note: String,
}

/// One visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: i64,
    pub uuid: String,
    pub child_id: i64,
    pub date: NaiveDate,
    pub visitor: String,
    pub kind: VisitKind,
    pub met: String,
    /// In the order of [`Domain::ALL`].
    pub findings: [Finding; 6],
    pub safety: Vec<SafetyTopic>,
    pub problems: String,
    pub actions: String,
    pub report_raised: bool,
    pub next_step: String,
    pub notes: String,
    /// The parents' last contact with the child as the visit found it
    /// (000 002 004), and when.
    pub parent_contact: Option<super::register::ContactWay>,
    pub parent_contact_on: Option<NaiveDate>,
}

impl Visit {
    pub fn new(child_id: i64, date: NaiveDate, kind: VisitKind) -> Visit {
        Visit {
            id: 0,
            uuid: String::new(),
            child_id,
            date,
            visitor: String::new(),
            kind,
            met: String::new(),
            findings: Default::default(),
            safety: Vec::new(),
            problems: String::new(),
            actions: String::new(),
            report_raised: false,
            next_step: String::new(),
            notes: String::new(),
            parent_contact: None,
            parent_contact_on: None,
        }
    }

    /// Nothing written: no one met, no finding, nothing noted or taught.
    pub fn is_blank(&self) -> bool {
        self.met.is_empty()
            && self
                .findings
                .iter()
                .all(|f| f.ok.is_none() && f.note.is_empty())
            && self.safety.is_empty()
            && self.problems.is_empty()
            && self.actions.is_empty()
            && !self.report_raised
            && self.next_step.is_empty()
            && self.notes.is_empty()
            && self.parent_contact.is_none()
    }

    pub fn finding(&self, d: Domain) -> &Finding {
        &self.findings[d.index()]
    }
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "是".into(),
        Some(false) => "否".into(),
        None => String::new(),
    }
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(super::date::iso).unwrap_or_default()
}

fn opt_zh<T>(v: Option<T>, zh: fn(T) -> &'static str) -> String {
    v.map(zh).unwrap_or_default().to_string()
}

impl Child {
    /// Every field as `(key, value)` in the order of the survey form, written the
    /// way the survey sheet writes it. Keys are the English header aliases of
    /// `interface.md`. The audit log diffs these; exports print them.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let flags: Vec<&str> = self.manual_flags.iter().map(|f| f.zh()).collect();
        vec![
            ("name", self.name.clone()),
            ("gender", opt_zh(self.gender, Gender::zh)),
            ("birth_date", opt_date(self.birth_date)),
            ("id_number", self.id_number.clone()),
            ("hukou", if self.hukou { "有" } else { "无" }.into()),
            (
                "hukou_nature",
                opt_zh(self.hukou_nature, super::HukouNature::zh),
            ),
            ("hukou_place", self.hukou_place.clone()),
            ("hukou_verified_on", opt_date(self.hukou_verified_on)),
            ("ethnicity", self.ethnicity.clone()),
            ("village", self.village.clone()),
            ("address", self.address.clone()),
            ("household", self.household.clone()),
            ("categories", Category::join_zh(&self.categories)),
            ("risk_level", opt_zh(self.risk, RiskLevel::zh)),
            ("placement", opt_zh(self.placement, super::Placement::zh)),
            ("flags", flags.join("、")),
            (
                "school_status",
                opt_zh(self.school_status, SchoolStatus::zh),
            ),
            ("school", self.school.clone()),
            ("grade", self.grade.clone()),
            ("boarding", yes_no(self.boarding)),
            ("health", opt_zh(self.health, Health::zh)),
            (
                "disability_type",
                opt_zh(self.disability_type, DisabilityType::zh),
            ),
            (
                "disability_grade",
                self.disability_grade
                    .map(|g| {
                        format!(
                            "{}级",
                            ["一", "二", "三", "四"][usize::from(g.clamp(1, 4)) - 1]
                        )
                    })
                    .unwrap_or_default(),
            ),
            ("father_name", self.father.name.clone()),
            (
                "father_status",
                opt_zh(self.father.status, ParentStatus::zh),
            ),
            ("father_work_place", self.father.work_place.clone()),
            ("mother_name", self.mother.name.clone()),
            (
                "mother_status",
                opt_zh(self.mother.status, ParentStatus::zh),
            ),
            ("mother_work_place", self.mother.work_place.clone()),
            ("guardian_name", self.guardian.name.clone()),
            ("guardian_relation", self.guardian.relation.clone()),
            ("guardian_phone", self.guardian.phone.clone()),
            ("caregiver_name", self.caregiver.name.clone()),
            ("caregiver_relation", self.caregiver.relation.clone()),
            ("caregiver_phone", self.caregiver.phone.clone()),
            ("caregiver_able", yes_no(self.caregiver.able)),
            ("care_agreement", yes_no(self.care_agreement)),
            ("income_source", self.income_source.clone()),
            ("village_contact", self.village_contact.clone()),
            ("registered_on", super::date::iso(self.registered_on)),
            ("status", self.status.zh().to_string()),
            ("exit_date", opt_date(self.exit_date)),
            ("exit_reason", self.exit_reason.clone()),
            ("reopened_on", opt_date(self.reopened_on)),
            ("reopen_reason", self.reopen_reason.clone()),
            (
                "conditions",
                self.conditions
                    .iter()
                    .map(|c| c.zh())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            ("notes", self.notes.clone()),
        ]
    }

    /// The fields that differ from `old`, as `(key, old, new)`.
    pub fn diff(&self, old: &Child) -> Vec<(&'static str, String, String)> {
        old.fields()
            .into_iter()
            .zip(self.fields())
            .filter(|((_, a), (_, b))| a != b)
            .map(|((k, a), (_, b))| (k, a, b))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParentStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_between(d(2010, 5, 21), d(2026, 5, 20)), 15);
        assert_eq!(age_between(d(2010, 5, 21), d(2026, 5, 21)), 16);
        assert_eq!(age_between(d(2012, 2, 29), d(2026, 2, 28)), 13);
    }

    #[test]
    fn parents_suggest_categories() {
        assert_eq!(
            suggest_categories(Some(Migrant), Some(Migrant), true),
            vec![Category::LeftBehind]
        );
        assert_eq!(
            suggest_categories(Some(Migrant), Some(Migrant), false),
            vec![]
        );
        assert_eq!(
            suggest_categories(Some(Migrant), Some(SeriousIllness), true),
            vec![Category::LeftBehind]
        );
        assert_eq!(
            suggest_categories(Some(Prison), Some(OutOfContact), true),
            vec![Category::DeFactoUnsupported]
        );
        assert_eq!(
            suggest_categories(Some(Deceased), Some(GuardianshipRevoked), true),
            vec![Category::DeFactoUnsupported]
        );
        assert_eq!(
            suggest_categories(Some(Deceased), Some(Deceased), true),
            vec![Category::Orphan]
        );
        assert_eq!(
            suggest_categories(Some(AtHome), Some(Migrant), true),
            vec![]
        );
        assert_eq!(suggest_categories(None, Some(Migrant), true), vec![]);
    }

    #[test]
    fn flags_are_derived_with_their_reason() {
        let mut c = Child::new(d(2026, 1, 1));
        c.school_status = Some(SchoolStatus::DroppedOut);
        c.health = Some(Health::Disabled);
        c.hukou = false;
        c.manual_flags = vec![Flag::LivingAlone, Flag::DisabledOrIll];
        let flags = c.flags();
        assert_eq!(
            flags,
            vec![
                (Flag::OutOfSchool, FlagSource::School),
                (Flag::NoHukou, FlagSource::NoHukou),
                (Flag::DisabledOrIll, FlagSource::Manual),
                (Flag::LivingAlone, FlagSource::Manual),
            ]
        );
        c.id_number = "511304201312248181".into();
        assert!(!c.flag_set().contains(&Flag::NoHukou));
    }

    #[test]
    fn ageing_out_uses_each_category_limit() {
        let mut c = Child::new(d(2026, 1, 1));
        c.birth_date = Some(d(2010, 3, 1));
        c.categories = vec![Category::LeftBehind, Category::SingleParent];
        assert_eq!(c.aged_out(d(2026, 2, 28)), vec![]);
        assert_eq!(c.aged_out(d(2026, 3, 1)), vec![Category::LeftBehind]);
        assert_eq!(
            c.aged_out(d(2028, 3, 1)),
            vec![Category::LeftBehind, Category::SingleParent]
        );
    }
}
