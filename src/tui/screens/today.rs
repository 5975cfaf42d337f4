//! 今日 Today: the morning triage and the alerts.

use anyhow::Result;
use chrono::Days;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

use super::{Effect, Picking, Screen, inside, lines, panel};
use crate::domain::alerts::{self, Alert, AlertKind};
use crate::domain::text;
use crate::domain::pairing::Check;
use crate::i18n::{M, P, R, pairing_words, t, tf};
use crate::i18n::W;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::forms::Target;
use crate::tui::keymap::{Decl, hint, quiet};
use crate::tui::popups::{Popup, pick};
use crate::tui::table::{self, Column, Scroll};

pub struct Today {
    /// Positions in the triage of the children due within a week.
    pub list: Vec<usize>,
    pub sel: usize,
    scroll: Scroll,
    /// 0: the list; 1: the alerts.
    pub pane: usize,
    pub alerts: Vec<Alert>,
    pub alert_sel: usize,
    /// Only one village's children (`f`).
    pub village: Option<String>,
    /// Only children with a focus flag (`t`).
    pub focus_only: bool,
}

/// The list and the alerts side by side.
fn panes(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area)
}

impl Today {
    pub const TITLE: M = M::TabToday;
    pub const KEYS: &'static [Decl] = &[
        hint(Action::Open),
        quiet(Action::FilterVillage),
        quiet(Action::FocusOnly),
        hint(Action::NewVisit),
        quiet(Action::Mandatory),
        quiet(Action::Referral),
        quiet(Action::EditChild),
        hint(Action::NewChild),
        hint(Action::NextPane),
    ];

    pub fn new(_ctx: &Ctx) -> Today {
        Today {
            list: Vec::new(),
            sel: 0,
            scroll: Scroll::default(),
            pane: 0,
            alerts: Vec::new(),
            alert_sel: 0,
            village: None,
            focus_only: false,
        }
    }

    /// Reads the alerts again (a draft kept or dropped).
    pub fn refresh_alerts(&mut self, ctx: &Ctx) -> Result<()> {
        let drafts = ctx.store.drafts()?.len();
        let mut all = alerts::compute(&ctx.reg.triage, &ctx.policy, ctx.today, drafts);
        // The pairing ledger's lines come after what is urgent about visits,
        // before ages and birthdays.
        let at = all
            .iter()
            .position(|a| {
                matches!(
                    a.kind,
                    AlertKind::AgedOut { .. }
                        | AlertKind::AgeingOut { .. }
                        | AlertKind::Birthdays(_)
                        | AlertKind::Birthday { .. }
                )
            })
            .unwrap_or(all.len());
        let mut pairing = Vec::new();
        // 应保尽保: a line per benefit missing, with the first child (Enter opens it).
        for kind in crate::domain::benefits::BenefitKind::ALL {
            let of: Vec<i64> = ctx
                .checks
                .gaps
                .iter()
                .filter(|g| g.missing == *kind)
                .map(|g| g.child)
                .collect();
            if let Some(first) = of.first() {
                pairing.push(Alert {
                    kind: AlertKind::BenefitGap {
                        missing: *kind,
                        count: of.len(),
                    },
                    child: Some(*first),
                });
            }
        }
        // The guardianship checks, then the reviews a line each, with the
        // first child (Enter opens it). 18 and 16 have their own lines below.
        use crate::domain::register::{Guardianship, Review};
        let checks = [
            Guardianship::NoCaregiver,
            Guardianship::CaregiverUnable,
            Guardianship::TemporaryOpen,
            Guardianship::NoAgreement,
            Guardianship::NoParentContact,
        ];
        pairing.extend(counted(&ctx.checks.guards, &checks, |check, count| {
            AlertKind::Guard { check, count }
        }));
        let reviews = [Review::ParentsHome, Review::StaleQuarter];
        pairing.extend(counted(&ctx.checks.reviews, &reviews, |review, count| {
            AlertKind::Review { review, count }
        }));
        pairing.extend(paperwork(ctx));
        pairing.extend(alerts::pairing(&ctx.book.findings, &ctx.book.care));
        if ctx.reading.is_some() {
            pairing.insert(
                0,
                Alert {
                    kind: AlertKind::Reading,
                    child: None,
                },
            );
        }
        // A child past an age limit whose review the officer declined is
        // not listed again.
        all.retain(|a| match (&a.kind, a.child) {
            (AlertKind::AgedOut { .. }, Some(child)) => ctx
                .checks
                .reviews
                .iter()
                .any(|(c, r)| *c == child && matches!(r, Review::Age18 | Review::LeftBehind16)),
            _ => true,
        });
        all.splice(at..at, pairing);
        // Reports not sent and referrals awaiting an answer come first of all.
        let mut first = Vec::new();
        let unsent = ctx.unsent();
        if let Some(oldest) = unsent.first() {
            let now = crate::store::referrals::local_now(ctx.today);
            first.push(Alert {
                kind: AlertKind::ReportsUnsent {
                    count: unsent.len(),
                    hours: crate::domain::referral::age_hours(oldest.raised_at, now),
                },
                child: None,
            });
        }
        let days = ctx.feedback_days;
        let awaiting = ctx
            .referrals
            .iter()
            .filter(|r| r.awaiting(ctx.today, days))
            .count();
        if awaiting > 0 {
            first.push(Alert {
                kind: AlertKind::AwaitingFeedback {
                    count: awaiting,
                    days,
                },
                child: None,
            });
        }
        all.splice(0..0, first);
        self.alerts = all;
        self.alert_sel = self.alert_sel.min(self.alerts.len().saturating_sub(1));
        Ok(())
    }
}

