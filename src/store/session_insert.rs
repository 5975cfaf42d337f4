//! A changeset's rows written straight into tables: each value bound as
//! SQLite holds it in the changeset, not copied out and back (the county
//! merge writes millions of rows this way). A change that needs a look
//! first is read out whole with [`Here::change`].

use std::ffi::{CStr, CString, c_char, c_int};

use anyhow::{Result, bail};
use rusqlite::Connection;
use rusqlite::ffi;

use super::session::{Change, Op, row, walk};

/// The change a walk is on, read in place: valid only in the callback.
pub struct Here {
    iter: *mut ffi::sqlite3_changeset_iter,
    table: *const c_char,
    op: Op,
    columns: c_int,
}

impl Here {
    /// The table's name.
    pub fn table(&self) -> &str {
        if self.table.is_null() {
            return "";
        }
        // SAFETY: SQLite hands a NUL-terminated name, alive while the
        // iterator is on this change (that is, while `self` is).
        unsafe { CStr::from_ptr(self.table) }.to_str().unwrap_or("")
    }

    pub fn op(&self) -> Op {
        self.op
    }

    /// The new row's value in column `i`, when it is an integer.
    pub fn new_integer(&self, i: usize) -> Option<i64> {
        let i = c_int::try_from(i).ok().filter(|i| *i < self.columns)?;
        let mut v = std::ptr::null_mut();
        // SAFETY: the iterator is on this change and i is one of its columns;
        // a failed read leaves v null.
        unsafe {
            if ffi::sqlite3changeset_new(self.iter, i, &mut v) != ffi::SQLITE_OK || v.is_null() {
                return None;
            }
            (ffi::sqlite3_value_type(v) == ffi::SQLITE_INTEGER).then(|| ffi::sqlite3_value_int64(v))
        }
    }

    /// The change read out whole.
    pub fn change(&self) -> Change {
        // SAFETY: the iterator is on this change.
        unsafe {
            Change {
                table: self.table().to_string(),
                op: self.op,
                old: if self.op == Op::Insert {
                    Vec::new()
                } else {
                    row(self.iter, self.columns, ffi::sqlite3changeset_old)
                },
                new: if self.op == Op::Delete {
                    Vec::new()
                } else {
                    row(self.iter, self.columns, ffi::sqlite3changeset_new)
                },
            }
        }
    }

    /// Writes the inserted row with `insert` (whose parameters are the
    /// table's columns in order). False when a constraint refuses it, or
    /// when the row has not one value per parameter (a file from an older
    /// schema), with nothing written; the caller looks at it then.
    pub fn insert_with(&self, insert: &mut Insert<'_>) -> Result<bool> {
        if self.op != Op::Insert {
            bail!("only an insert is written straight");
        }
        let stmt = insert.stmt;
        // SAFETY: the statement is live until `insert` is dropped.
        if unsafe { ffi::sqlite3_bind_parameter_count(stmt) } != self.columns {
            return Ok(false);
        }
        // SAFETY: the statement is live (finalized on drop of `insert`) and
        // has one parameter per column; the iterator is on this change, and
        // each value it hands is copied by SQLite as it is bound.
        unsafe {
            for i in 0..self.columns {
                let mut v = std::ptr::null_mut();
                let rc = ffi::sqlite3changeset_new(self.iter, i, &mut v);
                let rc = if rc != ffi::SQLITE_OK || v.is_null() {
                    ffi::sqlite3_bind_null(stmt, i + 1)
                } else {
                    ffi::sqlite3_bind_value(stmt, i + 1, v)
                };
                if rc != ffi::SQLITE_OK {
                    ffi::sqlite3_reset(stmt);
                    bail!("binding a value failed ({rc})");
                }
            }
            let rc = ffi::sqlite3_step(stmt);
            ffi::sqlite3_reset(stmt);
            match rc {
                ffi::SQLITE_DONE => Ok(true),
                rc if rc & 0xff == ffi::SQLITE_CONSTRAINT => Ok(false),
                rc => Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None).into()),
            }
        }
    }
}

/// A prepared insert, finalized when dropped; it borrows its connection.
pub struct Insert<'c> {
    stmt: *mut ffi::sqlite3_stmt,
    _conn: std::marker::PhantomData<&'c Connection>,
}

