//! 儿童 Cases: the case list with search and filters, and the case file.

use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};

use super::today::on_child;
use super::{Effect, Picking, Screen, ScreenId, casefile, inside, lines, panel};
use crate::domain::text::{self, Matcher};
use crate::domain::{Category, ChildStatus, Flag};
use crate::i18n::{M, t, tf};
use crate::store::children::CaseRow;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::log::Log;
use crate::tui::popups::{Popup, pick};
use crate::tui::table::{self, Column, Scroll};

/// The case list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub village: Option<String>,
    pub category: Option<Category>,
    pub flag: Option<Flag>,
    /// `None`: every status.
    pub status: Option<ChildStatus>,
}

impl Filters {
    /// What the list starts with: the children on the register.
    fn active() -> Filters {
        Filters {
            status: Some(ChildStatus::Active),
            ..Filters::default()
        }
    }
}

pub struct Cases {
    pub query: String,
    pub searching: bool,
    pub filters: Filters,
    /// Positions in the registry's case rows that the search and filters keep.
    pub shown: Vec<usize>,
    /// The query and filters `shown` was made with.
    searched: (String, Filters),
    pub sel: usize,
    scroll: Scroll,
    /// 0: the list; 1: the case file.
    pub pane: usize,
    /// How far the case file is scrolled (when it has the focus).
    pub detail_scroll: usize,
    /// The case file on screen: the child, the visits, the work log.
    pub detail: Option<casefile::Detail>,
    /// The screen a case was opened from (Esc goes back there).
    pub came_from: Option<ScreenId>,
    /// The list by due date (most overdue first) rather than by name.
    pub by_due: bool,
}

/// The list and the case file; in the list, the search line, the filter line
/// and the table.
fn areas(area: Rect) -> (Rect, Rect, [Rect; 3]) {
    let [left, right] =
        Layout::horizontal([Constraint::Length(38), Constraint::Min(20)]).areas(area);
    let parts = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inside(left));
    (left, right, parts)
}

fn keeps(c: &CaseRow, f: &Filters, m: &Matcher) -> bool {
    f.status.is_none_or(|s| c.status == s)
        && f.village.as_ref().is_none_or(|v| text::in_place(&c.village, v))
        && f.category.is_none_or(|x| c.categories.contains(&x))
        && f.flag.is_none_or(|x| c.flags.contains(&x))
        && m.matches(&c.name, &c.name_full, &c.name_initials, &c.id_number)
}

