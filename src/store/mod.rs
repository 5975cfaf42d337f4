//! The case registry: one SQLite file, opened in one place.

pub mod audit;
pub mod backup;
pub mod benefits;
mod changeset_bytes;
pub mod children;
pub mod cipher;
pub mod county;
mod county_read;
mod county_uuid;
pub mod drafts;
mod due_kept;
pub mod ledger;
pub mod national;
pub mod offices;
mod opening;
pub mod pairing;
pub mod paperwork;
pub mod pin;
pub mod referrals;
pub mod register;
pub mod report;
mod seal;
pub mod session;
mod session_insert;
pub mod site;
pub mod sync;
mod sync_conflict;
mod sync_map;
mod sync_prune;
pub mod triage;
pub mod visits;
pub mod worklists;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, params};

use crate::domain::cadence::Policy;
use crate::i18n::{M, tf};
pub use audit::AuditEntry;
use opening::{read_only_uri, writable};

/// The migrations, in order; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
    include_str!("schema_v7.sql"),
    include_str!("schema_v8.sql"),
    include_str!("schema_v9.sql"),
    include_str!("schema_v10.sql"),
    include_str!("schema_v11.sql"),
];

/// How long a write waits for another program to let go of the database.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open registry.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    officer: String,
    /// The copy kept of an older file before its schema was brought up to
    /// date, for the caller to tell the officer (the store prints nothing).
    migrated: Option<PathBuf>,
    read_only: bool,
    /// This database's site: its rows are numbered in the site's range.
    site: i64,
    /// Whether its writes are recorded for the other PCs: from the first
    /// sync on (a file from before sites is made ready then, not at opening).
    recording: bool,
    /// A county file (setting `county`), read at opening: asked on every
    /// frame and every write.
    county: bool,
}

