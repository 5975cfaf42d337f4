//! 结对 Pairing: the pairing ledger (seed 003). Three lists, `Tab` between
//! them: the checks (who has no family, which girl has a male helper, which
//! pairing has gone quiet), the helpers, and the pairings of the helper
//! chosen. A child is paired from the checks with a suggested helper in two
//! keys (`p`, `Enter`); a pairing's ledger, a helper's visit and a wish are
//! typed in forms.

use std::collections::HashMap;

use anyhow::Result;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::{Effect, Picking, Screen, inside, lines, panel};
use crate::domain::date;
use crate::domain::pairing::{Check, Finding, Reason, visits_due};
use crate::i18n::{P, pairing_words as words, t, tf};
use crate::store::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Tone, Undo};
use crate::tui::field::Opt;
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::{Popup, pick};
use crate::tui::table::{self, Column, Scroll};

/// The lists of the screen, in `Tab` order.
const CHECKS: usize = 0;
const HELPERS: usize = 1;
const PAIRS: usize = 2;

pub struct Pairing {
    pub pane: usize,
    /// Only the findings of one check (`f`).
    pub filter: Option<Check>,
    /// Positions in the book's findings, helpers, and pairings of the helper chosen.
    pub rows: [Vec<usize>; 3],
    pub sel: [usize; 3],
    scroll: [Scroll; 3],
    /// Child id to its position in the case list (names and villages).
    names: HashMap<i64, usize>,
}

/// The helpers above, their pairings below.
fn halves(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
}

impl Pairing {
    pub const TITLE: crate::i18n::M = crate::i18n::M::TabPairing;
    pub const KEYS: &'static [Decl] = &[
        hint(Action::NextPane),
        quiet(Action::Open),
        hint(Action::Pair),
        hint(Action::RecordActivity),
        hint(Action::Wishes),
        quiet(Action::FilterCheck),
        hint(Action::NewHelper),
        quiet(Action::EditHelper),
        quiet(Action::RosterReview),
        quiet(Action::Mandatory),
        quiet(Action::Referral),
    ];

    pub fn new(_ctx: &Ctx) -> Pairing {
        Pairing {
            pane: CHECKS,
            filter: None,
            rows: Default::default(),
            sel: [0; 3],
            scroll: Default::default(),
            names: HashMap::new(),
        }
    }

    fn area_of(&self, pane: usize, ctx: &Ctx) -> Rect {
        match pane {
            CHECKS => inside(ctx.body),
            n => inside(halves(ctx.body)[n - 1]),
        }
    }

    /// Keeps the selection of a list inside it and in view.
    fn follow(&mut self, pane: usize, ctx: &Ctx) {
        let len = self.rows[pane].len();
        self.sel[pane] = self.sel[pane].min(len.saturating_sub(1));
        let rows = table::rows_in(self.area_of(pane, ctx));
        self.scroll[pane].follow(self.sel[pane], rows, len);
    }

    /// The pairings of the helper chosen: the running ones first, by start.
    fn pairs_of_helper(&mut self, ctx: &Ctx) {
        let book = &ctx.book;
        let helper = self.helper(ctx);
        let mut pairs: Vec<usize> = (0..book.pairings.len())
            .filter(|&i| Some(book.pairings[i].helper) == helper)
            .collect();
        pairs.sort_by_key(|&i| {
            let p = &book.pairings[i];
            (!p.active_on(ctx.today), p.start)
        });
        self.rows[PAIRS] = pairs;
        self.follow(PAIRS, ctx);
    }

    fn finding<'a>(&self, ctx: &'a Ctx) -> Option<&'a Finding> {
        let i = *self.rows[CHECKS].get(self.sel[CHECKS])?;
        ctx.book.findings.get(i)
    }

    fn helper(&self, ctx: &Ctx) -> Option<i64> {
        let i = *self.rows[HELPERS].get(self.sel[HELPERS])?;
        Some(ctx.book.helpers.get(i)?.id)
    }

    /// The pairing the keys act on: the one chosen below a helper, or the
    /// running pairing of the child and helper of a finding.
    fn pairing(&self, ctx: &Ctx) -> Option<i64> {
        match self.pane {
            PAIRS => {
                let i = *self.rows[PAIRS].get(self.sel[PAIRS])?;
                Some(ctx.book.pairings.get(i)?.id)
            }
            CHECKS => {
                let f = self.finding(ctx)?;
                let (child, helper) = (f.child?, f.helper);
                ctx.book
                    .pairings
                    .iter()
                    .filter(|p| p.child == child && p.active_on(ctx.today))
                    .find(|p| helper.is_none_or(|h| p.helper == h))
                    .map(|p| p.id)
            }
            _ => None,
        }
    }

    fn name(&self, ctx: &Ctx, child: i64) -> (String, String) {
        self.names
            .get(&child)
            .and_then(|&i| ctx.reg.cases.get(i))
            .map(|c| (c.name.clone(), c.village.clone()))
            .unwrap_or_default()
    }

    /// Shows the findings of one check (or all), from 今日.
    pub fn show_check(&mut self, check: Option<Check>, ctx: &Ctx) -> Result<()> {
        self.filter = check;
        self.pane = CHECKS;
        self.sel[CHECKS] = 0;
        self.refresh(ctx)
    }

    /// Pairs a child with a helper from today: one transaction, undoable.
    fn pair(&mut self, child: i64, helper: i64, ctx: &mut Ctx) -> Result<()> {
        let ledger = Ledger {
            pairing: crate::domain::pairing::Pairing {
                id: 0,
                child,
                helper,
                start: ctx.today,
                end: None,
                intended: false,
            },
            end_reason: String::new(),
            fields: vec![String::new(); crate::domain::pairing::LEDGER.len()],
        };
        let id = ctx.store.write(|w| w.save_ledger(&ledger))?;
        ctx.saved(Undo::PairingAdded(id));
        ctx.reread_book()?;
        let (name, _) = self.name(ctx, child);
        let helper = ctx.book.helper_name(helper);
        ctx.say(
            tf(P::Paired, &[&name, &helper, &date::iso(ctx.today)]),
            Tone::Good,
        );
        self.refresh(ctx)
    }
}

