//! SQLite's session extension (changesets), through `rusqlite::ffi`: the one
//! place shouhu touches it. A [`Session`] records the changes made to the
//! registry's tables on a connection; [`apply`] writes a changeset into
//! another database, asking a handler what to do with each conflict.
//!
//! The bundled SQLite is compiled with `SQLITE_ENABLE_SESSION` and
//! `SQLITE_ENABLE_PREUPDATE_HOOK` (`.cargo/config.toml`).

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::marker::PhantomData;

use anyhow::{Result, bail};
use rusqlite::Connection;
use rusqlite::ffi;
use rusqlite::types::Value;

/// Records the changes to some tables of a connection.
pub struct Session<'c> {
    raw: *mut ffi::sqlite3_session,
    _conn: PhantomData<&'c Connection>,
}

fn check(rc: c_int, what: &str) -> Result<()> {
    if rc != ffi::SQLITE_OK {
        bail!("SQLite session: {what} failed ({rc})");
    }
    Ok(())
}

impl<'c> Session<'c> {
    /// Starts recording the changes to `tables` of `conn`'s main database.
    pub fn attach(conn: &'c Connection, tables: &[&str]) -> Result<Session<'c>> {
        // SAFETY: the handle is valid for 'c, and the session borrows the
        // connection for as long: it is deleted before the connection.
        let s = unsafe { Session::attach_handle(conn.handle(), tables)? };
        Ok(Session {
            raw: std::mem::ManuallyDrop::new(s).raw,
            _conn: PhantomData,
        })
    }

    /// Starts recording on a raw connection handle. The caller keeps the
    /// connection open for as long as the session lives.
    ///
    /// # Safety
    /// `db` must be a valid connection that outlives the session.
    pub unsafe fn attach_handle(
        db: *mut ffi::sqlite3,
        tables: &[&str],
    ) -> Result<Session<'static>> {
        let mut raw = std::ptr::null_mut();
        let main = CString::new("main")?;
        // SAFETY: the caller vouches for the handle.
        let rc = unsafe { ffi::sqlite3session_create(db, main.as_ptr(), &mut raw) };
        check(rc, "create")?;
        let session = Session {
            raw,
            _conn: PhantomData,
        };
        for t in tables {
            let name = CString::new(*t)?;
            // SAFETY: the session is live; the name outlives the call.
            let rc = unsafe { ffi::sqlite3session_attach(session.raw, name.as_ptr()) };
            check(rc, "attach")?;
        }
        Ok(session)
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        // SAFETY: the session is live.
        unsafe { ffi::sqlite3session_isempty(self.raw) != 0 }
    }

    /// The changes recorded so far, as a changeset.
    pub fn changeset(&self) -> Result<Vec<u8>> {
        let mut n: c_int = 0;
        let mut p: *mut c_void = std::ptr::null_mut();
        // SAFETY: the session is live; SQLite allocates the buffer, freed below.
        let rc = unsafe { ffi::sqlite3session_changeset(self.raw, &mut n, &mut p) };
        check(rc, "changeset")?;
        let out = if p.is_null() || n <= 0 {
            Vec::new()
        } else {
            // SAFETY: SQLite wrote n bytes at p.
            unsafe { std::slice::from_raw_parts(p as *const u8, n as usize).to_vec() }
        };
        // SAFETY: p came from sqlite3_malloc (or is null).
        unsafe { ffi::sqlite3_free(p) };
        Ok(out)
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // SAFETY: created by sqlite3session_create, deleted once.
        unsafe { ffi::sqlite3session_delete(self.raw) };
    }
}

/// Every row of `tables` as one changeset of inserts: what a database that
/// held nothing would need to become this one (the session's diff against
/// an empty copy of the tables).
pub fn everything(conn: &Connection, tables: &[&str]) -> Result<Vec<u8>> {
    conn.execute_batch("ATTACH ':memory:' AS shouhu_empty")?;
    let made = (|| -> Result<Vec<u8>> {
        for t in tables {
            let sql: String = conn.query_row(
                "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get(0),
            )?;
            let sql = sql.replacen(
                &format!("CREATE TABLE {t}"),
                &format!("CREATE TABLE shouhu_empty.{t}"),
                1,
            );
            conn.execute_batch(&sql)?;
        }
        let session = Session::attach(conn, tables)?;
        let from = CString::new("shouhu_empty")?;
        for t in tables {
            let name = CString::new(*t)?;
            let mut err: *mut c_char = std::ptr::null_mut();
            // SAFETY: the session and both names are live; an error message
            // SQLite allocates is freed.
            let rc = unsafe {
                ffi::sqlite3session_diff(session.raw, from.as_ptr(), name.as_ptr(), &mut err)
            };
            if !err.is_null() {
                // SAFETY: allocated by SQLite for us.
                unsafe { ffi::sqlite3_free(err as *mut c_void) };
            }
            check(rc, "diff")?;
        }
        session.changeset()
    })();
    conn.execute_batch("DETACH shouhu_empty")?;
    made
}

