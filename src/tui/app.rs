//! The app's state and the one place it changes: keys become actions, actions
//! change the state (and, where they must, call the store).

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, Days, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::{Form, Opt, Outcome};
use super::forms::{self, Target};
use super::keymap::{self, Action, Screen};
use super::table::Scroll;
use super::theme::Theme;
use crate::cli::args::Format;
use std::path::PathBuf;

use crate::domain::cadence::Policy;
use crate::domain::date::Period;
use crate::domain::text::Matcher;
use crate::domain::{Category, Child, ChildStatus, Flag, Visit, VisitKind, child::age_between};
use crate::i18n::{M, t, tf};
use crate::io::table::Doc;
use crate::store::Store;
use crate::store::children::{CaseRow, Saved};
use crate::store::triage::DueRow;
use crate::store::worklists::PrintedWorklist;

/// How a message on the status line should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

/// Something on the Today screen's alert pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub text: String,
    pub child: Option<i64>,
    pub tone: Tone,
}

/// The case list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub village: Option<String>,
    pub category: Option<Category>,
    pub flag: Option<Flag>,
    /// `None`: every status.
    pub status: Option<ChildStatus>,
}

/// What a pick-list popup chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Village,
    Category,
    Flag,
    Status,
    /// The village of the worklist on the reports screen.
    ReportVillage,
    /// A printed worklist, for batch entry.
    Worklist,
}

#[derive(Debug)]
pub struct Pick {
    pub title: String,
    pub purpose: PickFor,
    pub field: super::form::Field,
}

/// What a yes/no question leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Leave a changed form without saving (its draft is dropped).
    DiscardForm,
    /// Put a kept draft back into the form just opened.
    RestoreDraft,
}

/// The popups, on a stack above the screen; the top one takes keys first.
#[derive(Debug)]
pub enum Popup {
    Help,
    Form(Box<FormPopup>),
    Pick(Box<Pick>),
    Ask {
        question: String,
        ask: Ask,
    },
    /// The card of batch entry (the state is `App::batch`).
    Batch,
}

#[derive(Debug)]
pub struct FormPopup {
    pub form: Form,
    pub target: Target,
    /// The draft offered back when the form opened, until answered.
    pub offered: Option<serde_json::Value>,
}

/// One save that `Ctrl-Z` can take back.
#[derive(Debug, Clone)]
pub enum Undo {
    VisitAdded(i64),
    VisitEdited(Box<Visit>),
    ChildAdded(i64),
    ChildEdited(Box<Child>),
}

pub struct App {
    pub store: Store,
    pub today: NaiveDate,
    pub theme: Theme,
    pub policy: Policy,
    pub officer: String,
    pub township: String,
    pub screen: Screen,
    pub popups: Vec<Popup>,
    pub status: Option<(String, Tone)>,
    pub quit: bool,
    /// Every active child with its due date, in triage order.
    pub triage: Vec<DueRow>,
    /// child id → position in `triage`.
    pub due_at: HashMap<i64, usize>,
    /// Every child, for the case list.
    pub cases: Vec<CaseRow>,
    pub today_list: Vec<usize>,
    pub today_sel: usize,
    pub today_scroll: Scroll,
    pub today_pane: usize,
    pub alerts: Vec<Alert>,
    pub alert_sel: usize,
    pub query: String,
    pub searching: bool,
    pub filters: Filters,
    /// Positions in `cases` that the search and filters keep.
    pub shown: Vec<usize>,
    /// The query and filters `shown` was made with.
    searched: (String, Filters),
    pub case_sel: usize,
    pub case_scroll: Scroll,
    pub case_pane: usize,
    /// How far the case file is scrolled (when it has the focus).
    pub detail_scroll: usize,
    /// The case file on screen: the child, the visits, the work log.
    pub detail: Option<(Child, Vec<Visit>, Vec<crate::store::AuditEntry>)>,
    pub visits_recent: Vec<(Visit, String)>,
    pub visit_sel: usize,
    pub visit_scroll: Scroll,
    pub undo: Vec<Undo>,
    /// The reports screen: the week and village of the worklist, or the period
    /// of the report; its preview as lines of cells (group titles marked).
    pub rep_week: chrono::IsoWeek,
    pub rep_village: Option<String>,
    pub rep_report: bool,
    pub rep_period: Period,
    pub rep_doc: Option<Doc>,
    pub rep_lines: Vec<(Vec<String>, bool)>,
    pub rep_sel: usize,
    pub rep_scroll: Scroll,
    /// Columns scrolled off to the left (the first column stays).
    pub rep_col: usize,
    /// Where printouts, exports and backups are written.
    pub out_dir: PathBuf,
    /// Open printouts in the system's browser (off in tests).
    pub open_files: bool,
    /// Work started by a key and run after the next frame (so that the screen
    /// says "working" first).
    pub pending: Option<Action>,
    /// Typing in a returned worklist.
    pub batch: Option<Batch>,
}

/// Batch entry of a returned worklist, in its printed order.
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

const DRAFT_FORM: &str = "form";

