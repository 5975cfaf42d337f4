//! A pick-list pop-up: typing filters it (Chinese, pinyin initials, the
//! number), arrows move, Enter takes; one match is taken at once.

use anyhow::Result;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::{Reply, boxed, centered, clear};
use crate::domain::text;
use crate::domain::{Category, ChildStatus, Flag};
use crate::i18n::W;
use crate::i18n::{M, t, tf};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::field::{Field, Kind, Opt};
use crate::tui::form::Form;
use crate::tui::keymap::{Decl, hint};

pub const KEYS: &[Decl] = &[
    hint(Action::Up),
    hint(Action::Down),
    hint(Action::Pick),
    hint(Action::Close),
];

/// What a pick-list chooses, for the screen that opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picking {
    Village,
    Category,
    Flag,
    Status,
    /// The village of the worklist on the reports screen.
    ReportVillage,
    /// A printed worklist, for batch entry.
    Worklist,
    /// One of a child's visits, to open and correct.
    VisitOf(i64),
    /// A check of the pairing ledger, to filter its list.
    Check,
    /// A helper for a child, best first.
    HelperFor(i64),
    /// A wish of a pairing, or a new one.
    WishOf(i64),
    /// The state a report or referral moves to.
    MoveTo(i64),
    /// The state of the reports and referrals shown.
    State,
    /// The body of the reports and referrals shown.
    Body,
    /// A follow-up of a report or referral: one recorded, or a new one.
    FollowUpOf(i64),
    /// A sheet to import (or a path typed in).
    ImportFile,
    /// The field a column of the sheet being imported goes to.
    MapColumn,
    /// The village to survey this year, with its progress.
    SurveyVillage,
    /// A village's office: its child directors and its 儿童之家.
    Office,
    /// What to do about the changes between PCs (同步).
    Sync,
    /// A changes file to import.
    SyncFile,
    /// Where to write the changes file: the output folder, a USB drive.
    SyncPlace,
    /// A conflict to resolve.
    SyncConflict,
    /// How to settle one conflict: theirs, ours, or a value typed.
    SyncSettle(i64),
}

#[derive(Debug)]
pub struct Pick {
    pub title: String,
    pub purpose: Picking,
    pub field: Field,
}

