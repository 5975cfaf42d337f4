//! Screen 4 结对 as an officer uses it: the checks, pairing a child with a
//! suggested helper in two keys, a helper's visit, a wish fulfilled, the
//! ledger, a new helper, the roster review, and undo.

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::domain::pairing::{ActivityKind, Check, What, suggest};
use shouhu::tui::app::App;
use shouhu::tui::popups::Popup;
use shouhu::tui::screens::{Screen, ScreenId};
use ui_common::{app, press, render, tab_to, today};

/// The findings of one check, as the screen's book holds them.
fn found(a: &App, check: Check) -> Vec<(Option<i64>, Option<i64>, What)> {
    a.ctx
        .book
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| (f.child, f.helper, f.what.clone()))
        .collect()
}

/// Filters the checks to one, through the pick-list, as typed.
fn filter(a: &mut App, words: &str) {
    press(a, "f");
    press(a, words);
    press(a, "<Enter>");
    assert!(a.popups.is_empty(), "{}", render(a, 80, 24));
}

#[test]
fn a_priority_child_is_paired_with_the_first_suggestion_in_two_keys_and_undone() {
    let mut a = app(120);
    press(&mut a, "4");
    assert_eq!(a.screen, ScreenId::Pairing);
    let screen = render(&a, 80, 24);
    assert!(screen.contains("结对检查"), "{screen}");
    let unpaired = found(&a, Check::PriorityUnpaired);
    assert!(!unpaired.is_empty());
    // The list opens on the children without a family, first.
    assert!(screen.contains("无爱心家庭"), "{screen}");
    let child = a.screens.pairing.child(&a.ctx).unwrap();
    assert_eq!(Some(child), unpaired[0].0);
    let book = &a.ctx.book;
    let facts = book.facts.iter().find(|c| c.id == child).unwrap();
    let best = suggest(facts, &book.facts, &book.helpers, &book.pairings, today())[0].helper;
    press(&mut a, "p");
    assert!(matches!(a.popups.last(), Some(Popup::Pick(_))));
    press(&mut a, "<Enter>");
    let pairings = a.ctx.store.pairings().unwrap();
    // (An ended pairing of the same two may be there already: this one starts today.)
    assert!(
        pairings
            .iter()
            .any(|p| p.child == child && p.helper == best && p.start == today() && p.end.is_none()),
        "paired with the first suggestion from today"
    );
    assert!(
        !found(&a, Check::PriorityUnpaired)
            .iter()
            .any(|f| f.0 == Some(child)),
        "the child has a family now"
    );
    let status = render(&a, 80, 24);
    assert!(status.contains("已结对"), "{status}");
    // Ctrl-Z takes the pairing back, and the check lists the child again.
    press(&mut a, "<C-z>");
    assert!(
        !a.ctx
            .store
            .pairings()
            .unwrap()
            .iter()
            .any(|p| p.child == child && p.helper == best && p.start == today())
    );
    assert!(
        found(&a, Check::PriorityUnpaired)
            .iter()
            .any(|f| f.0 == Some(child))
    );
    press(&mut a, "<C-y>");
    assert_eq!(found(&a, Check::PriorityUnpaired).len(), unpaired.len() - 1);
}

