//! The township's paperwork on screen: the yearly survey of a village, a
//! care plan whose late measure shows on 今日 and is ticked off at a visit, a
//! Children's Day round and who it did not reach, a child's whole file
//! printed, the year's deadlines on 今日.

#[path = "common/ui.rs"]
mod ui_common;

use shouhu::domain::ChildStatus;
use shouhu::tui::popups::Popup;
use shouhu::tui::popups::tour::Tour;
use ui_common::{app, press, render, tab_to, today};

fn tour(a: &shouhu::tui::app::App) -> &Tour {
    a.popups
        .iter()
        .rev()
        .find_map(|p| match p {
            Popup::Tour(t) => Some(t.as_ref()),
            _ => None,
        })
        .expect("a card is up")
}

#[test]
fn the_survey_goes_over_a_village_confirming_correcting_exiting_and_adding() {
    let mut a = app(120);
    press(&mut a, "2M");
    let screen = render(&a, 80, 24);
    assert!(screen.contains("  0/"), "every village yet to do: {screen}");
    press(&mut a, "1<Enter>");
    let village = match &tour(&a).kind {
        shouhu::tui::popups::tour::TourKind::Survey { village, .. } => village.clone(),
        other => panic!("{other:?}"),
    };
    let total = tour(&a).rows.len();
    assert!(total >= 4, "{total}");
    assert!(
        render(&a, 80, 24).contains("年摸底"),
        "{}",
        render(&a, 80, 24)
    );
    // The first confirmed in one key.
    let first = tour(&a).child().unwrap();
    press(&mut a, "y");
    assert_eq!(tour(&a).pos, 1);
    // The second corrected: its form, a change, saved; the card turns.
    let second = tour(&a).child().unwrap();
    press(&mut a, "e");
    tab_to(&mut a, "address");
    press(&mut a, "<C-u>新址8号<C-s>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Tour(_))),
        "{}",
        render(&a, 80, 24)
    );
    assert_eq!(tour(&a).pos, 2);
    assert_eq!(
        a.ctx.store.child(second).unwrap().unwrap().address,
        "新址8号"
    );
    // The third has moved away: exited with the reason.
    let third = tour(&a).child().unwrap();
    press(&mut a, "x迁出<C-s>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Tour(_))),
        "{}",
        render(&a, 80, 24)
    );
    let c = a.ctx.store.child(third).unwrap().unwrap();
    assert_eq!(
        (c.status, c.exit_reason.as_str()),
        (ChildStatus::Exited, "迁出")
    );
    // A child newly found in the village.
    press(&mut a, "n");
    press(&mut a, "新发现<Tab><Tab>12015-03-02");
    tab_to(&mut a, "categories");
    press(&mut a, "6<Enter><C-s>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Tour(_))),
        "{}",
        render(&a, 80, 24)
    );
    let year = 2026;
    let p = a
        .ctx
        .store
        .survey_progress(year, Some(&village))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (p.confirmed, p.corrected, p.exited, p.new),
        (1, 1, 1, 1),
        "{p:?}"
    );
    assert_eq!(p.children, total + 1);
    assert!(a.ctx.store.surveyed(first, year).unwrap());
    // Esc: the village's progress.
    press(&mut a, "<Esc>");
    let screen = render(&a, 80, 24);
    assert!(screen.contains(&format!("4/{}", total + 1)), "{screen}");
    press(&mut a, "<Esc>");
    assert!(a.popups.is_empty());
}

