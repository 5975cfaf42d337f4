//! Reports, referrals and notices in the store: numbered from 1 in the file,
//! moved between states one audited move at a time.

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use crate::domain::date;
use crate::domain::referral::{self, FollowUp, Kind, MoveError, Reason, Severity, State};

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// The local time now on `today` (the day the program runs as): today's
/// date with the clock's time of day; a fixed clock gives a fixed time.
pub fn local_now(today: NaiveDate) -> NaiveDateTime {
    let time = match super::FIXED_CLOCK.get() {
        Some(at) => chrono::NaiveTime::parse_from_str(at.get(11..19).unwrap_or(""), "%H:%M:%S")
            .unwrap_or_default(),
        None => chrono::Local::now().time(),
    };
    today.and_time(time)
}

/// A report, referral or notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    /// The number on the paper form, counted from 1 in this file.
    pub no: i64,
    pub child: i64,
    pub kind: Kind,
    pub reason: Reason,
    pub what: String,
    pub severity: Severity,
    pub target: String,
    pub found_on: Option<NaiveDate>,
    pub raised_at: NaiveDateTime,
    pub raised_by: String,
    /// Where it came from: `visit:ID`, `activity:ID`, or empty.
    pub source: String,
    pub sender: String,
    pub arrived_on: Option<NaiveDate>,
    pub state: State,
    pub sent_on: Option<NaiveDate>,
    pub answer: String,
    pub outcome: String,
}

impl Referral {
    /// A new draft for a child, raised now by `by`.
    pub fn new(child: i64, kind: Kind, raised_at: NaiveDateTime, by: &str) -> Referral {
        Referral {
            id: 0,
            no: 0,
            child,
            kind,
            reason: if kind == Kind::Referral {
                Reason::Other
            } else {
                Reason::OtherDanger
            },
            what: String::new(),
            severity: Severity::Normal,
            target: if kind == Kind::Mandatory {
                "公安".into()
            } else {
                String::new()
            },
            found_on: Some(raised_at.date()),
            raised_at,
            raised_by: by.to_string(),
            source: String::new(),
            sender: String::new(),
            arrived_on: None,
            state: State::Draft,
            sent_on: None,
            answer: String::new(),
            outcome: String::new(),
        }
    }

    /// Awaiting the body's answer on `today`.
    pub fn awaiting(&self, today: NaiveDate, days: u64) -> bool {
        referral::awaiting_feedback(self.state, self.sent_on, today, days)
    }

    /// An unsent mandatory report.
    pub fn critical(&self) -> bool {
        referral::critical(self.kind, self.state)
    }
}

/// A follow-up of an item (an assessment, a search, a guardian's reprimand ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRecord {
    pub id: i64,
    pub referral: i64,
    pub kind: FollowUp,
    pub date: NaiveDate,
    pub state: State,
    pub note: String,
    /// The assessment's three findings (调查评估): safety, guardianship, health.
    pub safety: String,
    pub guardianship: String,
    pub health: String,
}

/// One move of an item between states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub at: String,
    pub officer: String,
    pub from: State,
    pub to: State,
    pub note: String,
}

const SELECT: &str = "SELECT id, no, child_id, kind, reason, what, severity, target, found_on,
    raised_at, raised_by, source, sender, arrived_on, state, sent_on, answer, outcome FROM referrals";

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(date::from_iso)
}

fn row(r: &Row) -> rusqlite::Result<Referral> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what}").into(),
        )
    };
    let kind: String = r.get(3)?;
    let reason: String = r.get(4)?;
    let state: String = r.get(14)?;
    let raised: String = r.get(9)?;
    Ok(Referral {
        id: r.get(0)?,
        no: r.get(1)?,
        child: r.get(2)?,
        kind: Kind::from_code(&kind).ok_or_else(|| bad(3, "kind"))?,
        reason: Reason::from_code(&reason).ok_or_else(|| bad(4, "reason"))?,
        what: r.get(5)?,
        severity: Severity::from_code(&r.get::<_, String>(6)?).unwrap_or(Severity::Normal),
        target: r.get(7)?,
        found_on: day(r.get(8)?),
        raised_at: NaiveDateTime::parse_from_str(&raised, TIME).map_err(|_| bad(9, "time"))?,
        raised_by: r.get(10)?,
        source: r.get(11)?,
        sender: r.get(12)?,
        arrived_on: day(r.get(13)?),
        state: State::from_code(&state).ok_or_else(|| bad(14, "state"))?,
        sent_on: day(r.get(15)?),
        answer: r.get(16)?,
        outcome: r.get(17)?,
    })
}

