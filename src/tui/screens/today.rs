//! 今日 Today: the morning triage and the alerts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use super::{lines, panel};
use crate::domain::text;
use crate::i18n::{M, t, tf};
use crate::tui::app::{App, Tone};
use crate::tui::table::{self, Column};

pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
    let overdue = app
        .today_list
        .iter()
        .filter(|&&i| app.triage[i].due.overdue_days > 0)
        .count();
    let title = tf(
        M::TodayTitle,
        &[&overdue, &(app.today_list.len() - overdue)],
    );
    let inner = panel(buf, left, app, &title, app.today_pane == 0);
    if app.today_list.is_empty() {
        lines(buf, inner, &[(t(M::DueNone).to_string(), app.theme.ok)]);
    } else {
        let cols = [
            Column::new(t(M::ColName), 8),
            Column::new(t(M::ColVillageShort), 8),
            Column::new(t(M::ColDueShort), 5),
            Column::new(t(M::ColOverdueShort), 4).right(),
            Column::new(t(M::ColCategories), 0),
        ];
        table::draw(
            buf,
            inner,
            &app.theme,
            &cols,
            app.today_list.len(),
            (app.today_pane == 0).then_some(app.today_sel),
            &app.today_scroll,
            |n| {
                let r = &app.triage[app.today_list[n]];
                let style = if r.due.overdue_days > 0 {
                    app.theme.danger
                } else {
                    app.theme.text
                };
                let cats: Vec<&str> = r.categories.iter().map(|c| c.label()).collect();
                let mut extra = cats.join("、");
                if !r.flags.is_empty() {
                    extra = format!("◆{extra}");
                }
                (
                    vec![
                        r.name.clone(),
                        r.village.clone(),
                        r.due.next_due.format("%m-%d").to_string(),
                        r.due.overdue_days.to_string(),
                        extra,
                    ],
                    style,
                )
            },
        );
    }
    let inner = panel(buf, right, app, t(M::AlertsTitle), app.today_pane == 1);
    if app.alerts.is_empty() {
        lines(buf, inner, &[(t(M::AlertsNone).to_string(), app.theme.ok)]);
        return;
    }
    let items: Vec<(String, ratatui::style::Style)> = app
        .alerts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let style = if app.today_pane == 1 && i == app.alert_sel {
                app.theme.selection
            } else {
                match a.tone {
                    Tone::Bad => app.theme.danger,
                    Tone::Good => app.theme.ok,
                    Tone::Info => app.theme.text,
                }
            };
            (text::truncate(&a.text, inner.width as usize), style)
        })
        .collect();
    let start = if app.today_pane == 1 {
        app.alert_sel
            .saturating_sub(inner.height.saturating_sub(1) as usize)
    } else {
        0
    };
    lines(buf, inner, &items[start..]);
}
