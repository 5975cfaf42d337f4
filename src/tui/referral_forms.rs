//! The forms of reports and referrals: the item itself (new from a child or
//! a visit, or one to mend), and a move to another state with its note.

use anyhow::Result;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind as FieldKind, Opt};
use super::forms::Target;
use crate::domain::date;
use crate::domain::referral::{FollowUp, Kind, Reason, Severity, State};
use crate::i18n::{R, referral_words, t, tf};
use crate::store::referrals::{FollowUpRecord, Referral, local_now};

fn choice<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Opt> {
    all.iter().map(|v| Opt::new(code(*v), label(*v))).collect()
}

/// The form of a referral target, or `None` when its record is gone.
pub fn form(target: Target, ctx: &Ctx) -> Result<Option<Form>> {
    let today = ctx.today;
    Ok(Some(match target {
        Target::Referral {
            child, kind, id, ..
        } => {
            let old = match id {
                Some(id) => match ctx.store.referral(id)? {
                    Some(r) => Some(r),
                    None => return Ok(None),
                },
                None => None,
            };
            let (name, _) = ctx.child_name(child);
            let title = match &old {
                Some(r) => tf(R::FormEdit, &[&r.no, &r.kind.label(), &name]),
                None => tf(R::FormNew, &[&kind.label(), &name]),
            };
            // The reasons of the kind: a report's six situations, or the referrals'.
            let reasons: Vec<Reason> = Reason::ALL
                .iter()
                .copied()
                .filter(|r| r.fits(kind) || old.as_ref().is_some_and(|o| o.reason == *r))
                .collect();
            let bodies: Vec<Opt> = ctx
                .store
                .bodies()?
                .into_iter()
                .map(|b| Opt::new(b.clone(), b))
                .collect();
            let mut fields = vec![
                Field::new(
                    "kind",
                    t(R::FKind),
                    FieldKind::Choice(choice(Kind::ALL, Kind::code, Kind::label)),
                )
                .required(),
                Field::new(
                    "reason",
                    t(R::FReason),
                    FieldKind::Choice(choice(&reasons, Reason::code, Reason::label)),
                )
                .required(),
                Field::notes("what", t(R::FWhat)),
                Field::new(
                    "severity",
                    t(R::FSeverity),
                    FieldKind::Choice(choice(Severity::ALL, Severity::code, Severity::label)),
                ),
                Field::new("target", t(R::FTarget), FieldKind::Choice(bodies)).required(),
                Field::new("found_on", t(R::FFound), FieldKind::Date { future: false }),
            ];
            if old.is_some() {
                fields.push(Field::notes("answer", t(R::FAnswer)));
                fields.push(Field::notes("outcome", t(R::FOutcome)));
            }
            let mut form = Form::new(title, fields, today);
            let r =
                old.unwrap_or_else(|| Referral::new(child, kind, local_now(today), &ctx.officer));
            form.set("kind", r.kind.code());
            form.set("reason", r.reason.code());
            form.set("what", &r.what);
            form.set("severity", r.severity.code());
            form.set("target", &r.target);
            form.set("found_on", &r.found_on.map(date::iso).unwrap_or_default());
            form.set("answer", &r.answer);
            form.set("outcome", &r.outcome);
            if id.is_none() {
                // A new report: the reason is what the officer picks first.
                form.set("reason", "");
                form.focus = 1;
            }
            form.dirty = false;
            form
        }
        Target::Move { id, to } => {
            let Some(r) = ctx.store.referral(id)? else {
                return Ok(None);
            };
            let title = tf(R::MoveNote, &[&r.no, &r.state.label(), &to.label()]);
            let mut fields = vec![Field::new("note", t(R::FNote), FieldKind::Text)];
            if matches!(to, State::Answered | State::Closed) {
                fields.push(Field::notes("answer", t(R::FAnswer)));
            }
            if to == State::Closed {
                fields.push(Field::notes("outcome", t(R::FOutcome)).required());
            }
            let mut form = Form::new(title, fields, today);
            form.set("answer", &r.answer);
            form.set("outcome", &r.outcome);
            form.dirty = false;
            form
        }
        Target::FollowUp { referral, kind, id } => {
            let Some(r) = ctx.store.referral(referral)? else {
                return Ok(None);
            };
            let old = match id {
                Some(id) => ctx
                    .store
                    .follow_ups(Some(referral))?
                    .into_iter()
                    .find(|f| f.id == id),
                None => None,
            };
            let mut fields = vec![
                Field::new("date", t(R::FDate), FieldKind::Date { future: false }).required(),
                Field::new(
                    "state",
                    t(R::ColState),
                    FieldKind::Choice(choice(State::ALL, State::code, State::label)),
                )
                .required(),
                Field::notes("note", t(R::FNote)),
            ];
            // The assessment of 004: safety, guardianship, health.
            if kind == FollowUp::Assessment {
                fields.push(Field::notes("safety", t(R::FSafety)));
                fields.push(Field::notes("guardianship", t(R::FGuardianship)));
                fields.push(Field::notes("health", t(R::FHealth)));
            }
            let mut form = Form::new(tf(R::FormFollowUp, &[&r.no, &kind.label()]), fields, today);
            match old {
                Some(f) => {
                    form.set("date", &date::iso(f.date));
                    form.set("state", f.state.code());
                    form.set("note", &f.note);
                    form.set("safety", &f.safety);
                    form.set("guardianship", &f.guardianship);
                    form.set("health", &f.health);
                }
                None => {
                    form.set("date", &date::iso(today));
                    form.set("state", State::Draft.code());
                }
            }
            form.dirty = false;
            form
        }
        _ => return Ok(None),
    }))
}