impl Store {
    /// Every item, newest number first.
    pub fn referrals(&self) -> Result<Vec<Referral>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY no DESC"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The items of one child, newest first.
    pub fn referrals_of(&self, child: i64) -> Result<Vec<Referral>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE child_id = ?1 ORDER BY no DESC"))?;
        let rows = stmt.query_map([child], row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The item of a number.
    pub fn referral_no(&self, no: i64) -> Result<Option<Referral>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE no = ?1"))?
            .query_row([no], row)
            .optional()?)
    }

    /// The item of a row id.
    pub fn referral(&self, id: i64) -> Result<Option<Referral>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
            .query_row([id], row)
            .optional()?)
    }

    /// The moves of an item, oldest first.
    pub fn referral_moves(&self, id: i64) -> Result<Vec<Move>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer, from_state, to_state, note FROM referral_moves
              WHERE referral_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (at, officer, from, to, note) = r?;
            if let (Some(from), Some(to)) = (State::from_code(&from), State::from_code(&to)) {
                out.push(Move {
                    at,
                    officer,
                    from,
                    to,
                    note,
                });
            }
        }
        Ok(out)
    }

    /// The follow-ups of an item (all items with `None`), by date.
    pub fn follow_ups(&self, referral: Option<i64>) -> Result<Vec<FollowUpRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, referral_id, kind, date, state, note, safety, guardianship, health
               FROM referral_followups WHERE ?1 IS NULL OR referral_id = ?1 ORDER BY date, id",
        )?;
        let rows = stmt.query_map([referral], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                [
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ],
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, referral, kind, day, state, [note, safety, guardianship, health]) = row?;
            let (Some(kind), Some(date), Some(state)) = (
                FollowUp::from_code(&kind),
                date::from_iso(&day),
                State::from_code(&state),
            ) else {
                continue;
            };
            out.push(FollowUpRecord {
                id,
                referral,
                kind,
                date,
                state,
                note,
                safety,
                guardianship,
                health,
            });
        }
        Ok(out)
    }

    /// The bodies items go to: the built-in ones and the township's own
    /// (the setting `bodies`, separated by 、 or commas).
    pub fn bodies(&self) -> Result<Vec<String>> {
        let mut out: Vec<String> = referral::BODIES.iter().map(|b| b.to_string()).collect();
        if let Some(more) = self.setting("bodies")? {
            for b in crate::domain::vocab::split_list(&more) {
                if !b.is_empty() && !out.iter().any(|x| x == b) {
                    out.push(b.to_string());
                }
            }
        }
        Ok(out)
    }

    /// Why an item cannot be saved as it is, in the officer's words: a reason
    /// of another kind, an unknown body, a day found in the future or after
    /// the day it was raised.
    pub fn refusal(&self, r: &Referral, today: NaiveDate) -> Result<Option<String>> {
        use crate::i18n::{R, tf};
        if !r.reason.fits(r.kind) {
            return Ok(Some(tf(
                R::ReasonKind,
                &[&r.reason.label(), &r.kind.label()],
            )));
        }
        let bodies = self.bodies()?;
        if !bodies.contains(&r.target) {
            return Ok(Some(tf(R::BadBody, &[&r.target, &bodies.join("、")])));
        }
        if let Some(found) = r.found_on
            && (found > today || found > r.raised_at.date())
        {
            return Ok(Some(tf(R::FoundFuture, &[&date::iso(found)])));
        }
        Ok(None)
    }

    /// The days after sending at which an item awaits feedback (setting
    /// `feedback_days`, 7 unless set).
    pub fn feedback_days(&self) -> Result<u64> {
        Ok(self
            .setting("feedback_days")?
            .and_then(|d| d.trim().parse().ok())
            .filter(|d| (1..=365).contains(d))
            .unwrap_or(referral::FEEDBACK_DAYS))
    }
}

