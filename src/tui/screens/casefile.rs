//! The case file of one child as lines: basics, family, flags and why, the
//! due date, the visits, the work log.

use ratatui::style::Style;

use crate::domain::child::FlagSource;
use crate::domain::pairing::Check;
use crate::domain::register::{Guardianship, Review};
use crate::domain::{ChildStatus, Domain, date, idnum};
use crate::i18n::W;
use crate::i18n::{M, P, t, tf};
use crate::tui::ctx::Ctx;

/// What the case file shows of one child, read when the child is chosen.
pub struct Detail {
    pub child: crate::domain::Child,
    pub visits: Vec<crate::domain::Visit>,
    pub log: Vec<crate::store::AuditEntry>,
    pub wishes: Vec<crate::domain::pairing::Wish>,
    /// The benefits the child's case calls for and does not have.
    pub gaps: Vec<(crate::domain::benefits::Gap, String)>,
    /// The reviews it calls for and the officer has not declined, with what
    /// each asks.
    pub reviews: Vec<(Review, String)>,
    /// The guardianship checks it fails, with what each asks.
    pub guards: Vec<(Guardianship, String)>,
    /// The day the file was last seen (changed, confirmed or visited).
    pub last_seen: Option<chrono::NaiveDate>,
    /// Its temporary guardianships, the latest first.
    pub temporaries: Vec<crate::store::register::Temporary>,
    /// Its care plan (一人一策): the open measures first.
    pub measures: Vec<crate::domain::paperwork::Measure>,
    /// Its caregivers and placements over time.
    pub care: Vec<crate::store::register::CareChange>,
}

impl Detail {
    /// Reads what the case file shows of a child; `None` for no such child.
    pub fn read(ctx: &Ctx, id: i64) -> Option<Detail> {
        let store = &ctx.store;
        let child = store.child(id).ok().flatten()?;
        let active = child.status == ChildStatus::Active;
        let care = store.care_history(&child.uuid).unwrap_or_default();
        let mut d = Detail {
            visits: store.visits_of(id).unwrap_or_default(),
            log: store.audit_of(&child.uuid).unwrap_or_default(),
            wishes: store.wishes_of_child(id).unwrap_or_default(),
            gaps: if active {
                store.gaps_of(&child, ctx.today).unwrap_or_default()
            } else {
                Vec::new()
            },
            child,
            reviews: Vec::new(),
            guards: Vec::new(),
            last_seen: None,
            care,
            temporaries: store.temporaries_of(id).unwrap_or_default(),
            measures: store.measures_of(id).unwrap_or_default(),
        };
        if let Ok(Some(f)) = store.register_file(id) {
            let declined = store.declined_reviews().unwrap_or_default();
            let limits = store.register_limits().unwrap_or_default();
            d.reviews = f
                .open_reviews(&declined, ctx.today)
                .into_iter()
                .map(|r| (r, f.review_detail(r)))
                .collect();
            d.guards = f
                .checks(limits, ctx.today)
                .into_iter()
                .map(|g| (g, f.guard_detail(g, limits)))
                .collect();
            d.last_seen = f.last_seen;
        }
        Some(d)
    }
}

