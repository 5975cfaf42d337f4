//! The forms of the pairing ledger: a helper, a pairing's ledger (in the
//! paper ledger's order), a helper activity, a wish. Each is built from the
//! store and written back in one transaction.

use anyhow::Result;
use chrono::NaiveDate;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind, Opt};
use super::forms::Target;
use crate::domain::pairing::{ActivityKind, HelperKind, LEDGER, Wish};
use crate::domain::{Gender, date};
use crate::i18n::{M, P, t, tf};
use crate::store::pairing::{NewActivity, NewHelper};

fn yes_no() -> Vec<Opt> {
    vec![Opt::new("1", t(M::Yes)), Opt::new("0", t(M::No))]
}

fn opts<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<Opt> {
    all.iter().map(|v| Opt::new(code(*v), label(*v))).collect()
}

fn text(key: &'static str, label: P) -> Field {
    Field::new(key, t(label), Kind::Text)
}

fn day_field(key: &'static str, label: P) -> Field {
    Field::new(key, t(label), Kind::Date { future: false })
}

/// A date field's value, once the form has validated it.
fn day(form: &Form, key: &str) -> Option<NaiveDate> {
    date::parse(&form.get(key), form.today).ok()
}

fn child_name(ctx: &Ctx, id: i64) -> String {
    ctx.store
        .child(id)
        .ok()
        .flatten()
        .map(|c| c.name)
        .unwrap_or_default()
}

/// The form of a ledger target, or `None` when its record is gone.
pub fn form(target: Target, ctx: &Ctx) -> Result<Option<Form>> {
    let today = ctx.today;
    Ok(Some(match target {
        Target::Helper(id) => {
            let file = match id {
                Some(id) => match ctx.store.helper_file(id)? {
                    Some(f) => Some(f),
                    None => return Ok(None),
                },
                None => None,
            };
            let villages: Vec<Opt> = ctx
                .store
                .villages()?
                .into_iter()
                .map(|v| Opt::new(v.clone(), v))
                .collect();
            let title = match &file {
                Some(f) => format!("{} · {}", t(P::FormHelper), f.helper.name),
                None => t(P::FormNewHelper).to_string(),
            };
            let mut form = Form::new(
                title,
                vec![
                    text("name", P::FName).required(),
                    Field::new(
                        "gender",
                        t(P::FGender),
                        Kind::Choice(opts(Gender::ALL, Gender::code, Gender::label)),
                    ),
                    Field::new(
                        "kind",
                        t(P::FKind),
                        Kind::Choice(opts(HelperKind::ALL, HelperKind::code, HelperKind::label)),
                    )
                    .required(),
                    text("unit", P::FUnit),
                    text("phone", P::FPhone),
                    Field::new("linked_village", t(P::FLinked), Kind::Choice(villages)).free(),
                    day_field("training", P::FTraining),
                    Field::new("handout", t(P::FHandout), Kind::Choice(yes_no())),
                ],
                today,
            );
            match file {
                Some(f) => {
                    let h = &f.helper;
                    form.set("name", &h.name);
                    form.set("gender", h.gender.map_or("", Gender::code));
                    form.set("kind", h.kind.code());
                    form.set("unit", &h.unit);
                    form.set("phone", &f.phone);
                    form.set("linked_village", &h.linked_village);
                    form.set("handout", if f.handout { "1" } else { "0" });
                }
                None => {
                    form.set("kind", HelperKind::Family.code());
                    form.set("handout", "0");
                }
            }
            form.dirty = false;
            form
        }
        Target::Ledger(id) => {
            let Some(l) = ctx.store.ledger(id)? else {
                return Ok(None);
            };
            let p = &l.pairing;
            let title = tf(
                P::FormLedger,
                &[&child_name(ctx, p.child), &ctx.book.helper_name(p.helper)],
            );
            let mut fields = vec![
                day_field("start", P::FStart).required(),
                day_field("end", P::FEnd),
                text("end_reason", P::FEndReason),
                Field::new("intended", t(P::FIntended), Kind::Choice(yes_no())),
            ];
            fields.extend(
                LEDGER
                    .iter()
                    .map(|f| Field::new(f.key, f.label(), Kind::Text)),
            );
            let mut form = Form::new(title, fields, today);
            form.set("start", &date::iso(p.start));
            form.set("end", &p.end.map(date::iso).unwrap_or_default());
            form.set("end_reason", &l.end_reason);
            form.set("intended", if p.intended { "1" } else { "0" });
            for (f, v) in LEDGER.iter().zip(&l.fields) {
                form.set(f.key, v);
            }
            form.dirty = false;
            form
        }
        Target::Activity(pairing) => {
            let Some(p) = ctx.book.pairing(pairing) else {
                return Ok(None);
            };
            let title = tf(
                P::FormActivity,
                &[&child_name(ctx, p.child), &ctx.book.helper_name(p.helper)],
            );
            let kinds = opts(ActivityKind::ALL, ActivityKind::code, ActivityKind::label);
            let mut form = Form::new(
                title,
                vec![
                    Field::new("kind", t(P::FKind), Kind::Choice(kinds)).required(),
                    day_field("date", P::FDate).required(),
                    text("notes", P::FNotes),
                ],
                today,
            );
            form.set("kind", ActivityKind::Visit.code());
            form.set("date", &date::iso(today));
            form.dirty = false;
            form
        }
        Target::Wish { pairing, wish } => {
            let Some(p) = ctx.book.pairing(pairing) else {
                return Ok(None);
            };
            let mut form = Form::new(
                tf(P::FormWish, &[&child_name(ctx, p.child)]),
                vec![
                    text("wish", P::FWish).required(),
                    day_field("made_on", P::FMadeOn).required(),
                    day_field("fulfilled_on", P::FFulfilledOn),
                ],
                today,
            );
            let old = match wish {
                Some(w) => ctx.store.wishes(pairing)?.into_iter().find(|x| x.id == w),
                None => None,
            };
            match old {
                Some(w) => {
                    form.set("wish", &w.wish);
                    form.set("made_on", &date::iso(w.made_on));
                    // A wish opened from the list is most often being fulfilled: today.
                    let done = w.fulfilled_on.unwrap_or(today);
                    form.set("fulfilled_on", &date::iso(done));
                    form.focus = 2;
                }
                None => form.set("made_on", &date::iso(today)),
            }
            form.dirty = false;
            form
        }
        _ => return Ok(None),
    }))
}