/// The paperwork's lines: deadlines within 30 days, care measures overdue,
/// focus children without a plan, files the inspection would fail.
fn paperwork(ctx: &Ctx) -> Vec<Alert> {
    use crate::domain::paperwork::Missing;
    let c = &ctx.checks;
    let mut out: Vec<Alert> = c
        .deadlines
        .upcoming(ctx.today, 30)
        .into_iter()
        .map(|(day, d)| Alert {
            kind: AlertKind::Deadline {
                name: d.name.clone(),
                needs: d.needs.clone(),
                day,
                days: (day - ctx.today).num_days(),
            },
            child: None,
        })
        .collect();
    if let Some(first) = c.overdue.first() {
        out.push(Alert {
            kind: AlertKind::MeasuresOverdue {
                count: c.overdue.len(),
            },
            child: Some(*first),
        });
    }
    let unplanned: Vec<i64> = c
        .missing
        .iter()
        .filter(|(_, m)| *m == Missing::NoCarePlan)
        .map(|(id, _)| *id)
        .collect();
    if let Some(first) = unplanned.first() {
        out.push(Alert {
            kind: AlertKind::NoCarePlan {
                count: unplanned.len(),
            },
            child: Some(*first),
        });
    }
    if !c.deputies_needed.is_empty() {
        out.push(Alert {
            kind: AlertKind::Deputies {
                count: c.deputies_needed.len(),
            },
            child: None,
        });
    }
    let mut files: Vec<i64> = c.missing.iter().map(|(id, _)| *id).collect();
    files.dedup();
    if let Some(first) = files.first() {
        out.push(Alert {
            kind: AlertKind::Inspection { count: files.len() },
            child: Some(*first),
        });
    }
    out
}

/// A line for each of `kinds` found in `found` (child, kind): how many
/// children, with the first (Enter opens it).
fn counted<K: Copy + PartialEq>(
    found: &[(i64, K)],
    kinds: &[K],
    line: impl Fn(K, usize) -> AlertKind,
) -> Vec<Alert> {
    kinds
        .iter()
        .filter_map(|&kind| {
            let mut of = found.iter().filter(|(_, k)| *k == kind);
            let first = of.next()?.0;
            Some(Alert {
                kind: line(kind, 1 + of.count()),
                child: Some(first),
            })
        })
        .collect()
}

impl Screen for Today {
    fn refresh(&mut self, ctx: &Ctx) -> Result<()> {
        let triage = &ctx.reg.triage;
        let week_end = ctx.today + Days::new(7);
        let village = self.village.as_deref();
        self.list = (0..triage.len())
            .take_while(|&i| triage[i].due.next_due <= week_end)
            .filter(|&i| {
                let r = &triage[i];
                village.is_none_or(|v| crate::domain::text::in_place(&r.village, v)) && (!self.focus_only || !r.flags.is_empty())
            })
            .collect();
        self.sel = self.sel.min(self.list.len().saturating_sub(1));
        let rows = table::rows_in(inside(panes(ctx.body)[0]));
        self.scroll.follow(self.sel, rows, self.list.len());
        self.refresh_alerts(ctx)
    }

