//! The triage: every active child with its place in the visit cadence.

use anyhow::Result;
use chrono::NaiveDate;

use super::Store;
use crate::domain::cadence::{Due, Policy, triage_order};
use crate::domain::{Category, Flag, Gender, RiskLevel, date};

/// One active child of the triage list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub child_id: i64,
    pub name: String,
    /// The pinyin sort key.
    pub name_key: String,
    /// Full pinyin and initials, for search.
    pub name_full: String,
    pub name_initials: String,
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

/// The one query behind the triage: active children with their categories,
/// flags and latest counting visit. Public so that the benchmark can run the
/// very same text in the `sqlite3` shell.
pub fn triage_sql(policy: &Policy) -> String {
    let kinds: Vec<String> = policy
        .counting_kinds
        .iter()
        .map(|k| format!("'{}'", k.code()))
        .collect();
    format!(
        "SELECT c.id, c.name, c.name_key, c.name_full, c.name_initials, COALESCE(c.id_number, ''),
            v.name, c.gender, c.birth_date, c.risk, c.registered_on,
            (SELECT group_concat(category) FROM child_categories WHERE child_id = c.id),
            (SELECT group_concat(flag) FROM child_flags WHERE child_id = c.id),
            (SELECT date FROM visits WHERE child_id = c.id AND kind IN ({})
                ORDER BY date DESC LIMIT 1)
         FROM children c JOIN villages v ON v.id = c.village_id
         WHERE c.status = 'active'",
        kinds.join(", ")
    )
}

fn codes<T>(text: Option<String>, parse: fn(&str) -> Option<T>) -> Vec<T> {
    text.map(|t| t.split(',').filter_map(parse).collect())
        .unwrap_or_default()
}

impl Store {
    /// Every active child that the policy gives a cadence, in triage order.
    pub fn triage(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<DueRow>> {
        let mut stmt = self.conn.prepare_cached(&triage_sql(policy))?;
        let mut rows = Vec::with_capacity(1024);
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let categories = codes(r.get(11)?, Category::from_code);
            let flags = codes(r.get(12)?, Flag::from_code);
            let registered_on = date::from_iso(&r.get::<_, String>(10)?).unwrap_or(NaiveDate::MIN);
            let last = r
                .get::<_, Option<String>>(13)?
                .and_then(|s| date::from_iso(&s));
            let Some(due) = policy.due(&flags, &categories, last, registered_on, today) else {
                continue;
            };
            let mut categories = categories;
            categories.sort();
            rows.push(DueRow {
                child_id: r.get(0)?,
                name: r.get(1)?,
                name_key: r.get(2)?,
                name_full: r.get(3)?,
                name_initials: r.get(4)?,
                id_number: r.get(5)?,
                village: r.get(6)?,
                gender: r
                    .get::<_, Option<String>>(7)?
                    .and_then(|s| Gender::from_code(&s)),
                birth_date: r
                    .get::<_, Option<String>>(8)?
                    .and_then(|s| date::from_iso(&s)),
                risk: r
                    .get::<_, Option<String>>(9)?
                    .and_then(|s| RiskLevel::from_code(&s)),
                categories,
                flags,
                registered_on,
                due,
            });
        }
        rows.sort_by(|a, b| {
            triage_order(
                (a.due.next_due, a.risk, &a.name_key, &a.id_number),
                (b.due.next_due, b.risk, &b.name_key, &b.id_number),
            )
        });
        Ok(rows)
    }

    /// The triage list of `due`: due on or before `until`, optionally one village.
    pub fn due_until(
        &self,
        policy: &Policy,
        today: NaiveDate,
        until: NaiveDate,
        village: Option<&str>,
    ) -> Result<Vec<DueRow>> {
        let mut rows = self.triage(policy, today)?;
        rows.retain(|r| r.due.next_due <= until && village.is_none_or(|v| r.village == v));
        Ok(rows)
    }
}