/// What a change does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

/// Why a change could not be applied as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// The row here is not as the change expected (changed on both sides).
    Data,
    /// The row to change or delete is not here (deleted on this side).
    NotFound,
    /// A row with the same key is here already (an insert).
    Conflict,
    /// A constraint refuses it (a duplicate ID number, …).
    Constraint,
    /// A foreign key would be broken.
    ForeignKey,
}

/// A conflict, with the values of the change and of the row here.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub table: String,
    pub op: Op,
    /// The row before the change, as the other side saw it (update, delete).
    pub old: Vec<Option<Value>>,
    /// The row after the change (insert, update; `None` where unchanged).
    pub new: Vec<Option<Value>>,
    /// The row here (data and key conflicts).
    pub here: Vec<Option<Value>>,
}

/// What to do with a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Keep the row here; the change is not applied.
    Omit,
    /// Apply the change over the row here.
    Replace,
    /// Give up: the whole apply is undone.
    Abort,
}

fn value(v: *mut ffi::sqlite3_value) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    // SAFETY: v is a live value handed out by SQLite for this callback.
    unsafe {
        Some(match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(v)),
            ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(v)),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                let n = ffi::sqlite3_value_bytes(v) as usize;
                let bytes = if p.is_null() {
                    &[][..]
                } else {
                    std::slice::from_raw_parts(p, n)
                };
                Value::Text(String::from_utf8_lossy(bytes).into_owned())
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_value_blob(v) as *const u8;
                let n = ffi::sqlite3_value_bytes(v) as usize;
                let bytes = if p.is_null() {
                    Vec::new()
                } else {
                    std::slice::from_raw_parts(p, n).to_vec()
                };
                Value::Blob(bytes)
            }
            _ => Value::Null,
        })
    }
}

type Getter = unsafe extern "C" fn(
    *mut ffi::sqlite3_changeset_iter,
    c_int,
    *mut *mut ffi::sqlite3_value,
) -> c_int;

/// The values of a row of the change the iterator is on.
pub(super) unsafe fn row(
    iter: *mut ffi::sqlite3_changeset_iter,
    n: c_int,
    get: Getter,
) -> Vec<Option<Value>> {
    (0..n)
        .map(|i| {
            let mut v = std::ptr::null_mut();
            // SAFETY: i < n columns; a failed read leaves v null.
            let rc = unsafe { get(iter, i, &mut v) };
            if rc == ffi::SQLITE_OK { value(v) } else { None }
        })
        .collect()
}

/// The table, operation and column count of the change the iterator is on.
unsafe fn change_of(iter: *mut ffi::sqlite3_changeset_iter) -> (String, Op, c_int) {
    let mut table: *const c_char = std::ptr::null();
    let (mut n, mut op, mut indirect) = (0, 0, 0);
    // SAFETY: iter is on a change.
    unsafe { ffi::sqlite3changeset_op(iter, &mut table, &mut n, &mut op, &mut indirect) };
    let name = if table.is_null() {
        String::new()
    } else {
        // SAFETY: SQLite hands a NUL-terminated name.
        unsafe { CStr::from_ptr(table) }
            .to_string_lossy()
            .into_owned()
    };
    let op = match op {
        ffi::SQLITE_INSERT => Op::Insert,
        ffi::SQLITE_DELETE => Op::Delete,
        _ => Op::Update,
    };
    (name, op, n)
}

struct Handler<'h> {
    decide: &'h mut dyn FnMut(&Conflict) -> Resolution,
    /// The tables a changeset may write (others are skipped).
    tables: &'h [&'h str],
}