#[test]
fn a_care_plan_measure_late_shows_on_today_and_a_visit_ticks_it_off() {
    let mut a = app(120);
    let before = a.ctx.checks.overdue.len();
    let (id, _) = *a
        .ctx
        .checks
        .missing
        .iter()
        .find(|(_, m)| *m == shouhu::domain::paperwork::Missing::NoCarePlan)
        .expect("a focus child without a plan");
    a.open_case(id).unwrap();
    assert!(
        render(&a, 120, 40).contains("尚无帮扶计划"),
        "{}",
        render(&a, 120, 40)
    );
    // 教育缺位: tutoring, the village's child director, by yesterday.
    press(&mut a, "P3联系学校补课<Enter>村儿童主任<Enter>y<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert_eq!(a.ctx.checks.overdue.len(), before + 1);
    assert!(
        !a.ctx
            .checks
            .missing
            .contains(&(id, shouhu::domain::paperwork::Missing::NoCarePlan))
    );
    press(&mut a, "1");
    assert!(
        render(&a, 120, 40).contains("帮扶措施逾期"),
        "{}",
        render(&a, 120, 40)
    );
    // The visit form lists it; ticked off, it is done on the visit's day.
    a.open_case(id).unwrap();
    press(&mut a, "v");
    tab_to(&mut a, "measures_done");
    press(&mut a, "1<Enter><C-s>");
    if matches!(a.popups.last(), Some(Popup::Ask(_))) {
        press(&mut a, "y");
    }
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    let m = &a.ctx.store.measures_of(id).unwrap()[0];
    assert_eq!(m.done_on, Some(today()));
    assert_eq!(a.ctx.checks.overdue.len(), before);
}

#[test]
fn a_childrens_day_round_records_gifts_and_names_who_was_not_reached() {
    let mut a = app(120);
    press(&mut a, "6h");
    let Some(Popup::Form(_)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    // 六一慰问, today, the orphans of the township.
    press(&mut a, "2<Enter>");
    tab_to(&mut a, "categories");
    press(&mut a, "1<Enter><C-s>");
    let orphans = tour(&a).rows.len();
    assert!(orphans >= 2, "{orphans}");
    // The first: a schoolbag, signed for; the second skipped.
    press(&mut a, "<Enter>书包、文具<Enter>200<C-s>");
    assert_eq!(tour(&a).pos, 1, "{}", render(&a, 80, 24));
    press(&mut a, "s<Esc>");
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains(&format!("已慰问 1/{orphans} 名")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("未慰问 {} 名", orphans - 1)),
        "{screen}"
    );
    let round = &a.ctx.store.rounds().unwrap()[0];
    assert_eq!(round.name, "六一慰问");
    let gifts = a.ctx.store.gifts(round.id).unwrap();
    assert_eq!(gifts.len(), 1);
    assert!(gifts[0].signed && gifts[0].received == "书包、文具");
    // H goes on where it stopped: at the one skipped.
    press(&mut a, "<Esc>H");
    assert_eq!(tour(&a).pos, 1);
}

#[test]
fn the_whole_file_prints_and_the_deadlines_are_on_today() {
    let mut a = app(60);
    assert!(
        render(&a, 120, 40).contains("结对帮扶情况季度报送"),
        "{}",
        render(&a, 120, 40)
    );
    let id = a.ctx.reg.triage[0].child_id;
    a.open_case(id).unwrap();
    press(&mut a, "p");
    let html = std::fs::read_to_string(a.ctx.out_dir.join(format!("file-{id}.html")))
        .expect("the file printed");
    for part in [
        "基本情况",
        "帮扶计划与措施",
        "走访记录与问题解决",
        "强制报告与转介",
        "结对帮扶",
        "工作日志",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let c = a.ctx.store.child(id).unwrap().unwrap();
    assert!(html.contains(&c.name));
    if !c.id_number.is_empty() {
        assert!(!html.contains(&c.id_number), "the ID number is masked");
    }
}

#[test]
fn a_meeting_goes_into_the_work_log_and_the_month_prints() {
    let mut a = app(60);
    press(&mut a, "6l");
    assert!(
        matches!(a.popups.last(), Some(Popup::Log(_))),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "m");
    let Some(Popup::Form(_)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    press(&mut a, "<Enter><Enter>季度联席会议<Enter>");
    tab_to(&mut a, "bodies");
    press(&mut a, "民政、教育、公安<Enter>落实3名辍学儿童劝返<C-s>");
    assert!(
        matches!(a.popups.last(), Some(Popup::Log(_))),
        "{}",
        render(&a, 80, 24)
    );
    press(&mut a, "p");
    let html = std::fs::read_to_string(a.ctx.out_dir.join("worklog-2026-11.html"))
        .expect("the month printed");
    assert!(
        html.contains("工作日志") && html.contains("协调会议"),
        "{html}"
    );
    assert!(html.contains("参会单位：民政、教育、公安"));
    assert!(html.contains("落实3名辍学儿童劝返"));
}

#[test]
fn a_village_of_many_children_gets_its_second_director() {
    let mut a = app(300);
    let needing = a.ctx.checks.deputies_needed.clone();
    assert!(
        !needing.is_empty(),
        "the demo has a large village with one director"
    );
    assert!(
        render(&a, 120, 40).contains("增配儿童主任"),
        "{}",
        render(&a, 120, 40)
    );
    press(&mut a, "6O");
    let screen = render(&a, 120, 40);
    assert!(screen.contains("需增配"), "{screen}");
    // Type the village's name to pick it, then the second director.
    press(&mut a, &format!("{}<Enter>", needing[0]));
    let Some(Popup::Form(_)) = a.popups.last() else {
        panic!("{}", render(&a, 80, 24));
    };
    tab_to(&mut a, "deputy");
    press(&mut a, "赵敏<Enter>13800001111<Enter>t<C-s>");
    assert!(a.popups.is_empty(), "{}", render(&a, 80, 24));
    assert!(!a.ctx.checks.deputies_needed.contains(&needing[0]));
    let o = a.ctx.store.office(&needing[0]).unwrap().unwrap();
    assert_eq!(
        (o.deputy.as_str(), o.deputy_trained),
        ("赵敏", Some(today()))
    );
}

#[test]
fn a_sync_conflict_is_resolved_on_screen_by_taking_the_other_pcs_value() {
    let mut a = app(30);
    let id = a.ctx.reg.cases[0].id;
    let listed = phones_in_conflict(&mut a, id, "13700000001", "13700000009");
    // 报表 → Y → 3 (the conflicts) → the phone → the first way: theirs taken.
    press(&mut a, "6Y");
    let menu = render(&a, 80, 24);
    assert!(menu.contains("查看冲突"), "{menu}");
    assert!(
        menu.contains("上次交换 2026-11-23"),
        "when the other PC was met: {menu}"
    );
    press(&mut a, "3<Enter>");
    // Each PC's value, and which the record holds now, on one line at 80 columns.
    let list = render(&a, 80, 24);
    assert!(
        list.contains("本机 13700000001 | 对方 13700000009（现用"),
        "{list}"
    );
    let n = listed.iter().position(|c| c.field == "phone").unwrap() + 1;
    press(&mut a, &format!("{n}<Enter>"));
    let ways = render(&a, 80, 24);
    // Whose record and which field, in the officer's words.
    let name = a.ctx.store.child(id).unwrap().unwrap().name;
    assert!(
        ways.contains(&format!("{name} · ")) && ways.contains("电话"),
        "{ways}"
    );
    assert!(
        ways.contains("采用对方电脑的值：13700000009")
            && ways.contains("保留本机的值：13700000001")
            && ways.contains("改为另一个值"),
        "{ways}"
    );
    press(&mut a, "<Enter>");
    let phone_conflict = &listed[n - 1];
    let kept = a.ctx.store.child(id).unwrap().unwrap().guardian.phone;
    assert_eq!(kept, phone_conflict.there, "{phone_conflict:?}");
    assert!(!listed_still(&a, phone_conflict.id));
}

/// Another PC starts from this one's changes, then both change a child's
/// phone, and this PC imports the other's: the conflicts listed.
fn phones_in_conflict(
    a: &mut shouhu::tui::app::App,
    id: i64,
    here: &str,
    there: &str,
) -> Vec<shouhu::store::sync::ConflictRow> {
    let mut other = shouhu::store::Store::open_in_memory().unwrap();
    let (all, _) = a.ctx.store.sync_export(None).unwrap();
    other.sync_import(&all).unwrap();
    let mut c = other.child(id).unwrap().unwrap();
    c.guardian.phone = there.into();
    other.save_child(&mut c).unwrap();
    let mut c = a.ctx.store.child(id).unwrap().unwrap();
    c.guardian.phone = here.into();
    a.ctx.store.save_child(&mut c).unwrap();
    let (theirs, _) = other.sync_export(None).unwrap();
    a.ctx.store.sync_import(&theirs).unwrap();
    let listed = a.ctx.store.sync_conflicts().unwrap();
    assert!(listed.iter().any(|c| c.field == "phone"), "{listed:?}");
    listed
}

fn listed_still(a: &shouhu::tui::app::App, conflict: i64) -> bool {
    let listed = a.ctx.store.sync_conflicts().unwrap();
    listed.iter().any(|c| c.id == conflict)
}

#[test]
fn a_sync_conflict_is_settled_with_a_third_value_typed_and_a_wrong_one_is_refused() {
    let mut a = app(30);
    let id = a.ctx.reg.cases[1].id;
    let listed = phones_in_conflict(&mut a, id, "13700000002", "13700000008");
    let n = listed.iter().position(|c| c.field == "phone").unwrap() + 1;
    // 报表 → Y → 3 → the phone → the third way (type another value): the form starts
    // from this PC's value.
    press(&mut a, &format!("6Y3<Enter>{n}<Enter><Down><Down><Enter>"));
    let form = render(&a, 80, 24);
    assert!(
        matches!(a.popups.last(), Some(Popup::Form(_))) && form.contains("13700000002"),
        "{form}"
    );
    // Letters where the phone's digits were: refused, the form stays.
    press(&mut a, "<C-u>无人接听<C-s>");
    let refused = render(&a, 80, 24);
    assert!(refused.contains("电话号码不对"), "{refused}");
    assert!(matches!(a.popups.last(), Some(Popup::Form(_))));
    assert_eq!(a.ctx.store.sync_conflicts().unwrap().len(), listed.len());
    press(&mut a, "<C-u>13900000005<C-s>");
    let done = render(&a, 80, 24);
    assert!(a.popups.is_empty(), "{done}");
    let name = a.ctx.store.child(id).unwrap().unwrap().name;
    assert!(
        done.contains(&format!("已处理冲突：{name} · ")) && done.contains("改为 13900000005"),
        "{done}"
    );
    let c = a.ctx.store.child(id).unwrap().unwrap();
    assert_eq!(c.guardian.phone, "13900000005");
    assert!(!listed_still(&a, listed[n - 1].id));
    let audit = a.ctx.store.audit_recent(5).unwrap();
    assert!(
        audit.iter().any(|e| e.changes.contains("改为 13900000005")),
        "{audit:?}"
    );
}

#[test]
fn the_changes_are_exported_to_the_place_chosen() {
    let mut a = app(20);
    // 报表 → Y → 1 (export) → where: the output folder first, then any drive.
    press(&mut a, "6Y1<Enter>");
    let places = render(&a, 80, 24);
    assert!(places.contains("存到输出文件夹"), "{places}");
    press(&mut a, "1<Enter>");
    let written: Vec<std::path::PathBuf> = std::fs::read_dir(&a.ctx.out_dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sync"))
        .collect();
    assert_eq!(written.len(), 1, "{}", render(&a, 80, 24));
    // What was written is this PC's changes: another PC starts from it.
    let mut other = shouhu::store::Store::open_in_memory().unwrap();
    other
        .sync_import(&std::fs::read(&written[0]).unwrap())
        .unwrap();
    assert_eq!(other.count("children").unwrap(), 20);
    let _ = std::fs::remove_dir_all(&a.ctx.out_dir);
}