    fn update(&mut self, action: Action, ctx: &mut Ctx) -> Result<Effect> {
        if let Some(by) = table::step_of(action) {
            if self.pane == 1 {
                self.alert_sel = table::moved(self.alert_sel, by, self.alerts.len());
            } else {
                self.sel = table::moved(self.sel, by, self.list.len());
                let rows = table::rows_in(inside(panes(ctx.body)[0]));
                self.scroll.follow(self.sel, rows, self.list.len());
            }
            return Ok(Effect::None);
        }
        let child = self.child(ctx);
        // Enter on a line of the pairing ledger shows its findings on 结对.
        if action == Action::Open
            && self.pane == 1
            && let Some(a) = self.alerts.get(self.alert_sel)
        {
            match a.kind {
                AlertKind::Pairing { check, .. } => return Ok(Effect::ShowCheck(Some(check))),
                AlertKind::CareBirthdays(_) | AlertKind::CareDay { .. } => {
                    return Ok(Effect::ShowCheck(None));
                }
                AlertKind::ReportsUnsent { .. } | AlertKind::AwaitingFeedback { .. } => {
                    return Ok(Effect::Show(super::ScreenId::Referrals));
                }
                // A deadline says what it needs.
                AlertKind::Deadline {
                    ref name,
                    ref needs,
                    day,
                    ..
                } => {
                    let words = format!("{} {name}：{needs}", crate::domain::date::iso(day));
                    ctx.say(words, crate::tui::ctx::Tone::Info);
                    return Ok(Effect::None);
                }
                _ => {}
            }
        }
        Ok(match action {
            Action::NextPane => {
                self.pane = 1 - self.pane;
                Effect::None
            }
            Action::NewChild => Effect::Form(Target::Child(None)),
            Action::FilterVillage => {
                let list = pick::Pick::open(Picking::Village, ctx)?;
                Effect::Popup(Popup::Pick(Box::new(list)))
            }
            Action::FocusOnly => {
                self.focus_only = !self.focus_only;
                self.sel = 0;
                self.refresh(ctx)?;
                Effect::None
            }
            _ => on_child(action, child, ctx),
        })
    }

    fn picked(&mut self, purpose: Picking, code: &str, ctx: &mut Ctx) -> Result<Effect> {
        if purpose == Picking::Village {
            self.village = (!code.is_empty()).then(|| code.to_string());
            self.sel = 0;
            self.refresh(ctx)?;
        }
        Ok(Effect::None)
    }

    fn child(&self, ctx: &Ctx) -> Option<i64> {
        if self.pane == 1 {
            return self.alerts.get(self.alert_sel).and_then(|a| a.child);
        }
        self.list.get(self.sel).map(|&i| ctx.reg.triage[i].child_id)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let buf = frame.buffer_mut();
        let th = &ctx.theme;
        let triage = &ctx.reg.triage;
        let [left, right] = panes(area);
        let overdue = self
            .list
            .iter()
            .filter(|&&i| triage[i].due.overdue_days > 0)
            .count();
        let mut title = tf(M::TodayTitle, &[&overdue, &(self.list.len() - overdue)]);
        if let Some(v) = &self.village {
            title = format!("{title} · {v}");
        }
        if self.focus_only {
            title = format!("{title} · ◆");
        }
        let inner = panel(buf, left, ctx, &title, self.pane == 0);
        if self.list.is_empty() {
            lines(buf, inner, &[(t(M::DueNone).to_string(), th.ok)]);
        } else {
            let county = ctx.store.county();
            let mut cols = vec![Column::new(t(M::ColName), 8)];
            cols.extend(table::place_columns(county));
            cols.extend([
                Column::new(t(M::ColDueShort), 5),
                Column::new(t(M::ColOverdueShort), 4).right(),
                Column::new(t(M::ColCategories), 0),
            ]);
            let selected = (self.pane == 0).then_some(self.sel);
            table::draw(buf, inner, th, &cols, self.list.len(), selected, self.scroll, |n| {
                let r = &triage[self.list[n]];
                let style = if r.due.overdue_days > 0 {
                    th.danger
                } else {
                    th.text
                };
                let cats: Vec<&str> = r.categories.iter().map(|c| c.label()).collect();
                let mut extra = cats.join("、");
                if !r.flags.is_empty() {
                    extra = format!("◆{extra}");
                }
                let mut cells = vec![r.name.clone()];
                cells.extend(table::place_cells(&r.village, county));
                cells.extend([
                    r.due.next_due.format("%m-%d").to_string(),
                    r.due.overdue_days.to_string(),
                    extra,
                ]);
                (cells, style)
            });
        }
        let inner = panel(buf, right, ctx, t(M::AlertsTitle), self.pane == 1);
        if self.alerts.is_empty() {
            lines(buf, inner, &[(t(M::AlertsNone).to_string(), th.ok)]);
            return;
        }
        let start = if self.pane == 1 {
            self.alert_sel
                .saturating_sub(inner.height.saturating_sub(1) as usize)
        } else {
            0
        };
        // Only the alerts in view are put in words (there may be hundreds).
        let items: Vec<(String, Style)> = self
            .alerts
            .iter()
            .enumerate()
            .skip(start)
            .take(inner.height as usize)
            .map(|(i, a)| {
                let style = if self.pane == 1 && i == self.alert_sel {
                    th.selection
                } else if a.kind.urgent() {
                    th.danger
                } else if matches!(
                    a.kind,
                    AlertKind::Birthday { .. }
                        | AlertKind::Birthdays(_)
                        | AlertKind::CareBirthdays(_)
                        | AlertKind::CareDay { .. }
                ) {
                    th.ok
                } else {
                    th.text
                };
                (text::truncate(&words(&a.kind), inner.width as usize), style)
            })
            .collect();
        lines(buf, inner, &items);
    }
}

