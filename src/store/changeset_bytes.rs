//! A changeset read from its bytes, by its documented format: for each
//! table a header (`'T'`, the column count, a byte per column giving its
//! place in the key, the name ending in a NUL), then its changes (the
//! operation, the indirect flag, then the old row for a delete, the new row
//! for an insert, both for an update). A value is its kind (0 undefined,
//! 1 integer and 2 real in eight big-endian bytes, 3 text and 4 blob after a
//! varint length, 5 NULL) and its bytes. The county merge reads millions of
//! rows this way, their values bound straight from the file's bytes.
//!
//! And the changes put in key order, table by table: SQLite writes a
//! changeset in the order of its own hash of each key, so a township's first
//! file inserts its rows all over each table; SQLite appends rows in key
//! order faster, into fuller pages. Within one table a changeset holds at
//! most one change per key, so their order does not change what it does.

use anyhow::Result;
use rusqlite::types::Value;

use super::session::{Change, Op};

/// A value as the changeset holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val<'a> {
    /// An update's column that did not change.
    Undefined,
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

/// One change, read in place: its table, operation and column count, and
/// the bytes of its old and new rows (empty where the operation has none).
pub struct Row<'a> {
    pub table: &'a str,
    pub op: Op,
    pub columns: usize,
    pub old: &'a [u8],
    pub new: &'a [u8],
}

impl Row<'_> {
    /// The new row's value in column `i`, when it is an integer.
    pub fn new_integer(&self, i: usize) -> Option<i64> {
        match values(self.new).nth(i) {
            Some(Val::Integer(v)) => Some(v),
            _ => None,
        }
    }

    /// The change read out whole.
    pub fn change(&self) -> Change {
        let read = |record: &[u8]| -> Vec<Option<Value>> {
            values(record)
                .map(|v| match v {
                    Val::Undefined => None,
                    Val::Null => Some(Value::Null),
                    Val::Integer(i) => Some(Value::Integer(i)),
                    Val::Real(r) => Some(Value::Real(r)),
                    Val::Text(t) => Some(Value::Text(String::from_utf8_lossy(t).into_owned())),
                    Val::Blob(b) => Some(Value::Blob(b.to_vec())),
                })
                .collect()
        };
        Change {
            table: self.table.to_string(),
            op: self.op,
            old: read(self.old),
            new: read(self.new),
        }
    }
}

/// The values of a row's bytes, in column order.
pub fn values(record: &[u8]) -> impl Iterator<Item = Val<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (end, v) = value(record, at)?;
        at = end;
        Some(v)
    })
}

/// Each change of a changeset in turn; a damaged changeset is refused
/// (once the changes before the damage have been handed over).
pub fn each(changeset: &[u8], mut f: impl FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
    let damaged = || anyhow::anyhow!(crate::i18n::t(crate::i18n::W::SyncDamaged));
    let mut at = 0;
    while at < changeset.len() {
        let table = Table::read(changeset, at).ok_or_else(damaged)?;
        let name =
            std::str::from_utf8(&changeset[table.name..table.end - 1]).map_err(|_| damaged())?;
        at = table.end;
        while at < changeset.len() && changeset[at] != b'T' {
            let (end, _) = table.change(changeset, at).ok_or_else(damaged)?;
            let op = changeset[at];
            let body = at + 2;
            let split = if op == UPDATE {
                table.record_end(changeset, body).unwrap_or(end)
            } else {
                body
            };
            let (old, new) = match op {
                DELETE => (&changeset[body..end], &changeset[end..end]),
                INSERT => (&changeset[end..end], &changeset[body..end]),
                _ => (&changeset[body..split], &changeset[split..end]),
            };
            f(&Row {
                table: name,
                op: match op {
                    INSERT => Op::Insert,
                    DELETE => Op::Delete,
                    _ => Op::Update,
                },
                columns: table.columns,
                old,
                new,
            })?;
            at = end;
        }
    }
    Ok(())
}