/// The options of the screen's pick-lists, with their title.
pub fn options(purpose: Picking, ctx: &Ctx) -> Result<(String, Vec<Opt>)> {
    let book = &ctx.book;
    Ok(match purpose {
        Picking::HelperFor(child) => {
            let name = ctx
                .reg
                .cases
                .iter()
                .find(|c| c.id == child)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let Some(facts) = book.child(child) else {
                return Ok((tf(P::SuggestTitle, &[&name]), Vec::new()));
            };
            let found = crate::domain::pairing::suggest(
                facts,
                &book.facts,
                &book.helpers,
                &book.pairings,
                ctx.today,
            );
            let opts = found
                .iter()
                .map(|s| {
                    let mut label = book.helper_name(s.helper);
                    for r in &s.reasons {
                        let why = match r {
                            Reason::Female => P::ReasonFemale,
                            Reason::Sibling => P::ReasonSibling,
                            Reason::Linked => P::ReasonLinked,
                        };
                        label = format!("{label} · {}", t(why));
                    }
                    let label = format!("{label} · {}", tf(P::Current, &[&s.current]));
                    Opt::new(s.helper.to_string(), label)
                })
                .collect();
            (tf(P::SuggestTitle, &[&name]), opts)
        }
        Picking::WishOf(pairing) => {
            let child = book.pairing(pairing).map(|p| p.child);
            let name = ctx
                .reg
                .cases
                .iter()
                .find(|c| Some(c.id) == child)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let mut opts = vec![Opt::new("new", t(P::WishNew))];
            opts.extend(ctx.store.wishes(pairing)?.into_iter().map(|w| {
                let state = match w.fulfilled_on {
                    Some(d) => date::iso(d),
                    None => t(P::WishOpen).to_string(),
                };
                Opt::new(w.id.to_string(), format!("{} · {state}", w.wish))
            }));
            (tf(P::WishPick, &[&name]), opts)
        }
        _ => {
            let mut counts: HashMap<Check, usize> = HashMap::new();
            for f in &book.findings {
                *counts.entry(f.check).or_default() += 1;
            }
            let mut checks: Vec<(Check, usize)> = counts.into_iter().collect();
            checks.sort();
            let mut opts = vec![Opt::new("", t(P::AllChecks))];
            opts.extend(checks.into_iter().map(|(c, n)| {
                Opt::new(c.code(), format!("{}（{n}）", words::check(c)))
            }));
            (t(P::FilterCheck).to_string(), opts)
        }
    })
}

