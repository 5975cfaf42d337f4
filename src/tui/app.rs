//! The app: what the screens share, the screens, and the pop-up stack. Keys
//! become actions, actions go to the top pop-up or the screen, and what they
//! ask for next (an `Effect` or a `Reply`) is carried out here.

use anyhow::Result;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::Action;
use super::ctx::{Ctx, Registry, Tone, default_out_dir};
use super::forms::Target;
use super::jobs::{self, Job};
use super::keymap::{self, Chain, Decl, Keymap, normalize};
use super::popups::{Popup, Reply, help::Help, lock::Lock};
use super::screens::{Effect, ScreenId, Screens};
use super::theme::Theme;
use crate::i18n::{M, t};
use crate::store::Store;

pub struct App {
    pub ctx: Ctx,
    pub screens: Screens,
    pub screen: ScreenId,
    pub popups: Vec<Popup>,
    pub quit: bool,
    /// Work started by a key and run after the next frame (so that the screen
    /// says "working" first).
    pub pending: Option<Job>,
    /// When the last key came (for the lock screen).
    pub idle_since: std::time::Instant,
    /// How long without a key locks the screen (`None`: no PIN), read at
    /// start and when the PIN is set, not at every tick.
    pub lock_after: Option<std::time::Duration>,
    /// Screens that have not read the registry since it changed.
    stale: Vec<ScreenId>,
    /// The terminal is smaller than the screens need: the notice shows and
    /// keys do nothing, so that nothing happens unseen.
    pub too_small: bool,
}

