//! 同步 on 报表: export this PC's changes to a file (a USB drive, a shared
//! folder), import another PC's file, resolve the conflicts listed.

use anyhow::Result;

use super::ctx::Ctx;
use super::jobs::Job;
use super::popups::Popup;
use super::popups::ask::{Ask, Question};
use super::popups::pick::{Pick, Picking};
use super::screens::Effect;

/// What a choice of the 同步 lists does; `None` for another list's.
pub fn picked(purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Option<Effect>> {
    let list = |p: Picking, ctx: &Ctx| -> Result<Effect> {
        Ok(Effect::Popup(Popup::Pick(Box::new(Pick::open(p, ctx)?))))
    };
    Ok(Some(match (purpose, code) {
        (Picking::Sync, "export") => list(Picking::SyncPlace, ctx)?,
        (Picking::SyncPlace, dir) if !dir.is_empty() => {
            Effect::Work(Job::SyncExport { dir: dir.into() })
        }
        (Picking::Sync, "import") => list(Picking::SyncFile, ctx)?,
        (Picking::Sync, "conflicts") => list(Picking::SyncConflict, ctx)?,
        (Picking::Sync, _) => Effect::None,
        (Picking::SyncFile, path) if !path.is_empty() => {
            Effect::Work(Job::SyncImport { path: path.into() })
        }
        (Picking::SyncConflict, id) => match id.parse() {
            Ok(id) => Effect::Popup(Popup::Ask(Ask::new(Question::TakeTheirs(id)))),
            Err(_) => Effect::None,
        },
        _ => return Ok(None),
    }))
}

/// The removable drives and mounted media this PC shows now: on Windows the
/// drive letters from D: on that exist, elsewhere what is mounted under
/// /media, /run/media and /mnt. Read from the file system, nothing run.
pub fn removable() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if cfg!(windows) {
        for letter in 'D'..='Z' {
            let root = std::path::PathBuf::from(format!("{letter}:\\"));
            if root.is_dir() {
                out.push(root);
            }
        }
    } else {
        let user = std::env::var("USER").unwrap_or_default();
        for base in [
            format!("/media/{user}"),
            format!("/run/media/{user}"),
            "/media".into(),
            "/mnt".into(),
        ] {
            let Ok(entries) = std::fs::read_dir(&base) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir()
                    && !out.contains(&path)
                    && path != std::path::Path::new(&format!("/media/{user}"))
                {
                    out.push(path);
                }
            }
        }
    }
    out
}