impl Screen for Pairing {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        let book = &ctx.book;
        self.names = ctx
            .reg
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        self.rows[CHECKS] = (0..book.findings.len())
            .filter(|&i| self.filter.is_none_or(|c| book.findings[i].check == c))
            .collect();
        let mut helpers: Vec<usize> = (0..book.helpers.len()).collect();
        helpers.sort_by_cached_key(|&i| crate::domain::text::sort_key(&book.helpers[i].name));
        self.rows[HELPERS] = helpers;
        self.follow(CHECKS, ctx);
        self.follow(HELPERS, ctx);
        self.pairs_of_helper(ctx);
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            let pane = self.pane;
            self.sel[pane] = table::moved(self.sel[pane], by, self.rows[pane].len());
            self.follow(pane, ctx);
            if pane == HELPERS {
                self.sel[PAIRS] = 0;
                self.pairs_of_helper(ctx);
            }
            return Ok(Effect::None);
        }
        let pick = |purpose, ctx: &Ctx| -> Result<Effect> {
            let list = pick::Pick::open(purpose, ctx)?;
            Ok(Effect::Popup(Popup::Pick(Box::new(list))))
        };
        Ok(match action {
            Action::NextPane => {
                self.pane = (self.pane + 1) % 3;
                Effect::None
            }
            Action::Open => match self.pane {
                CHECKS => match self.finding(ctx) {
                    Some(Finding {
                        child: Some(child), ..
                    }) => Effect::OpenCase(*child),
                    Some(Finding {
                        helper: Some(h), ..
                    }) => {
                        let h = *h;
                        let at = self.rows[HELPERS]
                            .iter()
                            .position(|&i| ctx.book.helpers[i].id == h);
                        self.sel[HELPERS] = at.unwrap_or(0);
                        self.pane = HELPERS;
                        self.follow(HELPERS, ctx);
                        self.pairs_of_helper(ctx);
                        Effect::None
                    }
                    _ => Effect::None,
                },
                HELPERS => {
                    self.pane = PAIRS;
                    Effect::None
                }
                _ => match self.pairing(ctx) {
                    Some(p) => Effect::Form(Target::Ledger(p)),
                    None => Effect::None,
                },
            },
            Action::Pair => match self.child(ctx) {
                Some(child) => {
                    let list = pick::Pick::open(Picking::HelperFor(child), ctx)?;
                    if list.is_empty() {
                        ctx.say(t(P::SuggestNone), Tone::Bad);
                        Effect::None
                    } else {
                        Effect::Popup(Popup::Pick(Box::new(list)))
                    }
                }
                None => {
                    ctx.say(t(P::NoChild), Tone::Bad);
                    Effect::None
                }
            },
            Action::FilterCheck => pick(Picking::Check, ctx)?,
            Action::NewHelper => Effect::Form(Target::Helper(None)),
            Action::EditHelper => {
                let helper = match self.pane {
                    CHECKS => self.finding(ctx).and_then(|f| f.helper),
                    _ => self.helper(ctx),
                };
                match helper {
                    Some(h) => Effect::Form(Target::Helper(Some(h))),
                    None => {
                        ctx.say(t(P::NoHelperChosen), Tone::Bad);
                        Effect::None
                    }
                }
            }
            Action::RecordActivity | Action::Wishes => match self.pairing(ctx) {
                Some(p) if action == Action::Wishes => pick(Picking::WishOf(p), ctx)?,
                Some(p) => Effect::Form(Target::Activity(p)),
                None => {
                    ctx.say(t(P::NoPairing), Tone::Bad);
                    Effect::None
                }
            },
            Action::Mandatory | Action::Referral => {
                super::today::on_child(action, self.child(ctx), ctx)
            }
            Action::RosterReview => {
                ctx.store.record_roster_review(ctx.today)?;
                ctx.reread_book()?;
                self.refresh(ctx)?;
                let year = chrono::Datelike::year(&ctx.today);
                ctx.say(
                    tf(P::PairingReviewed, &[&year, &date::iso(ctx.today)]),
                    Tone::Good,
                );
                Effect::None
            }
            _ => Effect::None,
        })
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        match purpose {
            Picking::Check => {
                self.filter = Check::from_code(code);
                self.sel[CHECKS] = 0;
                self.pane = CHECKS;
                self.refresh(ctx)?;
            }
            Picking::HelperFor(child) => {
                if let Ok(helper) = code.parse() {
                    self.pair(child, helper, ctx)?;
                }
            }
            Picking::WishOf(pairing) => {
                let wish = code.parse().ok();
                return Ok(Effect::Form(Target::Wish { pairing, wish }));
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn child(&self, ctx: &Ctx) -> Option<i64> {
        match self.pane {
            CHECKS => self.finding(ctx).and_then(|f| f.child),
            PAIRS => {
                let i = *self.rows[PAIRS].get(self.sel[PAIRS])?;
                Some(ctx.book.pairings.get(i)?.child)
            }
            _ => None,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let th = &ctx.theme;
        let book = &ctx.book;
        if self.pane == CHECKS {
            let mut title = tf(P::ChecksTitle, &[&self.rows[CHECKS].len()]);
            if let Some(c) = self.filter {
                title = format!("{title} · {}", words::check(c));
            }
            let inner = panel(buf, area, ctx, &title, true);
            if self.rows[CHECKS].is_empty() {
                lines(buf, inner, &[(t(P::ChecksNone).to_string(), th.ok)]);
                return;
            }
            let county = ctx.store.county();
            let mut cols = vec![
                Column::new(t(P::PcCheck), 10),
                Column::new(t(crate::i18n::M::ColName), 8),
            ];
            cols.extend(table::place_columns(county));
            cols.extend([
                // A helper is named with the unit: wider where there is room.
                Column::new(t(P::PcHelper), if area.width >= 100 { 24 } else { 14 }),
                Column::new(t(P::PcDetail), 0),
            ]);
            let len = self.rows[CHECKS].len();
            let (sel, scroll) = (Some(self.sel[CHECKS]), self.scroll[CHECKS]);
            table::draw(buf, inner, th, &cols, len, sel, scroll, |n| {
                let f = &book.findings[self.rows[CHECKS][n]];
                let (name, village) = f.child.map(|c| self.name(ctx, c)).unwrap_or_default();
                let style = match f.check {
                    Check::PriorityUnpaired | Check::GirlMaleHelper => th.danger,
                    Check::HelperNotLinked | Check::CareMissing => th.muted,
                    _ => th.text,
                };
                let mut cells = vec![words::check(f.check).to_string(), name];
                cells.extend(table::place_cells(&village, county));
                cells.extend([
                    f.helper.map(|h| book.helper_name(h)).unwrap_or_default(),
                    // The check is in the first column: what to do is enough here.
                    words::detail(f)
                        .rsplit(['：', ':'])
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                ]);
                (cells, style)
            });
            return;
        }
        let [top, bottom] = halves(area);
        let inner = panel(
            buf,
            top,
            ctx,
            &tf(P::HelpersTitle, &[&book.helpers.len()]),
            self.pane == HELPERS,
        );
        if book.helpers.is_empty() {
            lines(buf, inner, &[(t(P::HelpersNone).to_string(), th.muted)]);
        } else {
            let active: HashMap<i64, usize> =
                book.pairings
                    .iter()
                    .filter(|p| p.active_on(ctx.today))
                    .fold(HashMap::new(), |mut m, p| {
                        *m.entry(p.helper).or_default() += 1;
                        m
                    });
            let cols = [
                Column::new(t(P::FName), 10),
                Column::new(t(P::ColKind), 6),
                Column::new(t(P::ColUnit), 12),
                Column::new(t(P::ColLinked), 8),
                Column::new(t(P::ColPairs), 4).right(),
                Column::new(t(P::ColTraining), 0),
            ];
            let len = self.rows[HELPERS].len();
            let sel = Some(self.sel[HELPERS]);
            table::draw(buf, inner, th, &cols, len, sel, self.scroll[HELPERS], |n| {
                let h = &book.helpers[self.rows[HELPERS][n]];
                let cells = vec![
                    h.name.clone(),
                    h.kind.label().to_string(),
                    h.unit.clone(),
                    h.linked_village.clone(),
                    active.get(&h.id).copied().unwrap_or(0).to_string(),
                    h.trainings.iter().max().map(|d| date::iso(*d)).unwrap_or_default(),
                ];
                (cells, th.text)
            });
        }
        let helper = self.helper(ctx).map(|h| book.helper_name(h)).unwrap_or_default();
        let title = tf(P::PairsTitle, &[&helper, &self.rows[PAIRS].len()]);
        let inner = panel(buf, bottom, ctx, &title, self.pane == PAIRS);
        if self.rows[PAIRS].is_empty() {
            lines(buf, inner, &[(t(P::PairsNone).to_string(), th.muted)]);
            return;
        }
        let county = ctx.store.county();
        let mut cols = vec![Column::new(t(crate::i18n::M::ColName), 8)];
        cols.extend(table::place_columns(county));
        cols.extend([
            Column::new(t(P::ColStart), 10),
            Column::new(t(P::ColEnd), 10),
            Column::new(t(P::ColVisits), 6).right(),
            Column::new(t(P::ColWishes), 0),
        ]);
        let sel = (self.pane == PAIRS).then_some(self.sel[PAIRS]);
        let len = self.rows[PAIRS].len();
        table::draw(buf, inner, th, &cols, len, sel, self.scroll[PAIRS], |n| {
            let p = &book.pairings[self.rows[PAIRS][n]];
            let (name, village) = self.name(ctx, p.child);
            let done = book.done.get(&p.id).copied().unwrap_or_default();
            let running = p.active_on(ctx.today);
            let visits = if running {
                format!("{}/{}", done.visits, visits_due(p.start, ctx.today))
            } else {
                done.visits.to_string()
            };
            let wishes = if done.wishes > 0 {
                format!("{}/{}", done.wishes - done.wishes_open, done.wishes)
            } else {
                String::new()
            };
            let mut cells = vec![name];
            cells.extend(table::place_cells(&village, county));
            cells.extend([
                date::iso(p.start),
                p.end.map(date::iso).unwrap_or_default(),
                visits,
                wishes,
            ]);
            let style = if running { th.text } else { th.muted };
            (cells, style)
        });
    }
}
