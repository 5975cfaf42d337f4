//! Two PCs of one township meet through files: every visit of both ends up
//! in both, a phone changed on both sides is listed with both values, a file
//! imported twice changes nothing, a damaged or newer file is refused, and a
//! copied database takes a site of its own.

mod common;

use chrono::NaiveDate;
use common::{Scratch, shouhu, shouhu_ok};
use shouhu::domain::{Visit, VisitKind};
use shouhu::store::Store;
use shouhu::store::sync::Settle;

const TODAY: &str = "2026-11-23";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn visits(s: &Store) -> i64 {
    s.count("visits").unwrap()
}

/// A demo township of `children` on one PC, and a second PC started from
/// its changes file through the real binary (the folder is kept alive).
fn two_pcs(name: &str, children: u32) -> (Scratch, Store, Store) {
    let dir = Scratch::new(name);
    let (a_db, b_db) = (dir.path("a.db"), dir.path("b.db"));
    shouhu_ok(&a_db, TODAY, &["demo", "--children", &children.to_string()]);
    let first = dir.path("first.sync");
    shouhu_ok(
        &a_db,
        TODAY,
        &["sync", "export", "-o", first.to_str().unwrap()],
    );
    shouhu_ok(
        &b_db,
        TODAY,
        &["--create", "sync", "import", first.to_str().unwrap()],
    );
    let (a, b) = (Store::open(&a_db).unwrap(), Store::open(&b_db).unwrap());
    (dir, a, b)
}

#[test]
fn two_pcs_meet_twice_and_keep_every_visit_and_list_the_phone_conflict() {
    let (_dir, mut a, mut b) = two_pcs("sync-two", 40);
    assert_eq!(a.count("children").unwrap(), b.count("children").unwrap());
    assert_eq!(visits(&a), visits(&b));
    assert_ne!(a.site().unwrap().0, b.site().unwrap().0);
    let child = a.case_rows().unwrap()[0].id;
    // Offline, each records visits and changes the guardian's phone.
    for (store, day, phone) in [(&mut a, 20, "13900000001"), (&mut b, 21, "13900000002")] {
        for k in 0..3 {
            let mut v = Visit::new(
                child,
                d(2026, 11, day) - chrono::Days::new(k * 7),
                VisitKind::Phone,
            );
            v.notes = format!("离线 {day}-{k}");
            store.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
        }
        let mut c = store.child(child).unwrap().unwrap();
        c.guardian.phone = phone.into();
        store.save_child(&mut c).unwrap();
    }
    let (before_a, before_b) = (visits(&a), visits(&b));
    // They meet: A's file to B, then B's back to A (only what A lacks).
    let (to_b, _) = a.sync_export(None).unwrap();
    let got = b.sync_import(&to_b).unwrap();
    assert!(got.applied > 0 && got.conflicts > 0, "{got:?}");
    let b_site = b.site().unwrap().0;
    let (to_a, _) = b.sync_export(Some(a.site().unwrap().0)).unwrap();
    a.sync_import(&to_a).unwrap();
    assert_eq!(visits(&a), before_a + 3);
    assert_eq!(visits(&b), before_b + 3);
    // The phone conflict, listed on B with both values.
    let listed = b.sync_conflicts().unwrap();
    let phone = listed
        .iter()
        .find(|c| c.table == "caregivers" && c.field == "phone")
        .unwrap_or_else(|| panic!("{listed:?}"));
    let both = [phone.here.as_str(), phone.there.as_str()];
    assert!(
        both.contains(&"13900000001") && both.contains(&"13900000002"),
        "{phone:?}"
    );
    // They meet again: nothing new, nothing doubled.
    let (again, _) = a.sync_export(Some(b_site)).unwrap();
    let got = b.sync_import(&again).unwrap();
    assert_eq!((got.applied, got.conflicts), (0, 0), "{got:?}");
    assert_eq!(visits(&b), before_b + 3);
    // The same file twice: skipped, not applied again.
    let got = b.sync_import(&to_b).unwrap();
    assert_eq!(got.applied, 0);
    assert_eq!(visits(&b), before_b + 3);
}

