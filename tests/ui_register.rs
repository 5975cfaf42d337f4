//! Keeping the register true on screen: a benefit gap referred in one key,
//! an exit at 18 confirmed in two, a care agreement printed.

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::domain::benefits::{default_rules, gaps};
use shouhu::domain::{ChildStatus, referral::Kind};
use shouhu::tui::popups::Popup;
use ui_common::{app, press, render, tab_to, today};

#[test]
fn a_gap_is_referred_in_one_key_and_an_exit_at_18_confirmed_in_two() {
    let mut a = app(300);
    // A child with a benefit gap: b opens the referral to the body that grants it.
    let found = gaps(
        &a.ctx.store.gap_cases().unwrap(),
        &default_rules(),
        today(),
        None,
    );
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

/// The first active child the store's register read finds with `review`.
fn with_review(a: &shouhu::tui::app::App, review: shouhu::domain::register::Review) -> i64 {
    a.ctx
        .checks
        .reviews
        .iter()
        .find(|(_, r)| *r == review)
        .map(|(c, _)| *c)
        .expect("the demo has that review")
}

#[test]
fn a_left_behind_child_whose_parents_came_home_leaves_the_category_in_two_keys() {
    use shouhu::domain::Category;
    use shouhu::domain::register::Review;
    let mut a = app(300);
    let id = with_review(&a, Review::ParentsHome);
    let before = a.ctx.store.child(id).unwrap().unwrap();
    a.open_case(id).unwrap();
    assert!(
        render(&a, 80, 24).contains("父母均已在家"),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "X");
    assert!(
        render(&a, 80, 24).contains("不再属于农村留守儿童"),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "y");
    let c = a.ctx.store.child(id).unwrap().unwrap();
    if before.categories.len() == 1 {
        // Nothing else left: the child leaves the register, the file keeps what it was.
        assert_eq!(c.status, ChildStatus::Exited);
        assert_eq!(c.exit_reason, "父母返乡");
        assert_eq!(c.categories, before.categories);
    } else {
        assert_eq!(c.status, ChildStatus::Active);
        assert!(!c.categories.contains(&Category::LeftBehind));
    }
    assert!(!a.ctx.checks.reviews.contains(&(id, Review::ParentsHome)));
    press(&mut a, "<C-z>");
    assert_eq!(a.ctx.store.child(id).unwrap().unwrap(), before);
}

#[test]
fn a_temporary_guardianship_begins_and_ends_from_the_case_file() {
    use shouhu::domain::register::Guardianship;
    let mut a = app(120);
    let id = a.ctx.reg.triage[0].child_id;
    a.open_case(id).unwrap();
    press(&mut a, "T");
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    assert!(fp.form.title.contains("临时监护"));
    // Forty days ago, with the village committee.
    press(&mut a, "-40<Enter>村委会<Enter>已通知父母返回<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert!(
        a.ctx
            .checks
            .guards
            .contains(&(id, Guardianship::TemporaryOpen))
    );
    assert!(
        render(&a, 120, 40).contains("临时监护：自"),
        "{}",
        render(&a, 120, 40)
    );
    // T again ends it; an end before the start is refused.
    press(&mut a, "T");
    press(&mut a, "<C-u>2020-01-01<C-s>");
    assert!(
        render(&a, 80, 24).contains("不能早于开始日期"),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "<C-u>t<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert!(
        !a.ctx
            .checks
            .guards
            .contains(&(id, Guardianship::TemporaryOpen))
    );
    let t = a.ctx.store.temporaries_of(id).unwrap();
    assert_eq!(t[0].ended_on, Some(today()));
    assert_eq!(t[0].place, "村委会");
}

#[test]
fn a_visit_that_finds_the_parents_called_clears_no_parent_contact() {
    use shouhu::domain::register::Guardianship;
    let mut a = app(300);
    let (id, _) = *a
        .ctx
        .checks
        .guards
        .iter()
        .find(|(_, g)| *g == Guardianship::NoParentContact)
        .expect("the demo has a child whose parents went quiet");
    a.open_case(id).unwrap();
    press(&mut a, "v");
    tab_to(&mut a, "parent_contact");
    // 电话, then the day: two weeks ago.
    press(&mut a, "1-14<C-s>");
    if matches!(a.popups.last(), Some(Popup::Ask(_))) {
        press(&mut a, "y");
    }
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let v = &a.ctx.store.visits_of(id).unwrap()[0];
    assert_eq!(v.parent_contact_on, Some(today() - chrono::Days::new(14)));
    assert!(
        !a.ctx
            .checks
            .guards
            .contains(&(id, Guardianship::NoParentContact))
    );
}

#[test]
fn the_settings_choose_the_004_rules_and_refuse_a_wrong_standard() {
    let mut a = app(300);
    let before = a.ctx.checks.gaps.len();
    press(&mut a, "6S");
    let Some(Popup::Form(_)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    tab_to(&mut a, "gap_rules");
    press(&mut a, "2");
    tab_to(&mut a, "dibao_standard");
    press(&mut a, "六百<C-s>");
    assert!(
        render(&a, 80, 24).contains("无法识别"),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "<C-u>640<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(
        a.ctx.store.setting("gap_rules").unwrap().as_deref(),
        Some("004")
    );
    assert_eq!(a.ctx.store.dibao_standard().unwrap(), Some(64000));
    assert!(a.ctx.checks.gaps.len() > before, "the 004 rules find more");
}

#[test]
fn a_reopened_child_is_due_on_the_day_of_reopening_and_says_why() {
    let mut a = app(60);
    let adult = with_review(&a, shouhu::domain::register::Review::Age18);
    a.open_case(adult).unwrap();
    press(&mut a, "Xy");
    assert_eq!(
        a.ctx.store.child(adult).unwrap().unwrap().status,
        ChildStatus::Exited
    );
    assert!(
        a.ctx.reg.due(adult).is_none(),
        "an exited child leaves the triage"
    );
    // Back onto the register: the reason is asked for.
    press(&mut a, "2");
    a.open_case(adult).unwrap();
    press(&mut a, "e");
    tab_to(&mut a, "status");
    press(&mut a, "1<C-s>");
    assert!(
        render(&a, 80, 24).contains("重新纳入要写明原因"),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "继续升学，仍需关爱<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let c = a.ctx.store.child(adult).unwrap().unwrap();
    assert_eq!(
        (c.status, c.reopened_on),
        (ChildStatus::Active, Some(today()))
    );
    assert!(c.exit_reason.is_empty());
    let due = a.ctx.reg.due(adult).expect("back in the triage");
    assert_eq!(due.due.next_due, today());
}