/// Writes a ledger form; the words for the status line, or `None` when a
/// field was refused (the form says why).
pub fn save(target: Target, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    match target {
        Target::Helper(id) => {
            let h = NewHelper {
                name: form.get("name").trim().to_string(),
                gender: Gender::from_code(&form.get("gender")),
                kind: HelperKind::from_code(&form.get("kind")).unwrap_or(HelperKind::Family),
                unit: form.get("unit").trim().to_string(),
                phone: form.get("phone").trim().to_string(),
                linked_village: form.get("linked_village").trim().to_string(),
                training: day(form, "training"),
            };
            if ctx.store.helper_named(&h.name, &h.unit, id)?.is_some() {
                form.refuse("name", tf(P::HelperTaken, &[&h.name, &h.unit]));
                return Ok(None);
            }
            let handout = form.get("handout") == "1";
            ctx.store.write(|w| w.save_helper_file(id, &h, handout))?;
            Ok(Some(tf(P::HelperSaved, &[&h.name])))
        }
        Target::Ledger(id) => {
            let Some(mut l) = ctx.store.ledger(id)? else {
                return Ok(None);
            };
            let (Some(start), end) = (day(form, "start"), day(form, "end")) else {
                return Ok(None);
            };
            if let Some(end) = end
                && end < start
            {
                let why = tf(P::EndBeforeStart, &[&date::iso(end), &date::iso(start)]);
                form.refuse("end", why);
                return Ok(None);
            }
            let born = ctx.store.child(l.pairing.child)?.and_then(|c| c.birth_date);
            if born.is_some_and(|b| start < b) {
                form.refuse("start", t(P::StartBeforeBirth).into());
                return Ok(None);
            }
            l.pairing.start = start;
            l.pairing.end = end;
            l.pairing.intended = form.get("intended") == "1";
            l.end_reason = form.get("end_reason").trim().to_string();
            l.fields = LEDGER
                .iter()
                .map(|f| form.get(f.key).trim().to_string())
                .collect();
            ctx.store.write(|w| w.save_ledger(&l))?;
            Ok(Some(tf(
                P::LedgerSaved,
                &[&child_name(ctx, l.pairing.child)],
            )))
        }
        Target::Activity(pairing) => {
            let Some(p) = ctx.book.pairing(pairing).cloned() else {
                return Ok(None);
            };
            let (Some(kind), Some(on)) = (
                ActivityKind::from_code(&form.get("kind")),
                day(form, "date"),
            ) else {
                return Ok(None);
            };
            let helper = ctx.book.helper_name(p.helper);
            if !p.active_on(on) {
                form.refuse("date", tf(P::OutsidePairing, &[&helper]));
                return Ok(None);
            }
            let a = NewActivity {
                child: p.child,
                helper: p.helper,
                date: on,
                kind,
                notes: form.get("notes").trim().to_string(),
            };
            if !ctx.store.write(|w| w.save_activity(&a))? {
                form.refuse("date", t(P::ActivityTwice).into());
                return Ok(None);
            }
            let child = child_name(ctx, p.child);
            Ok(Some(tf(
                P::ActivitySaved,
                &[&helper, &child, &kind.label(), &date::iso(on)],
            )))
        }
        Target::Wish { pairing, wish } => {
            let Some(p) = ctx.book.pairing(pairing).cloned() else {
                return Ok(None);
            };
            let Some(made_on) = day(form, "made_on") else {
                return Ok(None);
            };
            let fulfilled_on = day(form, "fulfilled_on");
            if fulfilled_on.is_some_and(|d| d < made_on) {
                form.refuse("fulfilled_on", t(P::WishBeforeMade).into());
                return Ok(None);
            }
            let w = Wish {
                id: wish.unwrap_or(0),
                pairing,
                wish: form.get("wish").trim().to_string(),
                made_on,
                fulfilled_on,
            };
            ctx.store.write(|tx| {
                tx.save_wish(&w)?;
                // A wish fulfilled during the pairing is one of the helper's activities.
                if let Some(on) = fulfilled_on.filter(|d| p.active_on(*d)) {
                    tx.save_activity(&NewActivity {
                        child: p.child,
                        helper: p.helper,
                        date: on,
                        kind: ActivityKind::Wish,
                        notes: w.wish.clone(),
                    })?;
                }
                Ok(())
            })?;
            Ok(Some(match fulfilled_on {
                Some(on) => tf(P::WishFulfilled, &[&w.wish, &date::iso(on)]),
                None => tf(P::WishSaved, &[&w.wish]),
            }))
        }
        _ => Ok(None),
    }
}
