//! The forms of the township's own paperwork: an entry of the work log typed
//! by hand (a note, a coordination meeting), a village's office (its child
//! directors with trainings and background checks, its 儿童之家).

use anyhow::Result;
use chrono::NaiveDate;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind, Opt};
use super::forms::Target;
use crate::domain::date;
use crate::domain::paperwork::{NoteKind, Office, WorkNote, needs_deputy};
use crate::domain::text::clean_short;
use crate::i18n::W;
use crate::i18n::{M, t, tf};

/// The villages as the office list shows them: director, children, what is
/// missing (a second director where needed, a 儿童之家).
pub fn options(ctx: &Ctx) -> Result<Vec<Opt>> {
    let ids: std::collections::HashMap<String, i64> = ctx
        .store
        .village_names()?
        .into_iter()
        .map(|(id, name)| (name, id))
        .collect();
    Ok(ctx
        .store
        .village_offices()?
        .into_iter()
        .map(|v| {
            let mut flags = String::new();
            if needs_deputy(v.children, &v.office) {
                flags.push_str(t(W::OfficeNeedsDeputy));
            }
            if v.office.home.trim().is_empty() {
                flags.push_str(t(W::OfficeNoHome));
            }
            let label = tf(
                W::OfficeLine,
                &[&v.village, &v.office.director, &v.children, &flags],
            );
            let id = ids.get(&v.village).copied().unwrap_or(0);
            Opt::new(id.to_string(), label)
        })
        .collect())
}

fn day_field(key: &'static str, label: W) -> Field {
    Field::new(key, t(label), Kind::Date { future: false })
}

fn village_name(ctx: &Ctx, id: i64) -> Result<String> {
    Ok(ctx.store.village_names()?.remove(&id).unwrap_or_default())
}

/// The form of a target of this module; `None` when its record is gone.
pub fn form(target: Target, ctx: &Ctx) -> Result<Option<Form>> {
    let today = ctx.today;
    Ok(match target {
        Target::Note(kind) => {
            let mut villages = vec![Opt::new("", t(M::AllVillages))];
            villages.extend(
                ctx.store
                    .villages()?
                    .into_iter()
                    .map(|v| Opt::new(v.clone(), v)),
            );
            // A note, or an activity of a village's 儿童之家 (000).
            let kinds = [NoteKind::Note, NoteKind::HomeActivity]
                .iter()
                .map(|k| Opt::new(k.code(), k.label()))
                .collect();
            let mut fields = vec![
                day_field("day", W::FNoteDay).required(),
                Field::new("village", t(W::FNoteVillage), Kind::Choice(villages)),
                Field::notes("text", t(W::FNoteText)),
            ];
            if kind == NoteKind::Meeting {
                fields.push(Field::new("bodies", t(W::FNoteBodies), Kind::Text).required());
                fields.push(Field::notes("decisions", t(W::FNoteDecisions)));
            } else {
                fields.insert(1, Field::new("kind", t(W::FNoteKind), Kind::Choice(kinds)));
            }
            let title = t(if kind == NoteKind::Meeting {
                W::FormMeeting
            } else {
                W::FormNote
            });
            let mut form = Form::new(title.into(), fields, today);
            form.set("day", &date::iso(today));
            form.set("kind", kind.code());
            form.dirty = false;
            Some(form)
        }
        Target::Office(id) => {
            let village = village_name(ctx, id)?;
            let o = ctx.store.office(&village)?.unwrap_or_default();
            let mut form = Form::new(
                tf(W::FormOffice, &[&village]),
                vec![
                    Field::new("director", t(W::FDirector), Kind::Text),
                    Field::new("director_phone", t(W::FDirectorPhone), Kind::Text),
                    day_field("director_trained", W::FTrained),
                    day_field("director_checked", W::FChecked),
                    Field::new("deputy", t(W::FDeputy), Kind::Text),
                    Field::new("deputy_phone", t(W::FDirectorPhone), Kind::Text),
                    day_field("deputy_trained", W::FTrained),
                    day_field("deputy_checked", W::FChecked),
                    Field::new("home", t(W::FHome), Kind::Text),
                ],
                today,
            );
            let d = |x: Option<NaiveDate>| x.map(date::iso).unwrap_or_default();
            for (k, v) in [
                ("director", o.director.clone()),
                ("director_phone", o.director_phone.clone()),
                ("director_trained", d(o.director_trained)),
                ("director_checked", d(o.director_checked)),
                ("deputy", o.deputy.clone()),
                ("deputy_phone", o.deputy_phone.clone()),
                ("deputy_trained", d(o.deputy_trained)),
                ("deputy_checked", d(o.deputy_checked)),
                ("home", o.home.clone()),
            ] {
                form.set(k, &v);
            }
            form.dirty = false;
            Some(form)
        }
        _ => None,
    })
}

/// Writes the form; the words for the status line, or `None` when a field
/// was refused (the form says why).
pub fn save(target: Target, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    let day = |form: &Form, k: &str| date::parse(&form.get(k), form.today).ok();
    match target {
        Target::Note(kind) => {
            let Some(on) = day(form, "day") else {
                return Ok(None);
            };
            let note = WorkNote {
                id: 0,
                day: on,
                kind: NoteKind::from_code(&form.get("kind")).unwrap_or(kind),
                village: form.get("village"),
                text: form.get("text"),
                bodies: clean_short(&form.get("bodies")),
                decisions: form.get("decisions"),
                officer: ctx.officer.clone(),
            };
            ctx.store.write(|w| w.save_note(&note))?;
            Ok(Some(tf(W::NoteSaved, &[&kind.label()])))
        }
        Target::Office(id) => {
            for key in ["director_phone", "deputy_phone"] {
                if let Some(problem) = crate::domain::text::phone_problem(&form.get(key)) {
                    form.refuse(key, problem);
                    return Ok(None);
                }
            }
            let village = village_name(ctx, id)?;
            let o = Office {
                director: clean_short(&form.get("director")),
                director_phone: clean_short(&form.get("director_phone")),
                director_trained: day(form, "director_trained"),
                director_checked: day(form, "director_checked"),
                deputy: clean_short(&form.get("deputy")),
                deputy_phone: clean_short(&form.get("deputy_phone")),
                deputy_trained: day(form, "deputy_trained"),
                deputy_checked: day(form, "deputy_checked"),
                home: clean_short(&form.get("home")),
            };
            ctx.store.write(|w| w.save_office(&village, &o))?;
            Ok(Some(tf(W::OfficeSaved, &[&village])))
        }
        _ => Ok(None),
    }
}