/// The changeset with each table's changes in the order of their first
/// key column (integers ascending; others after, as they came). `None`
/// when it is not a changeset this reads, or already in order.
pub fn in_key_order(changeset: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(changeset.len());
    let mut at = 0;
    let mut moved = false;
    while at < changeset.len() {
        let table = Table::read(changeset, at)?;
        at = table.end;
        let mut changes: Vec<(i64, usize, usize)> = Vec::new();
        while at < changeset.len() && changeset[at] != b'T' {
            let start = at;
            let (end, key) = table.change(changeset, at)?;
            changes.push((key, start, end));
            at = end;
        }
        moved |= changes.windows(2).any(|w| w[0].0 > w[1].0);
        changes.sort_by_key(|c| c.0);
        out.extend_from_slice(&changeset[table.start..table.end]);
        for (_, start, end) in changes {
            out.extend_from_slice(&changeset[start..end]);
        }
    }
    moved.then_some(out)
}

/// A table's header: where it starts, where its name starts, where it
/// ends, how many columns, and which is its first key column.
struct Table {
    start: usize,
    name: usize,
    end: usize,
    columns: usize,
    key: usize,
}

const INSERT: u8 = 18;
const UPDATE: u8 = 23;
const DELETE: u8 = 9;

impl Table {
    /// `'T'`, the column count, a byte per column (its place in the key),
    /// the name ending in a NUL.
    fn read(bytes: &[u8], start: usize) -> Option<Table> {
        if *bytes.get(start)? != b'T' {
            return None;
        }
        let (columns, n) = varint(bytes, start + 1)?;
        // As SQLite, a table of more than 65,536 columns is damage.
        let columns = usize::try_from(columns)
            .ok()
            .filter(|c| (1..=65_536).contains(c))?;
        let flags = bytes.get(start + 1 + n..start + 1 + n + columns)?;
        let key = flags.iter().position(|f| *f == 1)?;
        let name = start + 1 + n + columns;
        let nul = bytes.get(name..)?.iter().position(|b| *b == 0)?;
        Some(Table {
            start,
            name,
            end: name + nul + 1,
            columns,
            key,
        })
    }

    /// Where a row's values starting at `at` end.
    fn record_end(&self, bytes: &[u8], mut at: usize) -> Option<usize> {
        for _ in 0..self.columns {
            at = value(bytes, at)?.0;
        }
        Some(at)
    }

    /// One change: where it ends, and its first key column's value when an
    /// integer (the largest key otherwise, so it goes last).
    fn change(&self, bytes: &[u8], at: usize) -> Option<(usize, i64)> {
        let op = *bytes.get(at)?;
        let records = match op {
            INSERT | DELETE => 1,
            UPDATE => 2,
            _ => return None,
        };
        bytes.get(at + 1)?;
        let mut at = at + 2;
        let mut key = None;
        for _ in 0..records {
            for column in 0..self.columns {
                let (end, v) = value(bytes, at)?;
                if let (true, None, Val::Integer(int)) = (column == self.key, key, v) {
                    key = Some(int);
                }
                at = end;
            }
        }
        Some((at, key.unwrap_or(i64::MAX)))
    }
}

/// A value: its end, and the value.
fn value(bytes: &[u8], at: usize) -> Option<(usize, Val<'_>)> {
    let eight = || -> Option<[u8; 8]> { bytes.get(at + 1..at + 9)?.try_into().ok() };
    let counted = || -> Option<(usize, &[u8])> {
        let (len, n) = varint(bytes, at + 1)?;
        let start = at + 1 + n;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        Some((end, bytes.get(start..end)?))
    };
    Some(match *bytes.get(at)? {
        0 => (at + 1, Val::Undefined),
        5 => (at + 1, Val::Null),
        1 => (at + 9, Val::Integer(i64::from_be_bytes(eight()?))),
        2 => (
            at + 9,
            Val::Real(f64::from_bits(u64::from_be_bytes(eight()?))),
        ),
        3 => counted().map(|(end, b)| (end, Val::Text(b)))?,
        4 => counted().map(|(end, b)| (end, Val::Blob(b)))?,
        _ => return None,
    })
}