impl App {
    pub fn new(store: Store, today: NaiveDate, theme: Theme) -> Result<App> {
        let officer = store.setting("officer")?.unwrap_or_default();
        let township = store.setting("township")?.unwrap_or_default();
        let policy = store.policy()?;
        let mut app = App {
            store,
            today,
            theme,
            policy,
            officer,
            township,
            screen: Screen::Today,
            popups: Vec::new(),
            status: None,
            quit: false,
            triage: Vec::new(),
            due_at: HashMap::new(),
            cases: Vec::new(),
            today_list: Vec::new(),
            today_sel: 0,
            today_scroll: Scroll::default(),
            today_pane: 0,
            alerts: Vec::new(),
            alert_sel: 0,
            query: String::new(),
            searching: false,
            filters: Filters {
                status: Some(ChildStatus::Active),
                ..Filters::default()
            },
            shown: Vec::new(),
            searched: (String::new(), Filters::default()),
            case_sel: 0,
            case_scroll: Scroll::default(),
            case_pane: 0,
            detail_scroll: 0,
            detail: None,
            visits_recent: Vec::new(),
            visit_sel: 0,
            visit_scroll: Scroll::default(),
            undo: Vec::new(),
            rep_week: today.iso_week(),
            rep_village: None,
            rep_report: false,
            rep_period: Period::quarter_of(today),
            rep_doc: None,
            rep_lines: Vec::new(),
            rep_sel: 0,
            rep_scroll: Scroll::default(),
            rep_col: 0,
            out_dir: default_out_dir(),
            open_files: true,
            pending: None,
            batch: None,
        };
        app.refresh()?;
        if app.officer.is_empty() {
            app.open_form(Target::FirstRun)?;
        } else if let Some((_, key)) = app.store.drafts()?.first().cloned() {
            // A form was left half-typed (a crash, a power cut): offer it back.
            if let Some(target) = target_of(&key) {
                app.open_form(target)?;
            }
        }
        Ok(app)
    }

    /// Reads the triage and the case list again (after a save).
    pub fn refresh(&mut self) -> Result<()> {
        self.triage = self.store.triage(&self.policy, self.today)?;
        self.due_at = self
            .triage
            .iter()
            .enumerate()
            .map(|(i, r)| (r.child_id, i))
            .collect();
        self.cases = self.store.case_rows()?;
        let week_end = self.today + Days::new(7);
        self.today_list = (0..self.triage.len())
            .take_while(|&i| self.triage[i].due.next_due <= week_end)
            .collect();
        self.today_sel = self.today_sel.min(self.today_list.len().saturating_sub(1));
        self.alerts = self.compute_alerts()?;
        self.apply_filter();
        self.load_recent_visits()?;
        if self.rep_doc.is_some() {
            self.load_report()?;
        }
        Ok(())
    }

    fn compute_alerts(&self) -> Result<Vec<Alert>> {
        let mut out = Vec::new();
        let drafts = self.store.drafts()?.len();
        if drafts > 0 {
            out.push(Alert {
                text: tf(M::AlertDrafts, &[&drafts]),
                child: None,
                tone: Tone::Bad,
            });
        }
        // Seed 000: the case files are updated every quarter.
        let (_, quarter_end) = Period::quarter_of(self.today).bounds();
        let left = (quarter_end - self.today).num_days();
        if left <= 14 {
            out.push(Alert {
                text: tf(M::AlertQuarterEnd, &[&quarter_end.format("%m-%d"), &left]),
                child: None,
                tone: Tone::Info,
            });
        }
        let focus_rule = self.policy.rules.first().map(|r| r.id.clone());
        let focus_overdue = self
            .triage
            .iter()
            .filter(|r| Some(&r.due.rule) == focus_rule.as_ref() && r.due.overdue_days > 0)
            .count();
        if focus_overdue > 0 {
            out.push(Alert {
                text: tf(M::AlertFocusOverdue, &[&focus_overdue]),
                child: None,
                tone: Tone::Bad,
            });
        }
        let never: Vec<&DueRow> = self
            .triage
            .iter()
            .filter(|r| r.due.last_visit.is_none())
            .collect();
        if !never.is_empty() {
            out.push(Alert {
                text: tf(M::AlertNeverVisited, &[&never.len()]),
                child: None,
                tone: Tone::Bad,
            });
            for r in never.iter().take(3) {
                out.push(Alert {
                    text: format!("  {} · {}", r.name, r.village),
                    child: Some(r.child_id),
                    tone: Tone::Info,
                });
            }
        }
        // Ageing out within the next 30 days, or already past a limit.
        let soon = self.today + Days::new(30);
        for r in &self.triage {
            let Some(birth) = r.birth_date else { continue };
            for c in &r.categories {
                let limit = c.age_limit();
                if age_between(birth, soon) >= limit {
                    let key = if age_between(birth, self.today) >= limit {
                        M::AlertAgedOut
                    } else {
                        M::AlertAgeingOut
                    };
                    out.push(Alert {
                        text: tf(key, &[&r.name, &limit, &c.label()]),
                        child: Some(r.child_id),
                        tone: Tone::Info,
                    });
                }
            }
        }
        let week: Vec<(u32, u32)> = (0..7)
            .map(|d| {
                let day = self.today + Days::new(d);
                (day.month(), day.day())
            })
            .collect();
        // Birthdays in the order they come this week.
        let mut birthdays: Vec<(usize, &DueRow)> = self
            .triage
            .iter()
            .filter_map(|r| {
                let b = r.birth_date?;
                week.iter()
                    .position(|d| *d == (b.month(), b.day()))
                    .map(|p| (p, r))
            })
            .collect();
        birthdays.sort_by_key(|(p, _)| *p);
        for (_, r) in birthdays {
            if let Some(b) = r.birth_date {
                out.push(Alert {
                    text: tf(
                        M::AlertBirthday,
                        &[&r.name, &format!("{}-{:02}", b.month(), b.day())],
                    ),
                    child: Some(r.child_id),
                    tone: Tone::Good,
                });
            }
        }
        Ok(out)
    }

