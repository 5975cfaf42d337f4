//! The visit cadence: a policy as data, and the due date exactly as
//! `spec/domain.md` defines it.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Category, Flag, Gender, RiskLevel, VisitKind, date};

/// How long until the next visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    pub fn after(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Days(n) => day
                .checked_add_days(Days::new(u64::from(n)))
                .unwrap_or(NaiveDate::MAX),
            Interval::Months(n) => date::add_months(day, n),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Interval::Days(n) => write!(f, "{n}d"),
            Interval::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl TryFrom<String> for Interval {
    type Error = String;
    /// `14d`, `2w`, `1m`, `3m`, `1y`.
    fn try_from(s: String) -> Result<Self, String> {
        let t = s.trim();
        let (n, unit) = t.split_at(t.len().saturating_sub(1));
        let n: u32 = n
            .parse()
            .map_err(|_| format!("bad interval {s:?}: write 14d, 2w, 1m or 1y"))?;
        if n == 0 {
            return Err(format!("bad interval {s:?}: must be more than 0"));
        }
        match unit {
            "d" => Ok(Interval::Days(n)),
            "w" => Ok(Interval::Days(n * 7)),
            "m" => Ok(Interval::Months(n)),
            "y" => Ok(Interval::Months(n * 12)),
            _ => Err(format!("bad interval {s:?}: write 14d, 2w, 1m or 1y")),
        }
    }
}

impl From<Interval> for String {
    fn from(i: Interval) -> String {
        i.to_string()
    }
}

impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Interval::try_from(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// One rule: a child matches when it has any of the flags or any of the
/// categories listed; a rule listing neither matches every active child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_flag: Vec<Flag>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_category: Vec<Category>,
    pub every: Interval,
}

impl Rule {
    pub fn matches(&self, flags: &[Flag], categories: &[Category]) -> bool {
        (self.any_flag.is_empty() && self.any_category.is_empty())
            || self.any_flag.iter().any(|f| flags.contains(f))
            || self.any_category.iter().any(|c| categories.contains(c))
    }
}

/// The visit cadence of a township: the first rule that matches gives the interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: String,
    /// Visit kinds that count toward the cadence.
    #[serde(default = "default_counting")]
    pub counting_kinds: Vec<VisitKind>,
    pub rules: Vec<Rule>,
}

fn default_counting() -> Vec<VisitKind> {
    vec![VisitKind::Home, VisitKind::Historic]
}

impl Default for Policy {
    /// Seed 002: monthly for all, more often for the focus children (14 days).
    fn default() -> Policy {
        Policy {
            name: "default".into(),
            counting_kinds: default_counting(),
            rules: vec![
                Rule {
                    id: "focus".into(),
                    any_flag: vec![
                        Flag::ParentSevereDisability,
                        Flag::DisabledOrIll,
                        Flag::PsychOrBehaviour,
                        Flag::LivingAlone,
                        Flag::PoorGuardianship,
                    ],
                    any_category: vec![],
                    every: Interval::Days(14),
                },
                Rule {
                    id: "monthly".into(),
                    any_flag: vec![],
                    any_category: vec![],
                    every: Interval::Months(1),
                },
            ],
        }
    }
}

impl Policy {
    /// Seed 000: a field visit every quarter, for everyone.
    pub fn quarterly() -> Policy {
        Policy {
            name: "quarterly".into(),
            counting_kinds: default_counting(),
            rules: vec![Rule {
                id: "quarterly".into(),
                any_flag: vec![],
                any_category: vec![],
                every: Interval::Months(3),
            }],
        }
    }

    /// A shipped policy by name.
    pub fn preset(name: &str) -> Option<Policy> {
        match name {
            "default" => Some(Policy::default()),
            "quarterly" => Some(Policy::quarterly()),
            _ => None,
        }
    }

    /// Reads a policy written as JSON (as stored in settings) or TOML.
    pub fn from_text(text: &str) -> Result<Policy, String> {
        let p: Policy = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| e.to_string())?
        } else {
            toml::from_str(text).map_err(|e| e.to_string())?
        };
        if p.rules.is_empty() {
            return Err("a policy needs at least one rule".into());
        }
        Ok(p)
    }

    pub fn counts(&self, kind: VisitKind) -> bool {
        self.counting_kinds.contains(&kind)
    }

    /// The rule that applies to a child, if any.
    pub fn rule_for(&self, flags: &[Flag], categories: &[Category]) -> Option<&Rule> {
        self.rules.iter().find(|r| r.matches(flags, categories))
    }

    /// When an active child is due: from the last counting visit, or from the day
    /// of registration for a child never visited.
    pub fn due(
        &self,
        flags: &[Flag],
        categories: &[Category],
        last_visit: Option<NaiveDate>,
        registered_on: NaiveDate,
        today: NaiveDate,
    ) -> Option<Due> {
        let rule = self.rule_for(flags, categories)?;
        let next_due = match last_visit {
            Some(last) => rule.every.after(last),
            None => registered_on,
        };
        Some(Due {
            rule: rule.id.clone(),
            last_visit,
            next_due,
            overdue_days: (today - next_due).num_days(),
        })
    }
}

