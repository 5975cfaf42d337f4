//! 报表 Print & reports: the weekly worklist previewed as it will print, the
//! quarterly report, exports and backup.

use anyhow::Result;
use chrono::{Datelike, Days};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Effect, Picking, Screen, ScreenId, inside, lines, panel};
use crate::domain::date::{self, Period};
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::i18n::W;
use crate::io::format::Format;
use crate::io::table::Doc;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::jobs::Job;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::log::Log;
use crate::tui::popups::{Popup, pick};

/// The newest lines of the whole log shown from 报表.
const LOG_LINES: usize = 2000;
use crate::tui::table::{self, Column, Scroll};

pub struct Reports {
    /// The week and village of the worklist.
    pub week: chrono::IsoWeek,
    pub village: Option<String>,
    /// The report (of `period`) rather than the worklist.
    pub report: bool,
    /// The report is the pairing report (per village and unit).
    pub pairings: bool,
    pub period: Period,
    /// The preview, and its lines of cells (group titles marked).
    pub doc: Option<Doc>,
    pub lines: Vec<Line>,
    pub sel: usize,
    scroll: Scroll,
    /// Columns scrolled off to the left (the first column stays).
    pub col: usize,
    /// The children's contacts, read once per change of the registry.
    contacts: Option<crate::io::worklist::Contacts>,
}

/// A line of the preview, pointing into its document (nothing copied): a
/// group's title or footer, or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Title(usize),
    Row(usize, usize),
    Footer(usize),
}

/// Where the preview's table goes below its meta lines.
fn table_area(inner: Rect, doc: Option<&Doc>) -> (u16, Rect) {
    let top = doc.map_or(0, |d| d.meta.len().min(2) as u16);
    let area = Rect::new(
        inner.x,
        inner.y + top,
        inner.width,
        inner.height.saturating_sub(top),
    );
    (top, area)
}

/// The quarter (half, year) before or after.
fn shift_period(p: Period, forward: bool) -> Period {
    let step = if forward { 1 } else { -1 };
    match p {
        Period::Quarter(y, q) => {
            let n = y * 4 + q as i32 - 1 + step;
            Period::Quarter(n.div_euclid(4), n.rem_euclid(4) as u32 + 1)
        }
        Period::Half(y, h) => {
            let n = y * 2 + h as i32 - 1 + step;
            Period::Half(n.div_euclid(2), n.rem_euclid(2) as u32 + 1)
        }
        Period::Year(y) => Period::Year(y + step),
    }
}