impl Cases {
    pub const TITLE: M = M::TabCases;
    pub const KEYS: &'static [Decl] = &[
        quiet(Action::SearchClear),
        hint(Action::NewVisit),
        quiet(Action::Mandatory),
        quiet(Action::Referral),
        hint(Action::EditChild),
        hint(Action::NewChild),
        hint(Action::FilterVillage),
        quiet(Action::FilterCategory),
        quiet(Action::FilterFlag),
        quiet(Action::FilterStatus),
        quiet(Action::ClearFilters),
        quiet(Action::WorkLog),
        quiet(Action::VisitsOf),
        quiet(Action::SortByDue),
        quiet(Action::NextPane),
        quiet(Action::ImportSheet),
        quiet(Action::NationalMark),
        quiet(Action::GapReferral),
        quiet(Action::ConfirmExit),
        quiet(Action::CareAgreement),
        quiet(Action::ConfirmFile),
        quiet(Action::DeclineReviews),
        quiet(Action::TemporaryCare),
        quiet(Action::CarePlan),
        quiet(Action::PrintFile),
        quiet(Action::Survey),
    ];

    /// The keys of the search field.
    pub const SEARCH_KEYS: &'static [Decl] = &[hint(Action::SearchDone), hint(Action::SearchClear)];

    pub fn new(_ctx: &Ctx) -> Cases {
        Cases {
            query: String::new(),
            searching: false,
            filters: Filters::active(),
            shown: Vec::new(),
            searched: (String::new(), Filters::default()),
            sel: 0,
            scroll: Scroll::default(),
            pane: 0,
            detail_scroll: 0,
            detail: None,
            came_from: None,
            by_due: false,
        }
    }

    /// Applies the search and the filters to the case list (in memory).
    pub fn apply_filter(&mut self, ctx: &Ctx) {
        let m = Matcher::new(&self.query);
        let cases = &ctx.reg.cases;
        self.shown = (0..cases.len())
            .filter(|&i| keeps(&cases[i], &self.filters, &m))
            .collect();
        if self.by_due {
            // Most overdue first; children with no due date (exited) last.
            let due = |i: &usize| ctx.reg.due_at.get(&cases[*i].id).copied().unwrap_or(usize::MAX);
            self.shown.sort_by_key(due);
        }
        self.searched = (self.query.clone(), self.filters.clone());
        self.settle(ctx);
    }

    /// A longer query only narrows the last result: filter that, not everyone.
    fn narrow_filter(&mut self, ctx: &Ctx) {
        let (last_query, last_filters) = &self.searched;
        if *last_filters != self.filters
            || last_query.is_empty()
            || !self.query.starts_with(last_query.as_str())
        {
            return self.apply_filter(ctx);
        }
        let m = Matcher::new(&self.query);
        let cases = &ctx.reg.cases;
        self.shown.retain(|&i| keeps(&cases[i], &self.filters, &m));
        self.searched.0 = self.query.clone();
        self.settle(ctx);
    }

    /// Keeps the selection in the list and in view, and its case file read.
    fn settle(&mut self, ctx: &Ctx) {
        self.sel = self.sel.min(self.shown.len().saturating_sub(1));
        let rows = table::rows_in(areas(ctx.body).2[2]);
        self.scroll.follow(self.sel, rows, self.shown.len());
        self.load_detail(ctx);
    }

    /// From the top of the list (a new search or filter).
    fn restart(&mut self) {
        self.sel = 0;
        self.scroll.reset();
    }

    fn load_detail(&mut self, ctx: &Ctx) {
        let id = self.child(ctx);
        if self.detail.as_ref().map(|d| d.child.id) == id {
            return;
        }
        self.detail_scroll = 0;
        self.detail = id.and_then(|id| casefile::Detail::read(ctx, id));
    }

    /// Shows a child's case file, widening the list if it hides the child.
    pub fn open_case(&mut self, id: i64, ctx: &Ctx) {
        self.pane = 0;
        let find = |s: &Cases| s.shown.iter().position(|&i| ctx.reg.cases[i].id == id);
        if find(self).is_none() {
            self.query.clear();
            self.filters = Filters::default();
            self.apply_filter(ctx);
        }
        if let Some(p) = find(self) {
            self.sel = p;
        }
        self.settle(ctx);
    }
}

