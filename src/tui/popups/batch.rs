//! Batch entry of a returned worklist: a card per child in the printed order,
//! one visit form after another, so that the officer types down the sheet.

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Reply, centered, clear};
use crate::domain::{Visit, date};
use crate::i18n::{M, t, tf};
use crate::store::worklists::PrintedWorklist;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Tone};
use crate::tui::keymap::{Decl, hint, normalize};

pub const KEYS: &[Decl] = &[
    hint(Action::EnterVisit),
    hint(Action::Skip),
    hint(Action::Finish),
];

#[derive(Debug, Clone)]
pub struct Batch {
    pub list: PrintedWorklist,
    pub rows: Vec<i64>,
    pub pos: usize,
    pub entered: usize,
    pub skipped: usize,
    /// The week's Monday and Sunday.
    pub week: (NaiveDate, NaiveDate),
    pub done: bool,
    /// The current child's visit in that week, if any (read when the card turns).
    pub visited: Option<Visit>,
    /// The current child's name when no longer on the register.
    pub gone: Option<String>,
}

/// A child's visit within a week (the latest), if any.
fn visited_in(ctx: &Ctx, child: i64, week: (NaiveDate, NaiveDate)) -> Result<Option<Visit>> {
    Ok(ctx
        .store
        .visits_of(child)?
        .into_iter()
        .find(|v| v.date >= week.0 && v.date <= week.1))
}

impl Batch {
    /// Starts typing in a printed worklist, in its printed order. A sheet
    /// entered before in part goes on at its first child without a visit in
    /// the printed week.
    pub fn start(id: i64, ctx: &mut Ctx) -> Result<Option<Batch>> {
        let Some(list) = ctx
            .store
            .printed_worklists()?
            .into_iter()
            .find(|w| w.id == id)
        else {
            return Ok(None);
        };
        let rows = ctx.store.worklist_rows(id)?;
        let week = date::parse_week(&list.week)
            .map(date::week_bounds)
            .unwrap_or((ctx.today, ctx.today));
        let mut pos = 0;
        while pos < rows.len() && visited_in(ctx, rows[pos], week)?.is_some() {
            pos += 1;
        }
        if pos > 0 && pos < rows.len() {
            ctx.say(tf(M::BatchResume, &[&(pos + 1)]), Tone::Info);
        }
        let done = pos >= rows.len();
        let mut batch = Batch {
            list,
            rows,
            pos,
            entered: 0,
            skipped: 0,
            week,
            done,
            visited: None,
            gone: None,
        };
        batch.load_card(ctx)?;
        Ok(Some(batch))
    }

    /// The child on the card.
    pub fn child(&self) -> Option<i64> {
        self.rows.get(self.pos).copied().filter(|_| !self.done)
    }

    /// The visit date a new form starts with: today, kept inside the printed week.
    pub fn day(&self, today: NaiveDate) -> NaiveDate {
        today.clamp(self.week.0, self.week.1).min(today)
    }

    fn advance(&mut self) {
        self.pos += 1;
        if self.pos >= self.rows.len() {
            self.done = true;
        }
    }

    /// A visit was saved for `child`: the card turns if it was on it.
    pub fn visit_saved(&mut self, child: i64, ctx: &Ctx) -> Result<()> {
        if self.child() == Some(child) {
            self.entered += 1;
            self.advance();
        }
        self.load_card(ctx)
    }

    /// Reads what the card says of its child, once per turn of the card.
    fn load_card(&mut self, ctx: &Ctx) -> Result<()> {
        let Some(child) = self.child() else {
            return Ok(());
        };
        self.visited = visited_in(ctx, child, self.week)?;
        self.gone = if ctx.reg.due_at.contains_key(&child) {
            None
        } else {
            Some(ctx.store.child(child)?.map(|c| c.name).unwrap_or_default())
        };
        Ok(())
    }

    /// Children of the sheet still due by its Sunday.
    pub fn still_due(&self, ctx: &Ctx) -> usize {
        self.rows
            .iter()
            .filter(|&&c| {
                ctx.reg
                    .due(c)
                    .is_some_and(|r| r.due.next_due <= self.week.1)
            })
            .count()
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        let action = ctx.keys.lookup(&["batch"], &normalize(*ev));
        if self.done {
            return match action {
                Some(Action::EnterVisit | Action::Finish) => Reply::Close,
                _ => Reply::Consumed,
            };
        }
        match action {
            Some(Action::Skip) => {
                self.skipped += 1;
                self.advance();
                // A card that cannot be read (a locked file) shows the child
                // without its visit of the week; the count is kept.
                let _ = self.load_card(ctx);
                Reply::Consumed
            }
            Some(Action::Finish) => {
                self.done = true;
                Reply::Consumed
            }
            Some(Action::EnterVisit) => match self.child() {
                Some(child) => Reply::BatchVisit(child),
                None => {
                    self.done = true;
                    Reply::Consumed
                }
            },
            _ => Reply::Consumed,
        }
    }

    /// The card: the next child of the returned sheet, or the summary.
    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let th = &ctx.theme;
        let rect = centered(area, 60, 10);
        clear(frame, rect);
        let title = tf(
            M::BatchTitle,
            &[
                &self.list.week,
                &self.list.village,
                &date::iso(self.week.0),
                &date::iso(self.week.1),
            ],
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.accent)
            .title(Span::styled(format!(" {title} "), th.title));
        let line = |text: String, style| Line::from(Span::styled(text, style));
        let mut text: Vec<Line> = Vec::new();
        if self.done {
            let summary = tf(
                M::BatchDone,
                &[&self.entered, &self.skipped, &self.still_due(ctx)],
            );
            text.push(line(summary, th.ok));
        } else if let Some(child) = self.child() {
            let at = tf(M::BatchPosition, &[&(self.pos + 1), &self.rows.len()]);
            text.push(line(at, th.muted));
            match ctx.reg.due(child) {
                Some(r) => {
                    let cats: Vec<&str> = r.categories.iter().map(|c| c.label()).collect();
                    text.push(line(format!("{}  {}", r.name, r.village), th.accent));
                    text.push(line(cats.join("、"), th.text));
                    let last = r
                        .due
                        .last_visit
                        .map(date::iso)
                        .unwrap_or_else(|| "—".into());
                    let style = if r.due.overdue_days > 0 {
                        th.danger
                    } else {
                        th.text
                    };
                    let due = tf(M::BatchLastVisit, &[&last, &date::iso(r.due.next_due)]);
                    text.push(line(due, style));
                }
                None => {
                    let name = self.gone.clone().unwrap_or_default();
                    text.push(line(tf(M::BatchGone, &[&name]), th.warning));
                }
            }
            if let Some(v) = &self.visited {
                let seen = tf(M::BatchVisited, &[&date::iso(v.date), &v.kind.label()]);
                text.push(line(seen, th.warning));
            }
        }
        text.push(Line::from(""));
        let keys: Vec<String> = ctx
            .keys
            .table("batch")
            .iter()
            .filter(|b| !self.done || b.action != Action::Skip)
            .map(|b| format!("{} {}", b.label(), t(b.action.desc())))
            .collect();
        text.push(line(keys.join("   "), th.key));
        frame.render_widget(Paragraph::new(text).block(block), rect);
    }
}
