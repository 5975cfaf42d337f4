//! 走访 Visits: the visits recorded lately, newest first; batch entry of a
//! returned worklist starts here.

use anyhow::Result;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::today::on_child;
use super::{Effect, Picking, Screen, inside, lines, panel};
use crate::domain::{Visit, date};
use crate::i18n::{M, t, tf};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Tone};
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::batch::Batch;
use crate::tui::popups::{Popup, pick};
use crate::tui::table::{self, Column, Scroll};

/// How many of the latest visits the list shows.
const RECENT: usize = 200;

pub struct Visits {
    /// The visits shown, with the child's name and village.
    pub recent: Vec<(Visit, String, String)>,
    pub sel: usize,
    scroll: Scroll,
    /// The search: a child (name, pinyin, ID), a date or a visitor.
    pub query: String,
    pub searching: bool,
    /// The village shown, or in a county file the township; `None`: all.
    pub place: Option<String>,
}

impl Visits {
    pub const TITLE: M = M::TabVisits;
    pub const KEYS: &'static [Decl] = &[
        hint(Action::NewVisit),
        hint(Action::EditVisit),
        hint(Action::BatchEntry),
        quiet(Action::Open),
        hint(Action::FindVisits),
        quiet(Action::SearchClear),
        quiet(Action::FilterVillage),
        quiet(Action::Mandatory),
        quiet(Action::Referral),
    ];

    pub fn new(_ctx: &Ctx) -> Visits {
        Visits {
            recent: Vec::new(),
            sel: 0,
            scroll: Scroll::default(),
            query: String::new(),
            searching: false,
            place: None,
        }
    }

    fn follow(&mut self, ctx: &Ctx) {
        let rows = table::rows_in(inside(ctx.body));
        self.scroll.follow(self.sel, rows, self.recent.len());
    }
}

impl Screen for Visits {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        let place = self.place.as_deref();
        self.recent = if self.query.is_empty() {
            ctx.store.recent_visits(None, place, RECENT)?
        } else {
            let m = crate::domain::text::Matcher::new(&self.query);
            let children: Vec<i64> = ctx
                .reg
                .cases
                .iter()
                .filter(|c| m.matches(&c.name, &c.name_full, &c.name_initials, &c.id_number))
                .filter(|c| place.is_none_or(|p| crate::domain::text::in_place(&c.village, p)))
                .map(|c| c.id)
                .collect();
            ctx.store
                .recent_visits(Some((&children, &self.query)), place, RECENT)?
        };
        self.sel = self.sel.min(self.recent.len().saturating_sub(1));
        self.follow(ctx);
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            self.sel = table::moved(self.sel, by, self.recent.len());
            self.follow(ctx);
            return Ok(Effect::None);
        }
        Ok(match action {
            Action::FindVisits => {
                self.searching = true;
                Effect::None
            }
            Action::SearchDone => {
                self.searching = false;
                Effect::None
            }
            Action::SearchClear => {
                self.searching = false;
                self.query.clear();
                self.sel = 0;
                self.refresh(ctx)?;
                Effect::None
            }
            Action::FilterVillage => {
                let list = pick::Pick::open(Picking::Village, ctx)?;
                Effect::Popup(Popup::Pick(Box::new(list)))
            }
            Action::EditVisit => match self.recent.get(self.sel) {
                Some((v, ..)) => Effect::Form(Target::Visit {
                    child: v.child_id,
                    visit: Some(v.id),
                }),
                None => {
                    ctx.say(t(M::VisitsNone), Tone::Bad);
                    Effect::None
                }
            },
            Action::BatchEntry => {
                let list = pick::Pick::open(Picking::Worklist, ctx)?;
                if list.is_empty() {
                    ctx.say(t(M::BatchNone), Tone::Bad);
                    Effect::None
                } else {
                    Effect::Popup(Popup::Pick(Box::new(list)))
                }
            }
            _ => on_child(action, self.child(ctx), ctx),
        })
    }

    fn mode(&self) -> Option<&'static str> {
        self.searching.then_some("search")
    }

    fn text(&mut self, ev: &ratatui::crossterm::event::KeyEvent, ctx: &Ctx) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        match ev.code {
            KeyCode::Backspace => {
                self.query.pop();
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => self.query.push(c),
            _ => return,
        }
        self.sel = 0;
        self.scroll.reset();
        // A failed read leaves the list as it was; the next key tries again.
        let _ = self.refresh(ctx);
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        if purpose == Picking::Village {
            self.place = (!code.is_empty()).then(|| code.to_string());
            self.sel = 0;
            self.scroll.reset();
            self.refresh(ctx)?;
            return Ok(Effect::None);
        }
        if purpose != Picking::Worklist {
            return Ok(Effect::None);
        }
        let Ok(id) = code.parse() else {
            return Ok(Effect::None);
        };
        Ok(match Batch::start(id, ctx)? {
            Some(batch) => Effect::Popup(Popup::Batch(Box::new(batch))),
            None => Effect::None,
        })
    }

    fn child(&self, _ctx: &Ctx) -> Option<i64> {
        self.recent.get(self.sel).map(|(v, ..)| v.child_id)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let mut title = tf(M::VisitsTitle, &[&self.recent.len()]);
        if let Some(place) = &self.place {
            title = format!("{title} · {place}");
        }
        if self.searching || !self.query.is_empty() {
            title = format!("{title} · /{}", self.query);
        }
        let inner = panel(buf, area, ctx, &title, true);
        let cursor = self.searching.then(|| {
            // The search is typed into the title: the cursor at its end.
            let x = area.x + 2 + crate::domain::text::width(&title) as u16;
            ratatui::layout::Position::new(x.min(area.right().saturating_sub(2)), area.y)
        });
        if self.recent.is_empty() {
            lines(buf, inner, &[(t(M::VisitsNone).to_string(), ctx.theme.muted)]);
            if let Some(at) = cursor {
                frame.set_cursor_position(at);
            }
            return;
        }
        // A county file: whose township and village each visit was in.
        let county = ctx.store.county();
        let mut cols = vec![
            Column::new(t(M::VisitDate), 10),
            Column::new(t(M::ColName), 8),
        ];
        if county {
            cols.extend(table::place_columns(true));
        }
        cols.extend([
            Column::new(t(M::VisitKindLabel), 8),
            Column::new(t(M::VisitVisitor), 8),
            Column::new(t(M::VisitNotes), 0),
        ]);
        let th = &ctx.theme;
        let len = self.recent.len();
        table::draw(buf, inner, th, &cols, len, Some(self.sel), self.scroll, |i| {
            let (v, name, village) = &self.recent[i];
            let mut cells = vec![date::iso(v.date), name.clone()];
            if county {
                cells.extend(table::place_cells(village, true));
            }
            cells.extend([
                v.kind.label().to_string(),
                v.visitor.clone(),
                v.notes.lines().next().unwrap_or("").to_string(),
            ]);
            (cells, th.text)
        });
        if let Some(at) = cursor {
            frame.set_cursor_position(at);
        }
    }
}
