//! The report's figures through the real binary, checked against counts made
//! a second way: plain SQL over the database, and the cadence worked out here.

mod common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use chrono::{Days, Months, NaiveDate};
use common::{Scratch, shouhu, shouhu_ok};
use shouhu::domain::ChildStatus;
use shouhu::store::Store;

const TODAY: &str = "2026-11-23";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A demo township where some children have left: a few in the last quarter,
/// one without an exit date, one after the end of Q2.
fn township(s: &Scratch) {
    shouhu_ok(
        &s.db(),
        TODAY,
        &["demo", "--children", "300", "--seed", "11"],
    );
    let mut store = Store::open(&s.db()).unwrap();
    let exits = [
        (3, Some("2026-10-15")),
        (10, Some("2026-11-02")),
        (17, Some("2026-07-20")),
        (24, None),
        (31, Some("2026-05-01")),
    ];
    // Ids are numbered in the database's site range: the n-th child made.
    let base = shouhu::store::site::range(store.site().unwrap().0).0;
    for (n, when) in exits {
        let mut c = store.child(base + n).unwrap().unwrap();
        c.status = ChildStatus::Exited;
        c.exit_date = when.map(d);
        c.exit_reason = "迁出".into();
        store.save_child(&mut c).unwrap();
    }
}

/// The CSV report as village → column → value.
fn report(db: &Path, args: &[&str]) -> HashMap<String, HashMap<String, String>> {
    let mut all = vec!["report", "--format", "csv"];
    all.extend_from_slice(args);
    let r = shouhu_ok(db, TODAY, &all);
    let text = r.stdout.strip_prefix('\u{feff}').unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let row: HashMap<String, String> = headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect();
            (rec[0].to_string(), row)
        })
        .collect()
}

