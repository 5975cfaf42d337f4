//! Each active child's due date, kept (`child_due`, schema v11): the triage
//! of a county file reads it by its index instead of working out 400,000
//! children at each start. A write marks the children it touches (triggers
//! fill `due_dirty`) and their dates are worked out again before it commits;
//! a change of cadence, or a file from before v11, works them all out.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::triage::{DueRow, codes, day, in_triage_order, one, row_of, scan};
use crate::domain::cadence::{Due, Policy};
use crate::domain::{Category, Flag};

/// More touched children than this are worked out in one scan of all.
const ONE_BY_ONE: usize = 2_000;

/// The cadence the kept dates were worked out under, as kept in settings.
fn stamp(policy: &Policy) -> String {
    serde_json::to_string(policy).unwrap_or_default()
}

/// The file's own cadence, read on a connection.
fn policy_in(conn: &Connection) -> Result<Policy> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'policy'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match text {
        None => Policy::default(),
        Some(t) => match Policy::preset(&t) {
            Some(p) => p,
            None => Policy::from_text(&t).map_err(|e| anyhow::anyhow!(e))?,
        },
    })
}

/// Whether the kept dates are those of `policy`, with nothing left to redo.
pub(super) fn kept_for(conn: &Connection, policy: &Policy) -> Result<bool> {
    let kept: Option<String> = conn
        .prepare_cached("SELECT policy FROM due_stamp WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    if kept.as_deref() != Some(stamp(policy).as_str()) {
        return Ok(false);
    }
    let dirty: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM due_dirty)")?
        .query_row([], |r| r.get(0))?;
    Ok(!dirty)
}

/// Works out again the dates of the children a write touched (all of them
/// when the cadence changed, or `all`). Runs inside the write's transaction.
pub(super) fn refresh(conn: &Connection, all: bool) -> Result<()> {
    let policy = policy_in(conn)?;
    let stamp = stamp(&policy);
    let kept: Option<String> = conn
        .prepare_cached("SELECT policy FROM due_stamp WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let dirty: Vec<i64> = conn
        .prepare_cached("SELECT child_id FROM due_dirty")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let all = all || kept.as_deref() != Some(stamp.as_str()) || dirty.len() > ONE_BY_ONE;
    if !all && dirty.is_empty() {
        return Ok(());
    }
    // The date a row is worked out for changes only its days overdue.
    let any_day = NaiveDate::MIN;
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO child_due (child_id, village_id, rule, last_visit, next_due)
         VALUES (?1, (SELECT village_id FROM children WHERE id = ?1), ?2, ?3, ?4)",
    )?;
    let mut keep = |r: &DueRow| -> Result<()> {
        put.execute(rusqlite::params![
            r.child_id,
            r.due.rule,
            r.due.last_visit.map(|d| d.to_string()),
            r.due.next_due.to_string()
        ])?;
        Ok(())
    };
    if all {
        conn.execute("DELETE FROM child_due", [])?;
        for r in scan(conn, &policy, any_day, |_, _| true)? {
            keep(&r)?;
        }
        conn.execute(
            "INSERT OR REPLACE INTO due_stamp (id, policy) VALUES (1, ?1)",
            [&stamp],
        )?;
    } else {
        let villages = std::collections::HashMap::new();
        for child in dirty {
            match one(conn, &policy, any_day, child, &villages)? {
                Some(r) => keep(&r)?,
                None => {
                    conn.prepare_cached("DELETE FROM child_due WHERE child_id = ?1")?
                        .execute([child])?;
                }
            }
        }
    }
    conn.execute("DELETE FROM due_dirty", [])?;
    Ok(())
}

/// The triage read from the kept dates: those due on or before `until` by
/// the index, then in triage order.
pub(super) fn read(
    conn: &Connection,
    today: NaiveDate,
    until: Option<NaiveDate>,
    keep: impl Fn(&Due, &str) -> bool,
) -> Result<Vec<DueRow>> {
    let villages = super::village_names_in(conn)?;
    let until = until.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
    // The children in pinyin order from their covering index, each with its
    // kept date (no sort; the rest of the record is never read).
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, COALESCE(c.id_number, ''), c.village_id, c.gender, c.birth_date,
            c.risk, c.registered_on, c.category_codes, c.flag_codes, d.rule, d.last_visit,
            d.next_due
         FROM children c INDEXED BY children_triage CROSS JOIN child_due d ON d.child_id = c.id
         WHERE +c.status = 'active' AND d.next_due <= ?1
         ORDER BY c.name_key, c.id_number, c.id",
    )?;
    let mut q = stmt.query([until])?;
    let mut rows = Vec::with_capacity(4096);
    while let Some(r) = q.next()? {
        let Some(next_due) = day(r.get_ref(12)?.as_str_or_null()?) else {
            continue;
        };
        let last_visit = day(r.get_ref(11)?.as_str_or_null()?);
        let due = Due {
            rule: r.get(10)?,
            last_visit,
            next_due,
            overdue_days: (today - next_due).num_days(),
        };
        let village = villages
            .get(&r.get::<_, i64>(3)?)
            .map_or("", String::as_str);
        if !keep(&due, village) {
            continue;
        }
        let known = (
            day(r.get_ref(7)?.as_str_or_null()?).unwrap_or(NaiveDate::MIN),
            codes(r.get_ref(8)?.as_str()?, Category::from_code),
            codes(r.get_ref(9)?.as_str()?, Flag::from_code),
        );
        rows.push(row_of(r, village, known, due)?);
    }
    Ok(in_triage_order(rows))
}