    fn load_recent_visits(&mut self) -> Result<()> {
        self.visits_recent = self.store.recent_visits(200)?;
        self.visit_sel = self
            .visit_sel
            .min(self.visits_recent.len().saturating_sub(1));
        Ok(())
    }

    /// Applies the search and the filters to the case list (in memory).
    pub fn apply_filter(&mut self) {
        let m = Matcher::new(&self.query);
        let f = &self.filters;
        let keep = |c: &CaseRow| {
            f.status.is_none_or(|s| c.status == s)
                && f.village.as_ref().is_none_or(|v| &c.village == v)
                && f.category.is_none_or(|x| c.categories.contains(&x))
                && f.flag.is_none_or(|x| c.flags.contains(&x))
                && m.matches(&c.name, &c.name_full, &c.name_initials, &c.id_number)
        };
        self.shown = (0..self.cases.len())
            .filter(|&i| keep(&self.cases[i]))
            .collect();
        self.searched = (self.query.clone(), self.filters.clone());
        self.case_sel = self.case_sel.min(self.shown.len().saturating_sub(1));
        self.load_detail();
    }

    /// A longer query only narrows the last result: filter that, not everyone.
    fn narrow_filter(&mut self) {
        let (last_query, last_filters) = &self.searched;
        if *last_filters != self.filters
            || last_query.is_empty()
            || !self.query.starts_with(last_query.as_str())
        {
            return self.apply_filter();
        }
        let m = Matcher::new(&self.query);
        let cases = &self.cases;
        self.shown.retain(|&i| {
            let c = &cases[i];
            m.matches(&c.name, &c.name_full, &c.name_initials, &c.id_number)
        });
        self.searched.0 = self.query.clone();
        self.case_sel = self.case_sel.min(self.shown.len().saturating_sub(1));
        self.load_detail();
    }

    /// The child the screen is on, if any.
    pub fn current_child(&self) -> Option<i64> {
        match self.screen {
            Screen::Today if self.today_pane == 1 => {
                self.alerts.get(self.alert_sel).and_then(|a| a.child)
            }
            Screen::Today => self
                .today_list
                .get(self.today_sel)
                .map(|&i| self.triage[i].child_id),
            Screen::Cases => self.shown.get(self.case_sel).map(|&i| self.cases[i].id),
            Screen::Visits => self
                .visits_recent
                .get(self.visit_sel)
                .map(|(v, _)| v.child_id),
            _ => None,
        }
    }

    fn load_detail(&mut self) {
        let id = self.shown.get(self.case_sel).map(|&i| self.cases[i].id);
        if self.detail.as_ref().map(|(c, _, _)| c.id) == id {
            return;
        }
        self.detail_scroll = 0;
        self.detail = id.and_then(|id| {
            let child = self.store.child(id).ok().flatten()?;
            let visits = self.store.visits_of(id).unwrap_or_default();
            let log = self.store.audit_of(&child.uuid).unwrap_or_default();
            Some((child, visits, log))
        });
    }