/// One count per village from SQL with the period's dates bound.
fn per_village(conn: &rusqlite::Connection, sql: &str, p: &[&str]) -> HashMap<String, usize> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map(rusqlite::params_from_iter(p), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

const FOCUS: &[&str] = &[
    "parent_severe_disability",
    "disabled_or_ill",
    "psych_or_behaviour",
    "living_alone",
    "poor_guardianship",
];

/// Coverage worked out here: the default policy (focus flags every 14 days,
/// everyone else every calendar month) over counting visits up to `as_of`.
fn coverage(conn: &rusqlite::Connection, as_of: NaiveDate) -> HashMap<String, (usize, usize)> {
    let a = as_of.format("%Y-%m-%d").to_string();
    let mut stmt = conn
        .prepare(
            "SELECT v.name, c.flag_codes, c.registered_on,
                (SELECT max(date) FROM visits x WHERE x.child_id = c.id
                   AND x.kind IN ('home', 'historic') AND x.date <= ?1)
             FROM children c JOIN villages v ON v.id = c.village_id
             WHERE c.registered_on <= ?1
               AND (c.status = 'active' OR (c.exit_date IS NOT NULL AND c.exit_date > ?1))",
        )
        .unwrap();
    let mut out: HashMap<String, (usize, usize)> = HashMap::new();
    let rows = stmt
        .query_map([&a], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (village, flags, registered, last) = row.unwrap();
        let focus = flags.split(',').any(|f| FOCUS.contains(&f));
        let next = match last {
            None => d(&registered),
            Some(l) if focus => d(&l) + Days::new(14),
            Some(l) => d(&l).checked_add_months(Months::new(1)).unwrap(),
        };
        let e = out.entry(village).or_default();
        e.0 += 1;
        if next >= as_of {
            e.1 += 1;
        }
    }
    out
}

#[test]
fn the_figures_agree_with_plain_sql() {
    let s = Scratch::new("report");
    township(&s);
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    let villages: Vec<String> = Store::open(&s.db()).unwrap().villages().unwrap();
    // Overdue now, from the triage list of `due`.
    let due = shouhu(&s.db(), TODAY, &["due", "--within", "0", "--format", "csv"]);
    let mut overdue: HashMap<String, usize> = HashMap::new();
    for line in due.stdout.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[7].parse::<i64>().unwrap() > 0 {
            *overdue.entry(f[2].to_string()).or_default() += 1;
        }
    }
    for (args, start, end) in [
        (vec!["--quarter", "2026Q4"], "2026-10-01", "2026-12-31"),
        (vec![], "2026-10-01", "2026-12-31"),
        (vec!["--quarter", "2026Q2"], "2026-04-01", "2026-06-30"),
        (vec!["--half", "2026H2"], "2026-07-01", "2026-12-31"),
        (vec!["--year", "2025"], "2025-01-01", "2025-12-31"),
    ] {
        let got = report(&s.db(), &args);
        let as_of = d(end).min(d(TODAY));
        let a = as_of.format("%Y-%m-%d").to_string();
        let active_sql = "FROM children c JOIN villages v ON v.id = c.village_id
            WHERE c.registered_on <= ?1
              AND (c.status = 'active' OR (c.exit_date IS NOT NULL AND c.exit_date > ?1))";
        let active = per_village(
            &conn,
            &format!("SELECT v.name, count(*) {active_sql} GROUP BY v.name"),
            &[&a],
        );
        let male = per_village(
            &conn,
            &format!("SELECT v.name, count(*) {active_sql} AND c.gender = 'male' GROUP BY v.name"),
            &[&a],
        );
        let orphans = per_village(
            &conn,
            &format!(
                "SELECT v.name, count(*) {active_sql} AND EXISTS (SELECT 1 FROM child_categories k
                   WHERE k.child_id = c.id AND k.category = 'orphan') GROUP BY v.name"
            ),
            &[&a],
        );
        let new = per_village(
            &conn,
            "SELECT v.name, count(*) FROM children c JOIN villages v ON v.id = c.village_id
             WHERE c.registered_on BETWEEN ?1 AND ?2 GROUP BY v.name",
            &[start, end],
        );
        let exited = per_village(
            &conn,
            "SELECT v.name, count(*) FROM children c JOIN villages v ON v.id = c.village_id
             WHERE c.status = 'exited' AND c.exit_date BETWEEN ?1 AND ?2 GROUP BY v.name",
            &[start, end],
        );
        let home = per_village(
            &conn,
            "SELECT v.name, count(*) FROM visits x JOIN children c ON c.id = x.child_id
             JOIN villages v ON v.id = c.village_id
             WHERE x.kind = 'home' AND x.date BETWEEN ?1 AND ?2 GROUP BY v.name",
            &[start, end],
        );
        let cover = coverage(&conn, as_of);
        let n = |m: &HashMap<String, usize>, v: &str| m.get(v).copied().unwrap_or(0).to_string();
        let mut totals = [0usize; 7];
        for v in &villages {
            let row = &got[v];
            let (counted, kept) = cover.get(v).copied().unwrap_or_default();
            assert_eq!(row["在册儿童"], n(&active, v), "{args:?} {v}");
            assert_eq!(row["男"], n(&male, v), "{args:?} {v}");
            assert_eq!(row["孤儿"], n(&orphans, v), "{args:?} {v}");
            assert_eq!(row["新增"], n(&new, v), "{args:?} {v}");
            assert_eq!(row["退出"], n(&exited, v), "{args:?} {v}");
            assert_eq!(row["入户走访次数"], n(&home, v), "{args:?} {v}");
            assert_eq!(row["按时走访"], kept.to_string(), "{args:?} {v}");
            assert_eq!(
                row["走访覆盖率"],
                format!("{:.1}%", kept as f64 * 100.0 / counted as f64),
                "{args:?} {v}"
            );
            assert_eq!(row["当前逾期"], n(&overdue, v), "{args:?} {v}");
            for (t, x) in totals.iter_mut().zip([
                active.get(v),
                new.get(v),
                exited.get(v),
                home.get(v),
                overdue.get(v),
                Some(&kept),
                Some(&counted),
            ]) {
                *t += x.copied().unwrap_or(0);
            }
        }
        let total = &got["全乡镇（街道）合计"];
        assert_eq!(total["在册儿童"], totals[0].to_string());
        assert_eq!(total["新增"], totals[1].to_string());
        assert_eq!(total["退出"], totals[2].to_string());
        assert_eq!(total["入户走访次数"], totals[3].to_string());
        assert_eq!(total["当前逾期"], totals[4].to_string());
        assert_eq!(total["按时走访"], totals[5].to_string());
        assert!(totals[6] > 0);
    }
    // The exits set up above are where they belong.
    let q4 = report(&s.db(), &["--quarter", "2026Q4"]);
    let exited: usize = q4["全乡镇（街道）合计"]["退出"].parse().unwrap();
    assert_eq!(exited, 2);
    let h2 = report(&s.db(), &["--half", "2026H2"]);
    assert_eq!(h2["全乡镇（街道）合计"]["退出"], "3");
}

#[test]
fn the_report_writes_table_xlsx_and_html() {
    let s = Scratch::new("report-files");
    township(&s);
    let r = shouhu_ok(&s.db(), TODAY, &["report"]);
    assert!(
        r.stdout.contains("2026Q4（2026-10-01 至 2026-12-31）"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("全乡镇（街道）合计"));
    assert!(r.stdout.contains("结对覆盖率"), "pairing coverage is there");
    assert!(
        r.stdout.contains("强制报告与转介"),
        "what is left out is said"
    );
    // Aligned by display width: the last column is a number, right-aligned,
    // so every line of the table ends at the same cell.
    let table: Vec<&str> = r
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("村（社区）"))
        .take_while(|l| !l.starts_with("未含"))
        .collect();
    assert!(table.len() > 3);
    let w = shouhu::domain::text::width(table[0]);
    for line in &table {
        assert_eq!(shouhu::domain::text::width(line), w, "{line}");
    }
    let xlsx = s.path("r.xlsx");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "report",
            "--year",
            "2026",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "儿童关爱保护工作统计表");
    assert!(
        rows.iter()
            .any(|r| r[0] == "全乡镇（街道）合计" && r[1] == "295"),
        "{rows:?}"
    );
    let html = s.path("r.html");
    shouhu_ok(
        &s.db(),
        TODAY,
        &["report", "--format", "html", "-o", html.to_str().unwrap()],
    );
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("走访覆盖率")
    );
}

