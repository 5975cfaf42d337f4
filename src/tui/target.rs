//! Which record a form writes, and the key its draft is kept under.

/// Which record a form writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A child: new (`None`) or an existing one.
    Child(Option<i64>),
    /// A visit to a child: new (`None`) or an existing one.
    Visit { child: i64, visit: Option<i64> },
    /// The officer's name and township, asked on the first run.
    FirstRun,
    /// The PIN that locks the screen (never drafted).
    Pin,
    /// The officer, township, theme and language of this desk.
    Settings,
    /// A helper of the pairing ledger: new (`None`) or an existing one.
    Helper(Option<i64>),
    /// The dates and the ledger of a pairing.
    Ledger(i64),
    /// A helper activity of a pairing.
    Activity(i64),
    /// A wish of a pairing's child: new (`None`) or an existing one.
    Wish { pairing: i64, wish: Option<i64> },
    /// A report, referral or notice about a child: new (`None`) or an
    /// existing one; raised from a visit when `visit` is given.
    Referral {
        child: i64,
        kind: crate::domain::referral::Kind,
        id: Option<i64>,
        visit: Option<i64>,
    },
    /// A report or referral moved to another state, with a note.
    Move {
        id: i64,
        to: crate::domain::referral::State,
    },
    /// A temporary guardianship of a child: a new one, or the end of the one
    /// still open.
    Temporary { child: i64, open: Option<i64> },
    /// A new measure of a child's care plan.
    Measure(i64),
    /// A new care round.
    Round,
    /// A work-log entry typed by hand: a note, a meeting.
    Note(crate::domain::paperwork::NoteKind),
    /// A village's office (its child directors, its 儿童之家), by village id.
    Office(i64),
    /// What a child received in a care round.
    Gift { round: i64, child: i64 },
    /// A sync conflict settled with a value typed in.
    Conflict(i64),
    /// A follow-up of a report or referral: new (`None`) or an existing one.
    FollowUp {
        referral: i64,
        kind: crate::domain::referral::FollowUp,
        id: Option<i64>,
    },
}

impl Target {
    /// The key its draft is kept under.
    pub fn draft_key(self) -> String {
        match self {
            Target::Child(None) => "child:new".into(),
            Target::Child(Some(id)) => format!("child:{id}"),
            Target::Visit { child, visit: None } => format!("visit:{child}:new"),
            Target::Visit {
                child,
                visit: Some(v),
            } => format!("visit:{child}:{v}"),
            Target::Temporary { child, open } => format!(
                "temporary:{child}:{}",
                open.map_or("new".into(), |i| i.to_string())
            ),
            Target::Measure(child) => format!("measure:{child}"),
            Target::Round => "round:new".into(),
            Target::Note(kind) => format!("note:{}", kind.code()),
            Target::Office(village) => format!("office:{village}"),
            Target::Conflict(id) => format!("conflict:{id}"),
            Target::Gift { round, child } => format!("gift:{round}:{child}"),
            Target::FirstRun => "first_run".into(),
            Target::Pin => "pin".into(),
            Target::Settings => "settings".into(),
            Target::Helper(None) => "helper:new".into(),
            Target::Helper(Some(id)) => format!("helper:{id}"),
            Target::Ledger(id) => format!("ledger:{id}"),
            Target::Activity(p) => format!("activity:{p}"),
            Target::Wish {
                pairing,
                wish: None,
            } => format!("wish:{pairing}:new"),
            Target::Wish {
                pairing,
                wish: Some(w),
            } => format!("wish:{pairing}:{w}"),
            Target::Referral {
                child,
                kind,
                id,
                visit,
            } => format!(
                "referral:{child}:{}:{}:{}",
                kind.code(),
                id.map_or("new".into(), |i| i.to_string()),
                visit.map_or(String::new(), |v| v.to_string())
            ),
            Target::Move { id, to } => format!("move:{id}:{}", to.code()),
            Target::FollowUp { referral, kind, id } => format!(
                "followup:{referral}:{}:{}",
                kind.code(),
                id.map_or("new".into(), |i| i.to_string())
            ),
        }
    }

    /// The form a draft key belongs to.
    pub fn of_draft(key: &str) -> Option<Target> {
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
            ["temporary", child, open] => Some(Target::Temporary {
                child: child.parse().ok()?,
                open: open.parse().ok(),
            }),
            ["measure", child] => child.parse().ok().map(Target::Measure),
            ["round", "new"] => Some(Target::Round),
            ["note", kind] => crate::domain::paperwork::NoteKind::from_code(kind).map(Target::Note),
            ["office", village] => village.parse().ok().map(Target::Office),
            ["conflict", id] => id.parse().ok().map(Target::Conflict),
            ["gift", round, child] => Some(Target::Gift {
                round: round.parse().ok()?,
                child: child.parse().ok()?,
            }),
            ["first_run"] => Some(Target::FirstRun),
            ["settings"] => Some(Target::Settings),
            ["helper", "new"] => Some(Target::Helper(None)),
            ["helper", id] => id.parse().ok().map(|id| Target::Helper(Some(id))),
            ["ledger", id] => id.parse().ok().map(Target::Ledger),
            ["activity", p] => p.parse().ok().map(Target::Activity),
            ["wish", p, "new"] => p.parse().ok().map(|pairing| Target::Wish {
                pairing,
                wish: None,
            }),
            ["wish", p, w] => Some(Target::Wish {
                pairing: p.parse().ok()?,
                wish: Some(w.parse().ok()?),
            }),
            ["referral", child, kind, id, visit] => Some(Target::Referral {
                child: child.parse().ok()?,
                kind: crate::domain::referral::Kind::from_code(kind)?,
                id: id.parse().ok(),
                visit: visit.parse().ok(),
            }),
            ["followup", referral, kind, id] => Some(Target::FollowUp {
                referral: referral.parse().ok()?,
                kind: crate::domain::referral::FollowUp::from_code(kind)?,
                id: id.parse().ok(),
            }),
            ["move", id, to] => Some(Target::Move {
                id: id.parse().ok()?,
                to: crate::domain::referral::State::from_code(to)?,
            }),
            _ => None,
        }
    }
}