    /// Shows how an action ended: a failure (a locked database, a full disk)
    /// in the officer's words on the status line; what was typed stays.
    pub fn report(&mut self, outcome: Result<()>) {
        if let Err(e) = outcome {
            let text = match e.downcast::<rusqlite::Error>() {
                Ok(sql) => crate::store::explain(sql, &self.store.path_label()).to_string(),
                Err(other) => other.to_string(),
            };
            self.say(text, Tone::Bad);
        }
    }

    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.status = Some((text.into(), tone));
    }

    /// Handles one key: the top popup first, then the search field, then the
    /// screen's key table.
    pub fn key(&mut self, ev: KeyEvent) -> Result<()> {
        if !self.popups.is_empty() {
            return self.popup_key(ev);
        }
        if self.searching {
            return self.search_key(ev);
        }
        if ev.code == KeyCode::Esc && self.screen == Screen::Cases && !self.query.is_empty() {
            self.query.clear();
            self.apply_filter();
            return Ok(());
        }
        match keymap::lookup(self.screen, &ev) {
            Some(action) => self.update(action),
            None => Ok(()),
        }
    }

    /// Text pasted into the terminal.
    pub fn paste(&mut self, text: &str) -> Result<()> {
        if let Some(Popup::Form(fp)) = self.popups.last_mut() {
            if fp.form.paste(text) == Outcome::Changed {
                self.keep_draft()?;
            }
        } else if self.searching {
            self.query.push_str(text.trim());
            self.apply_filter();
        }
        Ok(())
    }

    fn search_key(&mut self, ev: KeyEvent) -> Result<()> {
        match ev.code {
            KeyCode::Esc => {
                self.searching = false;
                self.query.clear();
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Tab => self.searching = false,
            KeyCode::Backspace => {
                self.query.pop();
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => self.query.push(c),
            _ => return Ok(()),
        }
        self.case_sel = 0;
        self.case_scroll.reset();
        self.narrow_filter();
        Ok(())
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) -> Result<()> {
        self.status = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popups.push(Popup::Help),
            Action::GoTo(s) => {
                self.screen = s;
                if s == Screen::Cases {
                    self.load_detail();
                }
                if s == Screen::Reports && self.rep_doc.is_none() {
                    self.load_report()?;
                }
            }
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(-1_000_000),
            Action::Bottom => self.step(1_000_000),
            Action::NextPane => match self.screen {
                Screen::Today => self.today_pane = 1 - self.today_pane,
                Screen::Cases => self.case_pane = 1 - self.case_pane,
                _ => {}
            },
            Action::Open => {
                if let Some(id) = self.current_child() {
                    self.open_case(id);
                }
            }
            Action::NewVisit => match self.current_child() {
                Some(id) => self.open_form(Target::Visit {
                    child: id,
                    visit: None,
                })?,
                None => self.say(t(M::NoChildSelected), Tone::Bad),
            },
            Action::EditChild => match self.current_child() {
                Some(id) => self.open_form(Target::Child(Some(id)))?,
                None => self.say(t(M::NoChildSelected), Tone::Bad),
            },
            Action::EditVisit => match self.visits_recent.get(self.visit_sel) {
                Some((v, _)) => {
                    let target = Target::Visit {
                        child: v.child_id,
                        visit: Some(v.id),
                    };
                    self.open_form(target)?;
                }
                None => self.say(t(M::VisitsNone), Tone::Bad),
            },
            Action::NewChild => self.open_form(Target::Child(None))?,
            Action::Search => {
                self.screen = Screen::Cases;
                self.searching = true;
            }
            Action::FilterVillage if self.screen == Screen::Reports => {
                self.open_pick(PickFor::ReportVillage)?
            }
            Action::FilterVillage => self.open_pick(PickFor::Village)?,
            Action::FilterCategory => self.open_pick(PickFor::Category)?,
            Action::FilterFlag => self.open_pick(PickFor::Flag)?,
            Action::FilterStatus => self.open_pick(PickFor::Status)?,
            Action::ClearFilters => {
                self.filters = Filters {
                    status: Some(ChildStatus::Active),
                    ..Filters::default()
                };
                self.query.clear();
                self.apply_filter();
            }
            Action::Undo => self.undo_last()?,
            Action::BatchEntry => {
                if self.store.printed_worklists()?.is_empty() {
                    self.say(t(M::BatchNone), Tone::Bad);
                } else {
                    self.open_pick(PickFor::Worklist)?;
                }
            }
            Action::PrevPeriod | Action::NextPeriod => {
                let forward = action == Action::NextPeriod;
                if self.rep_report {
                    self.rep_period = shift_period(self.rep_period, forward);
                } else {
                    let (monday, _) = crate::domain::date::week_bounds(self.rep_week);
                    let day = if forward {
                        monday + Days::new(7)
                    } else {
                        monday - Days::new(7)
                    };
                    self.rep_week = day.iso_week();
                }
                self.load_report()?;
            }
            Action::ToggleReport => {
                // Worklist → quarter → half year → year → worklist.
                let day = self.rep_period.bounds().0;
                match (self.rep_report, self.rep_period) {
                    (false, _) => {
                        self.rep_report = true;
                        self.rep_period = Period::quarter_of(day);
                    }
                    (true, Period::Quarter(y, q)) => {
                        self.rep_period = Period::Half(y, q.div_ceil(2))
                    }
                    (true, Period::Half(y, _)) => self.rep_period = Period::Year(y),
                    (true, Period::Year(_)) => {
                        self.rep_report = false;
                        self.rep_period = Period::quarter_of(self.today);
                    }
                }
                self.rep_col = 0;
                self.load_report()?;
            }
            Action::ColumnsLeft => self.rep_col = self.rep_col.saturating_sub(1),
            Action::ColumnsRight => {
                let n = self.rep_doc.as_ref().map_or(0, |d| d.columns.len());
                self.rep_col = (self.rep_col + 1).min(n.saturating_sub(2));
            }
            Action::Print | Action::PrintText | Action::Export | Action::Backup => {
                // Long work: say so, draw, then do it.
                self.say(t(M::Working), Tone::Info);
                self.pending = Some(action);
            }
        }
        Ok(())
    }

    /// The title of the reports screen.
    pub fn report_title(&self) -> String {
        if self.rep_report {
            return tf(M::ReportsReport, &[&self.rep_period.label()]);
        }
        let (monday, sunday) = crate::domain::date::week_bounds(self.rep_week);
        tf(
            M::ReportsWorklist,
            &[
                &crate::domain::date::week_label(self.rep_week),
                &monday.format("%m-%d"),
                &sunday.format("%m-%d"),
                &self
                    .rep_village
                    .clone()
                    .unwrap_or_else(|| t(M::AllVillages).into()),
                &self.rep_doc.as_ref().map_or(0, Doc::row_count),
            ],
        )
    }

    fn worklist_request(&self) -> crate::io::worklist::Request {
        crate::io::worklist::Request {
            week: self.rep_week,
            village: self.rep_village.clone(),
            officer: None,
            today: self.today,
        }
    }

    /// Builds the preview of the worklist or the report.
    fn load_report(&mut self) -> Result<()> {
        let doc = if self.rep_report {
            crate::io::report::doc(&self.store, self.rep_period, self.today)?
        } else {
            crate::io::worklist::build(&self.store, &self.worklist_request())?.doc
        };
        self.rep_lines.clear();
        for g in &doc.groups {
            if !g.title.is_empty() {
                self.rep_lines.push((vec![g.title.clone()], true));
            }
            self.rep_lines
                .extend(g.rows.iter().map(|r| (r.clone(), false)));
            if !g.footer.is_empty() {
                self.rep_lines.push((vec![g.footer.clone()], true));
            }
        }
        self.rep_sel = 0;
        self.rep_scroll.reset();
        self.rep_doc = Some(doc);
        Ok(())
    }

    /// Runs the work a key asked for after the screen said "working".
    pub fn run_pending(&mut self) -> Result<()> {
        let Some(action) = self.pending.take() else {
            return Ok(());
        };
        std::fs::create_dir_all(&self.out_dir)?;
        let stamp = self.today.format("%Y%m%d");
        match action {
            Action::Print | Action::PrintText if self.rep_report => {
                let format = if action == Action::Print {
                    Format::Html
                } else {
                    Format::Txt
                };
                let ext = crate::cli::worklist::extension(format);
                let path = self
                    .out_dir
                    .join(format!("report-{}.{ext}", self.rep_period.label()));
                if let Some(doc) = &self.rep_doc {
                    crate::cli::worklist::write(doc, format, &path)?;
                    self.announce(&path, doc.row_count(), format == Format::Html);
                }
            }
            Action::Print | Action::PrintText => {
                let format = if action == Action::Print {
                    Format::Html
                } else {
                    Format::Txt
                };
                let req = self.worklist_request();
                let name = crate::io::worklist::default_file(
                    &crate::domain::date::week_label(req.week),
                    req.village.as_deref(),
                    None,
                    crate::cli::worklist::extension(format),
                );
                let path = self
                    .out_dir
                    .join(name.file_name().unwrap_or(name.as_os_str()));
                let rows = crate::cli::worklist::print(&mut self.store, &req, format, None, &path)?;
                self.announce(&path, rows, format == Format::Html);
            }
            Action::Export => {
                let path = self.out_dir.join(format!("children-{stamp}.csv"));
                let rows = crate::cli::export::export(
                    &mut self.store,
                    crate::cli::args::Export::Children,
                    Format::Csv,
                    false,
                    &path,
                )?;
                self.announce(&path, rows, false);
            }
            Action::Backup => {
                let now = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let path = self.out_dir.join(format!("shouhu-backup-{now}.db"));
                self.store.backup_to(&path)?;
                self.say(tf(M::BackedUp, &[&path.display()]), Tone::Good);
            }
            _ => {}
        }
        Ok(())
    }

    fn announce(&mut self, path: &std::path::Path, rows: usize, open: bool) {
        if open && self.open_files && open_in_browser(path) {
            self.say(tf(M::FileOpened, &[&path.display()]), Tone::Good);
        } else {
            self.say(tf(M::FileWritten, &[&path.display(), &rows]), Tone::Good);
        }
    }

    /// Starts typing in a printed worklist, in its printed order.
    fn start_batch(&mut self, id: i64) -> Result<()> {
        let Some(list) = self
            .store
            .printed_worklists()?
            .into_iter()
            .find(|w| w.id == id)
        else {
            return Ok(());
        };
        let rows = self.store.worklist_rows(id)?;
        let week = crate::domain::date::parse_week(&list.week)
            .map(crate::domain::date::week_bounds)
            .unwrap_or((self.today, self.today));
        // A sheet entered before in part goes on at its first child without a
        // visit in the printed week.
        let mut pos = 0;
        while pos < rows.len() && self.visited_in(rows[pos], week)?.is_some() {
            pos += 1;
        }
        if pos > 0 && pos < rows.len() {
            self.say(tf(M::BatchResume, &[&(pos + 1)]), Tone::Info);
        }
        let done = pos >= rows.len();
        self.batch = Some(Batch {
            list,
            rows,
            pos,
            entered: 0,
            skipped: 0,
            week,
            done,
            visited: None,
            gone: None,
        });
        self.load_card()?;
        self.screen = Screen::Visits;
        self.popups.push(Popup::Batch);
        Ok(())
    }

    /// Reads what the batch card says of its child, once per turn of the card.
    fn load_card(&mut self) -> Result<()> {
        let Some(b) = &self.batch else { return Ok(()) };
        let (child, week) = match b.rows.get(b.pos) {
            Some(&c) if !b.done => (c, b.week),
            _ => return Ok(()),
        };
        let visited = self.visited_in(child, week)?;
        let gone = if self.due_at.contains_key(&child) {
            None
        } else {
            Some(self.store.child(child)?.map(|c| c.name).unwrap_or_default())
        };
        if let Some(b) = &mut self.batch {
            b.visited = visited;
            b.gone = gone;
        }
        Ok(())
    }

    /// A child's visit within a week (the latest), if any.
    pub fn visited_in(&self, child: i64, week: (NaiveDate, NaiveDate)) -> Result<Option<Visit>> {
        Ok(self
            .store
            .visits_of(child)?
            .into_iter()
            .find(|v| v.date >= week.0 && v.date <= week.1))
    }

    /// Children of the sheet still due by its Sunday.
    pub fn batch_still_due(&self) -> usize {
        let Some(b) = &self.batch else { return 0 };
        b.rows
            .iter()
            .filter(|c| {
                self.due_at
                    .get(c)
                    .is_some_and(|&i| self.triage[i].due.next_due <= b.week.1)
            })
            .count()
    }

    fn batch_key(&mut self, ev: KeyEvent) -> Result<()> {
        let Some(b) = &mut self.batch else {
            self.popups.pop();
            return Ok(());
        };
        if b.done {
            if matches!(ev.code, KeyCode::Enter | KeyCode::Esc) {
                self.popups.pop();
                self.batch = None;
            }
            return Ok(());
        }
        match ev.code {
            KeyCode::Char('s') => {
                b.skipped += 1;
                b.advance();
                return self.load_card();
            }
            KeyCode::Esc => b.done = true,
            KeyCode::Enter => {
                let Some(&child) = b.rows.get(b.pos) else {
                    b.done = true;
                    return Ok(());
                };
                // The visit date: today, kept inside the printed week.
                let day = self.today.clamp(b.week.0, b.week.1).min(self.today);
                let title = tf(M::BatchPosition, &[&(b.pos + 1), &b.rows.len()]);
                self.open_form(Target::Visit { child, visit: None })?;
                if let Some(Popup::Form(fp)) = self.popups.last_mut() {
                    fp.form.title = format!("{} · {title}", fp.form.title);
                    fp.form.set("date", &crate::domain::date::iso(day));
                    fp.form.dirty = false;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn step(&mut self, by: i64) {
        let moved = |sel: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (sel as i64 + by).clamp(0, len as i64 - 1) as usize
        };
        match self.screen {
            Screen::Today if self.today_pane == 1 => {
                self.alert_sel = moved(self.alert_sel, self.alerts.len());
            }
            Screen::Today => self.today_sel = moved(self.today_sel, self.today_list.len()),
            Screen::Cases if self.case_pane == 1 => {
                self.detail_scroll = (self.detail_scroll as i64 + by).clamp(0, 500) as usize;
            }
            Screen::Cases => {
                self.case_sel = moved(self.case_sel, self.shown.len());
                self.load_detail();
            }
            Screen::Visits => self.visit_sel = moved(self.visit_sel, self.visits_recent.len()),
            Screen::Reports => self.rep_sel = moved(self.rep_sel, self.rep_lines.len()),
            _ => {}
        }
    }

    /// Shows a child's case file on the case screen.
    pub fn open_case(&mut self, id: i64) {
        self.screen = Screen::Cases;
        self.case_pane = 0;
        let find = |app: &App| app.shown.iter().position(|&i| app.cases[i].id == id);
        if find(self).is_none() {
            self.query.clear();
            self.filters = Filters::default();
            self.apply_filter();
        }
        if let Some(p) = find(self) {
            self.case_sel = p;
        }
        self.load_detail();
    }

    fn open_pick(&mut self, purpose: PickFor) -> Result<()> {
        if matches!(
            purpose,
            PickFor::Village | PickFor::Category | PickFor::Flag | PickFor::Status
        ) {
            self.screen = Screen::Cases;
        }
        let mut opts = vec![Opt::new("", t(M::FilterAll))];
        let title = match purpose {
            PickFor::Village | PickFor::ReportVillage => {
                if purpose == PickFor::ReportVillage {
                    opts = vec![Opt::new("", t(M::AllVillages))];
                }
                let villages = self.store.villages()?;
                opts.extend(villages.into_iter().map(|v| Opt::new(v.clone(), v)));
                t(M::KeyFilterVillage)
            }
            PickFor::Category => {
                opts.extend(Category::ALL.iter().map(|c| Opt::new(c.code(), c.label())));
                t(M::KeyFilterCategory)
            }
            PickFor::Flag => {
                opts.extend(Flag::ALL.iter().map(|c| Opt::new(c.code(), c.label())));
                t(M::KeyFilterFlag)
            }
            PickFor::Status => {
                opts.extend(
                    ChildStatus::ALL
                        .iter()
                        .map(|c| Opt::new(c.code(), c.label())),
                );
                t(M::KeyFilterStatus)
            }
            PickFor::Worklist => {
                // The newest print of each week and village: a reprint is the
                // same sheet.
                let mut seen = std::collections::HashSet::new();
                opts = self
                    .store
                    .printed_worklists()?
                    .into_iter()
                    .filter(|w| w.rows > 0 && seen.insert((w.week.clone(), w.village.clone())))
                    .map(|w| {
                        let village = if w.village.is_empty() {
                            t(M::AllVillages).to_string()
                        } else {
                            w.village.clone()
                        };
                        let printed = w.printed_on.format("%m-%d").to_string();
                        let label = tf(M::BatchListItem, &[&w.week, &village, &w.rows, &printed]);
                        Opt::new(w.id.to_string(), label)
                    })
                    .collect();
                t(M::BatchPick)
            }
        };
        let field = super::form::Field::new("pick", title, super::form::Kind::Choice(opts));
        self.popups.push(Popup::Pick(Box::new(Pick {
            title: title.into(),
            purpose,
            field,
        })));
        Ok(())
    }

    fn popup_key(&mut self, ev: KeyEvent) -> Result<()> {
        let Some(top) = self.popups.last_mut() else {
            return Ok(());
        };
        match top {
            Popup::Batch => return self.batch_key(ev),
            Popup::Help => {
                if matches!(
                    ev.code,
                    KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::Enter | KeyCode::F(1)
                ) {
                    self.popups.pop();
                }
            }
            Popup::Ask { ask, .. } => {
                let ask = *ask;
                // Enter takes the safe answer: keep what was typed.
                let enter_is_yes = ask != Ask::DiscardForm;
                let enter = ev.code == KeyCode::Enter;
                let yes = matches!(ev.code, KeyCode::Char('y' | 'Y')) || (enter && enter_is_yes);
                let no = matches!(ev.code, KeyCode::Char('n' | 'N') | KeyCode::Esc)
                    || (enter && !enter_is_yes);
                if yes || no {
                    self.popups.pop();
                    self.answer(ask, yes)?;
                }
            }
            Popup::Pick(pick) => {
                let field = &mut pick.field;
                let matches = field.matches().len();
                let picked = match ev.code {
                    KeyCode::Esc => {
                        self.popups.pop();
                        return Ok(());
                    }
                    KeyCode::Up => {
                        field.highlight = field.highlight.saturating_sub(1);
                        None
                    }
                    KeyCode::Down => {
                        field.highlight = (field.highlight + 1).min(matches.saturating_sub(1));
                        None
                    }
                    KeyCode::Enter => field
                        .matches()
                        .get(field.highlight)
                        .map(|(_, o)| o.code.clone()),
                    _ => {
                        // Typing filters, as in a form's pick-list; one match is taken.
                        let blank = super::form::Field::new("pick", "", super::form::Kind::Text);
                        let mut form = Form::new(
                            String::new(),
                            vec![std::mem::replace(field, blank)],
                            self.today,
                        );
                        form.key(ev);
                        *field = form.fields.remove(0);
                        field.picked.pop()
                    }
                };
                let purpose = pick.purpose;
                if let Some(code) = picked {
                    self.popups.pop();
                    match purpose {
                        PickFor::Village => {
                            self.filters.village = (!code.is_empty()).then_some(code)
                        }
                        PickFor::Category => self.filters.category = Category::from_code(&code),
                        PickFor::Flag => self.filters.flag = Flag::from_code(&code),
                        PickFor::Status => self.filters.status = ChildStatus::from_code(&code),
                        PickFor::ReportVillage => {
                            self.rep_village = (!code.is_empty()).then_some(code);
                            return self.load_report();
                        }
                        PickFor::Worklist => {
                            return match code.parse() {
                                Ok(id) => self.start_batch(id),
                                Err(_) => Ok(()),
                            };
                        }
                    }
                    self.case_sel = 0;
                    self.case_scroll.reset();
                    self.apply_filter();
                }
            }
            Popup::Form(fp) => {
                let out = fp.form.key(ev);
                match out {
                    Outcome::Nothing => {}
                    Outcome::Changed => self.keep_draft()?,
                    Outcome::Save => self.save_form()?,
                    Outcome::Cancel => {
                        if fp.form.dirty {
                            self.popups.push(Popup::Ask {
                                question: t(M::AskDiscard).into(),
                                ask: Ask::DiscardForm,
                            });
                        } else {
                            self.close_form()?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn answer(&mut self, ask: Ask, yes: bool) -> Result<()> {
        match (ask, yes) {
            (Ask::DiscardForm, true) => self.close_form()?,
            (Ask::DiscardForm, false) => {}
            (Ask::RestoreDraft, yes) => {
                if let Some(Popup::Form(fp)) = self.popups.last_mut()
                    && let Some(draft) = fp.offered.take()
                {
                    if yes {
                        fp.form.restore(&draft);
                        self.say(t(M::DraftRestored), Tone::Good);
                    } else {
                        let key = fp.target.draft_key();
                        self.store.delete_draft(DRAFT_FORM, &key)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Opens a form; a kept draft of the same form is offered back.
    pub fn open_form(&mut self, target: Target) -> Result<()> {
        let villages = self.store.villages()?;
        let form = match target {
            Target::FirstRun => forms::first_run_form(self.today),
            Target::Child(None) => forms::child_form(None, &villages, self.today),
            Target::Child(Some(id)) => match self.store.child(id)? {
                Some(c) => forms::child_form(Some(&c), &villages, self.today),
                None => return Ok(()),
            },
            Target::Visit { child, visit } => {
                let Some(c) = self.store.child(child)? else {
                    return Ok(());
                };
                let v = match visit {
                    Some(v) => self.store.visit(v)?,
                    None => None,
                };
                forms::visit_form(&c.name, v.as_ref(), &self.officer, self.today)
            }
        };
        let offered = self
            .store
            .draft(DRAFT_FORM, &target.draft_key())?
            .and_then(|d| serde_json::from_str(&d).ok());
        let has_draft = offered.is_some();
        self.popups.push(Popup::Form(Box::new(FormPopup {
            form,
            target,
            offered,
        })));
        if has_draft {
            self.popups.push(Popup::Ask {
                question: t(M::AskRestoreDraft).into(),
                ask: Ask::RestoreDraft,
            });
        }
        Ok(())
    }

    fn keep_draft(&mut self) -> Result<()> {
        if let Some(Popup::Form(fp)) = self.popups.last() {
            let data = fp.form.snapshot().to_string();
            self.store
                .save_draft(DRAFT_FORM, &fp.target.draft_key(), &data)?;
        }
        Ok(())
    }

    /// Closes the top form and drops its draft.
    fn close_form(&mut self) -> Result<()> {
        if let Some(Popup::Form(fp)) = self.popups.pop() {
            self.store
                .delete_draft(DRAFT_FORM, &fp.target.draft_key())?;
        }
        self.alerts = self.compute_alerts()?;
        Ok(())
    }

    /// Validates and saves the top form.
    fn save_form(&mut self) -> Result<()> {
        let Some(Popup::Form(fp)) = self.popups.last_mut() else {
            return Ok(());
        };
        if !fp.form.validate() {
            return Ok(());
        }
        let target = fp.target;
        match target {
            Target::FirstRun => {
                let officer = fp.form.get("officer");
                let township = fp.form.get("township");
                self.store.set_setting("officer", &officer)?;
                self.store.set_setting("township", &township)?;
                self.officer = officer;
                self.township = township;
            }
            Target::Child(id) => {
                let base = match id {
                    Some(id) => self
                        .store
                        .child(id)?
                        .unwrap_or_else(|| Child::new(self.today)),
                    None => Child::new(self.today),
                };
                let old = base.clone();
                let Some(mut child) = forms::child_from_form(&mut fp.form, base) else {
                    return Ok(());
                };
                if !child.id_number.is_empty()
                    && let Some(other) = self.store.find_child(&child.id_number, "", None, "")?
                    && other != child.id
                {
                    fp.form.refuse("id_number", t(M::IdTaken).into());
                    return Ok(());
                }
                match self.store.save_child(&mut child)? {
                    Saved::Added => self.undo.push(Undo::ChildAdded(child.id)),
                    Saved::Updated => self.undo.push(Undo::ChildEdited(Box::new(old))),
                    Saved::Unchanged => {}
                }
                self.say(tf(M::ChildSaved, &[&child.name]), Tone::Good);
                self.detail = None;
                self.popups.pop();
                self.store.delete_draft(DRAFT_FORM, &target.draft_key())?;
                self.refresh()?;
                self.open_case(child.id);
                return Ok(());
            }
            Target::Visit { child, visit } => {
                let kid = self.store.child(child)?;
                let base = match visit {
                    Some(v) => self.store.visit(v)?,
                    None => None,
                };
                let old = base.clone();
                let base = base.unwrap_or_else(|| Visit::new(child, self.today, VisitKind::Home));
                let birth = kid.as_ref().and_then(|c| c.birth_date);
                let Some(mut v) = forms::visit_from_form(&mut fp.form, base, birth) else {
                    return Ok(());
                };
                // The same visit typed twice (a sheet entered again) is refused.
                if let Some(other) = self.store.find_visit(child, v.date, v.kind)?
                    && Some(other) != visit
                {
                    let when = crate::domain::date::iso(v.date);
                    fp.form
                        .refuse("date", tf(M::VisitTwice, &[&when, &v.kind.label()]));
                    return Ok(());
                }
                match self.store.save_visit(&mut v)? {
                    Saved::Added => self.undo.push(Undo::VisitAdded(v.id)),
                    Saved::Updated => {
                        if let Some(old) = old {
                            self.undo.push(Undo::VisitEdited(Box::new(old)));
                        }
                    }
                    Saved::Unchanged => {}
                }
                self.popups.pop();
                self.store.delete_draft(DRAFT_FORM, &target.draft_key())?;
                self.detail = None;
                self.refresh()?;
                let name = kid.map(|c| c.name).unwrap_or_default();
                let next = self
                    .due_at
                    .get(&child)
                    .map(|&i| crate::domain::date::iso(self.triage[i].due.next_due))
                    .unwrap_or_default();
                self.say(tf(M::VisitSaved, &[&name, &next]), Tone::Good);
                if let Some(b) = &mut self.batch
                    && !b.done
                    && b.rows.get(b.pos) == Some(&child)
                {
                    b.entered += 1;
                    b.advance();
                }
                return self.load_card();
            }
        }
        self.popups.pop();
        self.store.delete_draft(DRAFT_FORM, &target.draft_key())?;
        self.refresh()?;
        Ok(())
    }

    fn undo_last(&mut self) -> Result<()> {
        let Some(last) = self.undo.pop() else {
            self.say(t(M::NothingToUndo), Tone::Info);
            return Ok(());
        };
        match last {
            Undo::VisitAdded(id) => self.store.delete_visit(id)?,
            Undo::VisitEdited(mut v) => {
                self.store.save_visit(&mut v)?;
            }
            Undo::ChildAdded(id) => self.store.delete_child(id)?,
            Undo::ChildEdited(mut c) => {
                self.store.save_child(&mut c)?;
            }
        }
        self.detail = None;
        self.refresh()?;
        self.say(t(M::Undone), Tone::Good);
        Ok(())
    }
}

/// The form a draft key belongs to.
fn target_of(key: &str) -> Option<Target> {
    let parts: Vec<&str> = key.split(':').collect();
    match parts.as_slice() {
        ["child", "new"] => Some(Target::Child(None)),
        ["child", id] => id.parse().ok().map(|id| Target::Child(Some(id))),
        ["visit", child, "new"] => child.parse().ok().map(|c| Target::Visit {
            child: c,
            visit: None,
        }),
        ["visit", child, v] => Some(Target::Visit {
            child: child.parse().ok()?,
            visit: Some(v.parse().ok()?),
        }),
        ["first_run"] => Some(Target::FirstRun),
        _ => None,
    }
}

impl Batch {
    fn advance(&mut self) {
        self.pos += 1;
        if self.pos >= self.rows.len() {
            self.done = true;
        }
    }
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

/// Where printouts go: `Documents/shouhu`, else the home directory, else here.
fn default_out_dir() -> PathBuf {
    let base = directories::UserDirs::new().and_then(|u| {
        u.document_dir()
            .map(PathBuf::from)
            .or_else(|| Some(u.home_dir().to_path_buf()))
    });
    base.unwrap_or_else(|| PathBuf::from(".")).join("shouhu")
}

/// Opens a file in the system's browser (not core work: printing happens
/// there). True when a browser could be asked.
fn open_in_browser(path: &std::path::Path) -> bool {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(windows) {
        // Explorer opens a file with its program, and no shell reads the name
        // (a village name with & or ^ in it stays whole).
        let mut c = Command::new("explorer");
        c.arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    };
    match cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reaped in the background, so that no finished opener lingers.
            std::thread::spawn(move || child.wait().map(|s| s.success()).unwrap_or(false));
            true
        }
        Err(_) => false,
    }
}