/// The case file as lines: basics, family, flags and why, the due date, the
/// pairings and wishes, visits.
pub fn case_file(ctx: &Ctx, d: &Detail) -> Vec<(String, Style)> {
    let (c, visits, log) = (&d.child, &d.visits, &d.log);
    let th = &ctx.theme;
    let mut out: Vec<(String, Style)> = Vec::new();
    let age = c
        .age_on(ctx.today)
        .map(|a| tf(M::AgeYears, &[&a]))
        .unwrap_or_default();
    out.push((
        format!(
            "{}  {}  {}  {}",
            c.name,
            c.gender.map(|g| g.label()).unwrap_or(""),
            age,
            c.birth_date.map(date::iso).unwrap_or_default()
        ),
        th.accent,
    ));
    if c.status == ChildStatus::Exited {
        let when = c.exit_date.map(date::iso).unwrap_or_default();
        out.push((tf(M::CaseExited, &[&when, &c.exit_reason]), th.warning));
    }
    let id = if c.id_number.is_empty() {
        t(M::NoIdNumber).to_string()
    } else {
        idnum::mask(&c.id_number)
    };
    out.push((format!("{}  {} {}", id, c.village, c.address), th.text));
    let mut cats: Vec<&str> = c.categories.iter().map(|x| x.label()).collect();
    // An orphan's placement decides whether a family is owed (003).
    if let Some(p) = c.placement {
        cats.push(p.label());
    }
    out.push((
        format!(
            "{} {}  {} {}",
            t(M::ColCategories),
            cats.join("、"),
            t(M::RiskLabel),
            c.risk.map(|r| r.label()).unwrap_or("-")
        ),
        th.text,
    ));
    for (flag, source) in c.flags() {
        let why = match source {
            FlagSource::Manual => t(M::FlagManual).to_string(),
            FlagSource::School => c
                .school_status
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
            FlagSource::NoHukou => t(M::FlagNoHukou).to_string(),
            FlagSource::Health => c.health.map(|h| h.label().to_string()).unwrap_or_default(),
            FlagSource::Parent => t(M::FlagParent).to_string(),
        };
        out.push((format!("◆ {}（{}）", flag.label(), why), th.warning));
    }
    for s in c.suggested_categories() {
        out.push((tf(M::SuggestCategory, &[&s.label()]), th.warning));
    }
    let parent = |label: M, p: &crate::domain::child::Parent| {
        let status = p.status.map(|s| s.label()).unwrap_or("-");
        let place = if p.work_place.is_empty() {
            String::new()
        } else {
            format!("（{}）", p.work_place)
        };
        format!("{} {} {}{}", t(label), p.name, status, place)
    };
    out.push((
        format!(
            "{}  {}",
            parent(M::Father, &c.father),
            parent(M::Mother, &c.mother)
        ),
        th.text,
    ));
    out.push((
        format!(
            "{} {} {} {}",
            t(M::Guardian),
            c.guardian.name,
            c.guardian.relation,
            c.guardian.phone
        ),
        th.text,
    ));
    if !c.caregiver.name.is_empty() {
        out.push((
            format!(
                "{} {} {} {}",
                t(M::Caregiver),
                c.caregiver.name,
                c.caregiver.relation,
                c.caregiver.phone
            ),
            th.text,
        ));
    }
    let school = c.school_status.map(|s| s.label()).unwrap_or("-");
    let health = c.health.map(|h| h.label()).unwrap_or("-");
    out.push((
        format!(
            "{} {} {} {}  {} {}",
            t(M::School),
            school,
            c.school,
            c.grade,
            t(M::Health),
            health
        ),
        th.text,
    ));
    if let Some(row) = ctx.reg.due(c.id) {
        let d = &row.due;
        let style = if d.overdue_days > 0 { th.danger } else { th.ok };
        let line = if d.overdue_days > 0 {
            tf(M::DueLineLate, &[&date::iso(d.next_due), &d.overdue_days])
        } else {
            tf(M::DueLine, &[&date::iso(d.next_due), &-d.overdue_days])
        };
        out.push((line, style));
    }
    pairings(ctx, d, &mut out);
    register(ctx, d, &mut out);
    plan(ctx, d, &mut out);
    let items = crate::tui::referral_forms::case_lines(ctx, c.id);
    if !items.is_empty() {
        out.push((t(crate::i18n::R::CaseItems).to_string(), th.title));
        for line in items {
            out.push((line, th.warning));
        }
    }
    out.push((tf(M::VisitsTimeline, &[&visits.len()]), th.title));
    for v in visits {
        let concerns: Vec<String> = Domain::ALL
            .iter()
            .filter(|d| v.finding(**d).ok == Some(false))
            .map(|d| format!("{}:{}", d.label(), v.finding(*d).note))
            .collect();
        let mut line = format!("{} {} {}", date::iso(v.date), v.kind.label(), v.visitor);
        if !concerns.is_empty() {
            line.push_str(&format!(" ⚠ {}", concerns.join("；")));
        } else if !v.notes.is_empty() {
            line.push_str(&format!(" {}", v.notes.lines().next().unwrap_or("")));
        }
        out.push((
            line,
            if concerns.is_empty() {
                th.text
            } else {
                th.warning
            },
        ));
    }
    if !log.is_empty() {
        out.push((t(M::WorkLog).to_string(), th.title));
        for e in log.iter().take(3) {
            out.push((crate::tui::popups::log::words(e), th.muted));
        }
    }
    out
}

