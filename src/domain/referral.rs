//! Mandatory reports and referrals (强制报告, 转介; `spec/domain.md`), and the
//! notices that arrive at the township: their words, their states, and the
//! rules of moving between them, as pure functions.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::vocab::vocab;

vocab! {
    /// What an item is: a report to the police, a problem passed to a body,
    /// or a notice that came in (the police's, a school's, the county's).
    Kind {
        Mandatory = "mandatory", "强制报告", "mandatory report", ["报告", "强制"];
        Referral = "referral", "转介", "referral", ["转办"];
        Notice = "notice", "来文通知", "notice received", ["通知", "来文", "告知"];
    }
}

vocab! {
    /// Why: the six situations that must be reported (001 002 003 004), then
    /// the problems passed to the body that can solve them.
    Reason {
        LivingAlone = "living_alone", "脱离监护单独居住", "living alone without guardianship", ["单独居住", "独居"];
        Missing = "missing", "失踪", "missing", ["走失"];
        NoCapableGuardian = "no_capable_guardian", "监护人丧失监护能力或不履行监护职责", "guardian unable or failing", ["监护缺失", "不履行监护职责", "丧失监护能力"];
        DomesticViolence = "domestic_violence", "疑似遭受家庭暴力", "suspected domestic violence", ["家庭暴力", "家暴"];
        Harm = "harm", "疑似遭受意外伤害或不法侵害", "suspected injury or unlawful harm", ["意外伤害", "不法侵害"];
        OtherDanger = "other_danger", "其他危险情形", "other danger", ["其他危险"];
        Dropout = "dropout", "控辍保学", "dropout return", ["辍学", "劝返"];
        Subsistence = "subsistence", "低保和临时救助", "subsistence and relief", ["低保", "临时救助"];
        Allowance = "allowance", "孤儿和事实无人抚养补贴", "orphan and de-facto allowances", ["孤儿补贴", "事实无人抚养补贴"];
        Medical = "medical", "医疗救助", "medical relief", [];
        Rehab = "rehab", "康复和残疾人两项补贴", "rehabilitation and disability allowances", ["康复救助", "残疾人两项补贴"];
        FamilyEducation = "family_education", "家庭教育指导", "family-education guidance", [];
        LegalAid = "legal_aid", "法律援助", "legal aid", [];
        Jobs = "jobs", "父母就业培训", "jobs and training for parents", ["就业培训"];
        Counselling = "counselling", "心理辅导", "counselling", ["心理疏导"];
        FamilyTracing = "family_tracing", "寻亲返家", "family tracing", ["寻亲"];
        HukouRegistration = "hukou_registration", "落户登记", "household registration", ["落户", "户籍登记"];
        Other = "other", "其他", "other", [];
    }
}

impl Reason {
    /// One of the six situations of a mandatory report.
    pub fn mandatory(self) -> bool {
        (self as usize) <= Reason::OtherDanger as usize
    }

    /// Whether an item of `kind` may give this reason: a mandatory report one
    /// of the six, a referral one of the others, a notice any.
    pub fn fits(self, kind: Kind) -> bool {
        match kind {
            Kind::Mandatory => self.mandatory(),
            Kind::Referral => !self.mandatory(),
            Kind::Notice => true,
        }
    }
}

vocab! {
    /// How serious it is.
    Severity {
        Normal = "normal", "一般", "normal", [];
        Serious = "serious", "严重", "serious", [];
        Urgent = "urgent", "紧急", "urgent", ["危急"];
    }
}

vocab! {
    /// Where an item is: drafted, sent, accepted by the body, being dealt
    /// with, answered, closed; or returned by the body.
    State {
        Draft = "draft", "草稿", "draft", ["未发送"];
        Sent = "sent", "已发送", "sent", ["已报告", "已转介"];
        Accepted = "accepted", "已受理", "accepted", ["受理"];
        InProgress = "in_progress", "办理中", "in progress", ["处理中"];
        Answered = "answered", "已反馈", "answered", ["已答复", "反馈"];
        Closed = "closed", "已办结", "closed", ["办结", "结案"];
        Returned = "returned", "已退回", "returned", ["退回"];
    }
}

