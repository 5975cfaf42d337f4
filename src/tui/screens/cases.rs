//! 儿童 Cases: the case list with search and filters, and the case file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

use super::{lines, panel};
use crate::domain::child::FlagSource;
use crate::domain::{ChildStatus, Domain, date, idnum, text};
use crate::i18n::{M, t, tf};
use crate::tui::app::App;
use crate::tui::table::{self, Column};

pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let [left, right] =
        Layout::horizontal([Constraint::Length(38), Constraint::Min(20)]).areas(area);
    let title = tf(M::CasesTitle, &[&app.shown.len(), &app.cases.len()]);
    let inner = panel(buf, left, app, &title, app.case_pane == 0);
    let [search, filters, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let th = &app.theme;
    let (prompt, style) = if app.searching || !app.query.is_empty() {
        (
            format!("/{}", app.query),
            if app.searching { th.focus } else { th.input },
        )
    } else {
        (t(M::SearchHint).to_string(), th.muted)
    };
    buf.set_style(search, style);
    buf.set_stringn(
        search.x,
        search.y,
        text::truncate(&prompt, search.width as usize),
        search.width as usize,
        style,
    );
    let f = &app.filters;
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
    parts.push(
        f.status
            .map_or(t(M::FilterAll).to_string(), |s| s.label().to_string()),
    );
    lines(
        buf,
        filters,
        &[(
            format!("{} {}", t(M::FilterLabel), parts.join(" · ")),
            th.muted,
        )],
    );
    let cols = [
        Column::new(t(M::ColName), 8),
        Column::new(t(M::ColVillageShort), 8),
        Column::new(t(M::ColDueShort), 0),
    ];
    table::draw(
        buf,
        list,
        th,
        &cols,
        app.shown.len(),
        Some(app.case_sel),
        &app.case_scroll,
        |n| {
            let c = &app.cases[app.shown[n]];
            let due = app.due_at.get(&c.id).map(|&i| &app.triage[i].due);
            let (when, style) = match (c.status, due) {
                (ChildStatus::Exited, _) => (c.status.label().to_string(), th.muted),
                (_, Some(d)) if d.overdue_days > 0 => {
                    (tf(M::OverdueDays, &[&d.overdue_days]), th.danger)
                }
                (_, Some(d)) => (d.next_due.format("%m-%d").to_string(), th.text),
                _ => (String::new(), th.text),
            };
            (vec![c.name.clone(), c.village.clone(), when], style)
        },
    );
    let inner = panel(buf, right, app, t(M::CaseFileTitle), app.case_pane == 1);
    match &app.detail {
        Some((child, visits, log)) => {
            let all = case_file(app, child, visits, log);
            let from = app.detail_scroll.min(all.len().saturating_sub(1));
            lines(buf, inner, &all[from..]);
        }
        None => lines(buf, inner, &[(t(M::NoChildSelected).to_string(), th.muted)]),
    }
}

/// The case file as lines: basics, family, flags and why, the due date, visits.
fn case_file(
    app: &App,
    c: &crate::domain::Child,
    visits: &[crate::domain::Visit],
    log: &[crate::store::AuditEntry],
) -> Vec<(String, Style)> {
    let th = &app.theme;
    let mut out: Vec<(String, Style)> = Vec::new();
    let age = c
        .age_on(app.today)
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
    let id = if c.id_number.is_empty() {
        t(M::NoIdNumber).to_string()
    } else {
        idnum::mask(&c.id_number)
    };
    out.push((format!("{}  {} {}", id, c.village, c.address), th.text));
    let cats: Vec<&str> = c.categories.iter().map(|x| x.label()).collect();
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
    if let Some(&i) = app.due_at.get(&c.id) {
        let d = &app.triage[i].due;
        let style = if d.overdue_days > 0 { th.danger } else { th.ok };
        let line = if d.overdue_days > 0 {
            tf(M::DueLineLate, &[&date::iso(d.next_due), &d.overdue_days])
        } else {
            tf(M::DueLine, &[&date::iso(d.next_due), &-d.overdue_days])
        };
        out.push((line, style));
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
            let at = e.at.replace('T', " ");
            let at = at.get(..16).unwrap_or(&at);
            let action = match e.action.as_str() {
                "insert" => t(M::LogInsert),
                "update" => t(M::LogUpdate),
                "delete" => t(M::LogDelete),
                other => other,
            };
            out.push((
                format!("{at} {} {action} {}", e.officer, e.changes),
                th.muted,
            ));
        }
    }
    out
}
