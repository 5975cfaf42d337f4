//! The forms of keeping the register true: a temporary guardianship (临时监护,
//! 004) begun, or ended; a measure of a child's care plan. Built from the
//! store and written back in one transaction.

use anyhow::Result;

use super::ctx::Ctx;
use super::form::{Field, Form, Kind, Opt};
use super::forms::Target;
use crate::domain::date;
use crate::i18n::W;
use crate::i18n::{M, t, tf};

fn name(ctx: &Ctx, child: i64) -> String {
    ctx.child_name(child).0
}

/// The form of a target of this module; `None` when its record is gone.
pub fn form(target: Target, ctx: &Ctx) -> Result<Option<Form>> {
    match target {
        Target::Measure(child) => return Ok(Some(measure_form(&name(ctx, child), ctx.today))),
        Target::Round => return Ok(Some(round_form(ctx)?)),
        Target::Gift { child, .. } => return Ok(Some(gift_form(&name(ctx, child), ctx.today))),
        _ => {}
    }
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

/// A measure of a care plan: the problem, the measure, who, by when.
fn measure_form(who: &str, today: chrono::NaiveDate) -> Form {
    use crate::domain::paperwork::Problem;
    let problems = Problem::ALL
        .iter()
        .map(|p| Opt::new(p.code(), p.label()))
        .collect();
    let mut form = Form::new(
        tf(W::FormMeasure, &[&who]),
        vec![
            Field::new("problem", t(W::FProblem), Kind::Choice(problems)).required(),
            Field::new("measure", t(W::FMeasure), Kind::Text).required(),
            Field::new("responsible", t(W::FResponsible), Kind::Text),
            Field::new("due_on", t(W::FMeasureDue), Kind::Date { future: true }),
        ],
        today,
    );
    form.dirty = false;
    form
}

/// Writes the form; the words for the status line, or `None` when a field
/// was refused (the form says why).
pub fn save(target: Target, form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    match target {
        Target::Round => return save_round(form, ctx),
        Target::Gift { round, child } => {
            let g = crate::store::paperwork::Gift {
                child,
                received: crate::domain::text::clean_short(&form.get("received")),
                amount: crate::domain::text::clean_short(&form.get("amount")),
                signed: form.get("signed") != "0",
                day: date::parse(&form.get("day"), form.today).unwrap_or(form.today),
            };
            ctx.store.write(|w| w.save_gift(round, &g))?;
            return Ok(Some(tf(W::GiftSaved, &[&name(ctx, child), &g.received])));
        }
        _ => {}
    }
    if let Target::Measure(child) = target {
        use crate::domain::paperwork::{Measure, Problem};
        let Some(problem) = Problem::from_code(&form.get("problem")) else {
            return Ok(None);
        };
        let m = Measure {
            id: 0,
            child,
            problem,
            measure: crate::domain::text::clean_short(&form.get("measure")),
            responsible: crate::domain::text::clean_short(&form.get("responsible")),
            due_on: date::parse(&form.get("due_on"), form.today).ok(),
            done_on: None,
        };
        ctx.store.write(|w| w.save_measure(&m))?;
        return Ok(Some(tf(W::MeasureSaved, &[&name(ctx, child)])));
    }
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

/// A new care round: the occasion (春节慰问, 六一慰问, or the township's
/// own), the day, whom it is to reach.
fn round_form(ctx: &Ctx) -> Result<Form> {
    use crate::domain::Category;
    let occasions = ["春节慰问", "六一慰问", "中秋慰问", "暑期慰问"]
        .iter()
        .map(|o| Opt::new(*o, *o))
        .collect();
    let cats = Category::ALL
        .iter()
        .map(|c| Opt::new(c.code(), c.label()))
        .collect();
    let mut villages = vec![Opt::new("", t(M::AllVillages))];
    villages.extend(
        ctx.store
            .villages()?
            .into_iter()
            .map(|v| Opt::new(v.clone(), v)),
    );
    let mut form = Form::new(
        t(W::FormRound).into(),
        vec![
            Field::new("name", t(W::FRoundName), Kind::Choice(occasions))
                .free()
                .required(),
            Field::new("day", t(W::FRoundDay), Kind::Date { future: true }).required(),
            Field::new("categories", t(W::FRoundCategories), Kind::Multi(cats)),
            Field::new("village", t(W::FRoundVillage), Kind::Choice(villages)),
        ],
        ctx.today,
    );
    form.set("day", &date::iso(ctx.today));
    form.dirty = false;
    Ok(form)
}

fn save_round(form: &mut Form, ctx: &mut Ctx) -> Result<Option<String>> {
    use crate::domain::Category;
    let Ok(day) = date::parse(&form.get("day"), form.today) else {
        return Ok(None);
    };
    let round = crate::store::paperwork::Round {
        id: 0,
        name: crate::domain::text::clean_short(&form.get("name")),
        day,
        categories: form
            .get("categories")
            .split(',')
            .filter_map(Category::from_code)
            .collect(),
        village: form.get("village"),
    };
    ctx.store.write(|w| w.new_round(&round))?;
    Ok(Some(tf(W::RoundSaved, &[&round.name])))
}

/// What a child received in a round, signed for.
fn gift_form(who: &str, today: chrono::NaiveDate) -> Form {
    let yes_no = vec![Opt::new("1", t(M::Yes)), Opt::new("0", t(M::No))];
    let mut form = Form::new(
        tf(W::FormGift, &[&who]),
        vec![
            Field::new("received", t(W::FGiftReceived), Kind::Text).required(),
            Field::new("amount", t(W::FGiftAmount), Kind::Text),
            Field::new("signed", t(W::FGiftSigned), Kind::Choice(yes_no)),
            Field::new("day", t(W::FRoundDay), Kind::Date { future: false }),
        ],
        today,
    );
    form.set("signed", "1");
    form.set("day", &date::iso(today));
    form.dirty = false;
    form
}
