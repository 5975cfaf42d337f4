//! The session wrapper's tests.

use super::*;

fn db() -> Connection {
    let c = Connection::open_in_memory().unwrap();
    c.execute_batch(
        "CREATE TABLE kids (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '', idn TEXT UNIQUE);
         CREATE TABLE drafts (id INTEGER PRIMARY KEY, body TEXT);",
    )
    .unwrap();
    c
}

fn recorded(c: &Connection, sql: &str) -> Vec<u8> {
    let s = Session::attach(c, &["kids"]).unwrap();
    c.execute_batch(sql).unwrap();
    s.changeset().unwrap()
}

#[test]
fn a_changeset_records_the_tables_attached_and_applies_elsewhere() {
    let (a, b) = (db(), db());
    let set = recorded(
        &a,
        "INSERT INTO kids (id, name) VALUES (1, '甲'), (2, '乙');
         INSERT INTO drafts (body) VALUES ('not synced');
         UPDATE kids SET phone = '139' WHERE id = 2;",
    );
    let seen = changes(&set).unwrap();
    assert_eq!(seen.len(), 2, "two inserts (the update folds in), no draft");
    assert!(seen.iter().all(|c| c.table == "kids" && c.op == Op::Insert));
    apply(&b, &set, &["kids"], |_| Resolution::Abort).unwrap();
    let phone: String = b
        .query_row("SELECT phone FROM kids WHERE id = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(phone, "139");
    // Applied twice: every insert meets its row, and the handler says omit.
    let mut met = Vec::new();
    apply(&b, &set, &["kids"], |c| {
        met.push(c.kind);
        Resolution::Omit
    })
    .unwrap();
    assert_eq!(met, [ConflictKind::Conflict, ConflictKind::Conflict]);
}

#[test]
fn each_kind_of_conflict_reaches_the_handler_with_both_values() {
    let (a, b) = (db(), db());
    let base = recorded(
        &a,
        "INSERT INTO kids (id, name, phone, idn) VALUES (1, '甲', '131', 'X1'), (2, '乙', '', 'X2')",
    );
    apply(&b, &base, &["kids"], |_| Resolution::Abort).unwrap();
    // Both sides change the phone of 1; here deletes 2, there changes it.
    let there = recorded(
        &a,
        "UPDATE kids SET phone = '138' WHERE id = 1; UPDATE kids SET name = '乙乙' WHERE id = 2",
    );
    b.execute_batch("UPDATE kids SET phone = '139' WHERE id = 1; DELETE FROM kids WHERE id = 2")
        .unwrap();
    let mut seen: Vec<Conflict> = Vec::new();
    apply(&b, &there, &["kids"], |c| {
        seen.push(c.clone());
        Resolution::Omit
    })
    .unwrap();
    assert_eq!(seen.len(), 2);
    let data = seen.iter().find(|c| c.kind == ConflictKind::Data).unwrap();
    assert_eq!(data.here[2], Some(Value::Text("139".into())));
    assert_eq!(data.new[2], Some(Value::Text("138".into())));
    assert!(
        seen.iter()
            .any(|c| c.kind == ConflictKind::NotFound && c.op == Op::Update)
    );
    // Omitted: the phone here stays.
    let phone: String = b
        .query_row("SELECT phone FROM kids WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(phone, "139");
    // A new row of another key with an ID number taken here: a constraint.
    // (Recorded on a third PC, where X1 is free.)
    let dup = recorded(
        &db(),
        "INSERT INTO kids (id, name, idn) VALUES (3, '丙', 'X1')",
    );
    let mut kinds = Vec::new();
    apply(&b, &dup, &["kids"], |c| {
        kinds.push(c.kind);
        Resolution::Omit
    })
    .unwrap();
    assert_eq!(kinds, [ConflictKind::Constraint]);
}

#[test]
fn everything_a_database_holds_is_one_changeset_of_inserts() {
    let a = db();
    a.execute_batch("INSERT INTO kids (id, name) VALUES (1, '甲'), (2, '乙'); INSERT INTO drafts (body) VALUES ('x')")
        .unwrap();
    let all = everything(&a, &["kids"]).unwrap();
    let seen = changes(&all).unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|c| c.op == Op::Insert && c.table == "kids"));
    let b = db();
    apply(&b, &all, &["kids"], |_| Resolution::Abort).unwrap();
    let n: i64 = b
        .query_row("SELECT count(*) FROM kids", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn a_changeset_writes_only_the_tables_it_may() {
    let (a, b) = (db(), db());
    let s = Session::attach(&a, &["kids", "drafts"]).unwrap();
    a.execute_batch("INSERT INTO kids (id, name) VALUES (1, '甲'); INSERT INTO drafts (id, body) VALUES (1, 'x')")
        .unwrap();
    let set = s.changeset().unwrap();
    apply(&b, &set, &["kids"], |_| Resolution::Abort).unwrap();
    let (kids, drafts): (i64, i64) = b
        .query_row(
            "SELECT (SELECT count(*) FROM kids), (SELECT count(*) FROM drafts)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kids, drafts), (1, 0));
}

#[test]
fn a_damaged_changeset_is_refused() {
    let a = db();
    let mut set = recorded(&a, "INSERT INTO kids (id, name) VALUES (1, '甲')");
    set.truncate(set.len() - 3);
    assert!(changes(&set).is_err());
    let b = db();
    assert!(apply(&b, &set, &["kids"], |_| Resolution::Omit).is_err());
}
