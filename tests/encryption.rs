//! Encryption at rest: in a build with SQLCipher (`--features encryption`) a
//! registry is encrypted and decrypted, its name unreadable in the file, its
//! backups encrypted too; a build without it says so and never pretends.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, Scratch, shouhu_ok};

const TODAY: &str = "2026-11-23";

fn with_key(db: &Path, key: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shouhu"));
    cmd.arg("--db").arg(db).arg("--today").arg(TODAY).args(args);
    cmd.env_remove("SHOUHU_DB").env_remove("SHOUHU_KEY");
    if let Some(k) = key {
        cmd.env("SHOUHU_KEY", k);
    }
    cmd.output().unwrap().into()
}

fn first_name(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT name FROM children ORDER BY id LIMIT 1", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[cfg(not(feature = "encryption"))]
#[test]
fn a_build_without_encryption_says_so_and_never_pretends() {
    let s = Scratch::new("nocipher");
    shouhu_ok(&s.db(), TODAY, &["demo", "--children", "5"]);
    let r = with_key(&s.db(), Some("秘密口令"), &["encrypt"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("不含加密功能"), "{}", r.stderr);
    let r = with_key(&s.db(), Some("秘密口令"), &["due"]);
    assert_eq!(r.code, 1, "a passphrase that would be ignored is refused");
    assert!(r.stderr.contains("不含加密功能"), "{}", r.stderr);
    // The file is as it was: plain, readable.
    assert!(!first_name(&s.db()).is_empty());
    let r = with_key(&s.db(), None, &["encrypt"]);
    assert!(r.stderr.contains("SHOUHU_KEY"), "{}", r.stderr);
}

#[cfg(feature = "encryption")]
#[test]
fn a_registry_is_encrypted_read_with_its_key_backed_up_encrypted_and_decrypted() {
    let s = Scratch::new("cipher");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "12"]);
    let name = first_name(&db);
    let plain_due = shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout;
    let key = "清溪镇 2026";
    let r = with_key(&db, Some(key), &["encrypt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let hay = String::from_utf8_lossy(&bytes);
    assert!(!hay.contains(&name), "the names cannot be read in the file");
    // Without the key, or with a wrong one: a plain message, no panic.
    for k in [None, Some("wrong")] {
        let r = with_key(&db, k, &["due"]);
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("已加密"), "{}", r.stderr);
        assert!(
            r.stderr.lines().count() <= 2,
            "no SQLCipher log on the terminal: {}",
            r.stderr
        );
    }
    let r = with_key(&db, Some(key), &["due", "--format", "csv"]);
    assert_eq!(r.stdout, plain_due);
    // A backup of an encrypted registry is encrypted, and restores.
    let b = s.path("b.db");
    let r = with_key(&db, Some(key), &["backup", "-o", b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!std::fs::read(&b).unwrap().starts_with(b"SQLite format 3"));
    let r = with_key(&db, Some(key), &["restore", b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = with_key(&db, Some(key), &["decrypt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    assert_eq!(first_name(&db), name);
    assert_eq!(
        shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout,
        plain_due
    );
}