impl super::Writer<'_> {
    /// Adds an item (its id and number set here) or writes a draft's fields
    /// again; audited.
    pub fn save_referral(&self, r: &mut Referral) -> Result<()> {
        let found = r.found_on.map(date::iso);
        let arrived = r.arrived_on.map(date::iso);
        let raised = r.raised_at.format(TIME).to_string();
        let action = if r.id == 0 {
            r.no =
                self.tx
                    .query_row("SELECT COALESCE(MAX(no), 0) + 1 FROM referrals", [], |x| {
                        x.get(0)
                    })?;
            self.tx.execute(
                &format!("INSERT INTO referrals (id, uuid, no, child_id, kind, reason, target, raised_at, updated_at)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", next = self.next_id("referrals")),
                params![
                    super::new_uuid(),
                    r.no,
                    r.child,
                    r.kind.code(),
                    r.reason.code(),
                    r.target,
                    raised,
                    self.now
                ],
            )?;
            r.id = self.tx.last_insert_rowid();
            "insert"
        } else {
            "update"
        };
        self.tx.execute(
            "UPDATE referrals SET child_id = ?2, kind = ?3, reason = ?4, what = ?5, severity = ?6,
                    target = ?7, found_on = ?8, raised_at = ?9, raised_by = ?10, source = ?11,
                    sender = ?12, arrived_on = ?13, answer = ?14, outcome = ?15, updated_at = ?16
              WHERE id = ?1",
            params![
                r.id,
                r.child,
                r.kind.code(),
                r.reason.code(),
                r.what,
                r.severity.code(),
                r.target,
                found,
                raised,
                r.raised_by,
                r.source,
                r.sender,
                arrived,
                r.answer,
                r.outcome,
                self.now
            ],
        )?;
        let uuid = self.uuid_of("referrals", r.id)?;
        let note = format!(
            "#{} {} {} {}",
            r.no,
            r.kind.code(),
            r.reason.code(),
            r.target
        );
        self.audit(action, "referrals", Some(&uuid), &note)
    }

    /// Adds a follow-up (id 0) or writes it again; a change of its state
    /// keeps to the rules of the states. Audited.
    pub fn save_follow_up(&self, f: &mut FollowUpRecord) -> Result<Result<(), MoveError>> {
        let (uuid, action) = if f.id == 0 {
            let uuid = super::new_uuid();
            self.tx.execute(
                &format!(
                    "INSERT INTO referral_followups (id, uuid, referral_id, kind, date, updated_at)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5)",
                    next = self.next_id("referral_followups")
                ),
                params![uuid, f.referral, f.kind.code(), date::iso(f.date), self.now],
            )?;
            f.id = self.tx.last_insert_rowid();
            (uuid, "insert")
        } else {
            let (uuid, was): (String, String) = self.tx.query_row(
                "SELECT uuid, state FROM referral_followups WHERE id = ?1",
                [f.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let was = State::from_code(&was).unwrap_or(State::Draft);
            if was != f.state
                && let Err(e) = referral::can_move(was, f.state, true)
            {
                return Ok(Err(e));
            }
            (uuid, "update")
        };
        self.tx.execute(
            "UPDATE referral_followups SET kind = ?2, date = ?3, state = ?4, note = ?5, safety = ?6,
                    guardianship = ?7, health = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                f.id,
                f.kind.code(),
                date::iso(f.date),
                f.state.code(),
                f.note,
                f.safety,
                f.guardianship,
                f.health,
                self.now
            ],
        )?;
        let note = format!("{} {} {}", f.kind.code(), date::iso(f.date), f.state.code());
        self.audit(action, "referral_followups", Some(&uuid), &note)?;
        Ok(Ok(()))
    }

    /// Moves an item to `to` at `at` with a note (and, when given, the
    /// body's answer and the outcome); refused by the rules of the states.
    pub fn move_referral(
        &self,
        r: &mut Referral,
        to: State,
        at: NaiveDateTime,
        note: &str,
    ) -> Result<Result<(), MoveError>> {
        if let Err(e) = referral::can_move(r.state, to, !r.outcome.trim().is_empty()) {
            return Ok(Err(e));
        }
        let from = r.state;
        r.sent_on = referral::sent_on_after(from, to, at.date(), r.sent_on);
        r.state = to;
        self.tx.execute(
            "UPDATE referrals SET state = ?2, sent_on = ?3, answer = ?4, outcome = ?5, updated_at = ?6
              WHERE id = ?1",
            params![
                r.id,
                to.code(),
                r.sent_on.map(date::iso),
                r.answer,
                r.outcome,
                self.now
            ],
        )?;
        self.tx.execute(
            &format!("INSERT INTO referral_moves (id, uuid, referral_id, at, officer, from_state, to_state, note, updated_at)
             VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", next = self.next_id("referral_moves")),
            params![
                super::new_uuid(),
                r.id,
                at.format(TIME).to_string(),
                self.officer,
                from.code(),
                to.code(),
                note,
                self.now
            ],
        )?;
        let uuid = self.uuid_of("referrals", r.id)?;
        let words = format!("#{} {} → {} {note}", r.no, from.code(), to.code());
        self.audit("move", "referrals", Some(&uuid), words.trim_end())?;
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn items_are_numbered_moved_audited_and_refused_by_the_rules() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::generate(&mut s, 5, 1, at(23, 0).date()).unwrap();
        let child = s.case_rows().unwrap()[0].id;
        let before = s.referrals().unwrap().len() as i64;
        let mut r = Referral::new(child, Kind::Mandatory, at(20, 9), "李主任");
        r.reason = Reason::LivingAlone;
        r.what = "独自在家，父母外出务工".into();
        s.write(|w| w.save_referral(&mut r)).unwrap();
        assert!(r.id > 0);
        assert_eq!(r.no, before + 1);
        assert_eq!(s.referral_no(r.no).unwrap().unwrap(), r);
        assert!(r.critical());
        // Sent, then an attempt to go back: refused, nothing written.
        let moved = s.write(|w| w.move_referral(&mut r, State::Sent, at(20, 10), "电话报告派出所"));
        assert_eq!(moved.unwrap(), Ok(()));
        assert_eq!(r.sent_on, Some(at(20, 0).date()));
        let stored = s.referral(r.id).unwrap().unwrap();
        assert_eq!((stored.state, stored.sent_on), (State::Sent, r.sent_on));
        let back = s.write(|w| w.move_referral(&mut r, State::Draft, at(21, 9), ""));
        assert_eq!(back.unwrap(), Err(MoveError::Backward));
        assert_eq!(s.referral(r.id).unwrap().unwrap().state, State::Sent);
        assert!(!r.awaiting(at(26, 0).date(), 7) && r.awaiting(at(27, 0).date(), 7));
        // Closing needs the outcome.
        let shut = s.write(|w| w.move_referral(&mut r, State::Closed, at(22, 9), ""));
        assert_eq!(shut.unwrap(), Err(MoveError::NeedOutcome));
        r.answer = "派出所已出警，儿童由祖母照料".into();
        r.outcome = "已落实委托照护".into();
        let shut = s.write(|w| w.move_referral(&mut r, State::Closed, at(22, 9), "办结"));
        assert_eq!(shut.unwrap(), Ok(()));
        let stored = s.referral(r.id).unwrap().unwrap();
        assert_eq!(stored.outcome, "已落实委托照护");
        let moves = s.referral_moves(r.id).unwrap();
        assert_eq!(moves.len(), 2);
        assert_eq!((moves[0].from, moves[0].to), (State::Draft, State::Sent));
        assert_eq!(moves[0].note, "电话报告派出所");
        let audited: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM audit WHERE table_name = 'referrals' AND changes LIKE ?1",
                [format!("#{}%", r.no)],
                |x| x.get(0),
            )
            .unwrap();
        assert_eq!(audited, 3, "added, sent, closed");
    }

    #[test]
    fn the_township_adds_bodies_and_sets_the_feedback_days() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.bodies().unwrap().len(), referral::BODIES.len());
        assert_eq!(s.feedback_days().unwrap(), 7);
        s.set_setting("bodies", "镇综治办、村委会").unwrap();
        s.set_setting("feedback_days", "5").unwrap();
        let bodies = s.bodies().unwrap();
        assert!(bodies.contains(&"镇综治办".to_string()) && bodies.contains(&"村委会".to_string()));
        assert_eq!(s.feedback_days().unwrap(), 5);
    }
}
