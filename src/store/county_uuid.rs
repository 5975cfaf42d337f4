//! A county file's uuids kept unique by an index of their own (`t_uuid`)
//! rather than by each table's UNIQUE clause: the same rule, but an index
//! the bulk merge can set aside and build again by one sort. Inserted at
//! random places, the uuids of five million visits were half the merge.

use anyhow::{Result, anyhow};
use rusqlite::{Connection, Transaction};

use crate::i18n::{W, t};

/// The suffix of a uuid's own index.
const SUFFIX: &str = "_uuid";

/// Remakes a new (empty) county file's synced tables with their uuid's
/// UNIQUE clause as an index of its own; their other indexes and triggers
/// made again as they were. One transaction.
pub(super) fn apart(conn: &Connection) -> Result<()> {
    // Keys are not checked while a table is made again (it is empty), and a
    // table renamed keeps what points at it by name.
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; BEGIN")?;
    let done = (|| -> Result<()> {
        for t in super::sync::TABLES {
            let sql: String = conn.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )?;
            let Some(plain) = without_unique_uuid(&sql) else {
                continue;
            };
            let others: Vec<String> = conn
                .prepare(
                    "SELECT sql FROM sqlite_master
                     WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                )?
                .query_map([t], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let body = plain.find('(').ok_or_else(|| anyhow!("table {t}"))?;
            conn.execute_batch(&format!(
                "CREATE TABLE {t}_apart {};
                 DROP TABLE {t};
                 ALTER TABLE {t}_apart RENAME TO {t};
                 CREATE UNIQUE INDEX {t}{SUFFIX} ON {t}(uuid);",
                &plain[body..]
            ))?;
            for sql in others {
                conn.execute_batch(&sql)?;
            }
        }
        Ok(())
    })();
    let end = if done.is_ok() { "COMMIT" } else { "ROLLBACK" };
    conn.execute_batch(&format!(
        "{end}; PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON"
    ))?;
    done
}

/// A table's statement with its uuid column's UNIQUE clause taken out;
/// `None` when it has none.
fn without_unique_uuid(sql: &str) -> Option<String> {
    let at = sql.find("uuid ")?;
    let end = at + sql[at..].find([',', '\n'])?;
    let decl = sql[at..end].trim_end_matches(',').trim_end();
    let kept = decl.strip_suffix("UNIQUE")?.trim_end();
    Some(format!("{}{kept}{}", &sql[..at], &sql[at + decl.len()..]))
}

/// The table whose uuid index `sql` makes, if it is one.
pub(super) fn table_of(sql: &str) -> Option<&str> {
    let rest = sql.strip_prefix("CREATE UNIQUE INDEX ")?;
    let (name, _) = rest.split_once(' ')?;
    let table = name.strip_suffix(SUFFIX)?;
    rest.contains(&format!("ON {table}(uuid)")).then_some(table)
}

/// Builds a uuid's index set aside by the merge. A record that came under
/// two ids (one registry copied onto two PCs before they had sites, each
/// moving it into its own range) is made one: the later id is mapped to the
/// first (what points at it is pointed at the first after), its row is
/// listed whole as a conflict, never dropped, and taken out.
pub(super) fn build(tx: &Transaction<'_>, sql: &str, table: &str, now: &str) -> Result<()> {
    match tx.execute_batch(sql) {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
        other => return Ok(other?),
    }
    // By rowid: some tables are keyed by what they are of, with no `id`.
    let twice: Vec<(i64, i64, String, String)> = tx
        .prepare(&format!(
            "SELECT t.rowid, k.first, t.uuid, (SELECT group_concat(name, ',') FROM pragma_table_info(?1))
               FROM {table} t
               JOIN (SELECT uuid, min(rowid) AS first FROM {table}
                      GROUP BY uuid HAVING count(*) > 1) k ON k.uuid = t.uuid
              WHERE t.rowid <> k.first"
        ))?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let has_id = twice
        .first()
        .is_some_and(|(.., cols)| cols.split(',').any(|c| c == "id"));
    // First what points at each copy is pointed at the first: deleting a
    // copy would otherwise take every row that points at it (ON DELETE
    // CASCADE), before anything could be pointed elsewhere.
    if has_id {
        for (theirs, ours, ..) in &twice {
            tx.execute(
                "INSERT OR REPLACE INTO id_map (table_name, theirs, ours) VALUES (?1, ?2, ?3)",
                rusqlite::params![table, theirs, ours],
            )?;
        }
        super::sync_map::point_to_ours(tx, super::sync::TABLES, 0, now)?;
    }
    for (theirs, _, uuid, columns) in twice {
        // The row whole, as the conflicts list shows rows: column=value; ...
        let cols: Vec<&str> = columns.split(',').collect();
        let whole: String = tx.query_row(
            &format!(
                "SELECT {} FROM {table} WHERE rowid = ?1",
                cols.iter()
                    .map(|c| format!("'{c}=' || coalesce(\"{c}\", '')"))
                    .collect::<Vec<_>>()
                    .join(" || '; ' || ")
            ),
            [theirs],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO sync_conflicts (table_name, record, field, here, there, from_site,
                kind, at) VALUES (?1, ?2, '*', ?3, ?4, 0, 'constraint', ?5)",
            rusqlite::params![table, uuid, t(W::CountySameTwice), whole, now],
        )?;
        tx.execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [theirs])?;
    }
    tx.execute_batch(sql)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuids_unique_clause_comes_out_and_its_index_is_known_again() {
        let sql = "CREATE TABLE visits (\n    id INTEGER PRIMARY KEY,\n    uuid       TEXT NOT NULL UNIQUE,\n    date TEXT\n)";
        assert_eq!(
            without_unique_uuid(sql).unwrap(),
            "CREATE TABLE visits (\n    id INTEGER PRIMARY KEY,\n    uuid       TEXT NOT NULL,\n    date TEXT\n)"
        );
        assert_eq!(
            without_unique_uuid("CREATE TABLE x (id INTEGER, uuid TEXT)"),
            None
        );
        assert_eq!(
            table_of("CREATE UNIQUE INDEX visits_uuid ON visits(uuid)"),
            Some("visits")
        );
        assert_eq!(table_of("CREATE INDEX visits_date ON visits(date)"), None);
        assert_eq!(table_of("CREATE UNIQUE INDEX a_uuid ON b(uuid)"), None);
    }
}