vocab! {
    /// What follows a report (004): the parents told, the search, the
    /// township's assessment, the return to school, and the guardian
    /// interventions that escalate (001 002 003).
    FollowUp {
        ParentsTold = "parents_told", "通知父母返回或委托照护", "parents told to return or name a guardian", ["通知父母"];
        Search = "search", "寻找失踪儿童", "search for the missing child", ["寻找"];
        Assessment = "assessment", "调查评估", "assessment", ["评估"];
        ReturnToSchool = "return_to_school", "劝返复学", "return to school", ["劝返"];
        Admonish = "admonish", "劝诫", "admonition", [];
        Reprimand = "reprimand", "训诫", "reprimand", [];
        FamilyGuidance = "family_guidance", "家庭教育指导", "family-education guidance order", ["家庭教育指导令"];
    }
}

/// The follow-ups an item calls for, the likeliest first; for a guardian,
/// the next step of 劝诫 → 训诫 → 家庭教育指导 after the last one recorded.
pub fn follow_ups(kind: Kind, reason: Reason, done: &[FollowUp]) -> Vec<FollowUp> {
    use FollowUp::*;
    let ladder = [Admonish, Reprimand, FamilyGuidance];
    let next_rung = ladder
        .iter()
        .position(|r| !done.contains(r))
        .map(|i| ladder[i]);
    let mut out: Vec<FollowUp> = match reason {
        Reason::LivingAlone | Reason::NoCapableGuardian => vec![ParentsTold, Assessment],
        Reason::Missing => vec![Search],
        Reason::DomesticViolence | Reason::Harm => vec![Assessment],
        Reason::Dropout => vec![ReturnToSchool],
        _ => Vec::new(),
    };
    // The police's notice of a child without guardianship: the assessment first.
    if kind == Kind::Notice {
        out.retain(|f| *f != Assessment);
        out.insert(0, Assessment);
    }
    if matches!(reason, Reason::NoCapableGuardian | Reason::DomesticViolence)
        && let Some(r) = next_rung
    {
        out.push(r);
    }
    for f in FollowUp::ALL {
        if !out.contains(f) {
            out.push(*f);
        }
    }
    out
}

/// The bodies an item goes to (or comes from); a township adds its own.
pub const BODIES: [&str; 11] = [
    "公安", "民政", "教育", "妇联", "卫健", "医保", "残联", "司法", "人社", "团委", "社工",
];

/// The days after sending at which an unanswered item awaits feedback.
pub const FEEDBACK_DAYS: u64 = 7;

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// Already in that state.
    Same,
    /// Back along the states (only a returned item goes back, to draft).
    Backward,
    /// A closed item stays closed.
    Closed,
    /// Closing needs the outcome.
    NeedOutcome,
    /// Only an item that was sent can be returned.
    NotSent,
}

impl State {
    /// The place along `draft → sent → accepted → in_progress → answered →
    /// closed` (a returned item is outside it).
    fn rank(self) -> Option<u8> {
        match self {
            State::Draft => Some(0),
            State::Sent => Some(1),
            State::Accepted => Some(2),
            State::InProgress => Some(3),
            State::Answered => Some(4),
            State::Closed => Some(5),
            State::Returned => None,
        }
    }

    /// Sent and not yet closed or returned: a body has it.
    pub fn with_body(self) -> bool {
        matches!(self, State::Sent | State::Accepted | State::InProgress)
    }

    /// Not yet sent: a draft, or returned to be mended.
    pub fn unsent(self) -> bool {
        matches!(self, State::Draft | State::Returned)
    }
}

