//! The triage: every active child with its place in the visit cadence.
//!
//! Two plain scans (the children with their category and flag codes, and the
//! latest visit per kind) are joined here rather than by correlated subqueries:
//! at county scale this is several times faster, and it is the whole of the SQL
//! the triage runs.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::Store;
use crate::domain::cadence::{Due, Policy};
use crate::domain::{Category, Flag, Gender, RiskLevel, date};

pub use crate::domain::cadence::DueRow;

/// The statements behind the triage, in order: villages (as
/// [`Store::village_names`] reads them), active children, latest counting visits. Public so that the benchmark can
/// run the very same text in the `sqlite3` shell.
pub fn triage_sql(policy: &Policy) -> [String; 3] {
    let kinds: Vec<String> = policy
        .counting_kinds
        .iter()
        .map(|k| format!("'{}'", k.code()))
        .collect();
    [
        "SELECT id, name FROM villages".into(),
        // In pinyin order, then ID number: the triage's order among equals,
        // read from one covering index (`+status` keeps the planner off the
        // status index, which would need a sort).
        "SELECT id, name, COALESCE(id_number, ''),
            village_id, gender, birth_date, risk, registered_on, category_codes, flag_codes,
            reopened_on
         FROM children WHERE +status = 'active'
         ORDER BY name_key, id_number, id"
            .into(),
        format!(
            "SELECT child_id, date FROM child_last_visit WHERE kind IN ({})",
            kinds.join(", ")
        ),
    ]
}

pub(super) fn codes<T: Ord>(text: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    let mut v: Vec<T> = text.split(',').filter_map(parse).collect();
    v.sort();
    v
}

pub(super) fn day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(date::from_iso)
}

/// One child of the triage from a row of the children statement, with its
/// latest counting visit; `None` when the policy gives it no cadence or `keep`
/// leaves it out.
pub(super) fn due_row(
    r: &rusqlite::Row,
    villages: &std::collections::HashMap<i64, String>,
    policy: &Policy,
    last: Option<NaiveDate>,
    today: NaiveDate,
    keep: &impl Fn(&Due, &str) -> bool,
) -> Result<Option<DueRow>> {
    let village = villages
        .get(&r.get::<_, i64>(3)?)
        .map_or("", String::as_str);
    let categories = codes(r.get_ref(8)?.as_str()?, Category::from_code);
    let flags = codes(r.get_ref(9)?.as_str()?, Flag::from_code);
    let registered_on = day(r.get_ref(7)?.as_str_or_null()?).unwrap_or(NaiveDate::MIN);
    let Some(mut due) = policy.due(&flags, &categories, last, registered_on, today) else {
        return Ok(None);
    };
    // A child taken back onto the register is due on that day, until visited.
    if let Some(reopened) = day(r.get_ref(10)?.as_str_or_null()?) {
        due.reopened(reopened, today);
    }
    if !keep(&due, village) {
        return Ok(None);
    }
    row_of(r, village, (registered_on, categories, flags), due).map(Some)
}

/// A row of the triage from columns 0 to 6 of the children statement, the
/// child's registration, categories and flags (read already) and its place.
pub(super) fn row_of(
    r: &rusqlite::Row,
    village: &str,
    (registered_on, categories, flags): (NaiveDate, Vec<Category>, Vec<Flag>),
    due: Due,
) -> Result<DueRow> {
    Ok(DueRow {
        child_id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        village: village.to_string(),
        gender: r.get_ref(4)?.as_str_or_null()?.and_then(Gender::from_code),
        birth_date: day(r.get_ref(5)?.as_str_or_null()?),
        risk: r
            .get_ref(6)?
            .as_str_or_null()?
            .and_then(RiskLevel::from_code),
        registered_on,
        categories,
        flags,
        due,
    })
}

