//! Going over children one card at a time: the yearly survey of a village
//! (摸底排查, 002: confirm each child in one key, correct, exit, add those
//! newly found) and a care round (春节, 六一: what each child received,
//! signed for). The summary says what is left: who was not reached.

use anyhow::Result;
use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Reply, centered, clear};
use crate::i18n::W;
use crate::i18n::{M, t, tf};
use crate::store::paperwork::{Outcome, Round};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{Decl, hint, normalize};

pub const KEYS: &[Decl] = &[
    hint(Action::TourConfirm),
    hint(Action::TourEdit),
    hint(Action::TourExit),
    hint(Action::TourNew),
    hint(Action::Skip),
    hint(Action::Finish),
];

/// What is being gone over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TourKind {
    /// A village in a year's survey.
    Survey { year: i32, village: String },
    /// A care round.
    Care(Round),
}

/// What a card's key asks the app to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TourAct {
    /// The card's child confirmed as the file says (survey).
    Confirm(i64),
    /// The gift form of a child in a care round.
    Gift { round: i64, child: i64 },
    /// The child's form, to correct it.
    Edit(i64),
    /// The child's form, to exit the child.
    Exit(i64),
    /// A new child of the village.
    New,
}

#[derive(Debug, Clone)]
pub struct Tour {
    pub kind: TourKind,
    /// The children to go over, in the case list's order.
    pub rows: Vec<i64>,
    pub pos: usize,
    pub done: bool,
    pub recorded: usize,
    pub skipped: usize,
}

impl Tour {
    /// The survey of a village this year: its active children, from the
    /// first not yet gone over.
    pub fn survey(village: &str, ctx: &Ctx) -> Result<Tour> {
        let year = ctx.today.year();
        let rows: Vec<i64> = ctx
            .reg
            .cases
            .iter()
            .filter(|c| c.village == village && c.status == crate::domain::ChildStatus::Active)
            .map(|c| c.id)
            .collect();
        let kind = TourKind::Survey {
            year,
            village: village.to_string(),
        };
        Tour::new(kind, rows, ctx)
    }

    fn new(kind: TourKind, rows: Vec<i64>, ctx: &Ctx) -> Result<Tour> {
        let mut tour = Tour {
            kind,
            rows,
            pos: 0,
            done: false,
            recorded: 0,
            skipped: 0,
        };
        tour.settle(ctx)?;
        Ok(tour)
    }

    /// A care round: the children it is to reach, from the first not yet reached.
    pub fn care(round: Round, ctx: &Ctx) -> Result<Tour> {
        let rows = ctx
            .reg
            .cases
            .iter()
            .filter(|c| round.reaches(c))
            .map(|c| c.id)
            .collect();
        Tour::new(TourKind::Care(round), rows, ctx)
    }

    /// Whether a child has been gone over already.
    fn seen(&self, child: i64, ctx: &Ctx) -> Result<bool> {
        Ok(match &self.kind {
            TourKind::Survey { year, .. } => ctx.store.surveyed(child, *year)?,
            TourKind::Care(r) => ctx.store.gifts(r.id)?.iter().any(|g| g.child == child),
        })
    }

    /// Moves on to the first child not yet gone over.
    fn settle(&mut self, ctx: &Ctx) -> Result<()> {
        while self.pos < self.rows.len() && self.seen(self.rows[self.pos], ctx)? {
            self.pos += 1;
        }
        self.done = self.pos >= self.rows.len();
        Ok(())
    }

    /// The child on the card.
    pub fn child(&self) -> Option<i64> {
        self.rows.get(self.pos).copied().filter(|_| !self.done)
    }

    /// The card's child confirmed as the file says: marked, and the card turns.
    pub fn confirm(&mut self, child: i64, ctx: &mut Ctx) -> Result<()> {
        self.mark(child, Outcome::Confirmed, ctx)?;
        self.recorded += 1;
        if self.child() == Some(child) {
            self.pos += 1;
        }
        self.settle(ctx)
    }

    fn mark(&mut self, child: i64, outcome: Outcome, ctx: &mut Ctx) -> Result<()> {
        if let TourKind::Survey { year, .. } = self.kind {
            let today = ctx.today;
            ctx.store
                .write(|w| w.mark_survey(child, year, outcome, today))?;
        }
        Ok(())
    }

    /// A child's form was saved while the card was up: the card's child
    /// corrected or exited, or a child newly found.
    pub fn child_saved(&mut self, child: i64, added: bool, ctx: &mut Ctx) -> Result<()> {
        if !matches!(self.kind, TourKind::Survey { .. }) {
            return Ok(());
        }
        let exited = ctx
            .store
            .child(child)?
            .is_some_and(|c| c.status == crate::domain::ChildStatus::Exited);
        let outcome = match (added, exited) {
            (true, _) => Outcome::New,
            (false, true) => Outcome::Exited,
            (false, false) => Outcome::Corrected,
        };
        self.mark(child, outcome, ctx)?;
        self.recorded += 1;
        if self.child() == Some(child) {
            self.pos += 1;
        }
        self.settle(ctx)
    }