unsafe extern "C" fn on_table(ctx: *mut c_void, table: *const c_char) -> c_int {
    // SAFETY: ctx is the Handler passed to apply, alive for the call; the
    // name is NUL-terminated.
    let handler = unsafe { &*(ctx as *const Handler<'_>) };
    let name = unsafe { CStr::from_ptr(table) }.to_string_lossy();
    c_int::from(handler.tables.iter().any(|t| *t == name))
}

unsafe extern "C" fn on_conflict(
    ctx: *mut c_void,
    kind: c_int,
    iter: *mut ffi::sqlite3_changeset_iter,
) -> c_int {
    // SAFETY: ctx is the Handler passed to apply, alive for the call.
    let handler = unsafe { &mut *(ctx as *mut Handler<'_>) };
    let kind = match kind {
        ffi::SQLITE_CHANGESET_DATA => ConflictKind::Data,
        ffi::SQLITE_CHANGESET_NOTFOUND => ConflictKind::NotFound,
        ffi::SQLITE_CHANGESET_CONFLICT => ConflictKind::Conflict,
        ffi::SQLITE_CHANGESET_FOREIGN_KEY => ConflictKind::ForeignKey,
        _ => ConflictKind::Constraint,
    };
    // SAFETY: iter is on the conflicting change for this callback.
    let (table, op, n) = unsafe { change_of(iter) };
    let c = if kind == ConflictKind::ForeignKey {
        Conflict {
            kind,
            table,
            op,
            old: Vec::new(),
            new: Vec::new(),
            here: Vec::new(),
        }
    } else {
        // SAFETY: as above; the old and new rows exist for their operations.
        unsafe {
            Conflict {
                kind,
                old: if op == Op::Insert {
                    Vec::new()
                } else {
                    row(iter, n, ffi::sqlite3changeset_old)
                },
                new: if op == Op::Delete {
                    Vec::new()
                } else {
                    row(iter, n, ffi::sqlite3changeset_new)
                },
                here: if matches!(kind, ConflictKind::Data | ConflictKind::Conflict) {
                    row(iter, n, ffi::sqlite3changeset_conflict)
                } else {
                    Vec::new()
                },
                table,
                op,
            }
        }
    };
    let decided = (handler.decide)(&c);
    // Replace is only allowed where SQLite allows it (data and key conflicts).
    match decided {
        Resolution::Replace if matches!(kind, ConflictKind::Data | ConflictKind::Conflict) => {
            ffi::SQLITE_CHANGESET_REPLACE
        }
        Resolution::Abort => ffi::SQLITE_CHANGESET_ABORT,
        _ => ffi::SQLITE_CHANGESET_OMIT,
    }
}

/// Applies a changeset to `conn`, each conflict put to `decide`; changes to
/// tables other than `tables` are skipped (a file can write nothing else).
/// The caller holds the transaction: an abort leaves it to roll back.
pub fn apply(
    conn: &Connection,
    changeset: &[u8],
    tables: &[&str],
    mut decide: impl FnMut(&Conflict) -> Resolution,
) -> Result<()> {
    if changeset.is_empty() {
        return Ok(());
    }
    let mut handler = Handler {
        decide: &mut decide,
        tables,
    };
    let n = c_int::try_from(changeset.len())?;
    // SAFETY: the changeset outlives the call (SQLite only reads it); the
    // handler is alive for the call; the connection's handle is valid.
    let rc = unsafe {
        ffi::sqlite3changeset_apply(
            conn.handle(),
            n,
            changeset.as_ptr() as *mut c_void,
            Some(on_table),
            Some(on_conflict),
            &mut handler as *mut Handler<'_> as *mut c_void,
        )
    };
    check(rc, "apply")
}

/// A change read from a changeset, for the officer's eyes and the tests.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub table: String,
    pub op: Op,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

/// Every change of a changeset, in order; a damaged one is refused.
pub fn changes(changeset: &[u8]) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    each_change(changeset, |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// Whether a changeset reads to its end (its values are not copied out).
pub fn readable(changeset: &[u8]) -> bool {
    walk(changeset, |_| Ok(())).is_ok()
}

/// Each change of a changeset in turn, in order, without holding them all (a
/// township's first file carries millions); a damaged one is refused.
pub fn each_change(changeset: &[u8], mut f: impl FnMut(Change) -> Result<()>) -> Result<()> {
    walk(changeset, |iter| {
        // SAFETY: `walk` calls this with the iterator on a change.
        let change = unsafe {
            let (table, op, cols) = change_of(iter);
            Change {
                old: if op == Op::Insert {
                    Vec::new()
                } else {
                    row(iter, cols, ffi::sqlite3changeset_old)
                },
                new: if op == Op::Delete {
                    Vec::new()
                } else {
                    row(iter, cols, ffi::sqlite3changeset_new)
                },
                table,
                op,
            }
        };
        f(change)
    })
}

/// Goes over a changeset, calling `on` with the iterator on each change;
/// a changeset that does not read to its end is refused.
pub(super) fn walk(
    changeset: &[u8],
    mut on: impl FnMut(*mut ffi::sqlite3_changeset_iter) -> Result<()>,
) -> Result<()> {
    if changeset.is_empty() {
        return Ok(());
    }
    let n = c_int::try_from(changeset.len())?;
    let mut iter = std::ptr::null_mut();
    // SAFETY: the buffer outlives the iterator, finalized below.
    let rc =
        unsafe { ffi::sqlite3changeset_start(&mut iter, n, changeset.as_ptr() as *mut c_void) };
    check(rc, "read")?;
    let read = (|| -> Result<c_int> {
        loop {
            // SAFETY: iter is live until finalized.
            let rc = unsafe { ffi::sqlite3changeset_next(iter) };
            if rc != ffi::SQLITE_ROW {
                return Ok(rc);
            }
            on(iter)?;
        }
    })();
    // SAFETY: finalized once.
    let done = unsafe { ffi::sqlite3changeset_finalize(iter) };
    let rc = read?;
    if rc != ffi::SQLITE_DONE || done != ffi::SQLITE_OK {
        bail!("the changes are damaged ({rc})");
    }
    Ok(())
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
