//! What the register's cards and reviews do to the records: a review
//! confirmed (an exit, a category left), a survey card's child confirmed,
//! corrected, exited or newly found, a care round's gifts.

use anyhow::Result;

use super::app::App;
use super::ctx::Tone;
use super::forms::Target;
use super::popups::Popup;
use super::popups::tour::{TourAct, TourKind};
use crate::domain::date;
use crate::i18n::W;
use crate::i18n::{M, t, tf};
use crate::store::children::Saved;

impl App {
    /// What a survey or care-round card asked for.
    pub(super) fn tour(&mut self, act: TourAct) -> Result<()> {
        match act {
            TourAct::Confirm(child) => {
                if let Some(Popup::Tour(tour)) = self.popups.last_mut() {
                    let done = tour.confirm(child, &mut self.ctx);
                    self.ctx.report(done);
                }
                Ok(())
            }
            TourAct::Gift { round, child } => self.open_form(Target::Gift { round, child }),
            TourAct::Edit(child) => self.open_form(Target::Child(Some(child))),
            TourAct::Exit(child) => {
                self.open_form(Target::Child(Some(child)))?;
                if let Some(Popup::Form(fp)) = self.popups.last_mut() {
                    fp.form
                        .set("status", crate::domain::ChildStatus::Exited.code());
                    if let Some(at) = fp.form.fields.iter().position(|f| f.key == "exit_reason") {
                        fp.form.focus = at;
                    }
                    fp.form.dirty = true;
                }
                Ok(())
            }
            TourAct::New => {
                let village = self.popups.iter().rev().find_map(|p| match p {
                    Popup::Tour(t) => match &t.kind {
                        TourKind::Survey { village, .. } => Some(village.clone()),
                        TourKind::Care(_) => None,
                    },
                    _ => None,
                });
                self.open_form(Target::Child(None))?;
                if let (Some(v), Some(Popup::Form(fp))) = (village, self.popups.last_mut()) {
                    fp.form.set("village", &v);
                }
                Ok(())
            }
        }
    }

    /// A care round begun (its card opens), or a gift recorded (the card turns).
    pub(super) fn after_round_form(&mut self, target: Target) -> Result<()> {
        match target {
            Target::Round => self.care_round(),
            Target::Gift { child, .. } => {
                for p in self.popups.iter_mut() {
                    if let Popup::Tour(tour) = p {
                        tour.gift_saved(child, &self.ctx)?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The card of the latest care round, from the first child not reached.
    pub(super) fn care_round(&mut self) -> Result<()> {
        match self.ctx.store.rounds()?.into_iter().next() {
            Some(round) => {
                let card = super::popups::tour::Tour::care(round, &self.ctx)?;
                self.popups.push(Popup::Tour(Box::new(card)));
            }
            None => self.ctx.say(t(W::NoRound), Tone::Info),
        }
        Ok(())
    }

    /// A review confirmed by the officer: a child who turned 18 leaves the
    /// register dated the 18th birthday; one who turned 16, or whose parents
    /// are both home, leaves the left-behind category, and the register when
    /// no other category is left. Undoable as any change of a case file.
    pub(super) fn apply_review(
        &mut self,
        id: i64,
        review: crate::domain::register::Review,
    ) -> Result<()> {
        use crate::domain::register::Review;
        use crate::domain::{Category, ChildStatus, ExitReason};
        let ctx = &mut self.ctx;
        let Some(mut c) = ctx.store.child(id)? else {
            return Ok(());
        };
        let old = c.clone();
        let birthday = |years: i32| {
            c.birth_date
                .and_then(|b| chrono::Datelike::with_year(&b, chrono::Datelike::year(&b) + years))
        };
        let exit = match review {
            Review::Age18 => Some((birthday(18), ExitReason::AgedOut)),
            Review::LeftBehind16 | Review::ParentsHome => {
                c.categories.retain(|k| *k != Category::LeftBehind);
                let reason = if review == Review::ParentsHome {
                    ExitReason::ParentsReturned
                } else {
                    ExitReason::NoLongerApplies
                };
                let day = if review == Review::LeftBehind16 {
                    birthday(16)
                } else {
                    None
                };
                c.categories.is_empty().then_some((day, reason))
            }
            Review::StaleQuarter => return Ok(()),
        };
        let said = match exit {
            Some((day, reason)) => {
                // The categories stay as they were: the file shows what the child was.
                c.categories.clone_from(&old.categories);
                let day = day.unwrap_or(ctx.today).min(ctx.today);
                c.status = ChildStatus::Exited;
                c.exit_date = Some(day);
                c.exit_reason = reason.label().into();
                tf(
                    M::ExitConfirmed,
                    &[&c.name, &date::iso(day), &reason.label()],
                )
            }
            None => tf(M::CategoryLeft, &[&c.name]),
        };
        if ctx.store.save_child(&mut c)? == Saved::Updated {
            ctx.saved(super::ctx::Undo::ChildEdited(Box::new(old)));
        }
        ctx.say(said, Tone::Good);
        ctx.reread_book()?;
        self.refresh_child(id)
    }
}