/// The triage worked out child by child: two plain scans joined here.
pub(super) fn scan(
    conn: &rusqlite::Connection,
    policy: &Policy,
    today: NaiveDate,
    keep: impl Fn(&Due, &str) -> bool,
) -> Result<Vec<DueRow>> {
    let [_, children_sql, last_sql] = triage_sql(policy);
    let villages = super::village_names_in(conn)?;
    // The latest counting visit of each child, by row id (ids are in the
    // ranges of the sites that made them: a map, not a vector).
    let mut last: std::collections::HashMap<i64, NaiveDate> =
        std::collections::HashMap::with_capacity(4096);
    let mut stmt = conn.prepare_cached(&last_sql)?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let id = r.get::<_, i64>(0)?;
        if let Some(d) = day(r.get_ref(1)?.as_str_or_null()?) {
            let e = last.entry(id).or_insert(d);
            *e = (*e).max(d);
        }
    }
    let mut rows: Vec<DueRow> = Vec::with_capacity(4096);
    let mut stmt = conn.prepare_cached(&children_sql)?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        let last = last.get(&id).copied();
        if let Some(row) = due_row(r, &villages, policy, last, today, &keep)? {
            rows.push(row);
        }
    }
    // The rows came in pinyin order (then ID number): a stable sort by due
    // date and risk gives the whole triage order (`triage_order`).
    Ok(in_triage_order(rows))
}

/// Rows in pinyin order (then ID number) put in triage order: a stable sort
/// by due date and risk.
pub(super) fn in_triage_order(rows: Vec<DueRow>) -> Vec<DueRow> {
    let risk = |r: Option<RiskLevel>| r.map_or(RiskLevel::Nil.index(), RiskLevel::index) as i64;
    let mut order: Vec<(i64, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i64::from(r.due.next_due.num_days_from_ce()) * 8 + risk(r.risk),
                i,
            )
        })
        .collect();
    order.sort_by_key(|(k, _)| *k);
    let mut slots: Vec<Option<DueRow>> = rows.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect()
}

/// One child's row of the triage, worked out.
pub(super) fn one(
    conn: &rusqlite::Connection,
    policy: &Policy,
    today: NaiveDate,
    child: i64,
    villages: &std::collections::HashMap<i64, String>,
) -> Result<Option<DueRow>> {
    let [_, children_sql, last_sql] = triage_sql(policy);
    let last: Option<NaiveDate> = {
        let sql = format!("SELECT max(date) FROM ({last_sql} AND child_id = ?1)");
        let text: Option<String> = conn
            .prepare_cached(&sql)?
            .query_row([child], |r| r.get(0))?;
        day(text.as_deref())
    };
    let one = children_sql.replace("FROM children WHERE", "FROM children WHERE id = ?1 AND");
    let mut stmt = conn.prepare_cached(&one)?;
    let mut q = stmt.query([child])?;
    match q.next()? {
        Some(r) => due_row(r, villages, policy, last, today, &|_, _| true),
        None => Ok(None),
    }
}

impl Store {
    /// One child's row of the triage (`None`: not active, or no cadence):
    /// what a save changes, read without reading everyone.
    pub fn triage_of(
        &self,
        policy: &Policy,
        today: NaiveDate,
        child: i64,
        villages: &std::collections::HashMap<i64, String>,
    ) -> Result<Option<DueRow>> {
        one(&self.conn, policy, today, child, villages)
    }