/// Writes a referral form; the words for the status line, or `None` when a
/// field was refused (the form says why).
pub fn save(target: Target, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    let today = ctx.today;
    match target {
        Target::Referral {
            child, id, visit, ..
        } => {
            let mut r = match id {
                Some(id) => match ctx.store.referral(id)? {
                    Some(r) => r,
                    None => return Ok(None),
                },
                None => {
                    let kind = Kind::from_code(&form.get("kind")).unwrap_or(Kind::Mandatory);
                    let mut r = Referral::new(child, kind, local_now(today), &ctx.officer);
                    r.source = visit.map(|v| format!("visit:{v}")).unwrap_or_default();
                    r
                }
            };
            let (Some(kind), Some(reason)) = (
                Kind::from_code(&form.get("kind")),
                Reason::from_code(&form.get("reason")),
            ) else {
                return Ok(None);
            };
            r.kind = kind;
            r.reason = reason;
            r.what = form.get("what").trim().to_string();
            r.severity = Severity::from_code(&form.get("severity")).unwrap_or(Severity::Normal);
            r.target = form.get("target").trim().to_string();
            r.found_on = date::parse(&form.get("found_on"), today).ok();
            if form.field("answer").is_some() {
                r.answer = form.get("answer").trim().to_string();
                r.outcome = form.get("outcome").trim().to_string();
            }
            if kind == Kind::Notice && r.sender.is_empty() {
                r.sender = r.target.clone();
                r.arrived_on = Some(today);
            }
            if let Some(why) = ctx.store.refusal(&r, today)? {
                let field = if !r.reason.fits(r.kind) {
                    "reason"
                } else if why.contains(&r.target) {
                    "target"
                } else {
                    "found_on"
                };
                form.refuse(field, why);
                return Ok(None);
            }
            ctx.store.write(|w| w.save_referral(&mut r))?;
            let (name, _) = ctx.child_name(r.child);
            Ok(Some(tf(R::Saved, &[&r.no, &r.kind.label(), &name])))
        }
        Target::Move { id, to } => {
            let Some(mut r) = ctx.store.referral(id)? else {
                return Ok(None);
            };
            if form.field("answer").is_some() {
                r.answer = form.get("answer").trim().to_string();
            }
            if form.field("outcome").is_some() {
                r.outcome = form.get("outcome").trim().to_string();
            }
            let from = r.state;
            let note = form.get("note").trim().to_string();
            let at = local_now(today);
            match ctx
                .store
                .write(|w| w.move_referral(&mut r, to, at, &note))?
            {
                Ok(()) => Ok(Some(tf(R::Moved, &[&r.no, &from.label(), &to.label()]))),
                Err(e) => {
                    let why = referral_words::refused(e, r.no, from, to);
                    form.message = Some(why);
                    Ok(None)
                }
            }
        }
        Target::FollowUp { referral, kind, id } => {
            let Some(r) = ctx.store.referral(referral)? else {
                return Ok(None);
            };
            let (Some(day), Some(state)) = (
                date::parse(&form.get("date"), today).ok(),
                State::from_code(&form.get("state")),
            ) else {
                return Ok(None);
            };
            let mut f = FollowUpRecord {
                id: id.unwrap_or(0),
                referral,
                kind,
                date: day,
                state,
                note: form.get("note").trim().to_string(),
                safety: form.get("safety").trim().to_string(),
                guardianship: form.get("guardianship").trim().to_string(),
                health: form.get("health").trim().to_string(),
            };
            if let Err(e) = ctx.store.write(|w| w.save_follow_up(&mut f))? {
                let was = ctx
                    .store
                    .follow_ups(Some(referral))?
                    .into_iter()
                    .find(|x| x.id == f.id)
                    .map_or(State::Draft, |x| x.state);
                form.refuse("state", referral_words::refused(e, r.no, was, state));
                return Ok(None);
            }
            Ok(Some(tf(
                R::FollowUpSaved,
                &[&r.no, &kind.label(), &state.label()],
            )))
        }
        _ => Ok(None),
    }
}

/// The states an item may move to from where it is, in order.
pub fn next_states(r: &Referral) -> Vec<State> {
    State::ALL
        .iter()
        .copied()
        .filter(|to| crate::domain::referral::can_move(r.state, *to, true).is_ok())
        .collect()
}

/// What the case file says of a child's items.
pub fn case_lines(ctx: &Ctx, child: i64) -> Vec<String> {
    let days = ctx.feedback_days;
    let mut out = Vec::new();
    for r in ctx.referrals.iter().filter(|r| r.child == child) {
        out.push({
            let mut line = format!(
                "#{} {} {} {} {} {}",
                r.no,
                date::iso(r.raised_at.date()),
                r.kind.label(),
                r.reason.label(),
                r.target,
                r.state.label()
            );
            if r.awaiting(ctx.today, days) {
                line.push_str(&format!(" · {}", t(R::ColAwaiting)));
            }
            if !r.outcome.is_empty() {
                line.push_str(&format!(" · {}", r.outcome));
            }
            line
        });
        for f in ctx.follow_ups.iter().filter(|f| f.referral == r.id) {
            out.push(format!(
                "  {} {} {} {}",
                date::iso(f.date),
                f.kind.label(),
                f.state.label(),
                f.note.lines().next().unwrap_or("")
            ));
        }
    }
    out
}
