//! A changeset's rows written straight into tables: each value bound from
//! the changeset's own bytes, not copied out and back (the county merge
//! writes millions of rows this way). A change that needs a look first is
//! read out whole with [`Row::change`].

use std::ffi::{CString, c_char};

use anyhow::{Result, bail};
use rusqlite::Connection;
use rusqlite::ffi;

use super::changeset_bytes::{Row, Val, values};
use super::session::Op;

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

    /// Writes an inserted row (the statement's parameters are the table's
    /// columns in order). False when a constraint refuses it, or
    /// when the row has not one value per parameter (a file from an older
    /// schema), with nothing written; the caller looks at it then.
    pub fn write(&mut self, row: &Row<'_>) -> Result<bool> {
        if row.op != Op::Insert {
            bail!("only an insert is written straight");
        }
        let stmt = self.stmt;
        // SAFETY: the statement is live until dropped.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt) };
        if usize::try_from(params).ok() != Some(row.columns) {
            return Ok(false);
        }
        // SAFETY: the statement is live (finalized on drop) and has one
        // parameter per column. Text and blobs are bound in place
        // (SQLITE_STATIC): the changeset outlives the step, after which the
        // bindings are cleared before anything else can run the statement.
        unsafe {
            let mut rc = ffi::SQLITE_OK;
            for (i, v) in values(row.new).enumerate() {
                let i = i as i32 + 1;
                rc = match v {
                    Val::Undefined | Val::Null => ffi::sqlite3_bind_null(stmt, i),
                    Val::Integer(n) => ffi::sqlite3_bind_int64(stmt, i, n),
                    Val::Real(r) => ffi::sqlite3_bind_double(stmt, i, r),
                    Val::Text(t) => ffi::sqlite3_bind_text64(
                        stmt,
                        i,
                        t.as_ptr() as *const c_char,
                        t.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                    Val::Blob(b) => ffi::sqlite3_bind_blob64(
                        stmt,
                        i,
                        b.as_ptr().cast(),
                        b.len() as u64,
                        ffi::SQLITE_STATIC(),
                    ),
                };
                if rc != ffi::SQLITE_OK {
                    break;
                }
            }
            let rc = if rc == ffi::SQLITE_OK {
                ffi::sqlite3_step(stmt)
            } else {
                rc
            };
            ffi::sqlite3_reset(stmt);
            ffi::sqlite3_clear_bindings(stmt);
            match rc {
                ffi::SQLITE_DONE => Ok(true),
                rc if rc & 0xff == ffi::SQLITE_CONSTRAINT => Ok(false),
                rc => Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None).into()),
            }
        }
    }
}

impl Drop for Insert<'_> {
    fn drop(&mut self) {
        // SAFETY: finalized once, here.
        unsafe { ffi::sqlite3_finalize(self.stmt) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::changeset_bytes::each;
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
        each(&set, |c| {
            assert_eq!((c.table, c.op), ("kids", Op::Insert));
            let id = c.new_integer(0).unwrap();
            assert_eq!(c.new_integer(1), None, "a name is not an integer");
            assert_eq!(c.new_integer(9), None, "no such column");
            if insert.write(c)? {
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
        each(&gone, |c| {
            assert_eq!(c.op, Op::Delete);
            assert!(insert.write(c).is_err());
            Ok(())
        })
        .unwrap();
        assert!(
            each(&gone[..gone.len() - 1], |_| Ok(())).is_err(),
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
        each(&set, |c| {
            assert!(!wider.write(c)?);
            Ok(())
        })
        .unwrap();
        let n: i64 = b
            .query_row("SELECT count(*) FROM wider", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