/// SQLite's varint: seven bits a byte, high bit set while more follow, the
/// ninth byte whole. Returns the value and how many bytes it took.
fn varint(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for i in 0..9 {
        let b = *bytes.get(at + i)?;
        if i == 8 {
            return Some(((v << 8) | u64::from(b), 9));
        }
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::session::{Op, Session, changes};
    use rusqlite::Connection;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE kids (id INTEGER PRIMARY KEY, name TEXT, born REAL, photo BLOB);
             CREATE TABLE tags (kid INTEGER, tag TEXT, PRIMARY KEY (kid, tag));",
        )
        .unwrap();
        c
    }

    #[test]
    fn changes_come_in_key_order_and_do_what_they_did() {
        let a = db();
        a.execute_batch("INSERT INTO kids VALUES (3, '丙', NULL, NULL)")
            .unwrap();
        let s = Session::attach(&a, &["kids", "tags"]).unwrap();
        let mut sql = String::new();
        for id in (10..400).rev() {
            let name = "名".repeat(id % 70);
            sql += &format!("INSERT INTO kids VALUES ({id}, '{name}', {id}.5, x'0102');");
            sql += &format!("INSERT INTO tags VALUES ({id}, 't{id}');");
        }
        sql += "UPDATE kids SET name = '丙丙' WHERE id = 3;";
        a.execute_batch(&sql).unwrap();
        let set = s.changeset().unwrap();
        drop(s);
        let sorted = in_key_order(&set).expect("hash order is not key order");
        assert_eq!(sorted.len(), set.len());
        let read = changes(&sorted).unwrap();
        let kids: Vec<i64> = read
            .iter()
            .filter(|c| c.table == "kids" && c.op == Op::Insert)
            .map(|c| match c.new[0] {
                Some(rusqlite::types::Value::Integer(id)) => id,
                ref other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(kids, (10..400).collect::<Vec<_>>());
        // Applied to a copy of the start, the same rows as the original.
        let b = db();
        b.execute_batch("INSERT INTO kids VALUES (3, '丙', NULL, NULL)")
            .unwrap();
        crate::store::session::apply(&b, &sorted, &["kids", "tags"], |_| {
            crate::store::session::Resolution::Omit
        })
        .unwrap();
        let dump = |c: &Connection| -> String {
            c.query_row(
                "SELECT (SELECT group_concat(r) FROM
                           (SELECT id || name || born || hex(photo) AS r FROM kids ORDER BY id))
                     || (SELECT group_concat(r) FROM
                           (SELECT kid || tag AS r FROM tags ORDER BY kid, tag))",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(dump(&b) == dump(&a), "the rows differ");
        // In order already, or not a changeset: left as it is.
        assert!(in_key_order(&sorted).is_none());
        assert!(in_key_order(b"T\x02\x01").is_none());
        assert!(in_key_order(&set[..set.len() - 3]).is_none());
    }

    #[test]
    fn a_cut_or_changed_changeset_is_refused_never_a_panic() {
        let a = db();
        let s = Session::attach(&a, &["kids", "tags"]).unwrap();
        a.execute_batch(
            "INSERT INTO kids VALUES (2, '乙', 1.5, x'00ff'); INSERT INTO kids VALUES (1, NULL, NULL, NULL);
             INSERT INTO tags VALUES (1, 'a');",
        )
        .unwrap();
        let set = s.changeset().unwrap();
        drop(s);
        let rows = |bytes: &[u8]| {
            let mut n = 0;
            let whole = each(bytes, |_| {
                n += 1;
                Ok(())
            })
            .is_ok();
            (whole, n)
        };
        assert_eq!(rows(&set), (true, 3));
        for cut in 0..set.len() {
            let _ = in_key_order(&set[..cut]);
            let (whole, n) = rows(&set[..cut]);
            assert!(!whole || n < 3, "cut at {cut}");
        }
        // A column count or a length as large as a varint holds.
        let huge = [b"T".as_slice(), &[0xff; 9], &[1], b"kids\0"].concat();
        assert!(!rows(&huge).0);
        assert!(in_key_order(&huge).is_none());
        let mut long = set.clone();
        let text = long.iter().position(|b| *b == 3).unwrap();
        long.splice(text + 1..text + 2, [0xff; 9]);
        let _ = (rows(&long), in_key_order(&long));
        for at in 0..set.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut changed = set.clone();
                changed[at] ^= flip;
                let _ = in_key_order(&changed);
                let _ = rows(&changed);
            }
        }
    }
}