/// The child's pairings (running first) and its wishes.
fn pairings(ctx: &Ctx, d: &Detail, out: &mut Vec<(String, Style)>) {
    let th = &ctx.theme;
    let book = &ctx.book;
    let mut mine: Vec<&crate::domain::pairing::Pairing> = book
        .pairings
        .iter()
        .filter(|p| p.child == d.child.id)
        .collect();
    mine.sort_by_key(|p| (!p.active_on(ctx.today), std::cmp::Reverse(p.start)));
    if mine.is_empty() {
        let needs = book
            .findings
            .iter()
            .any(|f| f.child == Some(d.child.id) && f.check <= Check::Unpaired);
        let style = if needs { th.warning } else { th.muted };
        out.push((t(P::CaseNoPairing).to_string(), style));
        return;
    }
    out.push((t(P::CasePairings).to_string(), th.title));
    for p in mine {
        let until = p.end.map(date::iso).unwrap_or_default();
        let visits = book.done.get(&p.id).map(|x| x.visits).unwrap_or(0);
        let line = format!(
            "{} {}～{} {} {}",
            book.helper_name(p.helper),
            date::iso(p.start),
            until,
            t(P::ColVisits),
            visits
        );
        let style = if p.active_on(ctx.today) {
            th.text
        } else {
            th.muted
        };
        out.push((line, style));
    }
    if !d.wishes.is_empty() {
        let wishes: Vec<String> = d
            .wishes
            .iter()
            .map(|w| match w.fulfilled_on {
                Some(on) => format!("{}（{}）", w.wish, date::iso(on)),
                None => format!("{}（{}）", w.wish, t(P::WishOpen)),
            })
            .collect();
        out.push((tf(P::CaseWishes, &[&wishes.join("、")]), th.text));
    }
}

/// The care plan (一人一策): each measure with its problem, who and by when;
/// a late one in red, a done one with its day.
fn plan(ctx: &Ctx, d: &Detail, out: &mut Vec<(String, Style)>) {
    let th = &ctx.theme;
    if !d.care.is_empty() {
        out.push((t(W::CaseCareTitle).to_string(), th.title));
        for h in &d.care {
            let line = tf(W::CaseCareChange, &[&h.on, &h.what, &h.from, &h.to]);
            out.push((line, th.muted));
        }
    }
    if d.measures.is_empty() {
        if !d.child.flag_set().is_empty() && d.child.status == ChildStatus::Active {
            out.push((t(W::CaseNoPlan).to_string(), th.warning));
        }
        return;
    }
    out.push((t(W::CasePlan).to_string(), th.title));
    for m in &d.measures {
        let due = m.due_on.map(date::iso).unwrap_or_default();
        let (line, style) = match m.done_on {
            Some(done) => (
                tf(
                    W::MeasureDone,
                    &[&m.problem.label(), &m.measure, &date::iso(done)],
                ),
                th.text,
            ),
            None => (
                tf(
                    W::MeasureOpen,
                    &[&m.problem.label(), &m.measure, &m.responsible, &due],
                ),
                if m.overdue(ctx.today) {
                    th.danger
                } else {
                    th.text
                },
            ),
        };
        out.push((line, style));
    }
}

/// What to check on the case file: benefit gaps (b refers one), the reviews it
/// calls for (X confirms one, D declines them, C confirms the file), the
/// guardianship checks (A prints a care agreement).
fn register(ctx: &Ctx, d: &Detail, out: &mut Vec<(String, Style)>) {
    let th = &ctx.theme;
    let mut lines: Vec<String> = d.gaps.iter().map(|(_, detail)| detail.clone()).collect();
    for (r, detail) in &d.reviews {
        let keys = match r {
            Review::StaleQuarter => t(M::KeysStale),
            _ => t(M::KeysReview),
        };
        lines.push(format!("{detail}（{keys}）"));
    }
    for (g, detail) in &d.guards {
        if *g == Guardianship::NoAgreement {
            lines.push(format!("{detail}（{}）", t(M::KeysAgreement)));
        } else {
            lines.push(detail.clone());
        }
    }
    if let Some(e) = d.temporaries.iter().find(|e| e.ended_on.is_none()) {
        lines.push(tf(M::CaseTemporary, &[&date::iso(e.started_on), &e.place]));
    }
    if lines.is_empty() {
        return;
    }
    out.push((t(M::CaseRegister).to_string(), th.title));
    out.extend(lines.into_iter().map(|l| (l, th.warning)));
}