#[test]
fn bad_periods_are_usage_errors() {
    let s = Scratch::new("report-bad");
    for args in [
        &["report", "--quarter", "2026Q5"][..],
        &["report", "--quarter", "Q4"],
        &["report", "--half", "2026H3"],
        &["report", "--year", "26"],
        &["report", "--quarter", "2026Q4", "--half", "2026H2"],
        &["report", "--format", "pdf"],
    ] {
        let r = shouhu(&s.db(), TODAY, args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("错误："), "{}", r.stderr);
    }
    let r = shouhu(
        &s.db(),
        TODAY,
        &["--lang", "en", "report", "--quarter", "2026Q5"],
    );
    assert!(
        r.stderr
            .contains("option --quarter has an invalid value: 2026Q5"),
        "{}",
        r.stderr
    );
}

#[test]
fn pairing_coverage_and_the_pairing_report_agree_with_plain_sql() {
    let s = Scratch::new("report-pairing");
    township(&s);
    let db = s.db();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let priority = "c.status = 'active' AND (
            (',' || c.category_codes || ',' LIKE '%,orphan,%' AND c.placement <> 'institution')
         OR ',' || c.category_codes || ',' LIKE '%,de_facto_unsupported,%'
         OR ',' || c.category_codes || ',' LIKE '%,dibao_severe,%')";
    let all = per_village(
        &conn,
        &format!(
            "SELECT v.name, count(*) FROM children c JOIN villages v ON v.id = c.village_id
              WHERE {priority} GROUP BY v.name"
        ),
        &[],
    );
    let paired = per_village(
        &conn,
        &format!(
            "SELECT v.name, count(*) FROM children c JOIN villages v ON v.id = c.village_id
              WHERE {priority} AND EXISTS (SELECT 1 FROM pairings p JOIN helpers h ON h.id = p.helper_id
                 WHERE p.child_id = c.id AND h.kind = 'family' AND p.start <= ?1
                   AND (p.\"end\" IS NULL OR p.\"end\" >= ?1))
              GROUP BY v.name"
        ),
        &[TODAY],
    );
    assert!(all.values().sum::<usize>() > 10);
    let rep = report(&db, &["--quarter", "2026Q4"]);
    for (village, n) in &all {
        let row = &rep[village];
        assert_eq!(row["重点儿童"], n.to_string(), "{village}");
        let p = paired.get(village).copied().unwrap_or(0);
        assert_eq!(row["有爱心家庭"], p.to_string(), "{village}");
        assert_eq!(
            row["结对覆盖率"],
            format!("{:.1}%", p as f64 * 100.0 / *n as f64)
        );
    }
    let total: usize = all.values().sum();
    assert_eq!(rep["全乡镇（街道）合计"]["重点儿童"], total.to_string());

    // The pairing report: a row per village and unit; its sums against SQL.
    let r = shouhu_ok(
        &db,
        TODAY,
        &[
            "report",
            "--quarter",
            "2026Q4",
            "--pairings",
            "--format",
            "csv",
        ],
    );
    let text = r.stdout.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "村（社区）",
            "帮扶单位",
            "结对儿童",
            "巡查走访",
            "慰问",
            "心愿实现",
            "转交问题"
        ]
    );
    let mut sums = [0usize; 5];
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (i, sum) in sums.iter_mut().enumerate() {
            *sum += rec[i + 2].parse::<usize>().unwrap();
        }
    }
    let one =
        |sql: &str| -> usize { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
    let children = one(
        "SELECT count(*) FROM (SELECT DISTINCT c.village_id, CASE WHEN h.unit = '' THEN h.name ELSE h.unit END, p.child_id
           FROM pairings p JOIN children c ON c.id = p.child_id JOIN helpers h ON h.id = p.helper_id
          WHERE p.start <= '2026-11-23' AND (p.\"end\" IS NULL OR p.\"end\" >= '2026-10-01'))",
    );
    let done = |kind: &str| {
        one(&format!(
            "SELECT count(*) FROM helper_activities
              WHERE kind = '{kind}' AND date BETWEEN '2026-10-01' AND '2026-11-23'"
        ))
    };
    assert_eq!(
        sums,
        [
            children,
            done("visit"),
            done("care"),
            done("wish"),
            done("problem")
        ]
    );
    assert!(sums[0] > 20 && sums[1] > 10, "{sums:?}");
}
