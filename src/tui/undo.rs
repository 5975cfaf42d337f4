//! Undo and redo of the saves of this session: each says what it takes back
//! (「已撤销：新增儿童 王小雨」), deleting a child added asks first, and `Ctrl-Y`
//! does again what was undone.

use anyhow::Result;

use super::app::App;
use super::ctx::{Redo, Tone, Undo};
use super::popups::Popup;
use super::popups::ask::{Ask, Question};
use crate::domain::{Child, Visit, date};
use crate::i18n::{M, t, tf};

impl App {
    fn child_name(&self, id: i64) -> String {
        self.ctx
            .store
            .child(id)
            .ok()
            .flatten()
            .map(|c| c.name)
            .unwrap_or_default()
    }

    /// The words for a save: 「新增走访 王小雨 2026-11-20」.
    fn undo_words(&self, undo: &Undo) -> String {
        let visit = |m: M, v: &Visit| tf(m, &[&self.child_name(v.child_id), &date::iso(v.date)]);
        match undo {
            Undo::VisitAdded(id) => match self.ctx.store.visit(*id).ok().flatten() {
                Some(v) => visit(M::UndoVisitAdded, &v),
                None => String::new(),
            },
            Undo::VisitEdited(v) => visit(M::UndoVisitEdited, v),
            Undo::ChildAdded(id) => tf(M::UndoChildAdded, &[&self.child_name(*id)]),
            Undo::ChildEdited(c) => tf(M::UndoChildEdited, &[&c.name]),
            Undo::PairingAdded(id) => match self.ctx.book.pairing(*id) {
                Some(p) => {
                    let who = format!(
                        "{} · {}",
                        self.child_name(p.child),
                        self.ctx.book.helper_name(p.helper)
                    );
                    tf(M::UndoPairingAdded, &[&who])
                }
                None => String::new(),
            },
        }
    }

    /// Ctrl-Z: takes back the last save, saying what it was. Deleting a child
    /// that was added asks first (`confirmed` once it has).
    pub(super) fn undo_last(&mut self, confirmed: bool) -> Result<()> {
        let Some(last) = self.ctx.undo.last().cloned() else {
            self.ctx.say(t(M::NothingToUndo), Tone::Info);
            return Ok(());
        };
        let words = self.undo_words(&last);
        if let Undo::ChildAdded(id) = last
            && !confirmed
        {
            let name = self.child_name(id);
            self.popups
                .push(Popup::Ask(Ask::about(Question::UndoChild, name)));
            return Ok(());
        }
        self.ctx.undo.pop();
        let of_visit = matches!(last, Undo::VisitAdded(_) | Undo::VisitEdited(_));
        let store = &mut self.ctx.store;
        let redo = match last {
            Undo::VisitAdded(id) => {
                let gone = store.visit(id)?;
                store.delete_visit(id)?;
                gone.map(|v| Redo::Visit(Box::new(v)))
            }
            Undo::VisitEdited(mut v) => {
                let later = store.visit(v.id)?;
                store.save_visit(&mut v)?;
                later.map(|l| Redo::VisitEdit(Box::new(l)))
            }
            Undo::ChildAdded(id) => {
                let gone = store.child(id)?;
                store.delete_child(id)?;
                gone.map(|c| Redo::Child(Box::new(c)))
            }
            Undo::ChildEdited(mut c) => {
                let later = store.child(c.id)?;
                store.save_child(&mut c)?;
                later.map(|l| Redo::ChildEdit(Box::new(l)))
            }
            Undo::PairingAdded(id) => {
                let gone = store.ledger(id)?;
                store.write(|w| w.delete_pairing(id))?;
                gone.map(|l| Redo::Pairing(Box::new(l)))
            }
        };
        // A visit changes nothing of the pairing ledger; a child or a pairing may.
        if !of_visit {
            self.ctx.reread_book()?;
        }
        let child = match &redo {
            Some(Redo::Visit(v) | Redo::VisitEdit(v)) => Some(v.child_id),
            Some(Redo::Child(c) | Redo::ChildEdit(c)) => Some(c.id),
            Some(Redo::Pairing(_)) | None => None,
        };
        let pairing = matches!(redo, Some(Redo::Pairing(_)));
        self.ctx.redo.extend(redo);
        match child {
            Some(id) => self.refresh_child(id)?,
            None if pairing => self.screens_read_again()?,
            None => self.refresh()?,
        }
        self.ctx.say(tf(M::Undone, &[&words]), Tone::Good);
        Ok(())
    }

    /// Ctrl-Y: does again what the last undo took back.
    pub(super) fn redo_last(&mut self) -> Result<()> {
        let Some(redo) = self.ctx.redo.pop() else {
            self.ctx.say(t(M::NothingToRedo), Tone::Info);
            return Ok(());
        };
        let store = &mut self.ctx.store;
        let undo = match redo {
            Redo::Visit(mut v) => {
                v.id = 0;
                v.uuid.clear();
                store.save_visit(&mut v)?;
                Undo::VisitAdded(v.id)
            }
            Redo::VisitEdit(mut v) => {
                let earlier = store.visit(v.id)?.unwrap_or_else(|| (*v).clone());
                store.save_visit(&mut v)?;
                Undo::VisitEdited(Box::new(earlier))
            }
            Redo::Child(mut c) => {
                c.id = 0;
                c.uuid.clear();
                store.save_child(&mut c)?;
                Undo::ChildAdded(c.id)
            }
            Redo::ChildEdit(mut c) => {
                let earlier: Child = store.child(c.id)?.unwrap_or_else(|| (*c).clone());
                store.save_child(&mut c)?;
                Undo::ChildEdited(Box::new(earlier))
            }
            Redo::Pairing(mut l) => {
                l.pairing.id = 0;
                Undo::PairingAdded(store.write(|w| w.save_ledger(&l))?)
            }
        };
        if !matches!(undo, Undo::VisitAdded(_) | Undo::VisitEdited(_)) {
            self.ctx.reread_book()?;
        }
        let words = self.undo_words(&undo);
        let child = match &undo {
            Undo::VisitAdded(id) => self.ctx.store.visit(*id)?.map(|v| v.child_id),
            Undo::VisitEdited(v) => Some(v.child_id),
            Undo::ChildAdded(id) => Some(*id),
            Undo::ChildEdited(c) => Some(c.id),
            Undo::PairingAdded(_) => None,
        };
        let pairing = matches!(undo, Undo::PairingAdded(_));
        self.ctx.undo.push(undo);
        match child {
            Some(id) => self.refresh_child(id)?,
            None if pairing => self.screens_read_again()?,
            None => self.refresh()?,
        }
        self.ctx.say(tf(M::Redone, &[&words]), Tone::Good);
        Ok(())
    }
}
