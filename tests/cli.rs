//! The command line's promises: exit codes, locked and broken databases,
//! backup and restore, the demo township, the triage's options.

mod common;

use common::{Scratch, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

#[test]
fn a_wrong_command_line_exits_2_in_the_users_language() {
    let s = Scratch::new("usage");
    for args in [
        &["frobnicate"][..],
        &["due", "--within"],
        &["due", "--format", "xml"],
        &["import", "pets", "x.csv"],
        &["due", "--skip-invalid"],
    ] {
        let r = shouhu(&s.db(), TODAY, args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("错误："), "{}", r.stderr);
    }
    let r = shouhu(&s.db(), TODAY, &["--lang", "en", "frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown command: frobnicate"),
        "{}",
        r.stderr
    );
    let r = shouhu(&s.db(), "2026-02-30", &["due"]);
    assert_eq!(r.code, 2);
}

#[test]
fn demo_is_deterministic_and_due_filters_by_village() {
    let a = Scratch::new("demo-a");
    let b = Scratch::new("demo-b");
    for s in [&a, &b] {
        let r = shouhu_ok(
            &s.db(),
            TODAY,
            &["demo", "--children", "120", "--seed", "5"],
        );
        assert!(r.stdout.contains("120 名儿童"), "{}", r.stdout);
    }
    let due_a = shouhu(&a.db(), TODAY, &["due", "--format", "csv"]).stdout;
    let due_b = shouhu(&b.db(), TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(due_a, due_b);
    assert!(due_a.lines().count() > 10);
    // A second demo into a full database is refused.
    let r = shouhu(&a.db(), TODAY, &["demo"]);
    assert_eq!(r.code, 1);

    let village = due_a
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .to_string();
    let one = shouhu(
        &a.db(),
        TODAY,
        &["due", "--format", "csv", "--village", &village],
    )
    .stdout;
    assert!(
        one.lines()
            .skip(1)
            .all(|l| l.split(',').nth(2) == Some(village.as_str()))
    );
    let all_of_village = due_a
        .lines()
        .filter(|l| l.split(',').nth(2) == Some(village.as_str()))
        .count();
    assert_eq!(one.lines().count() - 1, all_of_village);
    let r = shouhu(&a.db(), TODAY, &["due", "--village", "没有这个村"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("没有名为“没有这个村”的村（社区）"),
        "{}",
        r.stderr
    );

    // Wider windows list more; every listed child is due within it.
    let week = shouhu(
        &a.db(),
        TODAY,
        &["due", "--within", "0", "--format", "json"],
    )
    .stdout;
    let month = shouhu(
        &a.db(),
        TODAY,
        &["due", "--within", "30", "--format", "json"],
    )
    .stdout;
    let week: serde_json::Value = serde_json::from_str(&week).unwrap();
    let month: serde_json::Value = serde_json::from_str(&month).unwrap();
    assert!(month.as_array().unwrap().len() > week.as_array().unwrap().len());
    assert!(
        week.as_array()
            .unwrap()
            .iter()
            .all(|r| r["overdue_days"].as_i64().unwrap() >= 0)
    );
    assert!(
        month
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["overdue_days"].as_i64().unwrap() >= -30)
    );

    // The table aligns Chinese by display width: every row as wide as the header.
    let table = shouhu(&a.db(), TODAY, &["due"]).stdout;
    let lines: Vec<&str> = table.lines().collect();
    let width = |s: &str| shouhu::domain::text::width(s);
    let col = width(lines[0]);
    assert!(
        lines[1..lines.len() - 1].iter().all(|l| width(l) == col),
        "{table}"
    );
}

#[test]
fn backup_restore_and_check() {
    let s = Scratch::new("backup");
    let db = s.db();
    assert_eq!(shouhu(&db, TODAY, &["demo", "--children", "40"]).code, 0);
    let r = shouhu(&db, TODAY, &["check"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("40 名儿童"), "{}", r.stdout);
    let copy = s.path("copy.db");
    shouhu_ok(&db, TODAY, &["backup", "-o", copy.to_str().unwrap()]);
    let before = shouhu(&db, TODAY, &["due", "--format", "csv"]).stdout;
    // Change the live database, then restore the backup.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE children SET status = 'exited'", [])
        .unwrap();
    drop(conn);
    assert_eq!(
        shouhu(&db, TODAY, &["due", "--format", "csv"])
            .stdout
            .lines()
            .count(),
        1
    );
    shouhu_ok(&db, TODAY, &["restore", copy.to_str().unwrap()]);
    assert_eq!(
        shouhu(&db, TODAY, &["due", "--format", "csv"]).stdout,
        before
    );
    let safety: Vec<_> = std::fs::read_dir(&s.0)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("shouhu-before-restore")
        })
        .collect();
    assert_eq!(safety.len(), 1);
    // Restoring something that is not a backup changes nothing.
    let junk = s.path("junk.db");
    std::fs::write(
        &junk,
        "not a database at all, just some text to fill the header page",
    )
    .unwrap();
    let r = shouhu(&db, TODAY, &["restore", junk.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("不是 shouhu 备份文件"), "{}", r.stderr);
    assert_eq!(
        shouhu(&db, TODAY, &["due", "--format", "csv"]).stdout,
        before
    );
}

#[test]
fn broken_locked_and_unreachable_databases_get_a_message() {
    let s = Scratch::new("brokendb");
    let junk = s.path("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
    let r = shouhu(&junk, TODAY, &["due"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("不是 shouhu 数据库"), "{}", r.stderr);

    // A command that only reads makes nothing where there is no file.
    let missing = s.path("no/such/dir/x.db");
    let r = shouhu(&missing, TODAY, &["due"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("不存在") && r.stderr.contains("--create"),
        "{}",
        r.stderr
    );
    let r = shouhu(&missing, TODAY, &["due", "--create"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("无法打开数据库") && r.stderr.contains("文件夹不存在"),
        "{}",
        r.stderr
    );

    let db = s.db();
    assert_eq!(shouhu(&db, TODAY, &["demo", "--children", "10"]).code, 0);
    let sheet = s.path("one.csv");
    std::fs::write(
        &sheet,
        "姓名,性别,出生日期,村（社区）,儿童类别\n丙一,女,2015-01-01,东村,孤儿\n",
    )
    .unwrap();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .unwrap();
    let r = shouhu(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("正被另一个程序使用"), "{}", r.stderr);
    holder.execute_batch("ROLLBACK").unwrap();
    shouhu_ok(&db, TODAY, &["import", "children", sheet.to_str().unwrap()]);
}

/// A demo registry of `n` children with no pairing ledger and no orphan in
/// an institution: the ground the pairing tests build their cases on.
fn demo_without_a_ledger(s: &Scratch, n: &str) -> std::path::PathBuf {
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", n]);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = ON; DELETE FROM helpers; UPDATE children SET placement = '';",
    )
    .unwrap();
    db
}

#[test]
fn pairing_check_lists_the_children_without_a_family_and_the_yearly_review() {
    let s = Scratch::new("pairing-check");
    let db = demo_without_a_ledger(&s, "40");
    let r = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "csv"]);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("check,name,id_number,village,helper,detail")
    );
    let rows: Vec<&str> = lines.collect();
    // Nobody is paired in a new demo: every priority child is listed, masked.
    let c = rusqlite::Connection::open(&db).unwrap();
    let priority: i64 = c
        .query_row(
            "SELECT count(*) FROM children WHERE status = 'active' AND (
                ',' || category_codes || ',' LIKE '%,orphan,%'
             OR ',' || category_codes || ',' LIKE '%,de_facto_unsupported,%'
             OR ',' || category_codes || ',' LIKE '%,dibao_severe,%')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let listed = rows
        .iter()
        .filter(|l| l.starts_with("priority_unpaired,"))
        .count();
    assert_eq!(listed as i64, priority);
    assert!(
        rows.iter()
            .filter(|l| l.starts_with("priority_unpaired,"))
            .all(|l| l.contains("****"))
    );
    assert!(
        rows.iter().any(|l| l.starts_with("roster_review,,")),
        "{}",
        r.stdout
    );
    // The review recorded: it is no longer listed.
    shouhu_ok(&db, TODAY, &["pairing", "review"]);
    let r = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "csv"]);
    assert!(!r.stdout.contains("roster_review"));
    // A girl of 8 or more paired with a man is listed with the helper.
    let girl: i64 = c
        .query_row(
            "SELECT id FROM children WHERE gender = 'female' AND birth_date <= '2018-11-23'
               AND status = 'active' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    c.execute_batch(&format!(
        "INSERT INTO helpers (uuid, name, gender, kind, unit, updated_at)
              VALUES ('h1', '张伟', 'male', 'family', '镇政府', '2026-01-01T00:00:00Z');
         INSERT INTO pairings (uuid, child_id, helper_id, start, updated_at)
              VALUES ('p1', {girl}, (SELECT id FROM helpers WHERE uuid = 'h1'), '2026-01-01', '2026-01-01T00:00:00Z');"
    ))
    .unwrap();
    let r = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "csv"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("girl_male_helper,") && l.contains("张伟（镇政府）")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("helper_untrained,,,,张伟")),
        "{}",
        r.stdout
    );
    let json = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().iter().any(|x| x["check"] == "behind"));
}