impl Screen for Cases {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        self.detail = None;
        self.apply_filter(ctx);
        Ok(())
    }

    fn shown(&mut self, ctx: &Ctx) -> Result<()> {
        self.load_detail(ctx);
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            if self.pane == 1 {
                self.detail_scroll = (self.detail_scroll as i64 + by).clamp(0, 500) as usize;
            } else {
                self.sel = table::moved(self.sel, by, self.shown.len());
                self.settle(ctx);
            }
            return Ok(Effect::None);
        }
        let purpose = match action {
            Action::FilterVillage => Some(Picking::Village),
            Action::FilterCategory => Some(Picking::Category),
            Action::FilterFlag => Some(Picking::Flag),
            Action::FilterStatus => Some(Picking::Status),
            _ => None,
        };
        if let Some(p) = purpose {
            let list = pick::Pick::open(p, ctx)?;
            return Ok(Effect::Popup(Popup::Pick(Box::new(list))));
        }
        match action {
            Action::Search => self.searching = true,
            Action::SearchDone => self.searching = false,
            Action::SearchClear => {
                let was_searching = self.searching;
                self.searching = false;
                if !self.query.is_empty() {
                    self.query.clear();
                    self.restart();
                    self.apply_filter(ctx);
                } else if !was_searching && let Some(back) = self.came_from.take() {
                    return Ok(Effect::Show(back));
                }
            }
            Action::SortByDue => {
                self.by_due = !self.by_due;
                self.restart();
                self.apply_filter(ctx);
            }
            Action::NextPane => self.pane = 1 - self.pane,
            Action::ClearFilters => {
                self.filters = Filters::active();
                self.query.clear();
                self.apply_filter(ctx);
            }
            Action::NewChild => return Ok(Effect::Form(Target::Child(None))),
            Action::GapReferral
            | Action::ConfirmExit
            | Action::CareAgreement
            | Action::ConfirmFile
            | Action::DeclineReviews
            | Action::TemporaryCare
            | Action::CarePlan
            | Action::PrintFile => {
                let Some(d) = &self.detail else {
                    ctx.say(t(M::NoChildSelected), crate::tui::ctx::Tone::Bad);
                    return Ok(Effect::None);
                };
                let effect = super::register_keys::act(action, d, ctx)?;
                // The file's lines are read again for what was recorded.
                if matches!(action, Action::ConfirmFile | Action::DeclineReviews) {
                    self.detail = None;
                    self.load_detail(ctx);
                }
                return Ok(effect);
            }
            Action::NationalMark => {
                let Some(id) = self.child(ctx) else {
                    return Ok(Effect::None);
                };
                let at = crate::store::now();
                ctx.store.write(|w| w.mark_national(&[id], &at))?;
                let (name, _) = ctx.child_name(id);
                let day = crate::domain::date::iso(ctx.today);
                ctx.say(tf(M::NationalMarkedOne, &[&name, &day]), crate::tui::ctx::Tone::Good);
                return Ok(Effect::None);
            }
            Action::Survey => {
                let list = pick::Pick::open(Picking::SurveyVillage, ctx)?;
                return Ok(Effect::Popup(Popup::Pick(Box::new(list))));
            }
            Action::ImportSheet => {
                let list = pick::Pick::open(Picking::ImportFile, ctx)?;
                return Ok(Effect::Popup(Popup::Pick(Box::new(list))));
            }
            Action::VisitsOf => {
                let Some(child) = self.child(ctx) else {
                    return Ok(Effect::None);
                };
                let list = pick::Pick::open(Picking::VisitOf(child), ctx)?;
                return Ok(Effect::Popup(Popup::Pick(Box::new(list))));
            }
            Action::WorkLog => {
                let Some(casefile::Detail { child, .. }) = &self.detail else {
                    return Ok(Effect::None);
                };
                let entries = ctx.store.audit_of_child(child.id)?;
                let log = Log::new(child.name.clone(), entries);
                return Ok(Effect::Popup(Popup::Log(Box::new(log))));
            }
            _ => return Ok(on_child(action, self.child(ctx), ctx)),
        }
        Ok(Effect::None)
    }

    fn mode(&self) -> Option<&'static str> {
        self.searching.then_some("search")
    }

    fn text(&mut self, ev: &KeyEvent, ctx: &Ctx) {
        match ev.code {
            KeyCode::Backspace => {
                self.query.pop();
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.push(c)
            }
            _ => return,
        }
        self.restart();
        self.narrow_filter(ctx);
    }

    fn paste(&mut self, text: &str, ctx: &Ctx) {
        if self.searching {
            self.query.push_str(text.trim());
            self.restart();
            self.apply_filter(ctx);
        }
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        let f = &mut self.filters;
        match purpose {
            Picking::Village => f.village = (!code.is_empty()).then(|| code.to_string()),
            Picking::Category => f.category = Category::from_code(code),
            Picking::Flag => f.flag = Flag::from_code(code),
            Picking::Status => f.status = ChildStatus::from_code(code),
            Picking::VisitOf(child) => {
                return Ok(match code.parse() {
                    Ok(visit) => Effect::Form(Target::Visit {
                        child,
                        visit: Some(visit),
                    }),
                    Err(_) => Effect::None,
                });
            }
            Picking::ReportVillage
            | Picking::Worklist
            | Picking::Check
            | Picking::HelperFor(_)
            | Picking::WishOf(_)
            | Picking::MoveTo(_)
            | Picking::State
            | Picking::Body
            | Picking::FollowUpOf(_)
            | Picking::MapColumn
            | Picking::Office
            | Picking::Sync
            | Picking::SyncFile
            | Picking::SyncPlace
            | Picking::SyncConflict
            | Picking::SyncSettle(_) => return Ok(Effect::None),
            Picking::SurveyVillage => {
                let tour = crate::tui::popups::tour::Tour::survey(code, ctx)?;
                return Ok(Effect::Popup(Popup::Tour(Box::new(tour))));
            }
            Picking::ImportFile => {
                let path = std::path::PathBuf::from(code);
                return Ok(
                    match crate::tui::popups::import::ImportPreview::open(path, ctx) {
                        Ok(p) => Effect::Popup(Popup::Import(Box::new(p))),
                        Err(e) => {
                            ctx.say(e.to_string(), crate::tui::ctx::Tone::Bad);
                            Effect::None
                        }
                    },
                );
            }
        }
        self.restart();
        self.apply_filter(ctx);
        Ok(Effect::None)
    }

    fn child(&self, ctx: &Ctx) -> Option<i64> {
        self.shown.get(self.sel).map(|&i| ctx.reg.cases[i].id)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let th = &ctx.theme;
        let cases = &ctx.reg.cases;
        let (left, right, [search, filters, list]) = areas(area);
        let title = tf(M::CasesTitle, &[&self.shown.len(), &cases.len()]);
        panel(buf, left, ctx, &title, self.pane == 0);
        let (prompt, style) = if self.searching || !self.query.is_empty() {
            let style = if self.searching { th.focus } else { th.input };
            (format!("/{}", self.query), style)
        } else {
            (t(M::SearchHint).to_string(), th.muted)
        };
        buf.set_style(search, style);
        let width = search.width as usize;
        buf.set_stringn(search.x, search.y, text::truncate(&prompt, width), width, style);
        let cursor = self.searching.then(|| {
            // The cursor at the end of the search: an input method's window opens there.
            let x = (text::width(&prompt) as u16).min(search.width.saturating_sub(1));
            ratatui::layout::Position::new(search.x + x, search.y)
        });
        let f = &self.filters;
        let mut parts = Vec::new();
        if let Some(v) = &f.village {
            parts.push(v.clone());
        }
        if let Some(c) = f.category {
            parts.push(c.label().to_string());
        }
        if let Some(x) = f.flag {
            parts.push(x.label().to_string());
        }
        parts.push(f.status.map_or(t(M::FilterAll).to_string(), |s| s.label().to_string()));
        let line = format!("{} {}", t(M::FilterLabel), parts.join(" · "));
        lines(buf, filters, &[(line, th.muted)]);
        let county = ctx.store.county();
        let mut cols = vec![Column::new(t(M::ColName), 8)];
        cols.extend(table::place_columns(county));
        cols.push(Column::new(t(M::ColDueShort), 0));
        table::draw(buf, list, th, &cols, self.shown.len(), Some(self.sel), self.scroll, |n| {
            let c = &cases[self.shown[n]];
            let due = ctx.reg.due(c.id).map(|r| &r.due);
            let (when, style) = match (c.status, due) {
                (ChildStatus::Exited, _) => (c.status.label().to_string(), th.muted),
                (_, Some(d)) if d.overdue_days > 0 => {
                    (tf(M::OverdueDays, &[&d.overdue_days]), th.danger)
                }
                (_, Some(d)) => (d.next_due.format("%m-%d").to_string(), th.text),
                _ => (String::new(), th.text),
            };
            let mut cells = vec![c.name.clone()];
            cells.extend(table::place_cells(&c.village, county));
            cells.push(when);
            (cells, style)
        });
        let inner = panel(buf, right, ctx, t(M::CaseFileTitle), self.pane == 1);
        match &self.detail {
            Some(detail) => {
                let all = casefile::case_file(ctx, detail);
                let from = self.detail_scroll.min(all.len().saturating_sub(1));
                lines(buf, inner, &all[from..]);
            }
            None => lines(buf, inner, &[(t(M::NoChildSelected).to_string(), th.muted)]),
        }
        if let Some(at) = cursor {
            frame.set_cursor_position(at);
        }
    }
}