/// Whether an item may move from `from` to `to`: forward moves may skip
/// steps; a body may return what it was sent; a returned item goes back to
/// draft to be mended (or is closed); closing needs an outcome.
pub fn can_move(from: State, to: State, has_outcome: bool) -> Result<(), MoveError> {
    if from == to {
        return Err(MoveError::Same);
    }
    if from == State::Closed {
        return Err(MoveError::Closed);
    }
    if to == State::Closed && !has_outcome {
        return Err(MoveError::NeedOutcome);
    }
    match (from.rank(), to.rank()) {
        (None, _) => match to {
            State::Draft | State::Closed => Ok(()),
            _ => Err(MoveError::Backward),
        },
        (Some(0), None) => Err(MoveError::NotSent),
        (Some(_), None) => Ok(()),
        (Some(a), Some(b)) if b > a => Ok(()),
        _ => Err(MoveError::Backward),
    }
}

/// The day an item counts as sent after a move from `from` to `to` on
/// `day`: set when it leaves draft for any later state, cleared when it goes
/// back to draft, kept otherwise.
pub fn sent_on_after(
    from: State,
    to: State,
    day: NaiveDate,
    sent_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (from, to) {
        (_, State::Draft) => None,
        (State::Draft, t) if t.rank().is_some() => Some(day),
        _ => sent_on,
    }
}

/// An item with a body that has not answered `days` days after it was sent.
pub fn awaiting_feedback(
    state: State,
    sent_on: Option<NaiveDate>,
    today: NaiveDate,
    days: u64,
) -> bool {
    state.with_body() && sent_on.is_some_and(|s| today >= s + Days::new(days))
}

/// A mandatory report not yet sent: critical from the moment it is raised.
pub fn critical(kind: Kind, state: State) -> bool {
    kind == Kind::Mandatory && state.unsent()
}

