//! The keys of the case file that keep the register true: a referral for a
//! benefit gap in one key, an exit at 18 confirmed in two, a care agreement
//! printed for an entrusted caregiver.

use super::Effect;
use super::casefile::Detail;
use crate::domain::benefits::BenefitKind;
use crate::domain::referral::{Kind, Reason};
use crate::i18n::{M, t};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, Tone};
use crate::tui::forms::Target;
use crate::tui::jobs::Job;
use crate::tui::popups::Popup;
use crate::tui::popups::ask::{Ask, Question};

/// The referral reason a missing benefit goes under.
fn reason_of(b: BenefitKind) -> Reason {
    match b {
        BenefitKind::OrphanAllowance | BenefitKind::DeFactoAllowance => Reason::Allowance,
        BenefitKind::Dibao | BenefitKind::Tekun | BenefitKind::TempRelief => Reason::Subsistence,
        BenefitKind::MedicalRelief | BenefitKind::MedicalInsurance => Reason::Medical,
        BenefitKind::DisabilityLiving
        | BenefitKind::DisabilityCare
        | BenefitKind::Rehab
        | BenefitKind::TomorrowPlan => Reason::Rehab,
        BenefitKind::SchoolAid => Reason::Other,
    }
}

pub fn act(action: Action, d: &Detail, ctx: &mut Ctx) -> anyhow::Result<Effect> {
    let c = &d.child;
    Ok(match action {
        Action::ConfirmFile => {
            let today = ctx.today;
            ctx.store.write(|w| w.confirm_file(c.id, today))?;
            let day = crate::domain::date::iso(today);
            ctx.say(
                crate::i18n::tf(M::FileConfirmed, &[&c.name, &day]),
                Tone::Good,
            );
            Effect::None
        }
        Action::DeclineReviews => {
            use crate::domain::register::{basis, reviews};
            let today = ctx.today;
            let found = reviews(c, Some(today), today);
            ctx.store.write(|w| {
                for r in &found {
                    w.decline_review(c.id, r.code(), &basis(c, *r, Some(today)), today)?;
                }
                Ok(())
            })?;
            ctx.say(
                crate::i18n::tf(M::ReviewsDeclined, &[&found.len(), &c.name]),
                Tone::Info,
            );
            Effect::None
        }
        Action::GapReferral => match d.gaps.first() {
            Some(gap) => Effect::FormWith(
                Target::Referral {
                    child: c.id,
                    kind: Kind::Referral,
                    id: None,
                    visit: None,
                },
                vec![
                    ("reason", reason_of(*gap).code().to_string()),
                    ("target", gap.body().to_string()),
                    (
                        "what",
                        crate::i18n::tf(M::GapDetail, &[&gap.zh(), &gap.body()]),
                    ),
                ],
            ),
            None => {
                ctx.say(t(M::NoGap), Tone::Info);
                Effect::None
            }
        },
        Action::ConfirmExit => {
            let adult = c.age_on(ctx.today).is_some_and(|a| a >= 18)
                && c.status == crate::domain::ChildStatus::Active;
            if adult {
                Effect::Popup(Popup::Ask(Ask::about(
                    Question::ConfirmExit(c.id),
                    c.name.clone(),
                )))
            } else {
                ctx.say(t(M::NoAge18), Tone::Info);
                Effect::None
            }
        }
        _ => Effect::Work(Job::PrintAgreement { child: c.id }),
    })
}