#[test]
fn helpers_import_once_by_name_and_unit_and_bad_rows_write_nothing() {
    let s = Scratch::new("helpers");
    let db = demo_without_a_ledger(&s, "10");
    let sheet = s.path("h.csv");
    let count = |sql: &str| -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    };
    std::fs::write(
        &sheet,
        "姓名,性别,类型,单位,电话,挂钩村,最近培训日期\n李芳,女,家庭,镇政府,13800001111,白果村,2026-03-01\n王强,外星,家庭,镇卫生院,,,\n",
    )
    .unwrap();
    let r = shouhu(&db, TODAY, &["import", "helpers", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第 3 行") && r.stderr.contains("外星"),
        "{}",
        r.stderr
    );
    assert_eq!(count("SELECT count(*) FROM helpers"), 0, "all or nothing");
    std::fs::write(
        &sheet,
        "姓名,性别,类型,单位,电话,挂钩村,最近培训日期\n李芳,女,家庭,镇政府,13800001111,白果村,2026-03-01\n王强,男,部门包片,镇卫生院,,,\n",
    )
    .unwrap();
    let r = shouhu_ok(&db, TODAY, &["import", "helpers", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 2"), "{}", r.stdout);
    let r = shouhu_ok(&db, TODAY, &["import", "helpers", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("更新 2"), "{}", r.stdout);
    assert_eq!(count("SELECT count(*) FROM helpers"), 2);
    assert_eq!(
        count("SELECT count(*) FROM helper_trainings"),
        1,
        "a training day once"
    );
    assert_eq!(
        count("SELECT count(*) FROM helpers WHERE kind = 'department'"),
        1
    );
}

/// A demo registry of 30 children and one helper, 李芳 of 镇政府.
fn demo_with_a_helper(s: &Scratch) -> std::path::PathBuf {
    let db = demo_without_a_ledger(s, "30");
    let helpers = s.path("h.csv");
    std::fs::write(&helpers, "姓名,性别,类型,单位\n李芳,女,家庭,镇政府\n").unwrap();
    shouhu_ok(
        &db,
        TODAY,
        &["import", "helpers", helpers.to_str().unwrap()],
    );
    db
}

#[test]
fn pairings_import_by_id_or_name_and_the_check_sees_them() {
    let s = Scratch::new("pairings");
    let db = demo_with_a_helper(&s);
    // A priority child without a family, as the check lists it.
    let before = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "csv"]).stdout;
    let row = before
        .lines()
        .find(|l| l.starts_with("priority_unpaired,"))
        .unwrap()
        .to_string();
    let name = row.split(',').nth(1).unwrap().to_string();
    let village = row.split(',').nth(3).unwrap().to_string();
    let sheet = s.path("p.csv");
    let write = |rows: &str| {
        std::fs::write(
            &sheet,
            format!("儿童姓名,村（社区）,帮扶人,帮扶人单位,开始日期,结束日期\n{rows}"),
        )
        .unwrap();
    };
    // An unknown helper and an end before the start: nothing written.
    write(&format!(
        "{name},{village},李芳,镇政府,2026-03-01,2026-02-01\n{name},{village},无此人,镇政府,2026-03-01,\n"
    ));
    let r = shouhu(&db, TODAY, &["import", "pairings", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("早于开始日期") && r.stderr.contains("无此人"),
        "{}",
        r.stderr
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let pairs = || -> i64 {
        c.query_row("SELECT count(*) FROM pairings", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(pairs(), 0);
    write(&format!("{name},{village},李芳,镇政府,2026-03-01,\n"));
    let r = shouhu_ok(&db, TODAY, &["import", "pairings", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 1"), "{}", r.stdout);
    shouhu_ok(&db, TODAY, &["import", "pairings", sheet.to_str().unwrap()]);
    assert_eq!(pairs(), 1, "the same pairing again is not a second one");
    let after = shouhu_ok(&db, TODAY, &["pairing", "check", "--format", "csv"]).stdout;
    assert!(!after.contains(&row), "{name} has a family now");
    assert!(
        after
            .lines()
            .any(|l| l.starts_with("behind,") && l.contains(&name)),
        "{after}"
    );
}

#[test]
fn a_pairing_row_with_one_childs_id_and_anothers_name_is_refused() {
    let s = Scratch::new("pairings-mixed");
    let db = demo_with_a_helper(&s);
    let c = rusqlite::Connection::open(&db).unwrap();
    let (id, other): (String, String) = c
        .query_row(
            "SELECT a.id_number, b.name FROM children a, children b
             WHERE a.id_number IS NOT NULL AND a.name <> b.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let sheet = s.path("p.csv");
    std::fs::write(
        &sheet,
        format!("儿童身份证号,儿童姓名,帮扶人,帮扶人单位,开始日期\n{id},{other},李芳,镇政府,2026-03-01\n"),
    )
    .unwrap();
    let r = shouhu(&db, TODAY, &["import", "pairings", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("表中姓名却是"), "{}", r.stderr);
    let pairs: i64 = c
        .query_row("SELECT count(*) FROM pairings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pairs, 0);
}