impl Reports {
    pub const TITLE: M = M::TabReports;
    pub const KEYS: &'static [Decl] = &[
        hint(Action::PrevPeriod),
        hint(Action::NextPeriod),
        quiet(Action::FilterVillage),
        hint(Action::Print),
        quiet(Action::PrintText),
        hint(Action::ToggleReport),
        quiet(Action::ColumnsLeft),
        quiet(Action::ColumnsRight),
        quiet(Action::BatchEntry),
        quiet(Action::ImportSheet),
        quiet(Action::Export),
        quiet(Action::Backup),
        quiet(Action::WorkLog),
        quiet(Action::SetPin),
        quiet(Action::Settings),
        quiet(Action::CareRound),
        quiet(Action::CareRoundGoOn),
        quiet(Action::Offices),
        quiet(Action::Sync),
    ];

    pub fn new(ctx: &Ctx) -> Reports {
        Reports {
            week: ctx.today.iso_week(),
            village: None,
            report: false,
            pairings: false,
            period: Period::quarter_of(ctx.today),
            doc: None,
            lines: Vec::new(),
            sel: 0,
            scroll: Scroll::default(),
            col: 0,
            contacts: None,
        }
    }

    /// The title of the screen: the week and village, or the period.
    pub fn title(&self) -> String {
        if self.report {
            let m = if self.pairings {
                M::ReportsPairings
            } else {
                M::ReportsReport
            };
            return tf(m, &[&self.period.label()]);
        }
        let (monday, sunday) = date::week_bounds(self.week);
        let village = self
            .village
            .clone()
            .unwrap_or_else(|| t(M::AllVillages).into());
        tf(
            M::ReportsWorklist,
            &[
                &date::week_label(self.week),
                &monday.format("%m-%d"),
                &sunday.format("%m-%d"),
                &village,
                &self.doc.as_ref().map_or(0, Doc::row_count),
            ],
        )
    }

    fn request(&self, ctx: &Ctx) -> crate::io::worklist::Request {
        crate::io::worklist::Request {
            week: self.week,
            village: self.village.clone(),
            officer: None,
            today: ctx.today,
        }
    }

    /// Builds the preview of the worklist or the report.
    fn load(&mut self, ctx: &Ctx) -> Result<()> {
        let doc = if self.report && self.pairings {
            crate::io::pairing_report::doc(&ctx.store, self.period, ctx.today)?
        } else if self.report {
            crate::io::report::doc(&ctx.store, self.period, ctx.today)?
        } else {
            if self.contacts.is_none() {
                self.contacts = Some(ctx.store.contacts()?);
            }
            let req = self.request(ctx);
            let contacts = self.contacts.as_ref();
            crate::io::worklist::build_from(&ctx.store, &req, Some(&ctx.reg.triage), contacts)?.doc
        };
        self.lines.clear();
        for (n, g) in doc.groups.iter().enumerate() {
            if !g.title.is_empty() {
                self.lines.push(Line::Title(n));
            }
            self.lines.extend((0..g.rows.len()).map(|r| Line::Row(n, r)));
            if !g.footer.is_empty() {
                self.lines.push(Line::Footer(n));
            }
        }
        self.sel = 0;
        self.scroll.reset();
        self.doc = Some(doc);
        Ok(())
    }

    fn job(&self, action: Action, ctx: &Ctx) -> Option<Job> {
        let format = if action == Action::Print {
            Format::Html
        } else {
            Format::Txt
        };
        Some(match action {
            Action::Print | Action::PrintText if self.report => Job::PrintReport {
                doc: Box::new(self.doc.clone()?),
                label: if self.pairings {
                    format!("pairings-{}", self.period.label())
                } else {
                    self.period.label()
                },
                format,
            },
            Action::Print | Action::PrintText => Job::PrintWorklist {
                req: self.request(ctx),
                format,
            },
            Action::Export => Job::ExportChildren,
            Action::Backup => Job::Backup,
            _ => return None,
        })
    }
}