    /// Every active child that the policy gives a cadence, in triage order.
    pub fn triage(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<DueRow>> {
        self.triage_where(policy, today, |_, _| true)
    }

    /// The triage list of the children whose due date and village `keep` keeps.
    /// The filter runs before a row's text is read, and before the sort.
    pub fn triage_where(
        &self,
        policy: &Policy,
        today: NaiveDate,
        keep: impl Fn(&Due, &str) -> bool,
    ) -> Result<Vec<DueRow>> {
        self.triage_until(policy, today, None, keep)
    }

    /// As [`Store::triage_where`], only the children due on or before
    /// `until`: read from the kept due dates by their index when they are
    /// kept for `policy`, else worked out child by child.
    pub fn triage_until(
        &self,
        policy: &Policy,
        today: NaiveDate,
        until: Option<NaiveDate>,
        keep: impl Fn(&Due, &str) -> bool,
    ) -> Result<Vec<DueRow>> {
        let keep = |due: &Due, village: &str| {
            until.is_none_or(|u| due.next_due <= u) && keep(due, village)
        };
        if super::due_kept::kept_for(&self.conn, policy)? {
            super::due_kept::read(&self.conn, today, until, keep)
        } else {
            scan(&self.conn, policy, today, keep)
        }
    }

    /// The triage in figures by village name: overdue on `today`, and due
    /// from today to `until`. From the kept dates' index when they are kept
    /// (a county's 400,000 children in milliseconds), else worked out.
    pub fn due_counts(
        &self,
        policy: &Policy,
        today: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<(String, usize, usize)>> {
        let villages = self.village_names()?;
        let by_id = match super::due_kept::counts(&self.conn, policy, today, until)? {
            Some(rows) => rows,
            None => {
                let mut per: std::collections::HashMap<String, (usize, usize)> =
                    std::collections::HashMap::new();
                for r in self.triage_until(policy, today, Some(until), |_, _| true)? {
                    let e = per.entry(r.village).or_default();
                    if r.due.overdue_days > 0 {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
                return Ok(per.into_iter().map(|(v, (a, b))| (v, a, b)).collect());
            }
        };
        Ok(by_id
            .into_iter()
            .map(|(id, a, b)| (villages.get(&id).cloned().unwrap_or_default(), a, b))
            .collect())
    }

    /// The triage list of `due`: due on or before `until`, optionally one village.
    pub fn due_until(
        &self,
        policy: &Policy,
        today: NaiveDate,
        until: NaiveDate,
        village: Option<&str>,
    ) -> Result<Vec<DueRow>> {
        self.triage_until(policy, today, Some(until), |_, v| {
            village.is_none_or(|want| crate::domain::text::in_place(v, want))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadence::triage_order;

    #[test]
    fn the_store_orders_exactly_as_the_rule_says() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::generate(&mut store, 400, 3, today).unwrap();
        let rows = store.triage(&Policy::default(), today).unwrap();
        let key = |id: i64| -> String {
            store
                .conn
                .query_row("SELECT name_key FROM children WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap()
        };
        let mut by_rule: Vec<(NaiveDate, Option<RiskLevel>, String, String, i64)> = rows
            .iter()
            .map(|r| {
                (
                    r.due.next_due,
                    r.risk,
                    key(r.child_id),
                    r.id_number.clone(),
                    r.child_id,
                )
            })
            .collect();
        by_rule.sort_by(|a, b| {
            triage_order((a.0, a.1, &a.2, &a.3), (b.0, b.1, &b.2, &b.3)).then(a.4.cmp(&b.4))
        });
        let ids: Vec<i64> = rows.iter().map(|r| r.child_id).collect();
        let want: Vec<i64> = by_rule.iter().map(|r| r.4).collect();
        assert_eq!(ids, want);
    }
    use crate::domain::{Child, Visit, VisitKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_latest_counting_visit_follows_inserts_moves_and_deletes() {
        let mut store = Store::open_in_memory().unwrap();
        let mut c = Child::new(d(2026, 1, 1));
        c.name = "甲".into();
        c.village = "村".into();
        c.categories = vec![Category::Orphan];
        store.save_child(&mut c).unwrap();
        let policy = Policy::default();
        let last = |s: &Store| s.triage(&policy, d(2026, 6, 1)).unwrap()[0].due.last_visit;
        assert_eq!(last(&store), None);
        let mut a = Visit::new(c.id, d(2026, 3, 1), VisitKind::Home);
        store.save_visit(&mut a).unwrap();
        let mut phone = Visit::new(c.id, d(2026, 4, 1), VisitKind::Phone);
        store.save_visit(&mut phone).unwrap();
        assert_eq!(last(&store), Some(d(2026, 3, 1)));
        let mut b = Visit::new(c.id, d(2026, 2, 1), VisitKind::Historic);
        store.save_visit(&mut b).unwrap();
        assert_eq!(last(&store), Some(d(2026, 3, 1)));
        a.date = d(2026, 1, 15);
        store.save_visit(&mut a).unwrap();
        assert_eq!(last(&store), Some(d(2026, 2, 1)));
        store.delete_visit(b.id).unwrap();
        assert_eq!(last(&store), Some(d(2026, 1, 15)));
        store.delete_visit(a.id).unwrap();
        assert_eq!(last(&store), None);
        let due = &store.triage(&policy, d(2026, 6, 1)).unwrap()[0].due;
        assert_eq!(due.next_due, d(2026, 1, 1));
    }
}
