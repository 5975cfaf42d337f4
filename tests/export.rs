//! Exports through the real binary: sheets that `import` reads back, ID and
//! phone numbers masked unless `--full-id`, every export in the audit log.

mod common;

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use common::{Scratch, shouhu, shouhu_ok};
use shouhu::domain::Child;
use shouhu::io::columns;

const TODAY: &str = "2026-11-23";

fn demo(s: &Scratch) {
    shouhu_ok(
        &s.db(),
        TODAY,
        &["demo", "--children", "150", "--seed", "3"],
    );
}

fn secrets(db: &Path) -> (Vec<String>, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let get = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    (
        get("SELECT id_number FROM children WHERE id_number IS NOT NULL"),
        get("SELECT phone FROM caregivers WHERE phone <> ''"),
    )
}

fn audit(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT action, table_name, changes FROM audit WHERE action = 'export' ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn children_export_masked_by_default_and_reimports_in_full() {
    let s = Scratch::new("export-children");
    demo(&s);
    let (ids, phones) = secrets(&s.db());
    let masked = s.path("masked.csv");
    let r = shouhu_ok(
        &s.db(),
        TODAY,
        &["export", "children", "-o", masked.to_str().unwrap()],
    );
    assert!(r.stdout.contains("150"), "{}", r.stdout);
    let text = std::fs::read_to_string(&masked).unwrap();
    assert!(text.starts_with('\u{feff}'));
    // The headers are the import's, in the order of the case file.
    let header = text.lines().next().unwrap().trim_start_matches('\u{feff}');
    let want: Vec<&str> = Child::new(chrono::NaiveDate::MIN)
        .fields()
        .iter()
        .map(|(k, _)| columns::CHILDREN.iter().find(|c| c.key == *k).unwrap().zh)
        .collect();
    assert_eq!(header, want.join(","));
    assert_eq!(text.lines().count(), 151);
    for id in &ids {
        assert!(!text.contains(id.as_str()), "full ID {id} exported");
    }
    for p in &phones {
        assert!(!text.contains(p.as_str()), "full phone {p} exported");
    }
    assert!(text.contains("********") && text.contains("****"));

    // In full, the export re-imports into an empty registry, and exporting
    // that again gives the very same file.
    let full = s.path("full.csv");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "export",
            "children",
            "--full-id",
            "-o",
            full.to_str().unwrap(),
        ],
    );
    let first = std::fs::read_to_string(&full).unwrap();
    assert!(ids.iter().all(|id| first.contains(id.as_str())));
    let other = s.path("other.db");
    let r = shouhu_ok(
        &other,
        TODAY,
        &["import", "children", full.to_str().unwrap()],
    );
    assert!(r.stdout.contains("新增 150"), "{}", r.stdout);
    let again = s.path("again.csv");
    shouhu_ok(
        &other,
        TODAY,
        &[
            "export",
            "children",
            "--full-id",
            "-o",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&again).unwrap(), first);

    // Both exports are in the audit log, with what, how many and how.
    let log = audit(&s.db());
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].1, "children");
    assert!(
        log[0].2.contains("\"rows\":150") && log[0].2.contains("\"ids\":\"masked\""),
        "{}",
        log[0].2
    );
    assert!(log[1].2.contains("\"ids\":\"full\""), "{}", log[1].2);
}

#[test]
fn visits_export_to_xlsx_and_reimport() {
    let s = Scratch::new("export-visits");
    demo(&s);
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    let (ids, _) = secrets(&s.db());
    let xlsx = s.path("v.xlsx");
    shouhu_ok(
        &s.db(),
        TODAY,
        &["export", "visits", "-o", xlsx.to_str().unwrap()],
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "身份证号",
            "姓名",
            "村（社区）",
            "走访日期",
            "走访方式",
            "走访人",
            "情况记录"
        ]
    );
    assert_eq!(rows.len() as i64, visits + 1);
    let all: String = rows.iter().flatten().cloned().collect();
    assert!(ids.iter().all(|id| !all.contains(id.as_str())));

    // In full, the visits go back into a registry of the same children.
    let children = s.path("c.csv");
    let full = s.path("v.csv");
    let other = s.path("other.db");
    for (db, args) in [
        (
            &s.db(),
            vec![
                "export",
                "children",
                "--full-id",
                "-o",
                children.to_str().unwrap(),
            ],
        ),
        (
            &s.db(),
            vec![
                "export",
                "visits",
                "--full-id",
                "-o",
                full.to_str().unwrap(),
            ],
        ),
        (
            &other,
            vec!["import", "children", children.to_str().unwrap()],
        ),
        (&other, vec!["import", "visits", full.to_str().unwrap()]),
    ] {
        let r = shouhu(db, TODAY, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let back = rusqlite::Connection::open(&other).unwrap();
    let n: i64 = back
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, visits);
    let due_a = shouhu(&s.db(), TODAY, &["due", "--format", "csv"]).stdout;
    let due_b = shouhu(&other, TODAY, &["due", "--format", "csv"]).stdout;
    assert_eq!(due_a, due_b);
}