impl Screen for Reports {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        self.contacts = None;
        self.load(ctx)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            self.sel = table::moved(self.sel, by, self.lines.len());
            let rows = table::rows_in(table_area(inside(ctx.body), self.doc.as_ref()).1);
            self.scroll.follow(self.sel, rows, self.lines.len());
            return Ok(Effect::None);
        }
        if let Some(job) = self.job(action, ctx) {
            return Ok(Effect::Work(job));
        }
        match action {
            Action::PrevPeriod | Action::NextPeriod => {
                let forward = action == Action::NextPeriod;
                if self.report {
                    self.period = shift_period(self.period, forward);
                } else {
                    let (monday, _) = date::week_bounds(self.week);
                    let day = if forward {
                        monday + Days::new(7)
                    } else {
                        monday - Days::new(7)
                    };
                    self.week = day.iso_week();
                }
                self.load(ctx)?;
            }
            Action::ToggleReport => {
                // Worklist → quarter → half year → year → the pairing
                // report of the quarter → worklist.
                let day = self.period.bounds().0;
                match (self.report, self.pairings, self.period) {
                    (false, _, _) => {
                        self.report = true;
                        self.period = Period::quarter_of(day);
                    }
                    (true, true, _) => {
                        self.report = false;
                        self.pairings = false;
                        self.period = Period::quarter_of(ctx.today);
                    }
                    (true, false, Period::Quarter(y, q)) => {
                        self.period = Period::Half(y, q.div_ceil(2))
                    }
                    (true, false, Period::Half(y, _)) => self.period = Period::Year(y),
                    (true, false, Period::Year(_)) => {
                        self.pairings = true;
                        self.period = Period::quarter_of(ctx.today);
                    }
                }
                self.col = 0;
                self.load(ctx)?;
            }
            Action::ColumnsLeft => self.col = self.col.saturating_sub(1),
            Action::ColumnsRight => {
                let n = self.doc.as_ref().map_or(0, |d| d.columns.len());
                let fixed = if self.report { 1 } else { 2 };
                self.col = (self.col + 1).min(n.saturating_sub(fixed + 1));
            }
            Action::FilterVillage => {
                let list = pick::Pick::open(Picking::ReportVillage, ctx)?;
                return Ok(Effect::Popup(Popup::Pick(Box::new(list))));
            }
            Action::BatchEntry => return Ok(Effect::Forward(ScreenId::Visits, action)),
            Action::ImportSheet => return Ok(Effect::Forward(ScreenId::Cases, action)),
            Action::SetPin => return Ok(Effect::Form(crate::tui::forms::Target::Pin)),
            Action::Settings => return Ok(Effect::Form(crate::tui::forms::Target::Settings)),
            Action::CareRound => return Ok(Effect::Form(crate::tui::forms::Target::Round)),
            Action::Sync => {
                let list = crate::tui::popups::pick::Pick::open(
                    crate::tui::popups::pick::Picking::Sync,
                    ctx,
                )?;
                return Ok(Effect::Popup(crate::tui::popups::Popup::Pick(Box::new(list))));
            }
            Action::Offices => {
                let list = crate::tui::popups::pick::Pick::open(
                    crate::tui::popups::pick::Picking::Office,
                    ctx,
                )?;
                return Ok(Effect::Popup(crate::tui::popups::Popup::Pick(Box::new(list))));
            }
            Action::CareRoundGoOn => {
                let Some(round) = ctx.store.rounds()?.into_iter().next() else {
                    ctx.say(t(W::NoRound), crate::tui::ctx::Tone::Info);
                    return Ok(Effect::None);
                };
                let tour = crate::tui::popups::tour::Tour::care(round, ctx)?;
                return Ok(Effect::Popup(crate::tui::popups::Popup::Tour(Box::new(tour))));
            }
            Action::WorkLog => {
                let entries = ctx.store.audit_recent(LOG_LINES)?;
                let log = Log::new(t(M::LogAll).into(), entries);
                return Ok(Effect::Popup(Popup::Log(Box::new(log))));
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        if purpose == Picking::ReportVillage {
            self.village = (!code.is_empty()).then(|| code.to_string());
            self.load(ctx)?;
        }
        // 同步: export now, pick a file to import, a conflict to resolve.
        if let Some(effect) = crate::tui::sync_screen::picked(purpose, code, ctx)? {
            return Ok(effect);
        }
        // A village of the child directors' register: its form.
        if purpose == Picking::Office
            && let Ok(id) = code.parse()
        {
            return Ok(Effect::Form(crate::tui::forms::Target::Office(id)));
        }
        Ok(Effect::None)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let th = &ctx.theme;
        let inner = panel(buf, area, ctx, &self.title(), true);
        let Some(doc) = &self.doc else {
            lines(buf, inner, &[(t(M::Working).to_string(), th.muted)]);
            return;
        };
        let meta: Vec<(String, Style)> = doc.meta.iter().map(|m| (m.clone(), th.muted)).collect();
        let (top, area) = table_area(inner, Some(doc));
        lines(buf, Rect::new(inner.x, inner.y, inner.width, top), &meta);
        // The worklist's number and name stay (the report's village); ← →
        // scroll the others.
        let fixed = if self.report { 1 } else { 2 };
        let keep = |i: &usize| *i < fixed || *i >= fixed + self.col;
        // Each column as wide as its header (never cut to two characters),
        // and wider on a wide screen.
        let mut cols: Vec<Column> = doc
            .columns
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(i))
            .map(|(_, c)| {
                let width = c.cells.max(text::width(&c.header)).min(18);
                Column::new(c.header.clone(), width as u16)
            })
            .collect();
        let used: u16 = cols.iter().map(|c| c.width + 1).sum();
        let spare = area.width.saturating_sub(used);
        if spare > 0 && !cols.is_empty() {
            let each = (spare / cols.len() as u16).min(6);
            for c in &mut cols {
                c.width += each;
            }
        }
        let len = self.lines.len();
        table::draw(buf, area, th, &cols, len, Some(self.sel), self.scroll, |i| {
            match self.lines[i] {
                Line::Title(g) => (vec![doc.groups[g].title.clone()], th.title),
                Line::Footer(g) => (vec![doc.groups[g].footer.clone()], th.title),
                Line::Row(g, r) => {
                    let cells = doc.groups[g].rows[r]
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| keep(i))
                        .map(|(_, c)| c.clone())
                        .collect();
                    (cells, th.text)
                }
            }
        });
    }
}
