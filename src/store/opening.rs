//! How a registry file is opened: read-only where it cannot be written,
//! without leaving anything beside it.

use std::path::Path;

/// The URI that opens `path` read-only without writing anything beside it
/// (no -wal or -shm: the folder may not be writable).
pub(super) fn read_only_uri(path: &Path) -> String {
    let mut p = path.to_string_lossy().replace('\\', "/");
    if p.as_bytes().get(1) == Some(&b':') {
        p = format!("/{p}");
    }
    let p = p
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{p}?mode=ro&immutable=1")
}

/// Whether shouhu can write the file and make its -wal and -shm beside it.
pub(super) fn writable(path: &Path) -> bool {
    let file_ok = !path.exists() || std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".shouhu-probe-{}", std::process::id()));
    let dir_ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    file_ok && (dir_ok || !dir.exists())
}
