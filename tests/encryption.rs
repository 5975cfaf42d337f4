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

#[cfg(feature = "encryption")]
#[test]
fn a_changes_file_is_sealed_with_the_registrys_passphrase_and_opens_only_with_it() {
    let s = Scratch::new("sealed");
    let a = s.path("a.db");
    shouhu_ok(&a, TODAY, &["demo", "--children", "12"]);
    let name = first_name(&a);
    let key = "清溪镇 2026";
    assert_eq!(with_key(&a, Some(key), &["encrypt"]).code, 0);
    let file = s.path("a.sync");
    let file_arg = file.to_str().unwrap();
    let r = with_key(&a, Some(key), &["sync", "export", "-o", file_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"SHOUHU-SYNC-SEALED 1\n"));
    assert!(
        !String::from_utf8_lossy(&bytes).contains(&name),
        "no name can be read in the file"
    );
    // Another PC with the township's passphrase starts from it.
    let b = s.path("b.db");
    let r = with_key(&b, Some(key), &["--create", "sync", "import", file_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let due = |db: &Path| with_key(db, Some(key), &["due", "--format", "csv"]).stdout;
    assert_eq!(due(&b), due(&a));
    // No passphrase, another one, a changed byte: refused, nothing imported.
    let mut changed = bytes.clone();
    let at = changed.len() / 2;
    changed[at] ^= 1;
    let bad = s.path("changed.sync");
    std::fs::write(&bad, changed).unwrap();
    for (i, (k, f, says)) in [
        (None, &file, "用口令加密了"),
        (Some("别的口令"), &file, "口令与加密它的不同"),
        (Some(key), &bad, "或文件已损坏"),
    ]
    .into_iter()
    .enumerate()
    {
        let c = s.path(&format!("c{i}.db"));
        let r = with_key(&c, k, &["--create", "sync", "import", f.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(r.stderr.contains(says), "{}", r.stderr);
        let r = with_key(&c, k, &["due", "--within", "3650", "--format", "csv"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            r.stdout.lines().count(),
            1,
            "the header alone: {}",
            r.stdout
        );
    }
}

#[cfg(not(feature = "encryption"))]
#[test]
fn a_build_without_encryption_writes_the_changes_file_plain_and_refuses_a_sealed_one() {
    let s = Scratch::new("plainsync");
    let a = s.path("a.db");
    shouhu_ok(&a, TODAY, &["demo", "--children", "5"]);
    let file = s.path("a.sync");
    shouhu_ok(&a, TODAY, &["sync", "export", "-o", file.to_str().unwrap()]);
    assert!(
        std::fs::read(&file)
            .unwrap()
            .starts_with(b"SHOUHU-SYNC 1\n")
    );
    // A sealed file from a PC with encryption: said plainly, nothing imported.
    let sealed = s.path("sealed.sync");
    std::fs::write(
        &sealed,
        b"SHOUHU-SYNC-SEALED 1\n0123456789abcdef0123456789abcdef",
    )
    .unwrap();
    let b = s.path("b.db");
    let r = with_key(
        &b,
        None,
        &["--create", "sync", "import", sealed.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("用口令加密了"), "{}", r.stderr);
}