    /// A gift was recorded for the card's child.
    pub fn gift_saved(&mut self, child: i64, ctx: &Ctx) -> Result<()> {
        if self.child() == Some(child) {
            self.recorded += 1;
            self.pos += 1;
        }
        self.settle(ctx)
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        let action = ctx.keys.lookup(&["tour"], &normalize(*ev));
        if self.done {
            return match action {
                Some(Action::TourConfirm | Action::Finish) => Reply::Close,
                Some(Action::TourNew) if self.is_survey() => Reply::Tour(TourAct::New),
                _ => Reply::Consumed,
            };
        }
        let Some(child) = self.child() else {
            return Reply::Consumed;
        };
        let outcome = match action {
            Some(Action::TourConfirm) => match &self.kind {
                TourKind::Survey { .. } => return Reply::Tour(TourAct::Confirm(child)),
                TourKind::Care(r) => {
                    return Reply::Tour(TourAct::Gift { round: r.id, child });
                }
            },
            Some(Action::TourEdit) if self.is_survey() => return Reply::Tour(TourAct::Edit(child)),
            Some(Action::TourExit) if self.is_survey() => return Reply::Tour(TourAct::Exit(child)),
            Some(Action::TourNew) if self.is_survey() => return Reply::Tour(TourAct::New),
            Some(Action::Skip) => {
                self.skipped += 1;
                self.pos += 1;
                self.settle(ctx)
            }
            Some(Action::Finish) => {
                self.done = true;
                Ok(())
            }
            _ => Ok(()),
        };
        // A card that cannot be read (a locked file) stays where it is.
        let _ = outcome;
        Reply::Consumed
    }

    fn is_survey(&self) -> bool {
        matches!(self.kind, TourKind::Survey { .. })
    }

    /// The summary: the survey's progress in the village, or who the round
    /// has not reached.
    fn summary(&self, ctx: &Ctx) -> Vec<String> {
        match &self.kind {
            TourKind::Survey { year, village } => {
                let p = ctx
                    .store
                    .survey_progress(*year, Some(village))
                    .ok()
                    .and_then(|mut v| v.pop())
                    .unwrap_or_default();
                vec![p.line()]
            }
            TourKind::Care(r) => {
                let gifts = ctx.store.gifts(r.id).unwrap_or_default();
                let missed: Vec<String> = self
                    .rows
                    .iter()
                    .filter(|c| !gifts.iter().any(|g| g.child == **c))
                    .map(|c| {
                        let (name, village) = ctx.child_name(*c);
                        format!("{name}（{village}）")
                    })
                    .collect();
                let mut out = vec![tf(
                    W::RoundReached,
                    &[&(self.rows.len() - missed.len()), &self.rows.len()],
                )];
                if !missed.is_empty() {
                    let first: Vec<&str> = missed.iter().take(8).map(String::as_str).collect();
                    out.push(tf(W::RoundMissed, &[&missed.len()]));
                    out.push(first.join("、"));
                }
                out
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let rect = centered(area, 64, 11);
        clear(frame, rect);
        let title = match &self.kind {
            TourKind::Survey { year, village } => tf(W::SurveyTitle, &[year, village]),
            TourKind::Care(r) => tf(W::RoundTitle, &[&r.name, &crate::domain::date::iso(r.day)]),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.accent)
            .title(Span::styled(format!(" {title} "), th.title));
        let line = |text: String, style| Line::from(Span::styled(text, style));
        let mut text: Vec<Line> = Vec::new();
        if self.done {
            for s in self.summary(ctx) {
                text.push(line(s, th.ok));
            }
        } else if let Some(child) = self.child() {
            let at = tf(M::BatchPosition, &[&(self.pos + 1), &self.rows.len()]);
            text.push(line(at, th.muted));
            if let Some(c) = ctx.reg.cases.iter().find(|c| c.id == child) {
                let age = c
                    .birth_date
                    .map(|b| {
                        tf(
                            M::AgeYears,
                            &[&crate::domain::child::age_between(b, ctx.today)],
                        )
                    })
                    .unwrap_or_default();
                let gender = c.gender.map(|g| g.label()).unwrap_or("");
                text.push(line(
                    format!("{}  {gender}  {age}  {}", c.name, c.village),
                    th.accent,
                ));
                let cats: Vec<&str> = c.categories.iter().map(|k| k.label()).collect();
                let flags: Vec<&str> = c.flags.iter().map(|k| k.label()).collect();
                text.push(line(cats.join("、"), th.text));
                if !flags.is_empty() {
                    text.push(line(format!("◆ {}", flags.join("、")), th.warning));
                }
            }
        }
        text.push(Line::from(""));
        let keys: Vec<String> = ctx
            .keys
            .table("tour")
            .iter()
            .filter(|b| {
                let survey_only = matches!(
                    b.action,
                    Action::TourEdit | Action::TourExit | Action::TourNew
                );
                (self.is_survey() || !survey_only) && (!self.done || b.action == Action::Finish)
            })
            .map(|b| {
                let what = match (&self.kind, b.action) {
                    (TourKind::Care(_), Action::TourConfirm) => t(M::KeyTourGift),
                    (_, Action::Skip) => t(W::TourSkip),
                    _ => t(b.action.desc()),
                };
                format!("{} {}", b.label(), what)
            })
            .collect();
        text.push(line(keys.join("  "), th.key));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            rect,
        );
    }
}