/// The triage in figures, by village: how many children are overdue on
/// `today`, and how many more are due by `until` — read from the kept dates'
/// index alone (a county file's 400,000 children are never read one by one).
/// `None` when the dates are not kept for `policy`.
pub(super) fn counts(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<Option<Vec<(i64, usize, usize)>>> {
    if !kept_for(conn, policy)? {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT village_id, sum(next_due < ?1), sum(next_due >= ?1)
         FROM child_due WHERE next_due <= ?2 GROUP BY village_id",
    )?;
    let rows = stmt.query_map([today.to_string(), until.to_string()], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, i64>(1)? as usize,
            r.get::<_, i64>(2)? as usize,
        ))
    })?;
    Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Category, Child, ChildStatus, Visit, VisitKind};
    use crate::store::Store;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The kept triage and the worked-out one, row for row.
    fn same(store: &Store, policy: &Policy, today: NaiveDate) {
        assert!(kept_for(&store.conn, policy).unwrap(), "kept");
        let kept = read(&store.conn, today, None, |_, _| true).unwrap();
        let worked = scan(&store.conn, policy, today, |_, _| true).unwrap();
        assert_eq!(kept, worked);
        let until = today + chrono::Days::new(7);
        let kept = read(&store.conn, today, Some(until), |_, _| true).unwrap();
        assert!(kept.iter().all(|r| r.due.next_due <= until));
        assert_eq!(
            kept.len(),
            worked.iter().filter(|r| r.due.next_due <= until).count()
        );
        // The figures by village, from the index alone, as the list has them.
        let mut by_index = counts(&store.conn, policy, today, until).unwrap().unwrap();
        let names = store.village_names().unwrap();
        let mut by_list: std::collections::BTreeMap<i64, (usize, usize)> = Default::default();
        for r in kept {
            let id = *names.iter().find(|(_, n)| **n == r.village).unwrap().0;
            let e = by_list.entry(id).or_default();
            if r.due.next_due < today {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        by_index.sort();
        let by_list: Vec<(i64, usize, usize)> =
            by_list.into_iter().map(|(v, (a, b))| (v, a, b)).collect();
        assert_eq!(by_index, by_list);
    }

    #[test]
    fn the_kept_due_dates_follow_every_write_that_moves_them() {
        let today = d(2026, 11, 23);
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::generate(&mut store, 300, 4, today).unwrap();
        let policy = store.policy().unwrap();
        same(&store, &policy, today);
        let rows = store.triage(&policy, today).unwrap();
        // A visit today moves the most overdue child to the end of the list.
        let first = rows[0].child_id;
        let mut v = Visit::new(first, today, VisitKind::Home);
        store.save_visit(&mut v).unwrap();
        same(&store, &policy, today);
        let kept: String = store
            .conn
            .query_row(
                "SELECT last_visit FROM child_due WHERE child_id = ?1",
                [first],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, today.to_string());
        // Undone: back where it was.
        store.delete_visit(v.id).unwrap();
        same(&store, &policy, today);
        assert_eq!(store.triage(&policy, today).unwrap()[0].child_id, first);
        // A new child, a changed category, a closed case, a deleted child.
        let mut c = Child::new(d(2026, 11, 20));
        c.name = "测试丙".into();
        c.village = "新村".into();
        c.categories = vec![Category::Orphan];
        store.save_child(&mut c).unwrap();
        same(&store, &policy, today);
        c.categories = vec![Category::LeftBehind];
        store.save_child(&mut c).unwrap();
        same(&store, &policy, today);
        let mut closed = store.child(rows[1].child_id).unwrap().unwrap();
        closed.status = ChildStatus::Exited;
        store.save_child(&mut closed).unwrap();
        same(&store, &policy, today);
        assert!(
            store
                .triage(&policy, today)
                .unwrap()
                .iter()
                .all(|r| r.child_id != closed.id)
        );
        store.delete_child(c.id).unwrap();
        same(&store, &policy, today);
        // Another cadence: all worked out again, and the old one no longer
        // counts as kept.
        store.set_setting("policy", "quarterly").unwrap();
        assert!(!kept_for(&store.conn, &policy).unwrap());
        same(&store, &Policy::quarterly(), today);
    }

    #[test]
    fn a_file_with_dates_not_yet_worked_out_is_read_the_long_way_until_its_next_write() {
        let today = d(2026, 11, 23);
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::generate(&mut store, 100, 2, today).unwrap();
        let policy = store.policy().unwrap();
        let before = store.triage(&policy, today).unwrap();
        store
            .conn
            .execute_batch("DELETE FROM child_due; DELETE FROM due_stamp;")
            .unwrap();
        assert!(!kept_for(&store.conn, &policy).unwrap());
        assert_eq!(store.triage(&policy, today).unwrap(), before);
        store.set_setting("officer", "王主任").unwrap();
        same(&store, &policy, today);
    }
}