impl Pick {
    /// The list for a purpose, its options read from the store.
    pub fn open(purpose: Picking, ctx: &Ctx) -> Result<Pick> {
        let all = |m: M| vec![Opt::new("", t(m))];
        let (title, opts): (String, Vec<Opt>) = match purpose {
            Picking::Village | Picking::ReportVillage => {
                let mut opts = all(if purpose == Picking::ReportVillage {
                    M::AllVillages
                } else {
                    M::FilterAll
                });
                let villages = ctx.store.villages()?;
                // A county file: each township first, then its villages.
                opts.extend(
                    crate::domain::text::townships(&villages)
                        .into_iter()
                        .map(|town| Opt::new(town.clone(), tf(W::CountyAll, &[&town]))),
                );
                opts.extend(villages.into_iter().map(|v| Opt::new(v.clone(), v)));
                (t(M::KeyFilterVillage).into(), opts)
            }
            Picking::Category => {
                let mut opts = all(M::FilterAll);
                opts.extend(Category::ALL.iter().map(|c| Opt::new(c.code(), c.label())));
                (t(M::KeyFilterCategory).into(), opts)
            }
            Picking::Flag => {
                let mut opts = all(M::FilterAll);
                opts.extend(Flag::ALL.iter().map(|c| Opt::new(c.code(), c.label())));
                (t(M::KeyFilterFlag).into(), opts)
            }
            Picking::Status => {
                let mut opts = all(M::FilterAll);
                opts.extend(
                    ChildStatus::ALL
                        .iter()
                        .map(|c| Opt::new(c.code(), c.label())),
                );
                (t(M::KeyFilterStatus).into(), opts)
            }
            Picking::Worklist => (t(M::BatchPick).into(), worklists(ctx)?),
            Picking::Sync => {
                let n = ctx.store.sync_conflicts()?.len();
                let mut opts = vec![
                    Opt::new("export", t(W::SyncMenuExport)),
                    Opt::new("import", t(W::SyncMenuImport)),
                    Opt::new("conflicts", tf(W::SyncMenuConflicts, &[&n])),
                ];
                // When each other PC was last met (nothing to do on these lines).
                for (site, at) in ctx.store.peers()? {
                    let day = at.get(..10).unwrap_or(&at).to_string();
                    opts.push(Opt::new(
                        format!("peer:{site}"),
                        tf(W::SyncPeer, &[&site, &day]),
                    ));
                }
                (t(M::KeySync).into(), opts)
            }
            Picking::SyncFile => (t(W::SyncMenuImport).into(), files_like(ctx, &["sync"])),
            Picking::SyncPlace => {
                let mut opts = vec![Opt::new(
                    ctx.out_dir.display().to_string(),
                    tf(W::SyncToFolder, &[&ctx.out_dir.display()]),
                )];
                opts.extend(crate::tui::sync_screen::removable().into_iter().map(|d| {
                    Opt::new(d.display().to_string(), tf(W::SyncToDrive, &[&d.display()]))
                }));
                (t(W::SyncMenuExport).into(), opts)
            }
            Picking::SyncConflict => {
                let opts = ctx
                    .store
                    .sync_conflicts()?
                    .iter()
                    .map(|c| Opt::new(c.id.to_string(), crate::tui::sync_screen::line(c, ctx)))
                    .collect();
                (t(W::SyncConflictsTitle).into(), opts)
            }
            Picking::SyncSettle(id) => crate::tui::sync_screen::settle_options(id, ctx)?,
            Picking::Office => (
                t(M::KeyOffices).into(),
                crate::tui::office_forms::options(ctx)?,
            ),
            Picking::SurveyVillage => {
                let year = chrono::Datelike::year(&ctx.today);
                let opts = ctx
                    .store
                    .survey_progress(year, None)?
                    .into_iter()
                    .map(|p| {
                        let label = format!("{}  {}/{}", p.village, p.done(), p.children);
                        Opt::new(p.village, label)
                    })
                    .collect();
                (t(M::KeySurvey).into(), opts)
            }
            Picking::Check | Picking::HelperFor(_) | Picking::WishOf(_) => {
                crate::tui::screens::pairing::options(purpose, ctx)?
            }
            Picking::ImportFile => (t(M::ImportPickFile).into(), sheet_files(ctx)),
            Picking::MapColumn => (t(M::ImportPickField).into(), super::import::field_options()),
            Picking::MoveTo(_) | Picking::State | Picking::Body | Picking::FollowUpOf(_) => {
                crate::tui::screens::referrals::options(purpose, ctx)?
            }
            Picking::VisitOf(child) => {
                let opts = ctx
                    .store
                    .visits_of(child)?
                    .into_iter()
                    .map(|v| {
                        let label = format!(
                            "{} {} {} {}",
                            crate::domain::date::iso(v.date),
                            v.kind.label(),
                            v.visitor,
                            v.notes.lines().next().unwrap_or("")
                        );
                        Opt::new(v.id.to_string(), label)
                    })
                    .collect();
                (t(M::KeyVisitsOf).into(), opts)
            }
        };
        // 「全部」 first is number 0: the others keep the numbers of the forms.
        let all_first = opts.first().is_some_and(|o| o.code.is_empty());
        // A single match waits for Enter: fast typing must not spill into the
        // screen's keys once the list has closed.
        let mut field = Field::new("pick", title.clone(), Kind::Choice(opts)).free();
        field.first_number = usize::from(!all_first);
        Ok(Pick {
            title,
            purpose,
            field,
        })
    }

    /// Nothing to choose from.
    pub fn is_empty(&self) -> bool {
        matches!(&self.field.kind, Kind::Choice(o) if o.is_empty())
    }