/// The whole hours from `raised` to `now` (0 when `now` is earlier).
pub fn age_hours(raised: NaiveDateTime, now: NaiveDateTime) -> i64 {
    (now - raised).num_hours().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    #[test]
    fn forward_moves_may_skip_steps_and_backward_ones_are_refused() {
        let line = [Draft, Sent, Accepted, InProgress, Answered];
        for (i, &from) in line.iter().enumerate() {
            for &to in &line[i + 1..] {
                assert_eq!(can_move(from, to, false), Ok(()), "{from:?} → {to:?}");
            }
            for &to in &line[..i] {
                assert_eq!(
                    can_move(from, to, true),
                    Err(MoveError::Backward),
                    "{from:?} → {to:?}"
                );
            }
            assert_eq!(can_move(from, from, true), Err(MoveError::Same));
        }
    }

    #[test]
    fn closing_needs_an_outcome_and_a_closed_item_stays_closed() {
        assert_eq!(
            can_move(Answered, Closed, false),
            Err(MoveError::NeedOutcome)
        );
        assert_eq!(can_move(Answered, Closed, true), Ok(()));
        assert_eq!(can_move(Draft, Closed, true), Ok(()));
        for to in State::ALL {
            assert!(can_move(Closed, *to, true).is_err(), "{to:?}");
        }
    }

    #[test]
    fn only_a_sent_item_is_returned_and_a_returned_one_goes_back_to_draft() {
        assert_eq!(can_move(Draft, Returned, false), Err(MoveError::NotSent));
        for from in [Sent, Accepted, InProgress, Answered] {
            assert_eq!(can_move(from, Returned, false), Ok(()), "{from:?}");
        }
        assert_eq!(can_move(Returned, Draft, false), Ok(()));
        assert_eq!(can_move(Returned, Closed, true), Ok(()));
        for to in [Sent, Accepted, InProgress, Answered] {
            assert_eq!(
                can_move(Returned, to, false),
                Err(MoveError::Backward),
                "{to:?}"
            );
        }
    }

    #[test]
    fn sent_on_is_the_day_it_left_draft_even_when_sent_was_skipped() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        assert_eq!(sent_on_after(Draft, Sent, d(2), None), Some(d(2)));
        assert_eq!(sent_on_after(Draft, Accepted, d(3), None), Some(d(3)));
        assert_eq!(sent_on_after(Sent, Accepted, d(5), Some(d(2))), Some(d(2)));
        assert_eq!(sent_on_after(Sent, Returned, d(6), Some(d(2))), Some(d(2)));
        assert_eq!(sent_on_after(Returned, Draft, d(7), Some(d(2))), None);
        assert_eq!(sent_on_after(Draft, Sent, d(9), None), Some(d(9)));
    }

    #[test]
    fn awaiting_feedback_from_the_seventh_day_while_a_body_has_it() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        let sent = Some(d(1));
        assert!(!awaiting_feedback(Sent, sent, d(7), FEEDBACK_DAYS));
        assert!(awaiting_feedback(Sent, sent, d(8), FEEDBACK_DAYS));
        assert!(awaiting_feedback(InProgress, sent, d(20), FEEDBACK_DAYS));
        assert!(!awaiting_feedback(Answered, sent, d(20), FEEDBACK_DAYS));
        assert!(!awaiting_feedback(Draft, None, d(20), FEEDBACK_DAYS));
        assert!(awaiting_feedback(Sent, sent, d(4), 3));
    }

    #[test]
    fn an_unsent_mandatory_report_is_critical_and_ages_in_hours() {
        assert!(critical(Kind::Mandatory, Draft));
        assert!(critical(Kind::Mandatory, Returned));
        assert!(!critical(Kind::Mandatory, Sent));
        assert!(!critical(Kind::Referral, Draft));
        let at = |d, h| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .unwrap()
                .and_hms_opt(h, 30, 0)
                .unwrap()
        };
        assert_eq!(age_hours(at(23, 8), at(23, 11)), 3);
        assert_eq!(age_hours(at(22, 8), at(23, 11)), 27);
        assert_eq!(age_hours(at(23, 11), at(23, 8)), 0);
    }

    #[test]
    fn follow_ups_come_in_the_order_004_gives_them() {
        use FollowUp::*;
        let first = |k, r, done: &[FollowUp]| follow_ups(k, r, done)[0];
        assert_eq!(
            first(Kind::Mandatory, Reason::LivingAlone, &[]),
            ParentsTold
        );
        assert_eq!(first(Kind::Mandatory, Reason::Missing, &[]), Search);
        assert_eq!(first(Kind::Notice, Reason::LivingAlone, &[]), Assessment);
        assert_eq!(first(Kind::Referral, Reason::Dropout, &[]), ReturnToSchool);
        // The guardian's ladder: the next rung after those recorded.
        let v = follow_ups(Kind::Mandatory, Reason::DomesticViolence, &[]);
        assert_eq!(&v[..2], [Assessment, Admonish]);
        let v = follow_ups(Kind::Mandatory, Reason::DomesticViolence, &[Admonish]);
        assert_eq!(&v[..2], [Assessment, Reprimand]);
        let v = follow_ups(
            Kind::Mandatory,
            Reason::DomesticViolence,
            &[Admonish, Reprimand],
        );
        assert_eq!(&v[..2], [Assessment, FamilyGuidance]);
        // Every kind of follow-up is offered, once.
        assert_eq!(v.len(), FollowUp::ALL.len());
    }

    #[test]
    fn reasons_fit_their_kind_and_read_as_clerks_write_them() {
        assert!(Reason::Missing.fits(Kind::Mandatory));
        assert!(!Reason::Dropout.fits(Kind::Mandatory));
        assert!(Reason::Dropout.fits(Kind::Referral));
        assert!(!Reason::Harm.fits(Kind::Referral));
        assert!(Reason::Harm.fits(Kind::Notice));
        assert_eq!(Reason::parse("控辍保学"), Some(Reason::Dropout));
        assert_eq!(Reason::parse("dropout"), Some(Reason::Dropout));
        assert_eq!(Reason::parse("家暴"), Some(Reason::DomesticViolence));
        assert_eq!(
            Reason::ALL.iter().filter(|r| r.mandatory()).count(),
            6,
            "the six situations of 004"
        );
        assert_eq!(Severity::parse("紧急"), Some(Severity::Urgent));
    }
}
