//! The keys of the case file that keep the register true: a referral for a
//! benefit gap in one key, an exit at 18 confirmed in two, a care agreement
//! printed for an entrusted caregiver.

use super::Effect;
use super::casefile::Detail;
use crate::domain::benefits::BenefitKind;
use crate::domain::referral::{Kind, Reason};
use crate::domain::register::Review;
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
            use crate::domain::register::basis;
            let today = ctx.today;
            let found: Vec<Review> = d.reviews.iter().map(|(r, _)| *r).collect();
            ctx.store.write(|w| {
                for r in &found {
                    w.decline_review(c.id, r.code(), &basis(c, *r, d.last_seen), today)?;
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
            Some((gap, detail)) => Effect::FormWith(
                Target::Referral {
                    child: c.id,
                    kind: Kind::Referral,
                    id: None,
                    visit: None,
                },
                vec![
                    ("reason", reason_of(gap.missing).code().to_string()),
                    ("target", gap.missing.body().to_string()),
                    ("what", detail.clone()),
                ],
            ),
            None => {
                ctx.say(t(M::NoGap), Tone::Info);
                Effect::None
            }
        },
        Action::ConfirmExit => {
            // The first review that changes the file: an exit at 18, or
            // leaving the left-behind category.
            let review = d
                .reviews
                .iter()
                .map(|(r, _)| *r)
                .find(|r| *r != Review::StaleQuarter);
            match review {
                Some(r) => Effect::Popup(Popup::Ask(Ask::about(
                    Question::ConfirmReview(c.id, r),
                    c.name.clone(),
                ))),
                None => {
                    ctx.say(t(M::NoAge18), Tone::Info);
                    Effect::None
                }
            }
        }
        Action::TemporaryCare => Effect::Form(Target::Temporary {
            child: c.id,
            open: d
                .temporaries
                .iter()
                .find(|e| e.ended_on.is_none())
                .map(|e| e.id),
        }),
        Action::CarePlan => Effect::Form(Target::Measure(c.id)),
        Action::PrintFile => Effect::Work(Job::PrintFile { child: c.id }),
        _ => Effect::Work(Job::PrintAgreement { child: c.id }),
    })
}
