//! The children's store: saving, finding, diffing into the audit log.

use super::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(crate) fn sample() -> Child {
    let mut c = Child::new(d(2026, 1, 5));
    c.name = "丁雅".into();
    c.id_number = "511304201312248181".into();
    c.birth_date = Some(d(2013, 12, 24));
    c.gender = Some(Gender::Female);
    c.village = "白果村".into();
    c.household = "H0006".into();
    c.categories = vec![Category::OtherDifficulty, Category::Orphan];
    c.manual_flags = vec![Flag::ParentSevereDisability];
    c.school_status = Some(SchoolStatus::OutOfSchool);
    c.father.status = Some(ParentStatus::Migrant);
    c.father.work_place = "广东东莞".into();
    c.guardian = Person {
        name: "丁瑶强".into(),
        relation: "祖父".into(),
        phone: "13464946660".into(),
        able: None,
    };
    c
}

#[test]
fn a_child_round_trips_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let mut c = sample();
    assert_eq!(store.save_child(&mut c).unwrap(), Saved::Added);
    let back = store.child(c.id).unwrap().unwrap();
    let mut want = c.clone();
    want.categories.sort();
    assert_eq!(back, want);
    let derived: String = store
        .conn
        .query_row(
            "SELECT group_concat(flag || ':' || source) FROM
               (SELECT flag, source FROM child_flags WHERE child_id = ?1 ORDER BY flag)",
            [c.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        derived,
        "out_of_school:school,parent_severe_disability:manual"
    );
}

#[test]
fn updates_are_diffed_into_the_audit_log() {
    let mut store = Store::open_in_memory().unwrap();
    let mut c = sample();
    store.save_child(&mut c).unwrap();
    let uuid = c.uuid.clone();
    assert_eq!(store.save_child(&mut c).unwrap(), Saved::Unchanged);
    c.guardian.phone = "13900000000".into();
    c.categories = vec![Category::Orphan];
    assert_eq!(store.save_child(&mut c).unwrap(), Saved::Updated);
    assert_eq!(c.uuid, uuid);
    let log = store.audit_of(&uuid).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].action, "update");
    assert!(log[0].changes.contains("13900000000"), "{}", log[0].changes);
    assert!(log[0].changes.contains("categories"), "{}", log[0].changes);
    assert_eq!(
        store.child(c.id).unwrap().unwrap().categories,
        vec![Category::Orphan]
    );
}

#[test]
fn children_are_found_by_id_or_name_birth_and_village() {
    let mut store = Store::open_in_memory().unwrap();
    let mut c = sample();
    store.save_child(&mut c).unwrap();
    let found = |id: &str, name: &str, v: &str| {
        store
            .find_child(id, name, Some(d(2013, 12, 24)), v)
            .unwrap()
    };
    assert_eq!(found("511304201312248181", "x", "y"), Some(c.id));
    assert_eq!(found("", "丁雅", "白果村"), Some(c.id));
    assert_eq!(found("", "丁雅", "柳湾村"), None);
}
