//! Keeping the register true on screen: a benefit gap referred in one key,
//! an exit at 18 confirmed in two, a care agreement printed.

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::domain::benefits::{default_rules, gaps};
use shouhu::domain::{ChildStatus, referral::Kind};
use shouhu::tui::popups::Popup;
use ui_common::{app, press, render, today};

#[test]
fn a_gap_is_referred_in_one_key_and_an_exit_at_18_confirmed_in_two() {
    let mut a = app(300);
    // A child with a benefit gap: b opens the referral to the body that grants it.
    let found = gaps(&a.ctx.store.gap_cases().unwrap(), &default_rules(), today());
    let gap = found.first().expect("the demo has gaps").clone();
    a.open_case(gap.child).unwrap();
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("核实提示")
            || a.screens
                .cases
                .detail
                .as_ref()
                .is_some_and(|d| !d.gaps.is_empty()),
        "{screen}"
    );
    press(&mut a, "b");
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert_eq!(fp.form.get("target"), gap.missing.body());
    assert!(matches!(
        fp.target,
        shouhu::tui::forms::Target::Referral {
            kind: Kind::Referral,
            ..
        }
    ));
    press(&mut a, "<F2>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let r = &a.ctx.referrals[0];
    assert_eq!(
        (r.child, r.target.as_str()),
        (gap.child, gap.missing.body())
    );
    // A child who turned 18: X, y — exited, dated the 18th birthday.
    let adult = a
        .ctx
        .reg
        .cases
        .iter()
        .find(|c| {
            c.status == ChildStatus::Active
                && c.birth_date
                    .is_some_and(|b| shouhu::domain::child::age_between(b, today()) >= 18)
        })
        .expect("the demo has a child of 18")
        .clone();
    a.open_case(adult.id).unwrap();
    press(&mut a, "X");
    assert!(
        matches!(a.popups.last(), Some(Popup::Ask(_))),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "y");
    let c = a.ctx.store.child(adult.id).unwrap().unwrap();
    assert_eq!(c.status, ChildStatus::Exited);
    let born = adult.birth_date.unwrap();
    assert_eq!(
        c.exit_date,
        chrono::Datelike::with_year(&born, chrono::Datelike::year(&born) + 18)
    );
    assert_eq!(c.exit_reason, "年满18周岁");
    // Ctrl-Z takes it back.
    press(&mut a, "<C-z>");
    assert_eq!(
        a.ctx.store.child(adult.id).unwrap().unwrap().status,
        ChildStatus::Active
    );
}

#[test]
fn a_care_agreement_prints_for_an_entrusted_caregiver() {
    let mut a = app(120);
    let id = a
        .ctx
        .reg
        .cases
        .iter()
        .map(|c| c.id)
        .find(|&id| {
            a.ctx
                .store
                .child(id)
                .unwrap()
                .is_some_and(|c| !c.caregiver.name.is_empty())
        })
        .expect("a child with an entrusted caregiver");
    a.open_case(id).unwrap();
    press(&mut a, "A");
    let file = std::fs::read_dir(&a.ctx.out_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("agreement-"))
        .expect("the agreement printed");
    let html = std::fs::read_to_string(file.path()).unwrap();
    let c = a.ctx.store.child(id).unwrap().unwrap();
    assert!(html.contains("委托照护协议书") && html.contains(&c.caregiver.name));
}

#[test]
fn a_declined_review_is_not_proposed_again_and_a_confirmed_file_is_not_stale() {
    use shouhu::cli::register::review_findings;
    let mut a = app(300);
    let listed = |a: &shouhu::tui::app::App, code: &str| -> Vec<String> {
        review_findings(&a.ctx.store, today())
            .unwrap()
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| f.name)
            .collect()
    };
    let home = listed(&a, "parents_home");
    let name = home
        .first()
        .expect("the demo has a parents_home case")
        .clone();
    let id = a.ctx.reg.cases.iter().find(|c| c.name == name).unwrap().id;
    a.open_case(id).unwrap();
    press(&mut a, "D");
    assert!(!listed(&a, "parents_home").contains(&name));
    // A file untouched since summer, confirmed today: no longer stale.
    let stale = listed(&a, "stale_quarter");
    let name = stale.first().expect("the demo has stale files").clone();
    let id = a.ctx.reg.cases.iter().find(|c| c.name == name).unwrap().id;
    a.open_case(id).unwrap();
    press(&mut a, "C");
    assert!(!listed(&a, "stale_quarter").contains(&name));
}
