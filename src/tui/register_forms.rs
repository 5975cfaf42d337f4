//! The forms of keeping the register true: a temporary guardianship (临时监护,
//! 004) begun, or ended. Built from the store and written back in one
//! transaction.

use anyhow::Result;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind};
use super::forms::Target;
use crate::domain::date;
use crate::i18n::{M, t, tf};

fn name(ctx: &Ctx, child: i64) -> String {
    ctx.child_name(child).0
}

/// The form of a target of this module; `None` when its record is gone.
pub fn form(target: Target, ctx: &Ctx) -> Result<Option<Form>> {
    let Target::Temporary { child, open } = target else {
        return Ok(None);
    };
    let today = ctx.today;
    let who = name(ctx, child);
    Ok(Some(match open {
        None => {
            let mut form = Form::new(
                tf(M::FormTemporary, &[&who]),
                vec![
                    Field::new(
                        "started_on",
                        t(M::FTemporaryStart),
                        Kind::Date { future: false },
                    )
                    .required(),
                    Field::new("place", t(M::FTemporaryPlace), Kind::Text).required(),
                    Field::notes("note", t(M::FTemporaryNote)),
                ],
                today,
            );
            form.set("started_on", &date::iso(today));
            form.dirty = false;
            form
        }
        Some(_) => {
            let mut form = Form::new(
                tf(M::FormTemporaryEnd, &[&who]),
                vec![
                    Field::new(
                        "ended_on",
                        t(M::FTemporaryEnd),
                        Kind::Date { future: false },
                    )
                    .required(),
                ],
                today,
            );
            form.set("ended_on", &date::iso(today));
            form.dirty = false;
            form
        }
    }))
}

/// Writes the form; the words for the status line, or `None` when a field
/// was refused (the form says why).
pub fn save(target: Target, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    let Target::Temporary { child, open } = target else {
        return Ok(None);
    };
    let who = name(ctx, child);
    match open {
        None => {
            let Ok(start) = date::parse(&form.get("started_on"), form.today) else {
                return Ok(None);
            };
            let place = crate::domain::text::clean_short(&form.get("place"));
            let note = form.get("note");
            ctx.store
                .write(|w| w.open_temporary(child, start, &place, &note))?;
            Ok(Some(tf(M::TemporaryOpened, &[&who, &date::iso(start)])))
        }
        Some(id) => {
            let Ok(end) = date::parse(&form.get("ended_on"), form.today) else {
                return Ok(None);
            };
            let started = ctx
                .store
                .temporaries_of(child)?
                .into_iter()
                .find(|e| e.id == id)
                .map(|e| e.started_on);
            if let Some(s) = started.filter(|s| end < *s) {
                form.refuse("ended_on", tf(M::TemporaryEndBeforeStart, &[&date::iso(s)]));
                return Ok(None);
            }
            ctx.store.write(|w| w.end_temporary(id, end))?;
            Ok(Some(tf(M::TemporaryEnded, &[&who, &date::iso(end)])))
        }
    }
}
