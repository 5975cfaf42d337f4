//! 转介 Referrals: mandatory reports, referrals and notices, the unsent
//! reports first (red, with their age in hours), then those awaiting the
//! body's answer, then the rest by number. `Enter` opens an item, `m` moves
//! it along its states with a note, `p` prints its form; `s` and `b` show
//! one state or one body.

use anyhow::Result;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::today::on_child;
use super::{Effect, Picking, Screen, inside, lines, panel};
use crate::domain::date;
use crate::domain::referral::{FollowUp, State, age_hours};
use crate::i18n::{M, R, t, tf};
use crate::store::referrals::{Referral, local_now};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Tone};
use crate::tui::field::Opt;
use crate::tui::forms::Target;
use crate::tui::jobs::Job;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::{Popup, pick};
use crate::tui::table::{self, Column, Scroll};

pub struct Referrals {
    /// Positions in `ctx.referrals`, in the order shown.
    pub rows: Vec<usize>,
    pub sel: usize,
    scroll: Scroll,
    pub state: Option<State>,
    pub body: Option<String>,
    /// The village shown, or in a county file the township; `None`: all.
    pub place: Option<String>,
    /// The feedback days of the township, read with the list.
    days: u64,
    /// The item chosen, by id: `ctx.referrals` is read again after a save,
    /// and the list's order changes with an item's state.
    item_id: Option<i64>,
}

impl Referrals {
    pub const TITLE: M = M::TabReferrals;
    pub const KEYS: &'static [Decl] = &[
        hint(Action::Open),
        hint(Action::MoveState),
        hint(Action::FollowUp),
        hint(Action::Print),
        quiet(Action::FilterStatus),
        quiet(Action::FilterBody),
        quiet(Action::FilterVillage),
        hint(Action::Mandatory),
        quiet(Action::Referral),
    ];

    pub fn new(_ctx: &Ctx) -> Referrals {
        Referrals {
            rows: Vec::new(),
            sel: 0,
            scroll: Scroll::default(),
            state: None,
            body: None,
            place: None,
            days: crate::domain::referral::FEEDBACK_DAYS,
            item_id: None,
        }
    }

    fn item<'a>(&self, ctx: &'a Ctx) -> Option<&'a Referral> {
        ctx.referrals.get(*self.rows.get(self.sel)?)
    }

    fn follow(&mut self, ctx: &Ctx) {
        self.sel = self.sel.min(self.rows.len().saturating_sub(1));
        let rows = table::rows_in(inside(ctx.body));
        self.scroll.follow(self.sel, rows, self.rows.len());
    }
}

/// The options of the screen's pick-lists, with their title.
pub fn options(purpose: Picking, ctx: &Ctx) -> Result<(String, Vec<Opt>)> {
    let all = || vec![Opt::new("", t(M::FilterAll))];
    Ok(match purpose {
        Picking::MoveTo(id) => {
            let Some(r) = ctx.referrals.iter().find(|r| r.id == id) else {
                return Ok((String::new(), Vec::new()));
            };
            let opts = crate::tui::referral_forms::next_states(r)
                .into_iter()
                .map(|s| Opt::new(s.code(), s.label()))
                .collect();
            (tf(R::MovePick, &[&r.no, &r.state.label()]), opts)
        }
        Picking::FollowUpOf(id) => {
            let Some(r) = ctx.referrals.iter().find(|r| r.id == id) else {
                return Ok((String::new(), Vec::new()));
            };
            let done = ctx.store.follow_ups(Some(id))?;
            let kinds: Vec<FollowUp> = done.iter().map(|f| f.kind).collect();
            let mut opts: Vec<Opt> = crate::domain::referral::follow_ups(r.kind, r.reason, &kinds)
                .into_iter()
                .map(|k| Opt::new(format!("new:{}", k.code()), format!("＋ {}", k.label())))
                .collect();
            opts.extend(done.iter().map(|f| {
                let label = format!(
                    "{} {} · {} {}",
                    date::iso(f.date),
                    f.kind.label(),
                    f.state.label(),
                    f.note
                );
                Opt::new(format!("id:{}", f.id), label)
            }));
            (tf(R::FollowUpPick, &[&r.no]), opts)
        }
        Picking::Body => {
            let mut opts = all();
            opts.extend(ctx.store.bodies()?.into_iter().map(|b| Opt::new(b.clone(), b)));
            (t(M::KeyFilterBody).to_string(), opts)
        }
        _ => {
            let mut opts = all();
            opts.extend(State::ALL.iter().map(|s| Opt::new(s.code(), s.label())));
            (t(M::KeyFilterStatus).to_string(), opts)
        }
    })
}

