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
        (Picking::Sync, "export") => Effect::Work(Job::SyncExport),
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