/// A stable id for a new row: a version-4 UUID. The random bits come from a
/// generator seeded once from the system, not a system call per row, which
/// keeps an import of 20,000 children (eight rows each) fast.
pub fn new_uuid() -> String {
    use std::cell::Cell;
    thread_local! {
        static STATE: Cell<u64> = Cell::new(uuid::Uuid::new_v4().as_u64_pair().0);
    }
    let next = || {
        STATE.with(|s| {
            let v = s.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
            s.set(v);
            let mut z = v;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    };
    let bytes = (u128::from(next()) << 64 | u128::from(next())).to_be_bytes();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

static FIXED_CLOCK: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Stops the clock of `updated_at` and the audit log at `at`, for the whole
/// process: screen snapshots must not change with the time they are taken.
pub fn fix_clock(at: &str) {
    let _ = FIXED_CLOCK.set(at.to_string());
}

/// The time written into `updated_at` and the audit log (UTC, ISO 8601).
pub fn now() -> String {
    match FIXED_CLOCK.get() {
        Some(at) => at.clone(),
        None => chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// Turns an SQLite failure into a message the officer understands; a damaged
/// file names the newest backup to bring back.
fn explain(err: rusqlite::Error, path: &str) -> anyhow::Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            anyhow!(tf(M::DbLocked, &[&path]))
        }
        Some(ErrorCode::NotADatabase) if cipher::available() => {
            anyhow!("{}{}", tf(M::CipherWrongKey, &[&path]), way_out(path))
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            anyhow!("{}{}", tf(M::DbCorrupt, &[&path]), way_out(path))
        }
        Some(ErrorCode::CannotOpen) => anyhow!(tf(M::DbNoFolder, &[&path])),
        Some(ErrorCode::DiskFull) => anyhow!(tf(M::DbDiskFull, &[&path])),
        Some(ErrorCode::ReadOnly) => anyhow!(tf(M::DbReadOnly, &[&path])),
        _ => anyhow!(tf(M::DbCannotOpen, &[&path, &err])),
    }
}

/// "The newest backup is …", where there is one.
fn way_out(path: &str) -> String {
    match backup::newest_backup(Path::new(path)) {
        Some(copy) => tf(M::NewestBackup, &[&copy.display(), &copy.display()]),
        None => String::new(),
    }
}

/// Any failure, with an SQLite one deep inside it put in the officer's words
/// (a locked or damaged file); other failures as they are.
pub fn explain_error(err: anyhow::Error, path: &str) -> anyhow::Error {
    match err.downcast::<rusqlite::Error>() {
        Ok(sql) => explain(sql, path),
        Err(other) => other,
    }
}

impl Store {
    /// Opens (or creates) the registry at `path` and brings its schema up to date,
    /// keeping a copy of an older file first.
    ///
    /// A file or folder that cannot be written is opened read-only (see
    /// [`Store::read_only`]), leaving nothing beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let read_only = path.exists() && !writable(path);
        let conn = if read_only {
            use rusqlite::OpenFlags;
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(read_only_uri(path), flags)
        } else {
            Connection::open(path)
        }
        .map_err(|e| explain(e, &shown))?;
        Store::on(conn, path, read_only)
    }

    /// A second, reading connection, for another thread (as read-only as this
    /// one: nothing beside a file that cannot be written); `None` in memory.
    pub fn reader(&self) -> Result<Option<Store>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        use rusqlite::OpenFlags;
        let conn = if self.read_only {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(read_only_uri(path), flags)
        } else {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        }
        .map_err(|e| explain(e, &path.display().to_string()))?;
        Store::on(conn, path, true).map(Some)
    }

    /// The store on a file just opened: unlocked with the run's passphrase.
    fn on(conn: Connection, path: &Path, read_only: bool) -> Result<Store> {
        let shown = path.display().to_string();
        cipher::unlock(&conn, cipher::key().as_deref(), &shown)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            officer: String::new(),
            migrated: None,
            read_only,
            site: 0,
            recording: false,
            county: false,
        };
        store.setup().map_err(|e| explain_error(e, &shown))?;
        Ok(store)
    }

    /// Opened read-only: the file or its folder cannot be written. Nothing
    /// can be saved; the screen says so.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// A registry in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            officer: String::new(),
            migrated: None,
            read_only: false,
            site: 0,
            recording: false,
            county: false,
        };
        store.setup()?;
        Ok(store)
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Saving one child takes about twenty distinct statements; keep them all.
        self.conn.set_prepared_statement_cache_capacity(64);
        // Reading the schema first turns a file that is not a database into an error here.
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if self.read_only {
            if version != SCHEMA_VERSION {
                bail!(tf(M::DbReadOnlyOld, &[&self.path_label()]));
            }
            self.officer = self.setting("officer")?.unwrap_or_default();
            self.county = self.setting("county")?.as_deref() == Some("1");
            return self.load_site();
        }
        if self.path.is_some() {
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )?;
        if version > SCHEMA_VERSION {
            let shown = self.path_label();
            bail!("{}{}", tf(M::DbNewer, &[&shown, &version]), way_out(&shown));
        }
        if version < SCHEMA_VERSION {
            let has_tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if version > 0 || has_tables > 0 {
                if version == 0 {
                    // Tables but no version: not a file shouhu wrote.
                    bail!(tf(M::DbCorrupt, &[&self.path_label()]));
                }
                if let Some(path) = &self.path {
                    // A name of its own, never one reused.
                    let copy = PathBuf::from(format!("{}.v{version}.bak", path.display()));
                    let copy = crate::files::target(&copy, crate::files::Existing::Number, None)?;
                    crate::files::write_via(&copy, |tmp| self.backup_to(tmp).map(|_| ()))?;
                    self.migrated = Some(copy);
                }
            }
            let tx = self.conn.transaction()?;
            for sql in &MIGRATIONS[version as usize..] {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            // Each child's due date kept from v11 on: worked out for all.
            due_kept::refresh(&tx, true)?;
            tx.commit()?;
        }
        self.officer = self.setting("officer")?.unwrap_or_default();
        self.county = self.setting("county")?.as_deref() == Some("1");
        self.load_site()
    }

    /// A bigger page cache, for a long-running program that reads the same
    /// pages again and again (the terminal UI); a one-shot command reads each
    /// page once and is faster with SQLite's small default.
    pub fn keep_in_memory(&self, megabytes: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -(i64::from(megabytes) * 1024))?;
        Ok(())
    }

    /// The file, for messages.
    pub fn path_label(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What opening did to an older file, in the officer's words.
    pub fn migration_note(&self) -> Option<String> {
        let copy = self.migrated.as_ref()?;
        Some(tf(M::DbMigrated, &[&SCHEMA_VERSION, &copy.display()]))
    }

    /// The officer named in the audit log.
    pub fn officer(&self) -> &str {
        &self.officer
    }

    /// A county file (made by `shouhu county merge`): the townships' records
    /// are read there, and changed only on the townships' own PCs.
    pub fn county(&self) -> bool {
        self.county
    }

    /// Runs `f` in one transaction: all of it is written, or nothing.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.county() {
            bail!(crate::i18n::tf(crate::i18n::W::CountyReadOnly, &[]));
        }
        // Every change to the registry's tables is recorded as it is made, and
        // kept in the outbox in the same transaction (not so on a read-only
        // file, nor before the site is known).
        self.write_recorded(self.recording, f)
    }

    /// A setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The settings whose keys begin with `prefix`, by key.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Sets a setting (audited).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|w| w.set_setting(key, value))?;
        if key == "officer" {
            self.officer = value.to_string();
        }
        Ok(())
    }

    /// The township's visit cadence (the default policy unless one is set).
    pub fn policy(&self) -> Result<Policy> {
        match self.setting("policy")? {
            None => Ok(Policy::default()),
            Some(text) => Policy::preset(&text)
                .map(Ok)
                .unwrap_or_else(|| Policy::from_text(&text).map_err(|e| anyhow!(e)))
                .context("policy"),
        }
    }

    /// How many rows a table holds.
    pub fn count(&self, table: &str) -> Result<i64> {
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }

    /// Village names by row id (one scan; the lists join children to them).
    pub fn village_names(&self) -> Result<std::collections::HashMap<i64, String>> {
        village_names_in(&self.conn)
    }

    /// The villages, by name.
    pub fn villages(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM villages")?;
        let mut names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        names.sort_by_key(|n| crate::domain::text::sort_key(n));
        Ok(names)
    }
}

