//! Helpers shared by the integration tests: run the real binary on a fresh database.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch directory removed at the end of the test.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("shouhu-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    pub fn db(&self) -> PathBuf {
        self.path("s.db")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `shouhu --db DB --today TODAY ARGS...`.
pub fn shouhu(db: &Path, today: &str, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_shouhu"))
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(today)
        .args(args)
        .env_remove("SHOUHU_DB")
        .env_remove("SHOUHU_KEY")
        .output()
        .unwrap()
        .into()
}

/// The same, for a run that must succeed.
pub fn shouhu_ok(db: &Path, today: &str, args: &[&str]) -> Run {
    let r = shouhu(db, today, args);
    assert_eq!(r.code, 0, "shouhu {args:?}: {}", r.stderr);
    r
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A valid ID number from a region, birth date (YYYYMMDD) and serial.
pub fn id_number(region: &str, birth: &str, serial: u32) -> String {
    let body = format!("{region}{birth}{serial:03}");
    let c = shouhu::domain::idnum::check_char(&body).unwrap();
    format!("{body}{c}")
}

/// Makes a file as the first wave had it: small ids, no site, nothing
/// recorded. Returns the site it had.
pub fn as_first_wave(c: &mut rusqlite::Connection) -> i64 {
    let site: i64 = c
        .query_row(
            "SELECT value FROM settings WHERE key = 'site_id'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let (lo, hi) = shouhu::store::site::range(site);
    shouhu::store::site::shift_ids(c, (lo, hi), -lo).unwrap();
    c.execute_batch(
        "DELETE FROM settings WHERE key IN ('site_id', 'site_path'); DELETE FROM outbox;",
    )
    .unwrap();
    site
}