/// What the keys that act on a child do, on any screen with a child selected.
pub fn on_child(action: Action, child: Option<i64>, ctx: &mut Ctx) -> Effect {
    let Some(id) = child else {
        if matches!(
            action,
            Action::NewVisit | Action::EditChild | Action::Mandatory | Action::Referral
        ) {
            ctx.say(t(M::NoChildSelected), crate::tui::ctx::Tone::Bad);
        }
        return Effect::None;
    };
    match action {
        Action::Open => Effect::OpenCase(id),
        Action::NewVisit => Effect::Form(Target::Visit {
            child: id,
            visit: None,
        }),
        Action::EditChild => Effect::Form(Target::Child(Some(id))),
        Action::Mandatory | Action::Referral => {
            use crate::domain::referral::Kind;
            let kind = if action == Action::Mandatory {
                Kind::Mandatory
            } else {
                Kind::Referral
            };
            Effect::Form(Target::Referral {
                child: id,
                kind,
                id: None,
                visit: None,
            })
        }
        _ => Effect::None,
    }
}

/// An alert in the officer's words.
pub fn words(kind: &AlertKind) -> String {
    match kind {
        AlertKind::ReportsUnsent { count, hours } => tf(R::AlertCritical, &[count, hours]),
        AlertKind::AwaitingFeedback { count, days } => tf(R::AlertAwaiting, &[count, days]),
        AlertKind::Drafts(n) => tf(M::AlertDrafts, &[n]),
        AlertKind::QuarterEnd { end, days_left } => {
            tf(M::AlertQuarterEnd, &[&end.format("%m-%d"), days_left])
        }
        AlertKind::FocusOverdue(n) => tf(M::AlertFocusOverdue, &[n]),
        AlertKind::NeverVisited(n) => tf(M::AlertNeverVisited, &[n]),
        AlertKind::NeverVisitedChild { name, village } => format!("  {name} · {village}"),
        AlertKind::AgedOut {
            name,
            limit,
            category,
        } => tf(M::AlertAgedOut, &[name, limit, &category.label()]),
        AlertKind::AgeingOut {
            name,
            limit,
            category,
        } => tf(M::AlertAgeingOut, &[name, limit, &category.label()]),
        AlertKind::Birthdays(n) => tf(M::AlertBirthdays, &[n]),
        AlertKind::Birthday { name, month, day } => {
            format!("  {name} · {month}-{day:02}")
        }
        AlertKind::Pairing {
            check: Check::RosterReview,
            overdue,
            ..
        } => {
            t(if *overdue {
                P::AlertReviewOverdue
            } else {
                P::AlertReviewDue
            })
            .to_string()
        }
        AlertKind::Pairing { check, count, .. } => {
            tf(P::AlertCheck, &[&pairing_words::check(*check), count])
        }
        AlertKind::CareBirthdays(n) => tf(P::AlertCareBirthdays, &[n]),
        AlertKind::BenefitGap { missing, count } => {
            tf(M::AlertBenefitGap, &[count, &missing.label()])
        }
        AlertKind::MeasuresOverdue { count } => tf(W::AlertMeasuresOverdue, &[count]),
        AlertKind::NoCarePlan { count } => tf(W::AlertNoCarePlan, &[count]),
        AlertKind::Inspection { count } => tf(W::AlertInspection, &[count]),
        AlertKind::Deputies { count } => tf(W::AlertDeputy, &[count]),
        AlertKind::Reading => t(W::AlertReading).to_string(),
        AlertKind::Deadline { name, days, .. } if *days == 0 => {
            tf(W::AlertDeadlineToday, &[name])
        }
        AlertKind::Deadline { name, days, .. } => tf(W::AlertDeadline, &[days, name]),
        AlertKind::Review { review, count } => tf(
            M::AlertReview,
            &[
                &t(match review {
                    crate::domain::register::Review::ParentsHome => M::ShortParentsHome,
                    _ => M::ShortStale,
                }),
                count,
            ],
        ),
        AlertKind::Guard { check, count } => {
            use crate::domain::register::Guardianship::*;
            let what = t(match check {
                NoCaregiver => M::ShortNoCaregiver,
                CaregiverUnable => M::ShortUnable,
                NoAgreement => M::ShortNoAgreement,
                TemporaryOpen => M::ShortTemporary,
                NoParentContact => M::ShortNoContact,
            });
            tf(M::AlertGuard, &[&what, count])
        }
        AlertKind::CareDay {
            occasion,
            day,
            pairings,
        } => tf(
            P::AlertCareDay,
            &[
                &pairing_words::occasion(*occasion),
                &day.format("%m-%d"),
                pairings,
            ],
        ),
    }
}