    pub fn key(&mut self, ev: &KeyEvent, ctx: &Ctx) -> Reply {
        // Letters are the filter: the key is not normalised.
        let field = &mut self.field;
        let matches = field.matches().len();
        let picked = match ctx.keys.lookup(&["pick"], ev) {
            Some(Action::Close) => return Reply::Close,
            Some(Action::Up) => {
                field.highlight = field.highlight.saturating_sub(1);
                None
            }
            Some(Action::Down) => {
                field.highlight = (field.highlight + 1).min(matches.saturating_sub(1));
                None
            }
            Some(Action::Pick) => field
                .matches()
                .get(field.highlight)
                .map(|(_, o)| o.code.clone())
                // A path typed in full where no file of the list matches.
                .or_else(|| {
                    (self.purpose == Picking::ImportFile && !field.text.is_empty())
                        .then(|| field.text.trim().to_string())
                }),
            _ => {
                // Typing filters, as in a form's pick-list; one match is taken.
                let blank = Field::new("pick", "", Kind::Text);
                let mut form = Form::new(
                    String::new(),
                    vec![std::mem::replace(field, blank)],
                    ctx.today,
                );
                form.key(*ev, None);
                *field = form.fields.remove(0);
                field.picked.pop()
            }
        };
        match picked {
            Some(code) => Reply::Picked(self.purpose, code),
            None => Reply::Consumed,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let matches = self.field.matches();
        let height = (matches.len() as u16 + 3).min(area.height);
        // As wide as the longest choice or the title (a conflict's two
        // values), within the screen; 56 at least.
        let widest = matches
            .iter()
            .map(|(_, o)| text::width(&o.label) + 6)
            .chain([text::width(&self.title) + 6])
            .max()
            .unwrap_or(0);
        let width = u16::try_from(widest)
            .unwrap_or(u16::MAX)
            .max(56)
            .min(area.width.saturating_sub(2));
        let rect = centered(area, width, height);
        clear(frame, rect);
        let block = boxed(&self.title, ctx);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let input = Line::from(vec![
            Span::styled("> ", ctx.theme.key),
            Span::styled(self.field.text.clone(), ctx.theme.input),
        ]);
        frame.render_widget(input, Rect::new(inner.x, inner.y, inner.width, 1));
        frame.set_cursor_position(Position::new(
            inner.x + 2 + self.field.cursor_cells() as u16,
            inner.y,
        ));
        let rest = Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        );
        draw_options(frame, ctx, &self.field, rest, true);
    }
}

/// The printed worklists to type back in: the newest print of each week and
/// village (a reprint is the same sheet).
fn worklists(ctx: &Ctx) -> Result<Vec<Opt>> {
    let mut seen = std::collections::HashSet::new();
    Ok(ctx
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
        .collect())
}

/// The numbered options of a pick-list, the highlighted one marked.
/// The highlight shows when the list has been typed into, or always (`moving`:
/// a pop-up list moved with the arrows).
pub fn draw_options(frame: &mut Frame, ctx: &Ctx, field: &Field, area: Rect, moving: bool) {
    let th = &ctx.theme;
    let matches = field.matches();
    let start = field
        .highlight
        .saturating_sub(area.height.saturating_sub(1) as usize);
    for (n, (i, opt)) in matches
        .iter()
        .enumerate()
        .skip(start)
        .take(area.height as usize)
    {
        let picked = field.picked.contains(&opt.code);
        let style = if n == field.highlight && (moving || !field.text.is_empty()) {
            th.selection
        } else if picked {
            th.accent
        } else {
            th.text
        };
        let mark = if picked { "✓" } else { " " };
        let line = format!("{mark}{:>2} {}", i + field.first_number, opt.label);
        frame.buffer_mut().set_stringn(
            area.x,
            area.y + (n - start) as u16,
            text::truncate(&line, area.width as usize),
            area.width as usize,
            style,
        );
    }
}

/// The sheets in the folders an officer keeps them: Documents/shouhu,
/// Documents, Downloads and the database's own folder; the newest first.
fn sheet_files(ctx: &Ctx) -> Vec<Opt> {
    files_like(ctx, &["csv", "xlsx", "xls"])
}

/// The files of these extensions in those folders, the newest first.
fn files_like(ctx: &Ctx, exts: &[&str]) -> Vec<Opt> {
    let mut dirs: Vec<std::path::PathBuf> = vec![ctx.out_dir.clone()];
    // A file brought on a USB drive lies at its top.
    dirs.extend(crate::tui::sync_screen::removable());
    if let Some(u) = directories::UserDirs::new() {
        dirs.extend(u.document_dir().map(std::path::Path::to_path_buf));
        dirs.extend(u.download_dir().map(std::path::Path::to_path_buf));
    }
    if let Some(dir) = ctx.store.path().and_then(|p| p.parent()) {
        dirs.push(dir.to_path_buf());
    }
    let mut found: Vec<(std::time::SystemTime, std::path::PathBuf)> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let ext = path
                .extension()
                .map(|x| x.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if exts.contains(&ext.as_str()) && !found.iter().any(|(_, p)| *p == path) {
                let when = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                found.push((when, path));
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found
        .into_iter()
        .take(60)
        .map(|(_, p)| Opt::new(p.display().to_string(), p.display().to_string()))
        .collect()
}
