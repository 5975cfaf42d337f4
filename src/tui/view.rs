//! Drawing: a pure function of the app's state. The frame (tab bar, hint and
//! status lines) is drawn here; each screen and pop-up draws itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::ctx::Tone;
use super::screens::ScreenId;
use crate::domain::referral::age_hours;
use crate::domain::text;
use crate::i18n::{M, R, t, tf};
use crate::store::referrals::local_now;

pub use super::ctx::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [tabs, body, hints, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, app, tabs);
    app.screens.get(app.screen).draw(frame, body, &app.ctx);
    draw_hints(frame, app, hints);
    draw_status(frame, app, status);
    for popup in &app.popups {
        popup.draw(frame, body, &app.ctx);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = tf(
        M::TooSmall,
        &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let th = &app.ctx.theme;
    let mut spans = vec![Span::styled(format!(" {} ", t(M::AppName)), th.title)];
    for (i, s) in ScreenId::ALL.iter().enumerate() {
        let style = if *s == app.screen {
            th.tab_active
        } else {
            th.tab
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, t(s.title())), style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The keys of what has the focus, from its binding table.
fn draw_hints(frame: &mut Frame, app: &App, area: Rect) {
    let th = &app.ctx.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, d) in app.hints() {
        let w = text::width(&k) + text::width(&d) + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {k}"), th.key));
        spans.push(Span::styled(format!(" {d} "), th.muted));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let ctx = &app.ctx;
    let th = &ctx.theme;
    let today = crate::domain::date::iso(ctx.today);
    // A database that cannot be written says so in front of everything.
    let mut spans = Vec::new();
    if ctx.store.county() {
        spans.push(Span::styled(
            format!(" 【{}】", crate::i18n::t(crate::i18n::W::CountyBanner)),
            th.danger,
        ));
    } else if ctx.store.read_only() {
        spans.push(Span::styled(
            format!(" 【{}】", t(M::ReadOnlyBanner)),
            th.danger,
        ));
    }
    // An unsent mandatory report stays in sight on every screen until it is
    // sent; the lock screen and a message beside it get only how many.
    let unsent = ctx.unsent();
    let locked = matches!(app.popups.last(), Some(super::popups::Popup::Lock(_)));
    if let Some(first) = unsent.first() {
        let alarm = if ctx.status.is_some() || locked {
            tf(R::StatusShort, &[&unsent.len()])
        } else {
            let (name, _) = ctx.child_name(first.child);
            let hours = age_hours(first.raised_at, local_now(ctx.today));
            let mut alarm = tf(R::StatusCritical, &[&name, &hours]);
            if unsent.len() > 1 {
                alarm = format!("{alarm}（{}）", tf(R::StatusMore, &[&(unsent.len() - 1)]));
            }
            alarm
        };
        let room = area.width as usize;
        spans.push(Span::styled(
            format!(" {} ", text::truncate(&alarm, room.saturating_sub(2))),
            th.danger,
        ));
        if ctx.status.is_none() {
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            let rest = format!("│ {} {} ", ctx.township, ctx.officer);
            let room = (area.width as usize).saturating_sub(used);
            spans.push(Span::styled(text::truncate(&rest, room), th.muted));
            frame.render_widget(Line::from(spans), area);
            return;
        }
    }
    // A message takes the line: only the date stays beside it.
    let Some((msg, tone)) = &ctx.status else {
        let db = ctx.store.path_label();
        let db = std::path::Path::new(&db)
            .file_name()
            .map_or(db.clone(), |n| n.to_string_lossy().into_owned());
        let left = format!(" {db} │ {today} │ {} {} ", ctx.township, ctx.officer);
        spans.push(Span::styled(left, th.muted));
        frame.render_widget(Line::from(spans), area);
        return;
    };
    let style = match tone {
        Tone::Good => th.ok,
        Tone::Bad => th.danger,
        Tone::Info => th.accent,
    };
    // Beside the alarm of an unsent report, the message keeps the room the date had.
    let left = if unsent.is_empty() {
        format!(" {today} │ ")
    } else {
        "│ ".to_string()
    };
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(text::width(&left) + used);
    spans.push(Span::styled(left, th.muted));
    spans.push(Span::styled(text::truncate(msg, room), style));
    frame.render_widget(Line::from(spans), area);
}
