//! Reports and referrals as an officer meets them on screen: raised from a
//! visit in a few keys, red on every screen until sent, answered and closed,
//! awaiting feedback eight days after sending, printed.

#[path = "common/ui.rs"]
mod ui_common;

use chrono::Days;
use shouhu::domain::referral::{Kind, Reason, State};
use shouhu::tui::app::App;
use shouhu::tui::popups::Popup;
use shouhu::tui::screens::ScreenId;
use shouhu::tui::theme::Theme;
use ui_common::{app, press, render, tab_to, today};

fn last_line(a: &App) -> String {
    render(a, 80, 24).lines().nth(23).unwrap_or("").to_string()
}

#[test]
fn a_report_from_a_visit_stays_red_until_sent_then_is_answered_and_closed() {
    let mut a = app(60);
    // Start from no report at all.
    for r in a.ctx.referrals.clone() {
        if r.critical() {
            let mut r = r;
            r.outcome = "测试前办结".into();
            let at = r.raised_at;
            a.ctx
                .store
                .write(|w| w.move_referral(&mut r, State::Closed, at, ""))
                .unwrap()
                .unwrap();
        }
    }
    a.ctx.reread_referrals().unwrap();
    assert!(a.ctx.unsent().is_empty());
    let before = a.ctx.referrals.len();
    // 今日: v on the first child, 「强制报告情形」 1 (脱离监护单独居住), save.
    press(&mut a, "1");
    let child = {
        use shouhu::tui::screens::Screen;
        a.screens.today.child(&a.ctx).unwrap()
    };
    press(&mut a, "v");
    tab_to(&mut a, "report_reason");
    press(&mut a, "1<C-s>");
    // The report form is there, on that child, with the situation filled in.
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(fp.form.get("reason"), Reason::LivingAlone.code());
    assert!(matches!(
        fp.target,
        shouhu::tui::forms::Target::Referral {
            kind: Kind::Mandatory,
            visit: Some(_),
            ..
        }
    ));
    press(&mut a, "<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(a.ctx.referrals.len(), before + 1);
    let item = a.ctx.referrals[0].clone();
    assert_eq!((item.child, item.state), (child, State::Draft));
    assert!(item.source.starts_with("visit:"));
    // Red on every screen, with the child's name.
    let (name, _) = a.ctx.child_name(child);
    for n in 1..=6 {
        press(&mut a, &n.to_string());
        let line = last_line(&a);
        assert!(
            line.contains("强制报告未发送") && line.contains(&name),
            "{n}: {line}"
        );
    }
    // 今日 lists it first.
    press(&mut a, "1");
    assert!(matches!(
        a.screens.today.alerts[0].kind,
        shouhu::domain::alerts::AlertKind::ReportsUnsent { count: 1, .. }
    ));
    // 5: it is first in the list; m, 已发送, a note, F2.
    press(&mut a, "5");
    assert_eq!(a.screens.referrals.rows[0], 0);
    press(&mut a, "m");
    press(&mut a, "<Enter>");
    press(&mut a, "已电话报告派出所<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let r = a.ctx.store.referral(item.id).unwrap().unwrap();
    assert_eq!((r.state, r.sent_on), (State::Sent, Some(today())));
    assert!(!last_line(&a).contains("强制报告未发送"));
    // a: what follows a child living alone — the parents told first, then
    // the township's assessment of safety, guardianship and health.
    press(&mut a, "a");
    assert!(matches!(a.popups.last(), Some(Popup::Pick(_))));
    press(&mut a, "<Enter>");
    press(&mut a, "<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    press(&mut a, "a<Down><Enter>");
    tab_to(&mut a, "safety");
    press(&mut a, "独居，门窗不牢<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let follow = a.ctx.store.follow_ups(Some(item.id)).unwrap();
    let kinds: Vec<_> = follow.iter().map(|f| f.kind).collect();
    use shouhu::domain::referral::FollowUp;
    assert_eq!(kinds, [FollowUp::ParentsTold, FollowUp::Assessment]);
    assert_eq!(follow[1].safety, "独居，门窗不牢");
    // The police's answer, then closed with the outcome (refused without it).
    press(&mut a, "m");
    press(&mut a, "反<Enter>");
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(
        fp.target,
        shouhu::tui::forms::Target::Move {
            id: item.id,
            to: State::Answered
        }
    );
    tab_to(&mut a, "answer");
    press(&mut a, "派出所已出警，儿童由姑姑接回<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    press(&mut a, "m");
    press(&mut a, "结<Enter><F2>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))),
        "the outcome is needed"
    );
    tab_to(&mut a, "outcome");
    press(&mut a, "由姑姑委托照护，已签协议<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let r = a.ctx.store.referral(item.id).unwrap().unwrap();
    assert_eq!(r.state, State::Closed);
    assert_eq!(r.answer, "派出所已出警，儿童由姑姑接回");
    assert_eq!(r.outcome, "由姑姑委托照护，已签协议");
    assert_eq!(a.ctx.store.referral_moves(item.id).unwrap().len(), 3);
}

#[test]
fn a_dropout_referral_awaits_feedback_on_today_eight_days_later_and_prints() {
    let mut a = app(30);
    press(&mut a, "2r");
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert!(matches!(
        fp.target,
        shouhu::tui::forms::Target::Referral {
            kind: Kind::Referral,
            ..
        }
    ));
    // 控辍保学 to 教育.
    press(&mut a, "控");
    tab_to(&mut a, "target");
    press(&mut a, "<C-u>教<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let item = a
        .ctx
        .referrals
        .iter()
        .find(|r| r.reason == Reason::Dropout && r.state == State::Draft)
        .unwrap()
        .clone();
    assert_eq!(item.target, "教育");
    press(&mut a, "5");
    let at = a
        .screens
        .referrals
        .rows
        .iter()
        .position(|&i| a.ctx.referrals[i].id == item.id)
        .unwrap();
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "m<Enter><F2>");
    assert_eq!(
        a.ctx.store.referral(item.id).unwrap().unwrap().state,
        State::Sent
    );
    // p prints its form: the full ID number is there, and the print is in the log.
    press(&mut a, "p");
    let form = std::fs::read_dir(&a.ctx.out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("referral-"))
        .expect("a printed form");
    let html = std::fs::read_to_string(form.path()).unwrap();
    let id_number = a.ctx.store.child(item.child).unwrap().unwrap().id_number;
    if !id_number.is_empty() {
        assert!(html.contains(&id_number));
    }
    assert!(html.contains("控辍保学") && html.contains("签收"));
    assert!(
        a.ctx
            .store
            .audit_recent(5)
            .unwrap()
            .iter()
            .any(|e| e.action == "print")
    );
    // Eight days later, 今日 says it awaits feedback.
    let store = a.ctx.store;
    let later = today() + Days::new(8);
    let b = App::new(store, later, Theme::default_theme()).unwrap();
    let awaiting = b.screens.today.alerts.iter().any(|x| {
        matches!(
            x.kind,
            shouhu::domain::alerts::AlertKind::AwaitingFeedback { .. }
        )
    });
    assert!(awaiting);
    assert!(render(&b, 80, 24).contains("待反馈"));
    assert_eq!(b.screen, ScreenId::Today);
}