impl Screen for Referrals {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        self.days = ctx.feedback_days;
        // The item chosen stays chosen when the order changes (a move, a save).
        let chosen = self.item_id;
        let items = &ctx.referrals;
        // The children of the place chosen, read once for the whole list.
        let of_place: Option<std::collections::HashSet<i64>> = self.place.as_ref().map(|p| {
            let cases = ctx.reg.cases.iter();
            cases
                .filter(|c| crate::domain::text::in_place(&c.village, p))
                .map(|c| c.id)
                .collect()
        });
        let mut rows: Vec<usize> = (0..items.len())
            .filter(|&i| {
                let r = &items[i];
                self.state.is_none_or(|s| r.state == s)
                    && self.body.as_ref().is_none_or(|b| r.target == *b)
                    && of_place.as_ref().is_none_or(|c| c.contains(&r.child))
            })
            .collect();
        // Unsent reports first, then those awaiting an answer, then by number.
        rows.sort_by_key(|&i| {
            let r = &items[i];
            (!r.critical(), !r.awaiting(ctx.today, self.days), -r.no)
        });
        self.rows = rows;
        if let Some(id) = chosen
            && let Some(at) = self.rows.iter().position(|&i| items[i].id == id)
        {
            self.sel = at;
        }
        self.follow(ctx);
        self.item_id = self.item(ctx).map(|r| r.id);
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            self.sel = table::moved(self.sel, by, self.rows.len());
            self.follow(ctx);
            self.item_id = self.item(ctx).map(|r| r.id);
            return Ok(Effect::None);
        }
        let pick = |purpose, ctx: &Ctx| -> Result<Effect> {
            let list = pick::Pick::open(purpose, ctx)?;
            Ok(Effect::Popup(Popup::Pick(Box::new(list))))
        };
        let Some(r) = self.item(ctx).cloned() else {
            if matches!(action, Action::Open | Action::MoveState | Action::Print) {
                ctx.say(t(R::NoItem), Tone::Bad);
            }
            return Ok(match action {
                Action::FilterStatus => pick(Picking::State, ctx)?,
                Action::FilterBody => pick(Picking::Body, ctx)?,
                Action::FilterVillage => pick(Picking::Village, ctx)?,
                _ => Effect::None,
            });
        };
        Ok(match action {
            Action::Open => Effect::Form(Target::Referral {
                child: r.child,
                kind: r.kind,
                id: Some(r.id),
                visit: None,
            }),
            Action::MoveState => {
                let list = pick::Pick::open(Picking::MoveTo(r.id), ctx)?;
                if list.is_empty() {
                    ctx.say(tf(R::MoveClosed, &[&r.no]), Tone::Bad);
                    Effect::None
                } else {
                    Effect::Popup(Popup::Pick(Box::new(list)))
                }
            }
            Action::Print => Effect::Work(Job::PrintReferral { id: r.id }),
            Action::FollowUp => pick(Picking::FollowUpOf(r.id), ctx)?,
            Action::FilterStatus => pick(Picking::State, ctx)?,
            Action::FilterBody => pick(Picking::Body, ctx)?,
            Action::FilterVillage => pick(Picking::Village, ctx)?,
            _ => on_child(action, Some(r.child), ctx),
        })
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        match purpose {
            Picking::MoveTo(id) => {
                if let Some(to) = State::from_code(code) {
                    return Ok(Effect::Form(Target::Move { id, to }));
                }
            }
            Picking::FollowUpOf(referral) => {
                let existing = match code.strip_prefix("id:").and_then(|i| i.parse::<i64>().ok()) {
                    Some(id) => ctx
                        .store
                        .follow_ups(Some(referral))?
                        .into_iter()
                        .find(|f| f.id == id),
                    None => None,
                };
                let kind = match &existing {
                    Some(f) => Some(f.kind),
                    None => code.strip_prefix("new:").and_then(FollowUp::from_code),
                };
                if let Some(kind) = kind {
                    return Ok(Effect::Form(Target::FollowUp {
                        referral,
                        kind,
                        id: existing.map(|f| f.id),
                    }));
                }
            }
            Picking::State => {
                self.state = State::from_code(code);
                self.sel = 0;
                self.refresh(ctx)?;
            }
            Picking::Body => {
                self.body = (!code.is_empty()).then(|| code.to_string());
                self.sel = 0;
                self.refresh(ctx)?;
            }
            Picking::Village => {
                self.place = (!code.is_empty()).then(|| code.to_string());
                self.sel = 0;
                self.refresh(ctx)?;
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn child(&self, ctx: &Ctx) -> Option<i64> {
        self.item(ctx).map(|r| r.child)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let th = &ctx.theme;
        let shown: Vec<&str> = [
            self.state.map(|s| s.label()),
            self.body.as_deref(),
            self.place.as_deref(),
        ]
            .into_iter()
            .flatten()
            .collect();
        let title = if shown.is_empty() {
            tf(R::Title, &[&self.rows.len()])
        } else {
            tf(R::TitleOf, &[&shown.join(" · "), &self.rows.len()])
        };
        let inner = panel(buf, area, ctx, &title, true);
        if self.rows.is_empty() {
            lines(buf, inner, &[(t(R::None).to_string(), th.muted)]);
            return;
        }
        // A county file: whose township and village each item is of.
        let county = ctx.store.county();
        let mut cols = vec![
            Column::new(t(R::ColNo), 4).right(),
            Column::new(t(R::ColKind), 8),
            Column::new(t(R::ColState), 6),
            Column::new(t(M::ColName), 8),
        ];
        if county {
            cols.extend(table::place_columns(true));
        }
        cols.extend([
            Column::new(t(R::ColReason), 16),
            Column::new(t(R::ColTarget), 4),
            Column::new(t(R::ColRaised), 5),
            Column::new(t(R::ColSent), 0),
        ]);
        let now = local_now(ctx.today);
        let len = self.rows.len();
        table::draw(buf, inner, th, &cols, len, Some(self.sel), self.scroll, |n| {
            let r = &ctx.referrals[self.rows[n]];
            let (name, village) = ctx.child_name(r.child);
            let awaiting = r.awaiting(ctx.today, self.days);
            let style = if r.critical() {
                th.danger
            } else if awaiting {
                th.warning
            } else if r.state == State::Closed {
                th.muted
            } else {
                th.text
            };
            let age = if r.critical() {
                tf(R::UnsentHours, &[&age_hours(r.raised_at, now)])
            } else if awaiting {
                t(R::ColAwaiting).to_string()
            } else {
                r.sent_on.map(date::iso).unwrap_or_default()
            };
            let no = if county {
                crate::store::county::paper_number(r.no)
            } else {
                r.no
            };
            let mut cells = vec![
                no.to_string(),
                r.kind.label().to_string(),
                r.state.label().to_string(),
                name,
            ];
            if county {
                cells.extend(table::place_cells(&village, true));
            }
            cells.extend([
                r.reason.label().to_string(),
                r.target.clone(),
                r.raised_at.format("%m-%d").to_string(),
                age,
            ]);
            (cells, style)
        });
    }
}
