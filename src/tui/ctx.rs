//! What every screen and pop-up shares: the store, the day, the policy, the
//! theme and keys, the status line, and the triage cache read once per change.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::keymap::Keymap;
use super::theme::Theme;
use crate::domain::cadence::Policy;
use crate::domain::{Child, RiskLevel, Visit, text};
use crate::store::Store;
use crate::store::children::CaseRow;
use crate::store::triage::DueRow;

/// The smallest terminal shouhu draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// How a message on the status line should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

/// One save that `Ctrl-Z` can take back.
#[derive(Debug, Clone)]
pub enum Undo {
    VisitAdded(i64),
    VisitEdited(Box<Visit>),
    ChildAdded(i64),
    ChildEdited(Box<Child>),
    /// A child paired with a helper from the suggestions.
    PairingAdded(i64),
}

/// One undo that `Ctrl-Y` can do again: the record as it was before the undo.
#[derive(Debug, Clone)]
pub enum Redo {
    /// A visit the undo deleted: added again.
    Visit(Box<Visit>),
    /// A visit the undo put back as it was: its later state.
    VisitEdit(Box<Visit>),
    Child(Box<Child>),
    ChildEdit(Box<Child>),
    /// A pairing the undo deleted: added again.
    Pairing(Box<crate::store::ledger::Ledger>),
}

/// The registry as the screens read it, refreshed after every save.
#[derive(Debug, Default)]
pub struct Registry {
    /// Every active child with its due date, in triage order.
    pub triage: Vec<DueRow>,
    /// child id → position in `triage`.
    pub due_at: HashMap<i64, usize>,
    /// Every child, for the case list.
    pub cases: Vec<CaseRow>,
}

impl Registry {
    pub fn read(store: &Store, policy: &Policy, today: NaiveDate) -> Result<Registry> {
        let triage = store.triage(policy, today)?;
        let due_at = triage
            .iter()
            .enumerate()
            .map(|(i, r)| (r.child_id, i))
            .collect();
        Ok(Registry {
            triage,
            due_at,
            cases: store.case_rows()?,
        })
    }

    /// Reads one child again after a save (its triage row and its case row),
    /// without reading everyone: the rows keep their orders.
    pub fn update_child(
        &mut self,
        store: &Store,
        policy: &Policy,
        today: NaiveDate,
        child: i64,
    ) -> Result<()> {
        let old = self.due_at.remove(&child);
        if let Some(at) = old {
            self.triage.remove(at);
        }
        let villages = store.village_names()?;
        let mut new = None;
        if let Some(row) = store.triage_of(policy, today, child, &villages)? {
            // The triage's order: due date, risk, name in pinyin, ID number, id.
            let key = |r: &DueRow| {
                let risk = r.risk.map_or(RiskLevel::Nil.index(), RiskLevel::index);
                (
                    r.due.next_due,
                    risk,
                    text::sort_key(&r.name),
                    r.id_number.clone(),
                    r.child_id,
                )
            };
            let wanted = key(&row);
            let at = self.triage.partition_point(|r| key(r) < wanted);
            self.triage.insert(at, row);
            new = Some(at);
        }
        // Only the rows between the old place and the new one moved; with
        // one of them missing, every row after the other.
        let last = self.triage.len().saturating_sub(1);
        let (from, to) = match (old, new) {
            (Some(o), Some(n)) => (o.min(n), o.max(n).min(last)),
            (Some(at), None) | (None, Some(at)) => (at, last),
            (None, None) => (1, 0),
        };
        for i in from..=to {
            if let Some(r) = self.triage.get(i) {
                self.due_at.insert(r.child_id, i);
            }
        }
        if let Some(at) = self.cases.iter().position(|c| c.id == child) {
            self.cases.remove(at);
        }
        if let Some(row) = store.case_row(child, &villages)? {
            let at = self
                .cases
                .partition_point(|c| (c.name_key.as_str(), c.id) < (row.name_key.as_str(), row.id));
            self.cases.insert(at, row);
        }
        Ok(())
    }

    /// An active child's triage row.
    pub fn due(&self, child: i64) -> Option<&DueRow> {
        self.due_at.get(&child).map(|&i| &self.triage[i])
    }
}

/// The checks and the ledger, as the reading thread hands them over.
pub type Reading = std::sync::mpsc::Receiver<Result<(super::checks::Checks, super::book::Book)>>;

