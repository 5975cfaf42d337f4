//! Forms opened, kept as drafts, saved and taken back: the one place the
//! screens' records are written.

use anyhow::Result;

use super::app::App;
use super::ctx::{Tone, Undo};
use super::forms::{self, Target};
use super::popups::Popup;
use super::popups::ask::{Ask, Question};
use super::popups::form::FormPopup;
use crate::domain::{Child, Visit, VisitKind, date};
use crate::i18n::{M, t, tf};
use crate::store::children::Saved;

const DRAFT_FORM: &str = "form";

use super::app::lock_after;

impl App {
    /// Opens a form; a kept draft of the same form is offered back.
    pub fn open_form(&mut self, target: Target) -> Result<()> {
        // A county file takes no writes: no form is opened to be refused at
        // the end, the reason is said at once.
        if self.ctx.store.county() {
            let why = crate::i18n::t(crate::i18n::W::CountyReadOnly).to_string();
            self.ctx.say(why, super::ctx::Tone::Bad);
            return Ok(());
        }
        let ctx = &self.ctx;
        let villages = ctx.store.villages()?;
        let form = match target {
            Target::Helper(_) | Target::Ledger(_) | Target::Activity(_) | Target::Wish { .. } => {
                match super::ledger_forms::form(target, ctx)? {
                    Some(form) => form,
                    None => return Ok(()),
                }
            }
            Target::Note(_) | Target::Office(_) => match super::office_forms::form(target, ctx)? {
                Some(form) => form,
                None => return Ok(()),
            },
            Target::Conflict(id) => match super::sync_screen::form(id, ctx)? {
                Some(form) => form,
                None => return Ok(()),
            },
            Target::Temporary { .. } | Target::Measure(_) | Target::Round | Target::Gift { .. } => {
                match super::register_forms::form(target, ctx)? {
                    Some(form) => form,
                    None => return Ok(()),
                }
            }
            Target::Referral { .. } | Target::Move { .. } | Target::FollowUp { .. } => {
                match super::referral_forms::form(target, ctx)? {
                    Some(form) => form,
                    None => return Ok(()),
                }
            }
            Target::FirstRun => super::desk_forms::first_run_form(ctx.today),
            Target::Pin => super::desk_forms::pin_form(ctx.store.lock_minutes()?, ctx.today),
            Target::Settings => {
                let theme = ctx
                    .store
                    .setting("theme")?
                    .unwrap_or_else(|| ctx.theme.name.clone());
                let phone = ctx.store.setting("officer_phone")?.unwrap_or_default();
                let rules = ctx.store.setting("gap_rules")?.unwrap_or_default();
                let register = super::desk_forms::Register {
                    gap_rules: match rules.trim() {
                        "" | "default" => "default".into(),
                        "004" => "004".into(),
                        _ => "custom".into(),
                    },
                    dibao_standard: ctx
                        .store
                        .dibao_standard()?
                        .map(crate::domain::benefits::yuan)
                        .unwrap_or_default(),
                    temporary_days: ctx.store.register_days()?.0,
                    contact_days: ctx.store.register_days()?.1,
                };
                super::desk_forms::settings_form(
                    (&ctx.officer, &phone),
                    &ctx.township,
                    &theme,
                    &register,
                    ctx.today,
                )
            }
            Target::Child(None) => forms::child_form(None, &villages, ctx.today),
            Target::Child(Some(id)) => match ctx.store.child(id)? {
                Some(c) => forms::child_form(Some(&c), &villages, ctx.today),
                None => return Ok(()),
            },
            Target::Visit { child, visit } => {
                let Some(c) = ctx.store.child(child)? else {
                    return Ok(());
                };
                let v = match visit {
                    Some(v) => ctx.store.visit(v)?,
                    None => None,
                };
                let mut form = forms::visit_form(&c.name, v.as_ref(), &ctx.officer, ctx.today);
                // The care plan's open measures, to tick off at this visit.
                let open: Vec<_> = ctx
                    .store
                    .measures_of(child)?
                    .into_iter()
                    .filter(|m| m.done_on.is_none())
                    .collect();
                super::visit_form::with_measures(&mut form, &open);
                form
            }
        };
        let offered = ctx
            .store
            .draft(DRAFT_FORM, &target.draft_key())?
            .and_then(|d| serde_json::from_str(&d).ok());
        let has_draft = offered.is_some();
        self.popups.push(Popup::Form(Box::new(FormPopup {
            form,
            target,
            offered,
            asked_empty: false,
        })));
        if has_draft {
            self.popups
                .push(Popup::Ask(Ask::new(Question::RestoreDraft)));
        }
        Ok(())
    }

