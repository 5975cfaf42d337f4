//! The demo township's reports, referrals and notices, in every state, some
//! sent long enough ago to await feedback and one report not yet sent. From
//! its own generator, so that the children and the ledger stay as they were.

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::Rng;
use crate::domain::referral::{Kind, Reason, Severity, State};
use crate::store::Writer;
use crate::store::referrals::Referral;

/// The walks through the states the demo's items have taken, by the last state.
const PATHS: &[&[State]] = &[
    &[],
    &[State::Sent],
    &[State::Sent, State::Accepted],
    &[State::Sent, State::Accepted, State::InProgress],
    &[State::Sent, State::Accepted, State::Answered],
    &[State::Sent, State::Accepted, State::Answered, State::Closed],
    &[State::Sent, State::Returned],
];

const WHAT: &[(Reason, &str, &str)] = &[
    (
        Reason::LivingAlone,
        "公安",
        "父母外出务工，儿童独自在家居住",
    ),
    (
        Reason::NoCapableGuardian,
        "公安",
        "祖父母年迈多病，无力照护",
    ),
    (Reason::DomesticViolence, "公安", "身上多处淤青，称被继父打"),
    (Reason::Harm, "公安", "放学途中被人拦截索要财物"),
    (Reason::Dropout, "教育", "开学后两周未到校，劝返未果"),
    (Reason::Subsistence, "民政", "家庭收入骤降，申请临时救助"),
    (
        Reason::Allowance,
        "民政",
        "父亲服刑，申请事实无人抚养儿童补贴",
    ),
    (Reason::Medical, "医保", "住院费用高，申请医疗救助"),
    (Reason::Rehab, "残联", "听力残疾，申请康复救助"),
    (
        Reason::FamilyEducation,
        "妇联",
        "家长教育方式粗暴，需家庭教育指导",
    ),
    (Reason::Counselling, "社工", "情绪低落，不愿与人交流"),
    (Reason::HukouRegistration, "公安", "无户籍，协助落户登记"),
];

/// Fills reports and referrals for about one child in twenty, at least one
/// in every state.
pub fn generate(w: &Writer<'_>, children: &[i64], seed: u64, today: NaiveDate) -> Result<usize> {
    let mut rng = Rng::new(seed ^ 0x5e_f3a1_0000);
    let n = (children.len() / 20).clamp(PATHS.len().min(children.len()), 1000);
    let mut made = 0;
    for k in 0..n {
        let child = *rng.pick(children);
        // The first is a report (of the four situations listed first).
        let (reason, body, what) = match k {
            0 => *rng.pick(&WHAT[..4]),
            // The returned one is a referral (a returned report is mended and sent at once).
            6 => *rng.pick(&WHAT[4..]),
            _ => *rng.pick(WHAT),
        };
        let kind = if reason.mandatory() {
            Kind::Mandatory
        } else if rng.chance(15) {
            Kind::Notice
        } else {
            Kind::Referral
        };
        // One of each walk first (the first: a report raised this morning
        // and not yet sent), then any.
        let mut path: &[State] = PATHS.get(k).copied().unwrap_or_else(|| *rng.pick(PATHS));
        if reason.mandatory() && path.last() == Some(&State::Returned) {
            path = PATHS[5];
        }
        let ago = if k == 0 { 0 } else { 3 + rng.below(60) };
        let raised_on = today - Days::new(ago);
        let raised_at = raised_on
            .and_hms_opt(8 + rng.below(8) as u32, 30, 0)
            .unwrap_or_default();
        let mut r = Referral::new(child, kind, raised_at, "李主任");
        r.reason = reason;
        r.target = body.to_string();
        r.what = what.to_string();
        r.severity = *rng.pick(&[Severity::Normal, Severity::Serious, Severity::Urgent]);
        r.found_on = Some(raised_on - Days::new(rng.below(3)));
        if kind == Kind::Notice {
            r.sender = r.target.clone();
            r.arrived_on = Some(raised_on);
        }
        w.save_referral(&mut r)?;
        let mut day = raised_on;
        for &to in path {
            day = (day + Days::new(rng.below(6))).min(today);
            if to == State::Answered || to == State::Closed {
                r.answer = format!("{}已办理", r.target);
            }
            if to == State::Closed {
                r.outcome = "问题已解决，儿童情况稳定".into();
            }
            let at = day.and_hms_opt(10, 0, 0).unwrap_or_default();
            let _ = w.move_referral(&mut r, to, at, "")?;
        }
        made += 1;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use crate::domain::referral::State;
    use crate::store::Store;
    use chrono::NaiveDate;

    #[test]
    fn the_demo_has_an_item_in_every_state_some_awaiting_and_one_unsent_report() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let made = super::super::generate(&mut s, 300, 1, today).unwrap();
        let items = s.referrals().unwrap();
        assert_eq!(items.len(), made.referrals);
        for state in State::ALL {
            assert!(items.iter().any(|r| r.state == *state), "{state:?}");
        }
        assert!(items.iter().any(|r| r.awaiting(today, 7)));
        assert!(items.iter().any(|r| r.critical()));
        for r in &items {
            assert!(r.reason.fits(r.kind), "{r:?}");
            assert!(r.raised_at.date() <= today && r.sent_on.is_none_or(|d| d <= today));
            if r.state == State::Closed {
                assert!(!r.outcome.is_empty());
            }
        }
    }
}