pub struct Ctx {
    pub store: Store,
    pub today: NaiveDate,
    pub policy: Policy,
    pub theme: Theme,
    pub keys: Keymap,
    pub officer: String,
    pub township: String,
    pub status: Option<(String, Tone)>,
    pub reg: Registry,
    /// The pairing ledger as the screens read it.
    pub book: super::book::Book,
    /// The benefit gaps, reviews and guardianship checks of the register.
    pub checks: super::checks::Checks,
    /// The checks and the ledger of a county file, being read on another
    /// thread; `None` once they are in.
    pub reading: Option<Reading>,
    /// Every report, referral and notice, newest number first.
    pub referrals: Vec<crate::store::referrals::Referral>,
    /// Their follow-ups, by date.
    pub follow_ups: Vec<crate::store::referrals::FollowUpRecord>,
    /// The days after sending at which an item awaits feedback.
    pub feedback_days: u64,
    pub undo: Vec<Undo>,
    pub redo: Vec<Redo>,
    /// Where the screens draw, as of the last resize (80x24 until told).
    pub body: Rect,
    /// Where printouts, exports and backups are written.
    pub out_dir: PathBuf,
    /// Open printouts in the system's browser (off in tests).
    pub open_files: bool,
}

impl Ctx {
    /// A save was made: it can be undone, and nothing undone before can be
    /// done again.
    pub fn saved(&mut self, undo: Undo) {
        self.undo.push(undo);
        self.redo.clear();
    }

    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.status = Some((text.into(), tone));
    }

    /// Shows how an action ended: a failure (a locked database, a full disk)
    /// in the officer's words on the status line; what was typed stays.
    pub fn report(&mut self, outcome: Result<()>) {
        if let Err(e) = outcome {
            let text = crate::store::explain_error(e, &self.store.path_label()).to_string();
            self.say(text, Tone::Bad);
        }
    }

    /// Reads the registry again (after a save). A county file's checks and
    /// ledger (hundreds of thousands of children) are read on the other core
    /// meanwhile, and come in with [`Ctx::take_reads`]; where a second
    /// connection cannot be had, here, as for a township.
    pub fn reread(&mut self) -> Result<()> {
        self.reg = Registry::read(&self.store, &self.policy, self.today)?;
        let reader = || -> Result<Option<crate::store::Store>> {
            let reader = self.store.reader()?;
            if let Some(r) = &reader {
                r.keep_in_memory(32)?;
            }
            Ok(reader)
        };
        if self.store.county()
            && let Ok(Some(reader)) = reader()
        {
            let today = self.today;
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let read = super::checks::Checks::read(&reader, today)
                    .and_then(|c| Ok((c, super::book::Book::read(&reader, today)?)));
                // The screen may have closed meanwhile.
                let _ = tx.send(read);
            });
            self.reading = Some(rx);
            return self.reread_referrals();
        }
        self.reread_checks()?;
        self.reread_book()
    }

    /// Takes the checks and ledger read on the other thread, waiting for
    /// them when `wait`. True when they came in now.
    pub fn take_reads(&mut self, wait: bool) -> Result<bool> {
        let Some(rx) = &self.reading else {
            return Ok(false);
        };
        let got = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(read) => Some(read),
                Err(std::sync::mpsc::TryRecvError::Empty) => return Ok(false),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.reading = None;
        match got {
            Some(Ok((checks, book))) => (self.checks, self.book) = (checks, book),
            // The other thread failed or stopped: read them here instead.
            _ => {
                self.reread_checks()?;
                self.reread_book()?;
            }
        }
        Ok(true)
    }

    /// Reads the gaps, reviews and guardianship checks of every child again
    /// (at start-up, after an import, when their settings change).
    pub fn reread_checks(&mut self) -> Result<()> {
        self.checks = super::checks::Checks::read(&self.store, self.today)?;
        Ok(())
    }

    /// Reads the pairing ledger again (after a save of it, or of a child).
    pub fn reread_book(&mut self) -> Result<()> {
        self.book = super::book::Book::read(&self.store, self.today)?;
        self.reread_referrals()
    }

    /// Reads the reports and referrals again (after a save of one).
    pub fn reread_referrals(&mut self) -> Result<()> {
        self.referrals = self.store.referrals()?;
        self.follow_ups = self.store.follow_ups(None)?;
        self.feedback_days = self.store.feedback_days()?;
        Ok(())
    }

    /// The unsent mandatory reports, the oldest first.
    pub fn unsent(&self) -> Vec<&crate::store::referrals::Referral> {
        let mut out: Vec<_> = self.referrals.iter().filter(|r| r.critical()).collect();
        out.sort_by_key(|r| r.raised_at);
        out
    }

    /// A child's name (and village) from the case list.
    pub fn child_name(&self, id: i64) -> (String, String) {
        // An active child from the triage's index; another by a scan.
        if let Some(r) = self.reg.due(id) {
            return (r.name.clone(), r.village.clone());
        }
        self.reg
            .cases
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.name.clone(), c.village.clone()))
            .unwrap_or_default()
    }
}

/// Where printouts go: `Documents/shouhu`, else the home directory, else here.
pub fn default_out_dir() -> PathBuf {
    let base = directories::UserDirs::new().and_then(|u| {
        u.document_dir()
            .map(PathBuf::from)
            .or_else(|| Some(u.home_dir().to_path_buf()))
    });
    base.unwrap_or_else(|| PathBuf::from(".")).join("shouhu")
}
