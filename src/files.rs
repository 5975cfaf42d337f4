//! Every file shouhu writes goes through here: written beside its target under
//! a temporary name, flushed, and renamed into place only when whole. The
//! open database and its -wal/-shm files are never a target; an existing file
//! is replaced only when asked (or, where shouhu chose the name, a free name
//! `-2`, `-3` is taken); a full disk or a file held open says so plainly.

use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::i18n::{M, tf};

/// What to do when the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (the officer named the file and did not say `--force`).
    Refuse,
    /// Replace it (`--force`, or a confirmation on screen).
    Replace,
    /// Take the first free name `name-2.ext`, `name-3.ext` (shouhu chose the name).
    Number,
}

/// A path as the file system knows it, for comparing (the file need not exist).
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = parent
        .and_then(|p| p.canonicalize().ok())
        .or_else(|| std::env::current_dir().ok().filter(|_| parent.is_none()))
        .unwrap_or_else(|| parent.map(Path::to_path_buf).unwrap_or_default());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

fn same(a: &Path, b: &Path) -> bool {
    if cfg!(windows) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}

/// Whether `path` is the database `db` or one of its -wal, -shm, -journal files.
pub fn is_database(path: &Path, db: &Path) -> bool {
    let target = resolved(path);
    let db = resolved(db);
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|x| same(&target, &PathBuf::from(format!("{}{x}", db.display()))))
}

/// The path to write: refuses the database, a folder or other non-file, and
/// an existing file unless it may be replaced; or finds a free name.
pub fn target(path: &Path, existing: Existing, db: Option<&Path>) -> Result<PathBuf> {
    if path.as_os_str().is_empty() {
        bail!(tf(M::OutNoName, &[]));
    }
    if let Some(db) = db
        && is_database(path, db)
    {
        bail!(tf(M::OutIsDatabase, &[&path.display()]));
    }
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    if !meta.is_file() {
        bail!(tf(M::OutNotFile, &[&path.display()]));
    }
    match existing {
        Existing::Replace => Ok(path.to_path_buf()),
        Existing::Refuse => bail!(tf(M::OutExists, &[&path.display()])),
        Existing::Number => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let ext = path
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            (2..10_000)
                .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
                .find(|p| std::fs::symlink_metadata(p).is_err())
                .ok_or_else(|| anyhow!(tf(M::OutExists, &[&path.display()])))
        }
    }
}

/// The temporary name a file is written under beside its target.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

/// Temporary files of the same target left by a program that was killed.
fn remove_stale(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".part") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A failure to write put in the officer's words: a full disk, a file held
/// open by another program, no permission.
pub fn explain_io(e: &std::io::Error, path: &Path) -> anyhow::Error {
    // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (WPS or Excel has it open).
    let held = cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33));
    // ENOSPC, EDQUOT; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL.
    let full = e.kind() == ErrorKind::StorageFull
        || e.kind() == ErrorKind::QuotaExceeded
        || (!cfg!(windows) && matches!(e.raw_os_error(), Some(28 | 122)))
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(39 | 112)));
    if full {
        anyhow!(tf(M::OutDiskFull, &[&path.display()]))
    } else if held {
        anyhow!(tf(M::OutHeld, &[&path.display()]))
    } else {
        anyhow!("{}: {e}", tf(M::CannotWrite, &[&path.display()]))
    }
}

/// Writes `path` through `write`, which fills the temporary file it is
/// given; the file appears only when `write` succeeded and the data is on
/// disk. Whatever fails, the old file (if any) is left as it was and no
/// temporary file stays behind.
pub fn write_via<T>(path: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    remove_stale(path);
    let tmp = temporary(path);
    let done = write(&tmp).and_then(|value| {
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| explain_io(&e, path))?;
        std::fs::rename(&tmp, path).map_err(|e| explain_io(&e, path))?;
        Ok(value)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done.map_err(|e| {
        // An I/O failure deep in a writer is said in the same words.
        match e.downcast_ref::<std::io::Error>() {
            Some(io) => explain_io(io, path),
            None => e,
        }
    })
}

/// Writes bytes to `path` as `write_via` does.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_via(path, |tmp| {
        std::fs::write(tmp, bytes).map_err(|e| explain_io(&e, path))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("shouhu-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn the_database_and_its_sidecars_are_never_a_target() {
        let d = dir("db");
        let db = d.join("s.db");
        std::fs::write(&db, b"x").unwrap();
        for name in ["s.db", "s.db-wal", "s.db-shm"] {
            let e = target(&d.join(name), Existing::Replace, Some(&db)).unwrap_err();
            assert!(e.to_string().contains("数据库"), "{e}");
        }
        // The same file by another way of writing it.
        let other = d.join(".").join("s.db");
        assert!(target(&other, Existing::Replace, Some(&db)).is_err());
        assert!(target(&d.join("out.csv"), Existing::Refuse, Some(&db)).is_ok());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_existing_file_is_refused_replaced_or_numbered() {
        let d = dir("exists");
        let f = d.join("w.html");
        std::fs::write(&f, b"old").unwrap();
        assert!(
            target(&f, Existing::Refuse, None)
                .unwrap_err()
                .to_string()
                .contains("--force")
        );
        assert_eq!(target(&f, Existing::Replace, None).unwrap(), f);
        assert_eq!(
            target(&f, Existing::Number, None).unwrap(),
            d.join("w-2.html")
        );
        std::fs::write(d.join("w-2.html"), b"").unwrap();
        assert_eq!(
            target(&f, Existing::Number, None).unwrap(),
            d.join("w-3.html")
        );
        // A folder is not replaced.
        assert!(target(&d, Existing::Replace, None).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let d = dir("fail");
        let f = d.join("e.csv");
        std::fs::write(&f, b"old").unwrap();
        let r: Result<()> = write_via(&f, |tmp| {
            std::fs::write(tmp, b"half")?;
            bail!("the export failed")
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&f).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1, "no .part left");
        write_bytes(&f, b"new").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