/// Every binding table the code declares, and the chains keys are looked up in.
pub fn tables() -> (Vec<(&'static str, Vec<Decl>)>, Vec<Chain>) {
    let mut global: Vec<Decl> = (1..=ScreenId::ALL.len() as u8)
        .map(|n| keymap::quiet(Action::GoTo(n)))
        .collect();
    global.extend_from_slice(keymap::GLOBAL);
    let mut decls = vec![
        ("global", global),
        ("list", keymap::LIST.to_vec()),
        ("search", super::screens::cases::Cases::SEARCH_KEYS.to_vec()),
    ];
    let mut chains: Vec<Chain> = vec![vec!["search"]];
    for s in ScreenId::ALL {
        decls.push((s.name(), s.keys().to_vec()));
        chains.push(s.chain());
    }
    for (name, table) in super::popups::tables() {
        decls.push((name, table.to_vec()));
        chains.push(vec![name]);
    }
    (decls, chains)
}

/// The screens' area in a terminal of `size` (the tab bar above, the hint and
/// status lines below).
pub fn body_of(size: Rect) -> Rect {
    Rect::new(
        size.x,
        size.y + 1,
        size.width,
        size.height.saturating_sub(3),
    )
}

impl App {
    /// The app with the default keys.
    pub fn new(store: Store, today: NaiveDate, theme: Theme) -> Result<App> {
        App::with_keys(store, today, theme, None)
    }

    /// The app with a user's key map (its text and a name for messages).
    pub fn with_keys(
        store: Store,
        today: NaiveDate,
        theme: Theme,
        user_keys: Option<(&str, &str)>,
    ) -> Result<App> {
        let (decls, chains) = tables();
        let (keys, warnings) = Keymap::load(&decls, chains, user_keys);
        let officer = store.setting("officer")?.unwrap_or_default();
        let township = store.setting("township")?.unwrap_or_default();
        let policy = store.policy()?;
        let ctx = Ctx {
            store,
            today,
            policy,
            theme,
            keys,
            officer,
            township,
            status: None,
            reg: Registry::default(),
            book: Default::default(),
            checks: Default::default(),
            reading: None,
            referrals: Vec::new(),
            follow_ups: Vec::new(),
            feedback_days: crate::domain::referral::FEEDBACK_DAYS,
            undo: Vec::new(),
            redo: Vec::new(),
            body: body_of(Rect::new(0, 0, 80, 24)),
            out_dir: default_out_dir(),
            open_files: true,
        };
        let screens = Screens::new(&ctx);
        let mut app = App {
            ctx,
            screens,
            screen: ScreenId::Today,
            popups: Vec::new(),
            quit: false,
            pending: None,
            idle_since: std::time::Instant::now(),
            lock_after: None,
            stale: ScreenId::ALL.to_vec(),
            too_small: false,
        };
        app.refresh()?;
        if let Some(w) = warnings.first() {
            app.ctx.say(w.clone(), Tone::Bad);
        }
        // A county file has no officer of its own and takes no writes.
        if app.ctx.officer.is_empty() && !app.ctx.store.county() {
            app.open_form(Target::FirstRun)?;
        } else if let Some((_, key)) = app.ctx.store.drafts()?.first().cloned() {
            // A form was left half-typed (a crash, a power cut): offer it back.
            if let Some(target) = Target::of_draft(&key) {
                app.open_form(target)?;
            }
        }
        // On a PC with a PIN, nothing shows until it is typed.
        app.lock_after = lock_after(&app.ctx.store)?;
        if app.lock_after.is_some() {
            app.popups.push(Popup::Lock(Lock::default()));
        }
        Ok(app)
    }

    /// Time passes without a key: after the set minutes the screen locks.
    pub fn tick(&mut self, now: std::time::Instant) -> Result<()> {
        let locked = matches!(self.popups.last(), Some(Popup::Lock(_)));
        if !locked
            && let Some(after) = self.lock_after
            && now.duration_since(self.idle_since) >= after
        {
            self.popups.push(Popup::Lock(Lock::default()));
        }
        Ok(())
    }

    /// The checks and ledger read on the other thread, shown once they are
    /// in (called on every turn of the loop: it does not wait).
    pub fn take_reads(&mut self) -> Result<()> {
        if self.ctx.take_reads(false)? {
            self.screens_read_again()?;
        }
        Ok(())
    }

    /// Waits for the checks and ledger read on the other thread (the tests,
    /// which look at them at once).
    pub fn settle(&mut self) -> Result<()> {
        if self.ctx.take_reads(true)? {
            self.screens_read_again()?;
        }
        Ok(())
    }

    /// Reads the registry again and every screen from it (after a save).
    pub fn refresh(&mut self) -> Result<()> {
        self.ctx.reread()?;
        self.screens_read_again()
    }

    /// Reads one child again after a save of theirs, and every screen from
    /// the registry so kept: a save shows at once at county scale.
    pub fn refresh_child(&mut self, child: i64) -> Result<()> {
        let ctx = &mut self.ctx;
        ctx.reg
            .update_child(&ctx.store, &ctx.policy, ctx.today, child)?;
        ctx.checks.update_child(&ctx.store, child, ctx.today)?;
        self.screens_read_again()
    }

    /// The registry changed: the screen showing reads it now, the others
    /// when they are next shown.
    pub(super) fn screens_read_again(&mut self) -> Result<()> {
        self.stale = ScreenId::ALL.to_vec();
        self.go(self.screen)
    }

    /// Reads a screen from the registry if it changed since it last did.
    fn freshen(&mut self, screen: ScreenId) -> Result<()> {
        if let Some(i) = self.stale.iter().position(|s| *s == screen) {
            self.stale.swap_remove(i);
            self.screens.get_mut(screen).refresh(&self.ctx)?;
        }
        Ok(())
    }

    /// The terminal's size changed.
    pub fn resize(&mut self, size: Rect) {
        self.ctx.body = body_of(size);
        self.too_small = size.width < super::ctx::MIN_WIDTH || size.height < super::ctx::MIN_HEIGHT;
    }

    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.ctx.say(text, tone);
    }

    pub fn report(&mut self, outcome: Result<()>) {
        self.ctx.report(outcome);
    }

    /// The child the screen is on, if any.
    pub fn current_child(&self) -> Option<i64> {
        self.screens.get(self.screen).child(&self.ctx)
    }

    /// The keys the hint line shows: the top pop-up's, the screen's text
    /// field's, or the screen's.
    pub fn hints(&self) -> Vec<(String, String)> {
        if let Some(top) = self.popups.last() {
            return top.hints(&self.ctx);
        }
        match self.screens.get(self.screen).mode() {
            Some(table) => self.ctx.keys.hints(&[table]),
            None => self.ctx.keys.hints(&self.screen.chain()),
        }
    }

    /// Handles one key: the top pop-up first, then the screen's text field,
    /// then the screen's tables (where an input method's full-width keys act
    /// as their ASCII selves).
    pub fn key(&mut self, ev: KeyEvent) -> Result<()> {
        self.idle_since = std::time::Instant::now();
        if self.too_small {
            return Ok(());
        }
        if let Some(top) = self.popups.last_mut() {
            let reply = top.key(&ev, &self.ctx);
            return self.reply(reply);
        }
        if let Some(table) = self.screens.get(self.screen).mode() {
            return match self.ctx.keys.lookup(&[table], &ev) {
                Some(action) => self.apply(action),
                None => {
                    self.screens.get_mut(self.screen).text(&ev, &self.ctx);
                    Ok(())
                }
            };
        }
        match self.ctx.keys.lookup(&self.screen.chain(), &normalize(ev)) {
            Some(action) => self.apply(action),
            None => Ok(()),
        }
    }

    /// A key that came in a burst after a run of text faster than anyone
    /// types: a paste the terminal sent as keys (crossterm on Windows sends
    /// pasted lines with Enter). Enter and Tab in a form are then text (a
    /// line break in a note, a space elsewhere), never a move or a save;
    /// every other key goes its usual way.
    pub fn burst_key(&mut self, ev: KeyEvent) -> Result<()> {
        use ratatui::crossterm::event::KeyCode;
        if let Some(Popup::Form(fp)) = self.popups.last_mut()
            && matches!(ev.code, KeyCode::Enter | KeyCode::Tab)
        {
            let reply = fp.paste(if fp.in_note() { "\n" } else { " " });
            return self.reply(reply);
        }
        self.key(ev)
    }

    /// Text pasted into the terminal.
    pub fn paste(&mut self, text: &str) -> Result<()> {
        match self.popups.last_mut() {
            Some(Popup::Form(fp)) => {
                let reply = fp.paste(text);
                self.reply(reply)
            }
            Some(_) => Ok(()),
            None => {
                self.screens.get_mut(self.screen).paste(text, &self.ctx);
                Ok(())
            }
        }
    }

    /// Applies an action: the app's own, or the screen's.
    pub fn apply(&mut self, action: Action) -> Result<()> {
        self.ctx.status = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popups.push(Popup::Help(Help::new(
                self.screen.title(),
                self.screen.name(),
            ))),
            Action::Undo => self.undo_last(false)?,
            Action::Redo => self.redo_last()?,
            Action::GoTo(n) => {
                let at = usize::from(n).checked_sub(1);
                if let Some(&s) = at.and_then(|i| ScreenId::ALL.get(i)) {
                    self.go(s)?;
                }
            }
            Action::Search => self.effect(Effect::Forward(ScreenId::Cases, action))?,
            other => {
                let effect = self
                    .screens
                    .get_mut(self.screen)
                    .update(other, &mut self.ctx)?;
                self.effect(effect)?;
            }
        }
        Ok(())
    }

    fn go(&mut self, screen: ScreenId) -> Result<()> {
        self.screen = screen;
        self.freshen(screen)?;
        self.screens.get_mut(screen).shown(&self.ctx)
    }

    /// Carries out what a screen asked for.
    fn effect(&mut self, effect: Effect) -> Result<()> {
        match effect {
            Effect::None => {}
            Effect::OpenCase(id) => {
                // Esc on the case list goes back to where it was opened from.
                let from = self.screen;
                self.open_case(id)?;
                self.screens.cases.came_from = (from != ScreenId::Cases).then_some(from);
            }
            Effect::Show(screen) => self.go(screen)?,
            Effect::ShowCheck(check) => {
                self.screens.pairing.show_check(check, &self.ctx)?;
                self.go(ScreenId::Pairing)?;
            }
            Effect::Forward(screen, action) => {
                self.go(screen)?;
                let next = self.screens.get_mut(screen).update(action, &mut self.ctx)?;
                self.effect(next)?;
            }
            Effect::Form(target) => self.open_form(target)?,
            Effect::FormWith(target, values) => {
                self.open_form(target)?;
                if let Some(Popup::Form(fp)) = self.popups.last_mut() {
                    for (key, value) in values {
                        fp.form.set(key, &value);
                    }
                    fp.form.dirty = true;
                }
            }
            Effect::Popup(popup) => self.popups.push(popup),
            Effect::Work(job) => {
                // Long work: say so, draw, then do it.
                self.say(t(M::Working), Tone::Info);
                self.pending = Some(job);
            }
        }
        Ok(())
    }

    /// Shows a child's case file on the case screen.
    pub fn open_case(&mut self, id: i64) -> Result<()> {
        self.screen = ScreenId::Cases;
        self.freshen(ScreenId::Cases)?;
        self.screens.cases.open_case(id, &self.ctx);
        Ok(())
    }

    /// Carries out what a pop-up decided.
    fn reply(&mut self, reply: Reply) -> Result<()> {
        match reply {
            Reply::Consumed => {}
            Reply::Close => {
                self.popups.pop();
            }
            Reply::Picked(purpose, code) => {
                self.popups.pop();
                // The import preview under the list opened it; else the screen did.
                if let Some(Popup::Import(p)) = self.popups.last_mut() {
                    if purpose == super::popups::pick::Picking::MapColumn {
                        let done = p.mapped(&code, &mut self.ctx);
                        self.ctx.report(done);
                    }
                    return Ok(());
                }
                let effect =
                    self.screens
                        .get_mut(self.screen)
                        .picked(purpose, &code, &mut self.ctx)?;
                self.effect(effect)?;
            }
            Reply::Answered(question, yes) => {
                self.popups.pop();
                self.answer(question, yes)?;
            }
            Reply::FormChanged => self.keep_draft()?,
            Reply::FormSave => self.save_form()?,
            Reply::FormCancel => self.cancel_form()?,
            Reply::BatchVisit(child) => self.batch_visit(child)?,
            Reply::Tour(act) => self.tour(act)?,
            Reply::Form(target) => self.open_form(target)?,
            Reply::PrintMonth => self.effect(Effect::Work(jobs::Job::PrintWorkLog))?,
            Reply::MapColumn => {
                let list = super::popups::pick::Pick::open(
                    super::popups::pick::Picking::MapColumn,
                    &self.ctx,
                )?;
                self.popups.push(Popup::Pick(Box::new(list)));
            }
            Reply::Import(super::popups::import::Import::Now { skip_invalid }) => {
                if let Some(Popup::Import(p)) = self.popups.last() {
                    let job = jobs::Job::ImportChildren {
                        path: p.path.clone(),
                        template: Box::new(p.template.clone()),
                        skip_invalid,
                    };
                    self.effect(Effect::Work(job))?;
                }
            }
            Reply::Help => self
                .popups
                .push(Popup::Help(Help::new(M::FormHelpTitle, "form"))),
            Reply::Unlock(pin) => {
                if self.ctx.store.pin_matches(&pin)? {
                    self.popups.pop();
                    self.idle_since = std::time::Instant::now();
                } else if let Some(Popup::Lock(lock)) = self.popups.last_mut() {
                    lock.wrong = true;
                }
            }
        }
        Ok(())
    }

    /// Runs the work a key asked for after the screen said "working".
    pub fn run_pending(&mut self) -> Result<()> {
        match self.pending.take() {
            Some(job) => {
                let import = matches!(
                    job,
                    jobs::Job::ImportChildren { .. }
                        | jobs::Job::SyncImport { .. }
                        | jobs::Job::SyncSettle { .. }
                );
                jobs::run(job, &mut self.ctx)?;
                // An import (or a conflict settled) written: the preview
                // goes, every screen reads again.
                if import
                    && self
                        .ctx
                        .status
                        .as_ref()
                        .is_some_and(|(_, tone)| *tone == Tone::Good)
                {
                    if matches!(self.popups.last(), Some(Popup::Import(_))) {
                        self.popups.pop();
                    }
                    self.refresh()?;
                }
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// How long without a key locks the screen; `None` when no PIN is set.
pub(super) fn lock_after(store: &crate::store::Store) -> Result<Option<std::time::Duration>> {
    if !store.has_pin()? {
        return Ok(None);
    }
    let minutes = u64::from(store.lock_minutes()?);
    Ok(Some(std::time::Duration::from_secs(minutes * 60)))
}