/// Village names by row id, on a connection.
fn village_names_in(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM villages")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The inside of one write transaction.
pub struct Writer<'a> {
    pub tx: Transaction<'a>,
    officer: &'a str,
    pub now: String,
    site: i64,
}

impl Writer<'_> {
    /// The uuid of row `id` of `table` (a table of the schema, never user
    /// text): what the audit log names a record by.
    pub(crate) fn uuid_of(&self, table: &str, id: i64) -> rusqlite::Result<String> {
        self.tx.query_row(
            &format!("SELECT uuid FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
    }

    /// Writes one line of the audit log.
    pub fn audit(
        &self,
        action: &str,
        table: &str,
        record: Option<&str>,
        changes: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO audit (uuid, at, officer, action, table_name, record_uuid, changes, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2)",
            )?
            .execute(params![new_uuid(), self.now, self.officer, action, table, record, changes])?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO settings (key, value, uuid, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            )?
            .execute(params![key, value, new_uuid(), self.now])?;
        self.audit("set", "settings", None, &format!("{key}={value}"))
    }

    /// The id of a village, created if new.
    pub fn village_id(&self, name: &str) -> Result<i64> {
        if let Some(id) = self
            .tx
            .prepare_cached("SELECT id FROM villages WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        let uuid = new_uuid();
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO villages (id, uuid, name, updated_at) VALUES ({next}, ?1, ?2, ?3)",
                next = self.next_id("villages")
            ))?
            .execute(params![uuid, name, self.now])?;
        let id = self.tx.last_insert_rowid();
        self.audit("insert", "villages", Some(&uuid), name)?;
        Ok(id)
    }

    /// The id of a household in a village, created if new.
    /// The children of a household of a village (none when there is no such household).
    pub fn household_members(&self, village: &str, code: &str) -> Result<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT c.id FROM children c
               JOIN households h ON h.id = c.household_id
               JOIN villages v ON v.id = h.village_id
              WHERE v.name = ?1 AND h.code = ?2",
        )?;
        let rows = stmt.query_map(params![village, code], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn household_id(&self, village_id: i64, code: &str) -> Result<i64> {
        if let Some(id) = self
            .tx
            .prepare_cached("SELECT id FROM households WHERE village_id = ?1 AND code = ?2")?
            .query_row(params![village_id, code], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        self.tx
            .prepare_cached(
                &format!("INSERT INTO households (id, uuid, village_id, code, updated_at) VALUES ({next}, ?1, ?2, ?3, ?4)", next = self.next_id("households")),
            )?
            .execute(params![new_uuid(), village_id, code, self.now])?;
        Ok(self.tx.last_insert_rowid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_registry_has_the_current_schema() {
        let store = Store::open_in_memory().unwrap();
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert!(store.check().unwrap().is_empty());
    }

    #[test]
    fn files_open_in_wal_and_refuse_garbage_and_newer_schemas() {
        let dir = std::env::temp_dir().join(format!("shouhu-store-{}", new_uuid()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("a.db");
        {
            let store = Store::open(&db).unwrap();
            let mode: String = store
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        let junk = dir.join("junk.db");
        std::fs::write(
            &junk,
            b"this is a spreadsheet, not a database, honestly......",
        )
        .unwrap();
        assert!(Store::open(&junk).is_err());
        let newer = dir.join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99; CREATE TABLE x (a);")
            .unwrap();
        let err = Store::open(&newer).err().unwrap().to_string();
        assert!(err.contains("99"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn settings_are_kept_and_audited() {
        let mut store = Store::open_in_memory().unwrap();
        // Opening made the site (its id and place, audited).
        let opened = store.count("audit").unwrap();
        store.set_setting("officer", "李主任").unwrap();
        store.set_setting("officer", "王主任").unwrap();
        assert_eq!(store.setting("officer").unwrap().as_deref(), Some("王主任"));
        assert_eq!(store.officer(), "王主任");
        assert_eq!(store.count("audit").unwrap(), opened + 2);
        assert_eq!(store.policy().unwrap(), Policy::default());
        store.set_setting("policy", "quarterly").unwrap();
        assert_eq!(store.policy().unwrap().name, "quarterly");
    }
}
