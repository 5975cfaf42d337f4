//! Records made on two PCs that are one record by what must be unique: two
//! officers each add 石桥村 offline, or register the same child (one ID
//! number). The second cannot be written beside the first; it is mapped to
//! it (`id_map`), and the other PC's rows that point at it — the children of
//! that village, the visits of that child — are pointed at ours, so that no
//! visit is lost and nothing points at a record that is not there.

use anyhow::Result;
use rusqlite::Transaction;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// Our record that holds what `row` (theirs, refused as a constraint
/// conflict) must hold alone: their id and ours, when there is one.
pub(super) fn twin(
    tx: &Transaction<'_>,
    table: &str,
    columns: &[String],
    row: &[Option<Value>],
) -> Result<Option<(i64, i64)>> {
    let at = |name: &str| columns.iter().position(|c| c == name);
    let (Some(id_at), Some(_)) = (at("id"), at("uuid")) else {
        return Ok(None);
    };
    let Some(Some(Value::Integer(theirs))) = row.get(id_at) else {
        return Ok(None);
    };
    // The table's unique keys other than its id and uuid.
    let keys: Vec<Vec<String>> = {
        let names: Vec<String> = tx
            .prepare(&format!("PRAGMA index_list({table})"))?
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?
            .filter_map(|r| r.ok())
            .filter(|(_, unique)| *unique)
            .map(|(name, _)| name)
            .collect();
        let mut keys = Vec::new();
        for name in names {
            let cols: Vec<String> = tx
                .prepare(&format!("PRAGMA index_info({name})"))?
                .query_map([], |r| r.get::<_, Option<String>>(2))?
                .filter_map(|r| r.ok().flatten())
                .collect();
            if !cols.is_empty() && !cols.iter().any(|c| c == "uuid" || c == "id") {
                keys.push(cols);
            }
        }
        keys
    };
    for key in keys {
        let values: Option<Vec<Value>> = key
            .iter()
            .map(|c| at(c).and_then(|i| row.get(i).cloned().flatten()))
            .collect();
        let Some(values) = values else { continue };
        if values.contains(&Value::Null) {
            continue;
        }
        let sql = format!(
            "SELECT id FROM {table} WHERE {}",
            key.iter()
                .map(|c| format!("{c} = ?"))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        let ours: Option<i64> = tx
            .query_row(&sql, params_from_iter(values.iter()), |r| r.get(0))
            .ok();
        if let Some(ours) = ours
            && ours != *theirs
        {
            tx.execute(
                "INSERT OR REPLACE INTO id_map (table_name, theirs, ours) VALUES (?1, ?2, ?3)",
                rusqlite::params![table, theirs, ours],
            )?;
            return Ok(Some((*theirs, ours)));
        }
    }
    Ok(None)
}

/// Points every row that points at a mapped record of theirs at ours.
/// A row that cannot be (ours has one already where only one is allowed)
/// is taken out and listed whole in the conflicts, as from `from_site`.
/// Returns how many were listed.
pub(super) fn point_to_ours(
    tx: &Transaction<'_>,
    tables: &[&str],
    from_site: i64,
    at: &str,
) -> Result<usize> {
    let mapped: Vec<String> = tx
        .prepare_cached("SELECT DISTINCT table_name FROM id_map")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut left = 0;
    if mapped.is_empty() {
        return Ok(left);
    }
    // Which column of which table points at which table.
    let mut refs: Vec<(String, String, String)> = Vec::new();
    for t in tables {
        let found: Vec<(String, String)> = tx
            .prepare(&format!("PRAGMA foreign_key_list({t})"))?
            .query_map([], |r| Ok((r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        refs.extend(
            found
                .into_iter()
                .map(|(to, col)| ((*t).to_string(), col, to)),
        );
    }
    // One statement per pointing column, whatever the number of twins.
    for table in &mapped {
        for (from, col, _) in refs.iter().filter(|(_, _, to)| to == table) {
            let theirs =
                format!("{col} IN (SELECT theirs FROM id_map WHERE table_name = '{table}')");
            tx.execute(
                &format!(
                    "UPDATE OR IGNORE {from} SET {col} = (SELECT ours FROM id_map
                        WHERE table_name = '{table}' AND theirs = {from}.{col})
                     WHERE {theirs}"
                ),
                [],
            )?;
            let mut stmt = tx.prepare(&format!("SELECT * FROM {from} WHERE {theirs}"))?;
            let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let uuid_at = names.iter().position(|n| n == "uuid");
            let stuck: Vec<(String, String)> = stmt
                .query_map([], |r| {
                    let mut whole = Vec::new();
                    let mut uuid = String::new();
                    for (i, n) in names.iter().enumerate() {
                        let v: Value = r.get(i)?;
                        let text = super::sync::value_text(&v);
                        if Some(i) == uuid_at {
                            uuid.clone_from(&text);
                        }
                        whole.push(format!("{n}={text}"));
                    }
                    Ok((uuid, whole.join("; ")))
                })?
                .collect::<rusqlite::Result<_>>()?;
            if !stuck.is_empty() {
                tx.execute(&format!("DELETE FROM {from} WHERE {theirs}"), [])?;
            }
            for (uuid, whole) in stuck {
                tx.execute(
                    "INSERT INTO sync_conflicts (table_name, record, field, here, there,
                        from_site, kind, at) VALUES (?1, ?2, '*', '', ?3, ?4, 'constraint', ?5)",
                    rusqlite::params![from, uuid, whole, from_site, at],
                )?;
                left += 1;
            }
        }
    }
    Ok(left)
}
