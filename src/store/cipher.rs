//! Encryption of the registry at rest, for shared PCs: SQLCipher, in a build
//! made with `--features encryption`. The passphrase comes from `SHOUHU_KEY`,
//! `--key-file FILE`, or the screen at start; it is never stored. A build
//! without SQLCipher ignores `PRAGMA key` silently, so the build is asked
//! (`PRAGMA cipher_version`) before anyone is told a file is encrypted.

use std::path::Path;
use std::sync::Mutex;

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::{BUSY_TIMEOUT, SCHEMA_VERSION, explain};
use crate::i18n::{M, tf};

/// The passphrase of this run, if one was given.
static KEY: Mutex<Option<String>> = Mutex::new(None);

/// Sets the passphrase every registry of this run is opened with.
pub fn set_key(key: Option<String>) {
    if let Ok(mut k) = KEY.lock() {
        *k = key.filter(|k| !k.is_empty());
    }
}

/// The passphrase of this run.
pub fn key() -> Option<String> {
    KEY.lock().ok().and_then(|k| k.clone())
}

/// Whether this build can encrypt (SQLCipher answers `cipher_version`).
pub fn available() -> bool {
    Connection::open_in_memory()
        .and_then(|c| c.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0)))
        .is_ok()
}

/// Applies a passphrase to a connection just opened, before anything is read.
pub fn unlock(conn: &Connection, key: Option<&str>, shown: &str) -> Result<()> {
    let Some(key) = key else {
        return Ok(());
    };
    if !available() {
        bail!(tf(M::CipherNotBuilt, &[]));
    }
    // SQLCipher writes its own messages to the terminal unless told not to.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.pragma_update(None, "key", key)
        .map_err(|e| explain(e, shown))?;
    Ok(())
}

/// Whether a file is a registry encrypted with a key this run does not have:
/// it cannot be read without one, and the build could read it with one.
pub fn needs_key(path: &Path) -> bool {
    if key().is_some() || !available() || !path.is_file() {
        return false;
    }
    let Ok(conn) = Connection::open(path) else {
        return false;
    };
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_err()
}

/// Copies the registry at `from` (opened with `from_key`) into a new file
/// `to` encrypted with `to_key` (`""`: not encrypted), schema version
/// included; then checks the copy.
pub fn export(from: &Path, from_key: Option<&str>, to: &Path, to_key: &str) -> Result<()> {
    if !available() {
        bail!(tf(M::CipherNotBuilt, &[]));
    }
    let shown = from.display().to_string();
    let conn = Connection::open(from).map_err(|e| explain(e, &shown))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    unlock(&conn, from_key, &shown)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| explain(e, &shown))?;
    if version != SCHEMA_VERSION {
        bail!(tf(M::CipherOldSchema, &[&shown]));
    }
    conn.execute(
        "ATTACH DATABASE ?1 AS target KEY ?2",
        [to.to_string_lossy().as_ref(), to_key],
    )?;
    conn.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "PRAGMA target.user_version = {SCHEMA_VERSION}; DETACH DATABASE target;"
    ))?;
    drop(conn);
    let copy = Connection::open(to)?;
    unlock(
        &copy,
        Some(to_key).filter(|k| !k.is_empty()),
        &to.display().to_string(),
    )?;
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        bail!(tf(M::CopyDamaged, &[&to.display(), &check]));
    }
    Ok(())
}