#[test]
fn referrals_export_masked_and_bad_export_commands_write_nothing() {
    let s = Scratch::new("export-bad");
    demo(&s);
    let out = s.path("p.csv");
    // Reports and referrals export, masked.
    let r = shouhu_ok(
        &s.db(),
        TODAY,
        &["export", "referrals", "-o", out.to_str().unwrap()],
    );
    assert!(r.stdout.contains("已导出"), "{}", r.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("编号,类型,状态,儿童姓名,儿童身份证号")
    );
    let (ids, _) = secrets(&s.db());
    assert!(ids.iter().all(|id| !text.contains(id.as_str())));
    std::fs::remove_file(&out).unwrap();
    let audit_before = audit(&s.db()).len();
    for args in [
        &["export", "children"][..],
        &["export", "pets", "-o", "x.csv"],
        &["export", "children", "--format", "html", "-o", "x.html"],
    ] {
        assert_eq!(shouhu(&s.db(), TODAY, args).code, 2, "{args:?}");
    }
    assert_eq!(audit(&s.db()).len(), audit_before);
}

#[test]
fn the_pairing_ledger_exports_masked_and_reads_back_into_the_same_pairings() {
    let s = Scratch::new("export-pairings");
    demo(&s);
    let db = s.db();
    let out = s.path("结对台账.csv");
    let r = shouhu_ok(
        &db,
        TODAY,
        &["export", "pairings", "-o", out.to_str().unwrap()],
    );
    assert!(r.stdout.contains("已导出"), "{}", r.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap();
    // The columns of `import pairings` first, then the ledger in the paper order.
    assert!(
        header.starts_with(
            "儿童身份证号,儿童姓名,村（社区）,帮扶人,帮扶人单位,开始日期,结束日期,有意重复,结束原因"
        ),
        "{header}"
    );
    assert!(header.ends_with("监护履责情况,邻里关系"), "{header}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let pairings: i64 = conn
        .query_row("SELECT count(*) FROM pairings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text.lines().count() as i64, pairings + 1);
    let (ids, _) = secrets(&db);
    for id in &ids {
        assert!(!text.contains(id.as_str()), "an ID number in full");
    }
    let phones: Vec<String> = conn
        .prepare("SELECT phone FROM helpers WHERE phone <> ''")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!phones.is_empty());
    for p in &phones {
        assert!(!text.contains(p.as_str()), "a helper's phone in full");
    }
    // The ledger is lost on this PC; the exported sheet brings it back, and
    // no pairing is doubled (the children found by name, village and the
    // masked number).
    let kept: String = conn
        .query_row(
            "SELECT hobbies FROM pairings WHERE hobbies <> '' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute("UPDATE pairings SET hobbies = ''", [])
        .unwrap();
    let r = shouhu_ok(&db, TODAY, &["import", "pairings", out.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 0"), "{}", r.stdout);
    let after: i64 = conn
        .query_row("SELECT count(*) FROM pairings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, pairings);
    let back: String = conn
        .query_row(
            "SELECT hobbies FROM pairings WHERE hobbies <> '' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(back, kept);
    // And as a workbook.
    let xlsx = s.path("结对台账.xlsx");
    shouhu_ok(
        &db,
        TODAY,
        &[
            "export",
            "pairings",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.height() as i64, pairings + 1);
}