#[test]
fn a_helpers_visit_and_a_fulfilled_wish_change_the_checks() {
    let mut a = app(120);
    press(&mut a, "4");
    filter(&mut a, "走访不足");
    let behind = found(&a, Check::Behind);
    let (Some(child), Some(helper), What::Visits { made, due }) = behind[0].clone() else {
        panic!("a pairing behind: {behind:?}");
    };
    assert_eq!(a.screens.pairing.child(&a.ctx), Some(child));
    let visits = |a: &App| {
        a.ctx
            .store
            .helper_activities()
            .unwrap()
            .iter()
            .filter(|x| x.child == child && x.helper == helper && x.kind == ActivityKind::Visit)
            .count()
    };
    let before = visits(&a);
    // a: the form comes with 走访 and today; Ctrl-S records it.
    press(&mut a, "a");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    press(&mut a, "<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(visits(&a), before + 1);
    let now = found(&a, Check::Behind)
        .into_iter()
        .find(|f| f.0 == Some(child) && f.1 == Some(helper));
    if made + 1 >= due {
        assert!(now.is_none(), "no longer behind: {now:?}");
    } else {
        assert_eq!(
            now.map(|f| f.2),
            Some(What::Visits {
                made: made + 1,
                due
            })
        );
    }
    // The same visit again, the same day: refused at the date.
    let row = a.screens.pairing.sel[0];
    press(&mut a, "<Esc>");
    a.screens.pairing.sel[0] = row.min(a.screens.pairing.rows[0].len() - 1);

    // w: the wish list; a new wish, fulfilled today.
    press(&mut a, "f<Enter>");
    let pairing = a
        .ctx
        .book
        .pairings
        .iter()
        .find(|p| p.child == child && p.helper == helper && p.active_on(today()))
        .unwrap()
        .id;
    // Tab to the helpers, find this helper, Tab to its pairings.
    press(&mut a, "<Tab>");
    let at = a.screens.pairing.rows[1]
        .iter()
        .position(|&i| a.ctx.book.helpers[i].id == helper)
        .unwrap();
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "<Enter>");
    let at = a.screens.pairing.rows[2]
        .iter()
        .position(|&i| a.ctx.book.pairings[i].id == pairing)
        .unwrap();
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "w");
    assert!(matches!(a.popups.last(), Some(Popup::Pick(_))));
    press(&mut a, "<Enter>");
    press(&mut a, "一个新书包");
    tab_to(&mut a, "fulfilled_on");
    press(&mut a, "2026-11-23<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let wishes = a.ctx.store.wishes(pairing).unwrap();
    let w = wishes.iter().find(|w| w.wish == "一个新书包").unwrap();
    assert_eq!(w.fulfilled_on, Some(today()));
    assert!(
        a.ctx
            .store
            .helper_activities()
            .unwrap()
            .iter()
            .any(|x| x.child == child && x.kind == ActivityKind::Wish && x.date == today()),
        "a fulfilled wish is one of the helper's activities"
    );
    let screen = render(&a, 80, 24);
    assert!(screen.contains("心愿已实现"), "{screen}");
}

#[test]
fn the_ledger_form_keeps_the_paper_order_and_refuses_an_end_before_the_start() {
    let mut a = app(80);
    press(&mut a, "4<Tab>");
    // The first helper with a pairing.
    while a.screens.pairing.rows[2].is_empty() {
        press(&mut a, "j");
    }
    press(&mut a, "<Enter><Enter>");
    let Some(Popup::Form(fp)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    let keys: Vec<&str> = fp.form.fields.iter().map(|f| f.key).collect();
    assert_eq!(&keys[..4], ["start", "end", "end_reason", "intended"]);
    assert_eq!(keys[4], "body");
    assert_eq!(keys.last(), Some(&"neighbours"));
    let shouhu::tui::forms::Target::Ledger(id) = fp.target else {
        panic!();
    };
    tab_to(&mut a, "end");
    press(&mut a, "2000-01-01<C-s>");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    assert!(render(&a, 80, 24).contains("早于开始日期"));
    press(&mut a, "<C-u>");
    tab_to(&mut a, "hobbies");
    press(&mut a, "<C-u>画画和跑步<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let l = a.ctx.store.ledger(id).unwrap().unwrap();
    assert_eq!(l.fields[2], "画画和跑步");
    assert_eq!(l.pairing.end, None);
}

#[test]
fn a_new_helper_is_known_by_name_and_unit_and_the_roster_review_is_recorded() {
    let mut a = app(40);
    press(&mut a, "4");
    let helpers = a.ctx.book.helpers.len();
    let taken = a.ctx.book.helpers[0].clone();
    press(&mut a, "n");
    press(&mut a, &taken.name);
    tab_to(&mut a, "unit");
    press(&mut a, &format!("{}<C-s>", taken.unit));
    assert!(render(&a, 80, 24).contains("已有同名同单位"));
    assert_eq!(a.ctx.book.helpers.len(), helpers);
    press(&mut a, "<C-u>镇卫生院甲<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(a.ctx.book.helpers.len(), helpers + 1);
    assert!(!found(&a, Check::RosterReview).is_empty());
    press(&mut a, "R");
    assert!(found(&a, Check::RosterReview).is_empty());
    assert_eq!(a.ctx.store.roster_reviewed().unwrap(), Some(today()));
}