impl<'c> Insert<'c> {
    pub fn new(conn: &'c Connection, sql: &str) -> Result<Insert<'c>> {
        let sql = CString::new(sql)?;
        let mut stmt = std::ptr::null_mut();
        // SAFETY: the handle is valid for 'c; the statement is finalized
        // before the borrow ends.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(
                conn.handle(),
                sql.as_ptr(),
                -1,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK || stmt.is_null() {
            bail!("preparing an insert failed ({rc})");
        }
        Ok(Insert {
            stmt,
            _conn: std::marker::PhantomData,
        })
    }
}

impl Drop for Insert<'_> {
    fn drop(&mut self) {
        // SAFETY: finalized once, here.
        unsafe { ffi::sqlite3_finalize(self.stmt) };
    }
}

/// Each change of a changeset in turn, read in place; a damaged changeset
/// is refused.
pub fn each_here(changeset: &[u8], mut f: impl FnMut(&Here) -> Result<()>) -> Result<()> {
    walk(changeset, |iter| {
        let mut table: *const c_char = std::ptr::null();
        let (mut columns, mut op, mut indirect) = (0, 0, 0);
        // SAFETY: `walk` calls this with the iterator on a change.
        unsafe { ffi::sqlite3changeset_op(iter, &mut table, &mut columns, &mut op, &mut indirect) };
        let op = match op {
            ffi::SQLITE_INSERT => Op::Insert,
            ffi::SQLITE_DELETE => Op::Delete,
            _ => Op::Update,
        };
        f(&Here {
            iter,
            table,
            op,
            columns,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::session::Session;
    use rusqlite::types::Value;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE kids (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                phone TEXT, idn TEXT UNIQUE, born REAL, photo BLOB);",
        )
        .unwrap();
        c
    }

    #[test]
    fn inserts_are_written_straight_and_a_clash_is_handed_back_untouched() {
        let (a, b) = (db(), db());
        let s = Session::attach(&a, &["kids"]).unwrap();
        a.execute_batch(
            "INSERT INTO kids VALUES (7, '甲', NULL, '110', 2016.5, x'0102');
             INSERT INTO kids VALUES (8, '乙', '139', '120', NULL, NULL);
             UPDATE kids SET name = '甲甲' WHERE id = 7;",
        )
        .unwrap();
        let set = s.changeset().unwrap();
        drop(s);
        // The other file holds idn 120 already, under another child.
        b.execute(
            "INSERT INTO kids (id, name, idn) VALUES (99, '丙', '120')",
            [],
        )
        .unwrap();
        let mut insert = Insert::new(&b, "INSERT INTO kids VALUES (?, ?, ?, ?, ?, ?)").unwrap();
        let mut written = Vec::new();
        let mut refused = Vec::new();
        each_here(&set, |c| {
            assert_eq!((c.table(), c.op()), ("kids", Op::Insert));
            let id = c.new_integer(0).unwrap();
            assert_eq!(c.new_integer(1), None, "a name is not an integer");
            assert_eq!(c.new_integer(9), None, "no such column");
            if c.insert_with(&mut insert)? {
                written.push(id);
            } else {
                refused.push(c.change());
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(written, vec![7]);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].new[1], Some(Value::Text("乙".into())));
        let row: (String, Option<String>, f64, Vec<u8>) = b
            .query_row(
                "SELECT name, phone, born, photo FROM kids WHERE id = 7",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(row, ("甲甲".into(), None, 2016.5, vec![1, 2]));
        let n: i64 = b
            .query_row("SELECT count(*) FROM kids", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2, "the refused row left nothing behind");
        // Only an insert is written straight.
        let s = Session::attach(&a, &["kids"]).unwrap();
        a.execute("DELETE FROM kids WHERE id = 8", []).unwrap();
        let gone = s.changeset().unwrap();
        drop(s);
        each_here(&gone, |c| {
            assert_eq!(c.op(), Op::Delete);
            assert!(c.insert_with(&mut insert).is_err());
            Ok(())
        })
        .unwrap();
        assert!(
            each_here(&gone[..gone.len() - 1], |_| Ok(())).is_err(),
            "damaged"
        );
        // A table with a column more than the row (a file from an older
        // schema): handed back, never bound with what the last row left.
        b.execute_batch(
            "CREATE TABLE wider (id INTEGER PRIMARY KEY, name TEXT, phone TEXT,
                idn TEXT, born REAL, photo BLOB, note TEXT DEFAULT '')",
        )
        .unwrap();
        let mut wider = Insert::new(&b, "INSERT INTO wider VALUES (?, ?, ?, ?, ?, ?, ?)").unwrap();
        each_here(&set, |c| {
            assert!(!c.insert_with(&mut wider)?);
            Ok(())
        })
        .unwrap();
        let n: i64 = b
            .query_row("SELECT count(*) FROM wider", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