/// A child's place in the cadence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub rule: String,
    pub last_visit: Option<NaiveDate>,
    pub next_due: NaiveDate,
    /// Positive: overdue; 0: due today; negative: days left.
    pub overdue_days: i64,
}

impl Due {
    /// The child was taken back onto the register on `day`: due that day,
    /// unless visited since.
    pub fn reopened(&mut self, day: NaiveDate, today: NaiveDate) {
        if self.last_visit.is_none_or(|l| l < day) {
            self.next_due = day;
            self.overdue_days = (today - day).num_days();
        }
    }
}

/// One active child of the triage list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub child_id: i64,
    pub name: String,
    pub id_number: String,
    pub village: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub categories: Vec<Category>,
    pub flags: Vec<Flag>,
    pub risk: Option<RiskLevel>,
    pub registered_on: NaiveDate,
    pub due: Due,
}

/// The order of the triage list: due date, then risk (一级 first, none last),
/// then the name in pinyin order, then the ID number.
pub fn triage_order(
    a: (NaiveDate, Option<RiskLevel>, &str, &str),
    b: (NaiveDate, Option<RiskLevel>, &str, &str),
) -> Ordering {
    let risk = |r: Option<RiskLevel>| r.map_or(RiskLevel::Nil.index(), RiskLevel::index);
    a.0.cmp(&b.0)
        .then(risk(a.1).cmp(&risk(b.1)))
        .then_with(|| a.2.cmp(b.2))
        .then_with(|| a.3.cmp(b.3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_follows_the_first_matching_rule() {
        let p = Policy::default();
        let today = d(2026, 9, 15);
        let focus = p
            .due(
                &[Flag::LivingAlone],
                &[],
                Some(d(2026, 8, 26)),
                d(2025, 1, 1),
                today,
            )
            .unwrap();
        assert_eq!(
            (focus.rule.as_str(), focus.next_due, focus.overdue_days),
            ("focus", d(2026, 9, 9), 6)
        );
        // out_of_school is a flag, but not one of the focus rule's.
        let monthly = p
            .due(
                &[Flag::OutOfSchool],
                &[],
                Some(d(2026, 5, 31)),
                d(2025, 1, 1),
                today,
            )
            .unwrap();
        assert_eq!(
            (
                monthly.rule.as_str(),
                monthly.next_due,
                monthly.overdue_days
            ),
            ("monthly", d(2026, 6, 30), 77)
        );
    }

    #[test]
    fn never_visited_is_due_on_registration() {
        let due = Policy::default()
            .due(&[], &[], None, d(2025, 6, 18), d(2026, 9, 15))
            .unwrap();
        assert_eq!((due.next_due, due.overdue_days), (d(2025, 6, 18), 454));
    }

    #[test]
    fn policies_load_from_toml_and_json() {
        let text = r#"
name = "county"
counting_kinds = ["home", "historic", "school"]
[[rules]]
id = "orphans"
any_category = ["orphan"]
every = "2w"
[[rules]]
id = "all"
every = "3m"
"#;
        let p = Policy::from_text(text).unwrap();
        assert!(p.counts(VisitKind::School));
        let due = p
            .due(
                &[],
                &[Category::Orphan],
                Some(d(2026, 1, 1)),
                d(2025, 1, 1),
                d(2026, 1, 10),
            )
            .unwrap();
        assert_eq!(
            (due.rule.as_str(), due.next_due),
            ("orphans", d(2026, 1, 15))
        );
        let json = serde_json::to_string(&Policy::quarterly()).unwrap();
        assert_eq!(Policy::from_text(&json).unwrap(), Policy::quarterly());
        assert!(Policy::from_text("name = \"x\"\nrules = []").is_err());
        assert!(Policy::from_text("name = \"x\"\n[[rules]]\nid = \"a\"\nevery = \"0d\"").is_err());
        assert!(
            Policy::from_text(
                "name = \"x\"\n[[rules]]\nid = \"a\"\nany_flag = [\"nope\"]\nevery = \"1m\""
            )
            .is_err()
        );
    }

    #[test]
    fn triage_orders_by_date_risk_name_id() {
        let day = d(2026, 9, 17);
        let mut rows = [
            (day, None, "zhu xuan hua", "b"),
            (day, Some(RiskLevel::Two), "zhu qi mei", "a"),
            (d(2026, 9, 1), Some(RiskLevel::Nil), "wang", "c"),
            (day, Some(RiskLevel::Two), "zhu qi mei", "0"),
        ];
        rows.sort_by(|a, b| triage_order(*a, *b));
        let ids: Vec<&str> = rows.iter().map(|r| r.3).collect();
        assert_eq!(ids, ["c", "0", "a", "b"]);
    }
}