#[test]
fn a_damaged_or_newer_file_is_refused_and_changes_nothing() {
    let dir = Scratch::new("sync-bad");
    let db = dir.path("a.db");
    shouhu_ok(&db, TODAY, &["demo", "--children", "20"]);
    let file = dir.path("a.sync");
    shouhu_ok(
        &db,
        TODAY,
        &["sync", "export", "-o", file.to_str().unwrap()],
    );
    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 0x55;
    let bad = dir.path("bad.sync");
    std::fs::write(&bad, &bytes).unwrap();
    let other = dir.path("b.db");
    let r = shouhu(
        &other,
        TODAY,
        &["--create", "sync", "import", bad.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("已损坏"), "{}", r.stderr);
    let text = std::fs::read(&file).unwrap();
    let newer = String::from_utf8_lossy(&text).replacen(
        &format!("\"schema\":{}", shouhu::store::SCHEMA_VERSION),
        "\"schema\":99",
        1,
    );
    let newer_file = dir.path("newer.sync");
    std::fs::write(&newer_file, newer.as_bytes()).unwrap();
    let r = shouhu(
        &other,
        TODAY,
        &["--create", "sync", "import", newer_file.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("较新版本"), "{}", r.stderr);
}

#[test]
fn conflicts_list_with_their_header() {
    let dir = Scratch::new("sync-list");
    let db = dir.path("a.db");
    shouhu_ok(&db, TODAY, &["demo", "--children", "10"]);
    let out = shouhu_ok(&db, TODAY, &["sync", "conflicts", "--format", "csv"]).stdout;
    assert_eq!(
        out.lines().next(),
        Some("table,record,field,here,there,from_site,at")
    );
}

#[test]
fn a_database_from_before_sites_sends_everything_it_holds_in_its_first_file() {
    let dir = Scratch::new("sync-old");
    let old = dir.path("old.db");
    shouhu_ok(&old, TODAY, &["demo", "--children", "30"]);
    // As a file of the first wave had it: no site, nothing recorded.
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        c.execute_batch(
            "DELETE FROM settings WHERE key IN ('site_id', 'site_path'); DELETE FROM outbox;",
        )
        .unwrap();
    }
    let out = shouhu_ok(&old, TODAY, &["site"]).stdout;
    assert!(out.contains("站点"), "{out}");
    let file = dir.path("old.sync");
    shouhu_ok(
        &old,
        TODAY,
        &["sync", "export", "-o", file.to_str().unwrap()],
    );
    let new = dir.path("new.db");
    shouhu_ok(
        &new,
        TODAY,
        &["--create", "sync", "import", file.to_str().unwrap()],
    );
    let (a, b) = (Store::open(&old).unwrap(), Store::open(&new).unwrap());
    for t in ["children", "visits", "pairings", "referrals"] {
        assert_eq!(a.count(t).unwrap(), b.count(t).unwrap(), "{t}");
    }
    let due_a = shouhu_ok(&old, TODAY, &["due", "--format", "csv"]).stdout;
    let due_b = shouhu_ok(&new, TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(due_a, due_b);
}

#[test]
fn a_visit_deleted_here_and_changed_there_and_a_child_registered_on_both_are_listed() {
    let (_dir, mut a, mut b) = two_pcs("sync-kinds", 20);
    let child = a.case_rows().unwrap()[0].id;
    let visit = a.visits_of(child).unwrap()[0].id;
    // Here (B) the visit is deleted; there (A) its notes are corrected.
    b.delete_visit(visit).unwrap();
    let mut v = a.visit(visit).unwrap().unwrap();
    v.notes = "补记：祖母住院".into();
    a.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    // The same child (one ID number) registered on both PCs.
    let idn = common::id_number("990101", "20150302", 17);
    for (store, name) in [(&mut a, "测试甲"), (&mut b, "测试乙")] {
        let mut c = shouhu::domain::Child::new(d(2026, 11, 1));
        c.name = name.into();
        c.village = "白果村".into();
        c.id_number = idn.clone();
        c.birth_date = Some(d(2015, 3, 2));
        store.save_child(&mut c).unwrap();
        // Each PC visits the child it registered.
        let mut v = Visit::new(c.id, d(2026, 11, 5), VisitKind::Home);
        v.notes = format!("{name} 的走访");
        store.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    }
    let (to_b, _) = a.sync_export(None).unwrap();
    let got = b.sync_import(&to_b).unwrap();
    assert!(got.conflicts >= 2, "{got:?}");
    let listed = b.sync_conflicts().unwrap();
    assert!(
        listed
            .iter()
            .any(|c| c.table == "visits" && c.here == "notfound"),
        "the changed visit, deleted here: {listed:?}"
    );
    assert!(
        listed
            .iter()
            .any(|c| c.table == "children" && c.there.contains("测试甲")),
        "the child registered twice: {listed:?}"
    );
    // Nothing dropped: B still has its own 测试乙, and the other is listed whole.
    let named: Vec<String> = b.case_rows().unwrap().into_iter().map(|c| c.name).collect();
    assert!(named.contains(&"测试乙".to_string()));
    // A's visit of the child is kept, on B's record of the same child.
    let twin = b
        .case_rows()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "测试乙")
        .unwrap();
    let notes: Vec<String> = b
        .visits_of(twin.id)
        .unwrap()
        .into_iter()
        .map(|v| v.notes)
        .collect();
    assert!(notes.contains(&"测试甲 的走访".to_string()), "{notes:?}");
    assert!(notes.contains(&"测试乙 的走访".to_string()), "{notes:?}");
}

#[test]
fn rows_from_before_sites_move_into_the_sites_range_with_every_reference() {
    let dir = Scratch::new("sync-renumber");
    let db = dir.path("old.db");
    shouhu_ok(&db, TODAY, &["demo", "--children", "30"]);
    let due_before = shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout;
    let (child, visit, draft) = {
        let s = Store::open(&db).unwrap();
        let child = s.case_rows().unwrap()[0].id;
        let visit = s.visits_of(child).unwrap()[0].id;
        let key = format!("visit:{child}:{visit}");
        s.save_draft("form", &key, "{}").unwrap();
        (child, visit, key)
    };
    // As a file of the first wave had it: small ids, no site, nothing recorded.
    let site = {
        let mut c = rusqlite::Connection::open(&db).unwrap();
        let site = common::as_first_wave(&mut c);
        let small: i64 = c
            .query_row("SELECT max(id) FROM children", [], |r| r.get(0))
            .unwrap();
        assert!(small < 1000, "{small}");
        site
    };
    // Opened again: a new site at once; the rows move at the first sync
    // (which may take a minute on a big file), every one into the site's
    // range, nothing broken.
    let old_lo = shouhu::store::site::range(site).0;
    let mut s = Store::open(&db).unwrap();
    assert!(
        s.child(child - old_lo).unwrap().is_some(),
        "opening moves nothing"
    );
    s.sync_export(None).unwrap();
    let (new_site, _) = s.site().unwrap();
    let (lo, _) = shouhu::store::site::range(new_site);
    let moved = child - old_lo + lo;
    assert!(s.child(moved).unwrap().is_some());
    assert_eq!(s.visits_of(moved).unwrap()[0].id, visit - old_lo + lo);
    let keys: Vec<String> = s.drafts().unwrap().into_iter().map(|d| d.1).collect();
    let expected = format!("visit:{moved}:{}", visit - old_lo + lo);
    assert!(keys.contains(&expected), "{keys:?} (was {draft})");
    drop(s);
    assert_eq!(
        shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout,
        due_before
    );
    shouhu_ok(&db, TODAY, &["check"]);
}

/// How long a first-wave file of 20,000 children takes to move into its site
/// on first opening (run by hand: `cargo test --test sync -- --ignored`,
/// with `SHOUHU_LEGACY_DB` naming a copy of the benchmark's township).
#[test]
#[ignore]
fn time_the_move_of_a_big_first_wave_file() {
    let Ok(path) = std::env::var("SHOUHU_LEGACY_DB") else {
        return;
    };
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        common::as_first_wave(&mut c);
        c.execute_batch("VACUUM").unwrap();
    }
    let t = std::time::Instant::now();
    let mut s = Store::open(std::path::Path::new(&path)).unwrap();
    println!(
        "first open of a first-wave file: {:.1} s",
        t.elapsed().as_secs_f64()
    );
    assert!(s.site().unwrap().0 > 0);
    let t = std::time::Instant::now();
    s.ready_to_sync().unwrap();
    println!(
        "made ready at its first sync: {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

#[test]
fn a_hostile_file_is_refused_without_a_panic() {
    use shouhu::store::sync::{Entry, Header, decode, encode};
    let mut header = Header {
        format: 1,
        schema: 1,
        township: "清溪镇".into(),
        site: 7,
        have: Default::default(),
        ranges: Default::default(),
        checksum: String::new(),
    };
    // An entry claiming an impossible length, with a checksum that matches.
    let mut bytes = encode(
        &mut header,
        &[Entry {
            site: 7,
            seq: 1,
            changes: vec![1, 2, 3],
        }],
    );
    let n = bytes.len();
    bytes[n - 3 - 8..n - 3].copy_from_slice(&u64::MAX.to_le_bytes());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    assert!(decode(bytes.into(), true).is_err(), "{}", text.len());
    // Text that is not a changes file at all.
    assert!(decode("姓名,身份证号\n".as_bytes().into(), true).is_err());
    assert!(decode(b"".as_slice().into(), true).is_err());
}

#[test]
fn a_village_made_on_both_pcs_is_one_village_after_they_meet() {
    let (_dir, mut a, mut b) = two_pcs("sync-village", 10);
    // Offline, each PC registers a child in a village neither had: each makes
    // its own 石桥新村 (the name must be unique in a file).
    for (store, name, day) in [(&mut a, "测试甲", 2), (&mut b, "测试乙", 3)] {
        let mut c = shouhu::domain::Child::new(d(2026, 11, day));
        c.name = name.into();
        c.village = "石桥新村".into();
        c.birth_date = Some(d(2016, 5, day));
        c.categories = vec![shouhu::domain::Category::Orphan];
        store.save_child(&mut c).unwrap();
    }
    for _ in 0..2 {
        let (to_b, _) = a.sync_export(None).unwrap();
        b.sync_import(&to_b).unwrap();
        let (to_a, _) = b.sync_export(None).unwrap();
        a.sync_import(&to_a).unwrap();
    }
    for s in [&a, &b] {
        let in_village: Vec<String> = s
            .case_rows()
            .unwrap()
            .into_iter()
            .filter(|c| c.village == "石桥新村")
            .map(|c| c.name)
            .collect();
        assert_eq!(in_village.len(), 2, "{in_village:?}");
        assert_eq!(
            s.villages()
                .unwrap()
                .iter()
                .filter(|v| *v == "石桥新村")
                .count(),
            1
        );
    }
    // Nothing points at a village that is not there, on either side.
    for s in [&a, &b] {
        let path = s.path().unwrap().to_path_buf();
        let c = rusqlite::Connection::open(path).unwrap();
        let broken: i64 = c
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
    }
    // A later change of a's child travels to b and keeps its village.
    let mut child = a
        .case_rows()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "测试甲")
        .map(|c| a.child(c.id).unwrap().unwrap())
        .unwrap();
    child.notes = "后来补记".into();
    a.save_child(&mut child).unwrap();
    let (to_b, _) = a.sync_export(None).unwrap();
    b.sync_import(&to_b).unwrap();
    let there = b.child(child.id).unwrap().unwrap();
    assert_eq!(there.notes, "后来补记");
    assert_eq!(there.village, "石桥新村");
}

fn pruned(s: &Store) -> i64 {
    let c = rusqlite::Connection::open(s.path().unwrap()).unwrap();
    c.query_row(
        "SELECT count(*) FROM outbox WHERE length(changes) = 0",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn what_every_pc_holds_is_pruned_and_a_new_pc_starts_from_a_snapshot() {
    let (dir, mut a, mut b) = two_pcs("sync-prune", 20);
    let child = a.case_rows().unwrap()[0].id;
    for day in [2, 9, 16] {
        let mut v = Visit::new(child, d(2026, 11, day), VisitKind::Home);
        a.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    }
    assert_eq!(
        pruned(&a),
        0,
        "nothing is pruned before the other PC has it"
    );
    // They meet: B takes A's changes, then A learns that B holds them.
    let (to_b, _) = a.sync_export(None).unwrap();
    b.sync_import(&to_b).unwrap();
    let (to_a, _) = b.sync_export(None).unwrap();
    a.sync_import(&to_a).unwrap();
    assert!(
        pruned(&a) >= 4,
        "the first file and three visits: {}",
        pruned(&a)
    );
    assert_eq!(visits(&a), visits(&b));
    // A new PC starts from A's whole file: a snapshot of every record.
    let (whole, _) = a.sync_export(None).unwrap();
    let c_db = dir.path("c.db");
    let file = dir.path("whole.sync");
    std::fs::write(&file, &whole).unwrap();
    shouhu_ok(
        &c_db,
        TODAY,
        &["--create", "sync", "import", file.to_str().unwrap()],
    );
    let mut c = Store::open(&c_db).unwrap();
    for t in ["children", "visits", "pairings", "referrals", "villages"] {
        assert_eq!(a.count(t).unwrap(), c.count(t).unwrap(), "{t}");
    }
    assert!(c.sync_conflicts().unwrap().is_empty());
    let due_a = shouhu_ok(a.path().unwrap(), TODAY, &["due", "--format", "csv"]).stdout;
    let due_c = shouhu_ok(&c_db, TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(due_a, due_c);
    // Later A visits again; C gets only that, the snapshot in the file
    // skipped and nothing listed as a conflict.
    let mut v = Visit::new(child, d(2026, 11, 20), VisitKind::Phone);
    a.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    let (again, _) = a.sync_export(None).unwrap();
    let got = c.sync_import(&again).unwrap();
    assert_eq!(got.conflicts, 0, "{got:?}");
    assert_eq!(visits(&a), visits(&c));
    // And C's changes reach A, which holds everything C started from.
    let mut w = Visit::new(child, d(2026, 11, 21), VisitKind::Phone);
    c.write(|x| x.save_visit(&mut w).map(|_| ())).unwrap();
    let (from_c, _) = c.sync_export(None).unwrap();
    let got = a.sync_import(&from_c).unwrap();
    assert_eq!(got.conflicts, 0, "{got:?}");
    assert_eq!(visits(&a), visits(&c));
}

#[test]
fn a_file_from_before_sites_written_to_before_its_first_sync_moves_whole() {
    let dir = Scratch::new("sync-written-first");
    let db = dir.path("old.db");
    shouhu_ok(&db, TODAY, &["demo", "--children", "10"]);
    common::as_first_wave(&mut rusqlite::Connection::open(&db).unwrap());
    // The new version opens it and a visit is saved, before any sync.
    let mut s = Store::open(&db).unwrap();
    let child = s.case_rows().unwrap()[0].id;
    let mut v = Visit::new(child, d(2026, 11, 20), VisitKind::Home);
    s.write(|w| w.save_visit(&mut v).map(|_| ())).unwrap();
    let before = visits(&s);
    // The first sync moves every row into the site's range, that one too.
    s.sync_export(None).unwrap();
    let (lo, hi) = shouhu::store::site::range(s.site().unwrap().0);
    assert_eq!(visits(&s), before);
    drop(s);
    let c = rusqlite::Connection::open(&db).unwrap();
    let outside: i64 = c
        .query_row(
            "SELECT count(*) FROM visits WHERE id NOT BETWEEN ?1 AND ?2",
            [lo, hi],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outside, 0);
}

/// Both PCs change one child; the other PC's change is the later. Each
/// conflict lists this PC's value as `here` and the other's as `there`
/// (whichever was kept), and settling writes a value as its column keeps
/// it: this PC's empty grade goes back as no grade, never as "".
#[test]
fn a_conflict_the_other_pc_won_lists_each_pcs_own_value_and_settles_by_column() {
    let (dir, mut a, mut b) = two_pcs("sync-won", 10);
    let child = a.case_rows().unwrap()[0].id;
    let mut c = a.child(child).unwrap().unwrap();
    c.disability_grade = Some(1);
    a.save_child(&mut c).unwrap();
    let (meet, _) = a.sync_export(None).unwrap();
    b.sync_import(&meet).unwrap();
    // Offline: A clears the grade and sets a phone; a second later B sets both.
    let mut c = a.child(child).unwrap().unwrap();
    (c.disability_grade, c.guardian.phone) = (None, "13900000011".into());
    a.save_child(&mut c).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut c = b.child(child).unwrap().unwrap();
    (c.disability_grade, c.guardian.phone) = (Some(3), "13900000022".into());
    b.save_child(&mut c).unwrap();
    let (theirs, _) = b.sync_export(Some(a.site().unwrap().0)).unwrap();
    a.sync_import(&theirs).unwrap();
    // B's is the later: A holds it now, and lists its own value as here.
    let listed = a.sync_conflicts().unwrap();
    let field = |f: &str| listed.iter().find(|c| c.field == f).cloned().unwrap();
    let (phone, grade) = (field("phone"), field("disability_grade"));
    assert_eq!(
        (phone.here.as_str(), phone.there.as_str()),
        ("13900000011", "13900000022")
    );
    assert_eq!((grade.here.as_str(), grade.there.as_str()), ("", "3"));
    let now = |c: &shouhu::store::sync::ConflictRow| {
        a.conflict_now(&c.table, &c.field, &c.record).unwrap()
    };
    assert_eq!(now(&phone).as_deref(), Some("13900000022"));
    let csv = shouhu_ok(
        &dir.path("a.db"),
        TODAY,
        &["sync", "conflicts", "--format", "csv"],
    );
    assert!(
        csv.stdout.contains(",phone,13900000011,13900000022,"),
        "{}",
        csv.stdout
    );
    // A number is not typed; this PC's empty grade is kept as no grade.
    let today = d(2026, 11, 23);
    let typed = a.resolve_conflict(grade.id, Settle::Value("2".into()), today);
    assert!(typed.unwrap_err().to_string().contains("不能直接输入"));
    assert_eq!(a.child(child).unwrap().unwrap().disability_grade, Some(3));
    a.resolve_conflict(grade.id, Settle::Here, today).unwrap();
    assert_eq!(a.child(child).unwrap().unwrap().disability_grade, None);
    let kept: String = rusqlite::Connection::open(dir.path("a.db"))
        .unwrap()
        .query_row(
            "SELECT typeof(disability_grade) FROM children WHERE id = ?1",
            [child],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, "null");
    assert!(a.case_rows().is_ok());
    // Taking the value the record holds already writes nothing new.
    let before = a.sync_export(None).unwrap().0.len();
    a.resolve_conflict(phone.id, Settle::There, today).unwrap();
    assert_eq!(a.sync_export(None).unwrap().0.len(), before);
    assert!(a.sync_conflicts().unwrap().iter().all(|c| c.id != phone.id));
    // A visit's date (which it must have) is never cleared: refused, kept.
    let file = rusqlite::Connection::open(dir.path("a.db")).unwrap();
    let visit: String = file
        .query_row("SELECT uuid FROM visits ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    file.execute(
        "INSERT INTO sync_conflicts (table_name, record, field, here, there, from_site, kind, at)
         VALUES ('visits', ?1, 'date', '2026-11-01', '2026-11-02', 1, 'data', '2026-11-23')",
        [&visit],
    )
    .unwrap();
    let date = |f: &rusqlite::Connection| -> String {
        f.query_row("SELECT date FROM visits WHERE uuid = ?1", [&visit], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let before = date(&file);
    let id = a.sync_conflicts().unwrap()[0].id;
    assert!(
        a.resolve_conflict(id, Settle::Value(" ".into()), today)
            .is_err()
    );
    assert_eq!(date(&file), before);
    a.resolve_conflict(id, Settle::Value("11.5".into()), today)
        .unwrap();
    assert_eq!(date(&file), "2026-11-05");
}
