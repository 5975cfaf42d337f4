//! 同步 on 报表: export this PC's changes to a file (a USB drive, a shared
//! folder), import another PC's file, resolve the conflicts listed.

use anyhow::Result;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind, Opt};
use super::jobs::Job;
use super::popups::Popup;
use super::popups::pick::{Pick, Picking};
use super::screens::Effect;
use super::target::Target;
use crate::i18n::{W, t, tf};
use crate::store::sync::{ConflictRow, Settle, typeable};

fn conflict(id: i64, ctx: &Ctx) -> Result<Option<ConflictRow>> {
    Ok(ctx.store.sync_conflicts()?.into_iter().find(|c| c.id == id))
}

/// A conflict in a line: what, both values, and which the record holds now.
pub fn line(c: &ConflictRow, ctx: &Ctx) -> String {
    let now = ctx
        .store
        .conflict_now(&c.table, &c.field, &c.record)
        .ok()
        .flatten();
    let held = match now {
        Some(v) if c.here != c.there && v == c.there => format!("（{}）", t(W::SyncNowThere)),
        Some(v) if c.here != c.there && v == c.here => format!("（{}）", t(W::SyncNowHere)),
        _ => String::new(),
    };
    // The list is the latest first; when is in `sync conflicts`.
    format!("{}：本机 {} | 对方 {}{held}", what(c, ctx), c.here, c.there)
}

/// What a conflict is about: whose record, which record, which field.
fn what(c: &ConflictRow, ctx: &Ctx) -> String {
    let child = ctx
        .store
        .conflict_child(&c.table, &c.record)
        .ok()
        .flatten()
        .map(|n| format!("{n} · "))
        .unwrap_or_default();
    format!("{child}{} {}", table_words(&c.table), field_words(&c.field))
}

/// A synced table as the officer calls it (another by its own name).
fn table_words(table: &str) -> &str {
    match table {
        "children" => "儿童",
        "parents" => "父母",
        "caregivers" => "照护人",
        "visits" => "走访",
        "villages" => "村",
        "households" => "户",
        "helpers" => "帮扶人",
        "pairings" => "结对",
        "referrals" => "报告转介",
        "benefits" => "保障",
        other => other,
    }
}

/// A field as the forms call it (another by its own name).
fn field_words(field: &str) -> &str {
    match field {
        "*" => "整条记录",
        "name" => "姓名",
        "phone" => "电话",
        "address" => "住址",
        "id_number" => "身份证号",
        "birth_date" => "出生日期",
        "school" => "学校",
        "grade" => "年级",
        "status" => "状态",
        "notes" => "备注",
        "relation" => "关系",
        "date" => "日期",
        "visitor" => "走访人",
        other => other,
    }
}

/// The ways to settle one conflict; a whole record (a clash on what must
/// be unique) is not settled by typing one value.
pub fn settle_options(id: i64, ctx: &Ctx) -> Result<(String, Vec<Opt>)> {
    let Some(c) = conflict(id, ctx)? else {
        return Ok((t(W::SyncConflictsTitle).into(), Vec::new()));
    };
    // A whole record (a clash on what must be unique) is kept here and
    // corrected in its form; one value is taken or typed only for a field.
    let mut opts = Vec::new();
    if c.field != "*" {
        opts.push(Opt::new("there", tf(W::SyncSettleThere, &[&c.there])));
    }
    opts.push(Opt::new("here", tf(W::SyncSettleHere, &[&c.here])));
    if typeable(&c.table, &c.field) {
        opts.push(Opt::new("type", t(W::SyncSettleType)));
    }
    Ok((line(&c, ctx), opts))
}

/// The form of a conflict settled by a value typed: this PC's value to
/// start from. `None` when it was settled meanwhile.
pub fn form(id: i64, ctx: &Ctx) -> Result<Option<Form>> {
    let Some(c) = conflict(id, ctx)? else {
        return Ok(None);
    };
    let mut form = Form::new(
        line(&c, ctx),
        vec![Field::new("value", t(W::SyncValueLabel), Kind::Text)],
        ctx.today,
    );
    form.set("value", &c.here);
    form.dirty = false;
    Ok(Some(form))
}

/// Settles the conflict with the value typed; the words for the status
/// line, or `None` when the value was refused (the form says why).
pub fn save(id: i64, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    match settle(id, Settle::Value(form.get("value")), ctx) {
        Ok(words) => Ok(Some(words)),
        Err(e) if conflict(id, ctx)?.is_some() => {
            form.refuse("value", e.to_string());
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Settles a conflict; the words for the status line: whose record, what,
/// and what was done.
pub fn settle(id: i64, how: Settle, ctx: &mut Ctx) -> Result<String> {
    let Some(c) = conflict(id, ctx)? else {
        return Ok(String::new());
    };
    let what = what(&c, ctx);
    let done = ctx.store.resolve_conflict(id, how, ctx.today)?;
    Ok(tf(W::SyncResolved, &[&format!("{what} {done}")]))
}

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
            Ok(id) => list(Picking::SyncSettle(id), ctx)?,
            Err(_) => Effect::None,
        },
        (Picking::SyncSettle(id), "there") => Effect::Work(Job::SyncSettle {
            id,
            how: Settle::There,
        }),
        (Picking::SyncSettle(id), "here") => Effect::Work(Job::SyncSettle {
            id,
            how: Settle::Here,
        }),
        (Picking::SyncSettle(id), "type") => Effect::Form(Target::Conflict(id)),
        (Picking::SyncSettle(_), _) => Effect::None,
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