    pub(super) fn keep_draft(&mut self) -> Result<()> {
        if let Some(Popup::Form(fp)) = self.popups.last()
            && fp.target != Target::Pin
        {
            let data = fp.form.snapshot().to_string();
            self.ctx
                .store
                .save_draft(DRAFT_FORM, &fp.target.draft_key(), &data)?;
        }
        Ok(())
    }

    /// Esc on a form: a changed one asks first.
    pub(super) fn cancel_form(&mut self) -> Result<()> {
        match self.popups.last() {
            Some(Popup::Form(fp)) if fp.form.dirty => {
                self.popups
                    .push(Popup::Ask(Ask::new(Question::DiscardForm)));
                Ok(())
            }
            _ => self.close_form(),
        }
    }

    /// Closes the top form and drops its draft.
    fn close_form(&mut self) -> Result<()> {
        if let Some(Popup::Form(fp)) = self.popups.pop() {
            self.ctx
                .store
                .delete_draft(DRAFT_FORM, &fp.target.draft_key())?;
        }
        self.screens.today.refresh_alerts(&self.ctx)
    }

    pub(super) fn answer(&mut self, question: Question, yes: bool) -> Result<()> {
        match (question, yes) {
            (Question::DiscardForm, true) => self.close_form()?,
            (Question::DiscardForm, false) => {}
            (Question::OpenTaken(child), true) => {
                // The form stays as a draft; the other child's file opens.
                if let Some(Popup::Form(_)) = self.popups.last() {
                    self.keep_draft()?;
                    self.popups.pop();
                }
                self.open_case(child)?;
            }
            (Question::OpenTaken(_), false) => {}
            (Question::ConfirmReview(child, review), true) => self.apply_review(child, review)?,
            (Question::ConfirmReview(..), false) => {}
            (Question::UndoChild, true) => self.undo_last(true)?,
            (Question::UndoChild, false) => {}
            (Question::EmptyVisit, yes) => {
                if let Some(Popup::Form(fp)) = self.popups.last_mut() {
                    fp.asked_empty = true;
                    if yes {
                        fp.form.mark_all_ok();
                    }
                }
                self.save_form()?;
            }
            (Question::RestoreDraft, yes) => {
                if let Some(Popup::Form(fp)) = self.popups.last_mut()
                    && let Some(draft) = fp.offered.take()
                {
                    if yes {
                        fp.form.restore(&draft);
                        self.ctx.say(t(M::DraftRestored), Tone::Good);
                    } else {
                        let key = fp.target.draft_key();
                        self.ctx.store.delete_draft(DRAFT_FORM, &key)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Batch entry: the visit form of the child on the card, dated inside the
    /// printed week.
    pub(super) fn batch_visit(&mut self, child: i64) -> Result<()> {
        let Some(Popup::Batch(b)) = self.popups.last() else {
            return Ok(());
        };
        let day = b.day(self.ctx.today);
        let title = tf(M::BatchPosition, &[&(b.pos + 1), &b.rows.len()]);
        self.open_form(Target::Visit { child, visit: None })?;
        if let Some(Popup::Form(fp)) = self.popups.last_mut() {
            fp.form.title = format!("{} · {title}", fp.form.title);
            fp.form.set("date", &date::iso(day));
            fp.form.dirty = false;
        }
        Ok(())
    }

    /// The mandatory report form on a child, from a visit just saved, with
    /// the situation and what the visit wrote filled in.
    fn report_from_visit(
        &mut self,
        child: i64,
        visit: i64,
        danger: Option<crate::domain::referral::Reason>,
        what: &str,
    ) -> Result<()> {
        self.open_form(Target::Referral {
            child,
            kind: crate::domain::referral::Kind::Mandatory,
            id: None,
            visit: Some(visit),
        })?;
        if let Some(Popup::Form(fp)) = self.popups.last_mut() {
            if let Some(d) = danger {
                fp.form.set("reason", d.code());
                fp.form.focus = 2;
            }
            fp.form.set("what", what);
            fp.form.dirty = true;
        }
        self.ctx.say(t(crate::i18n::R::FromVisit), Tone::Bad);
        Ok(())
    }

    /// A child form whose ID number is another child's: that child is named
    /// at the field and the officer is offered their case file. True when so.
    fn id_taken(&mut self) -> Result<bool> {
        let Some(Popup::Form(fp)) = self.popups.last_mut() else {
            return Ok(false);
        };
        let Target::Child(own) = fp.target else {
            return Ok(false);
        };
        let id = crate::domain::idnum::normalize(&fp.form.get("id_number"));
        if id.is_empty() {
            return Ok(false);
        }
        let ctx = &self.ctx;
        let Some(other) = ctx.store.find_child(&id, "", None, "")? else {
            return Ok(false);
        };
        if Some(other) == own {
            return Ok(false);
        }
        let (name, village) = match ctx.store.child(other)? {
            Some(c) => (c.name, c.village),
            None => (String::new(), String::new()),
        };
        fp.form
            .refuse("id_number", tf(M::IdTakenBy, &[&name, &village]));
        self.popups
            .push(Popup::Ask(Ask::about(Question::OpenTaken(other), name)));
        Ok(true)
    }

    /// Validates and saves the top form.
    pub(super) fn save_form(&mut self) -> Result<()> {
        if self.id_taken()? {
            return Ok(());
        }
        let Some(Popup::Form(fp)) = self.popups.last_mut() else {
            return Ok(());
        };
        if !fp.form.validate() {
            return Ok(());
        }
        let target = fp.target;
        let ctx = &mut self.ctx;
        match target {
            Target::Note(_)
            | Target::Office(_)
            | Target::Conflict(_)
            | Target::Round
            | Target::Gift { .. }
            | Target::Temporary { .. }
            | Target::Measure(_) => {
                let words = match target {
                    Target::Note(_) | Target::Office(_) => {
                        super::office_forms::save(target, &mut fp.form, ctx)?
                    }
                    Target::Conflict(id) => super::sync_screen::save(id, &mut fp.form, ctx)?,
                    _ => super::register_forms::save(target, &mut fp.form, ctx)?,
                };
                let Some(words) = words else {
                    return Ok(());
                };
                ctx.say(words, Tone::Good);
                self.popups.pop();
                self.ctx
                    .store
                    .delete_draft(DRAFT_FORM, &target.draft_key())?;
                return match target {
                    Target::Temporary { child, .. } | Target::Measure(child) => {
                        self.refresh_child(child)
                    }
                    // A conflict settled may change any child: all read again.
                    Target::Conflict(_) => self.refresh(),
                    Target::Note(_) | Target::Office(_) => {
                        self.ctx.reread_checks()?;
                        self.screens_read_again()
                    }
                    _ => self.after_round_form(target),
                };
            }
            Target::Helper(_) | Target::Ledger(_) | Target::Activity(_) | Target::Wish { .. } => {
                let Some(words) = super::ledger_forms::save(target, &mut fp.form, ctx)? else {
                    return Ok(());
                };
                ctx.reread_book()?;
                ctx.say(words, Tone::Good);
                self.popups.pop();
                self.ctx
                    .store
                    .delete_draft(DRAFT_FORM, &target.draft_key())?;
                return self.screens_read_again();
            }
            Target::Referral { .. } | Target::Move { .. } | Target::FollowUp { .. } => {
                let Some(words) = super::referral_forms::save(target, &mut fp.form, ctx)? else {
                    return Ok(());
                };
                ctx.reread_referrals()?;
                ctx.say(words, Tone::Good);
                self.popups.pop();
                self.ctx
                    .store
                    .delete_draft(DRAFT_FORM, &target.draft_key())?;
                return self.screens_read_again();
            }
            Target::FirstRun => {
                let officer = fp.form.get("officer");
                let township = fp.form.get("township");
                ctx.store.set_setting("officer", &officer)?;
                ctx.store.set_setting("township", &township)?;
                ctx.officer = officer;
                ctx.township = township;
            }
            Target::Settings => {
                // The numbers first: a wrong one is refused at its field, nothing saved.
                let standard = fp.form.get("dibao_standard");
                let standard = standard.trim();
                let fen = crate::domain::benefits::fen(standard).filter(|f| *f > 0);
                if !standard.is_empty() && fen.is_none() {
                    fp.form
                        .refuse("dibao_standard", tf(M::BadAmount, &[&standard]));
                    return Ok(());
                }
                let mut days = [0u32; 2];
                for (i, key) in ["temporary_days", "contact_days"].iter().enumerate() {
                    let v = fp.form.get(key);
                    match v.trim().parse::<u32>() {
                        Ok(n) if (1..=3650).contains(&n) => days[i] = n,
                        _ => {
                            fp.form.refuse(key, tf(M::BadDays, &[&v.trim()]));
                            return Ok(());
                        }
                    }
                }
                let rules = fp.form.get("gap_rules");
                if rules != "custom" {
                    ctx.store.set_setting("gap_rules", &rules)?;
                }
                ctx.store.set_setting(
                    "dibao_standard",
                    &fen.map(crate::domain::benefits::yuan).unwrap_or_default(),
                )?;
                ctx.store
                    .set_setting("temporary_days", &days[0].to_string())?;
                ctx.store
                    .set_setting("contact_days", &days[1].to_string())?;
                // The rules and the days allowed change what 今日 lists.
                ctx.reread_checks()?;
                let (officer, township) = (fp.form.get("officer"), fp.form.get("township"));
                let (theme, language) = (fp.form.get("theme"), fp.form.get("lang"));
                ctx.store.set_setting("officer", &officer)?;
                ctx.store.set_setting("township", &township)?;
                ctx.store.set_setting("theme", &theme)?;
                ctx.store
                    .set_setting("officer_phone", fp.form.get("phone").trim())?;
                ctx.store.set_setting("lang", &language)?;
                ctx.officer = officer;
                ctx.township = township;
                let (loaded, warning) = super::load_theme(&ctx.store, None);
                ctx.theme = loaded;
                if let Some(lang) = crate::i18n::Lang::parse(&language) {
                    crate::i18n::set_lang(lang);
                }
                match warning {
                    Some(w) => ctx.say(tf(M::ThemeBroken, &[&w]), Tone::Bad),
                    None => ctx.say(t(M::SettingsSaved), Tone::Good),
                }
                self.popups.pop();
                self.ctx
                    .store
                    .delete_draft(DRAFT_FORM, &target.draft_key())?;
                return Ok(());
            }
            Target::Pin => {
                let pin = fp.form.get("pin");
                let minutes = fp.form.get("minutes").trim().parse::<u32>().ok();
                let refused = if pin.chars().count() < 4 && !pin.is_empty() {
                    Some(("pin", t(M::PinShort)))
                } else if pin != fp.form.get("pin_again") {
                    Some(("pin_again", t(M::PinDiffer)))
                } else if !minutes.is_some_and(|m| (1..=240).contains(&m)) {
                    Some(("minutes", t(M::PinBadMinutes)))
                } else {
                    None
                };
                if let Some((field, why)) = refused {
                    fp.form.refuse(field, why.into());
                    return Ok(());
                }
                let minutes = minutes.unwrap_or(crate::store::pin::DEFAULT_LOCK_MINUTES);
                ctx.store.set_pin(&pin, minutes)?;
                if pin.is_empty() {
                    ctx.say(t(M::PinOff), Tone::Good);
                } else {
                    ctx.say(tf(M::PinSet, &[&minutes]), Tone::Good);
                }
                self.lock_after = lock_after(&ctx.store)?;
                self.popups.pop();
                return Ok(());
            }
            Target::Child(id) => {
                let base = match id {
                    Some(id) => ctx
                        .store
                        .child(id)?
                        .unwrap_or_else(|| Child::new(ctx.today)),
                    None => Child::new(ctx.today),
                };
                let old = base.clone();
                let Some(mut child) = forms::child_from_form(&mut fp.form, base) else {
                    return Ok(());
                };
                match ctx.store.save_child(&mut child)? {
                    Saved::Added => ctx.saved(Undo::ChildAdded(child.id)),
                    Saved::Updated => ctx.saved(Undo::ChildEdited(Box::new(old))),
                    Saved::Unchanged => {}
                }
                ctx.say(tf(M::ChildSaved, &[&child.name]), Tone::Good);
                // Categories, gender, birth or household may change the pairing checks.
                ctx.reread_book()?;
                // A survey card up: the child corrected, exited or newly found.
                for p in self.popups.iter_mut() {
                    if let Popup::Tour(tour) = p {
                        tour.child_saved(child.id, id.is_none(), &mut self.ctx)?;
                    }
                }
                self.closed_after_save(target, Some(child.id))?;
                self.open_case(child.id)?;
                return Ok(());
            }
            Target::Visit { child, visit } => {
                let kid = ctx.store.child(child)?;
                let base = match visit {
                    Some(v) => ctx.store.visit(v)?,
                    None => None,
                };
                let old = base.clone();
                let base = base.unwrap_or_else(|| Visit::new(child, ctx.today, VisitKind::Home));
                let birth = kid.as_ref().and_then(|c| c.birth_date);
                let Some(mut v) = forms::visit_from_form(&mut fp.form, base, birth) else {
                    return Ok(());
                };
                // A home visit with nothing written: asked once whether all was well.
                if v.kind == VisitKind::Home && v.is_blank() && !fp.asked_empty {
                    self.popups.push(Popup::Ask(Ask::new(Question::EmptyVisit)));
                    return Ok(());
                }
                // The same visit typed twice (a sheet entered again) is refused.
                if let Some(other) = ctx.store.find_visit(child, v.date, v.kind)?
                    && Some(other) != visit
                {
                    let when = date::iso(v.date);
                    fp.form
                        .refuse("date", tf(M::VisitTwice, &[&when, &v.kind.label()]));
                    return Ok(());
                }
                let was_raised = old.as_ref().is_some_and(|o| o.report_raised);
                let done: Vec<i64> = fp
                    .form
                    .get("measures_done")
                    .split(',')
                    .filter_map(|x| x.parse().ok())
                    .collect();
                let saved = ctx.store.write(|w| {
                    let saved = w.save_visit(&mut v)?;
                    w.measures_done(&done, v.date, v.id)?;
                    Ok(saved)
                })?;
                match saved {
                    Saved::Added => ctx.saved(Undo::VisitAdded(v.id)),
                    Saved::Updated => {
                        if let Some(old) = old {
                            ctx.saved(Undo::VisitEdited(Box::new(old)));
                        }
                    }
                    Saved::Unchanged => {}
                }
                // A situation to report, or a report said to be raised: the
                // report form opens on the child, from this visit.
                let danger =
                    crate::domain::referral::Reason::from_code(&fp.form.get("report_reason"));
                let raised = v.report_raised && !was_raised;
                let what = [v.problems.as_str(), v.notes.as_str()]
                    .iter()
                    .filter(|x| !x.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n");
                self.closed_after_save(target, Some(child))?;
                let ctx = &mut self.ctx;
                let name = kid.map(|c| c.name).unwrap_or_default();
                let next = ctx
                    .reg
                    .due(child)
                    .map(|r| date::iso(r.due.next_due))
                    .unwrap_or_default();
                // A call or a school visit does not count toward the cadence:
                // the child is still late, and the message says so.
                match ctx.reg.due(child).map(|r| r.due.overdue_days) {
                    Some(late) if late > 0 => ctx.say(
                        tf(M::VisitSavedLate, &[&name, &v.kind.label(), &late]),
                        Tone::Info,
                    ),
                    _ => ctx.say(tf(M::VisitSaved, &[&name, &next]), Tone::Good),
                }
                for p in self.popups.iter_mut() {
                    if let Popup::Batch(b) = p {
                        b.visit_saved(child, &self.ctx)?;
                    }
                }
                if danger.is_some() || raised {
                    self.report_from_visit(child, v.id, danger, &what)?;
                }
                return Ok(());
            }
        }
        self.closed_after_save(target, None)
    }

    /// The form is closed, its draft dropped, and the screens read again:
    /// from the one child saved, or from everyone.
    fn closed_after_save(&mut self, target: Target, child: Option<i64>) -> Result<()> {
        self.popups.pop();
        self.ctx
            .store
            .delete_draft(DRAFT_FORM, &target.draft_key())?;
        match child {
            Some(id) => self.refresh_child(id),
            None => self.refresh(),
        }
    }
}
