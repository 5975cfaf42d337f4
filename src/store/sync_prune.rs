//! Keeping the outbox small: a change every known PC has acknowledged is
//! pruned (its row stays, so that numbers never run backwards, but its bytes
//! go). A PC that starts from a file of a pruned outbox gets a snapshot of
//! every record instead, and counts what it covers as held (`sync_held`).

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::Connection;

use super::sync::TABLES;

/// Whether none of the synced tables holds a row: a PC starting out.
pub(super) fn holds_nothing(conn: &Connection) -> Result<bool> {
    for t in TABLES {
        let any: bool = conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {t})"), [], |r| {
            r.get(0)
        })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What this database holds of every site: the last number up to which it
/// holds them all (a file imported ahead of an earlier one leaves a gap,
/// and what lies beyond the gap does not count), a snapshot's included.
pub(super) fn have(conn: &Connection) -> Result<BTreeMap<i64, i64>> {
    let mut out: BTreeMap<i64, i64> = conn
        .prepare_cached("SELECT site, upto FROM sync_held")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Per site, counting on from the snapshot (or from nothing) while the
    // numbers follow one another.
    let mut stmt = conn.prepare_cached("SELECT site, seq FROM outbox ORDER BY site, seq")?;
    let mut q = stmt.query([])?;
    let mut gap: Option<i64> = None;
    while let Some(r) = q.next()? {
        let (site, seq): (i64, i64) = (r.get(0)?, r.get(1)?);
        if gap == Some(site) {
            continue;
        }
        let cur = out.entry(site).or_insert(0);
        if seq == *cur + 1 {
            *cur = seq;
        } else if seq > *cur + 1 {
            gap = Some(site);
        }
    }
    out.retain(|_, upto| *upto > 0);
    Ok(out)
}

/// Whether change `seq` of `site` is held here.
pub(super) fn held(conn: &Connection, site: i64, seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE site = ?1 AND seq = ?2)
                 OR EXISTS (SELECT 1 FROM sync_held WHERE site = ?1 AND upto >= ?2)",
        )?
        .query_row([site, seq], |r| r.get(0))?)
}

/// Prunes the changes every PC met so far holds. Returns how many.
pub(super) fn prune(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE outbox SET changes = x''
         WHERE length(changes) > 0
           AND EXISTS (SELECT 1 FROM peers)
           AND NOT EXISTS (
               SELECT 1 FROM (SELECT DISTINCT site AS p FROM peers) k
               WHERE coalesce((SELECT seq FROM peers WHERE site = k.p AND of_site = outbox.site), 0)
                     < outbox.seq)",
        [],
    )?)
}

/// Whether anything here was pruned (a full file then needs a snapshot).
pub(super) fn pruned(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE length(changes) = 0)",
        [],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn what_is_held_counts_on_only_while_the_numbers_follow() {
        let s = Store::open_in_memory().unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO outbox (site, seq, changes, at) VALUES
                    (7, 1, x'01', ''), (7, 2, x'01', ''), (7, 4, x'01', ''),
                    (9, 6, x'01', ''), (9, 7, x'01', ''), (11, 3, x'01', '');
                 INSERT INTO sync_held (site, upto) VALUES (9, 5);",
            )
            .unwrap();
        let have = have(&s.conn).unwrap();
        assert_eq!(have.get(&7), Some(&2), "4 came ahead of 3: not yet counted");
        assert_eq!(have.get(&9), Some(&7), "on from the snapshot's 5");
        assert_eq!(have.get(&11), None, "1 and 2 never came");
        assert!(held(&s.conn, 9, 3).unwrap());
        assert!(held(&s.conn, 7, 4).unwrap());
        assert!(!held(&s.conn, 7, 3).unwrap());
    }
}
