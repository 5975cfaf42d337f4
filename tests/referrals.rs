//! Reports and referrals through the real binary: raised, moved along their
//! states, listed with the exact csv header, refused with a clear message
//! and nothing written.

mod common;

use common::{Scratch, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A demo township without the demo's own reports: an ID number and a
/// name@village of one child.
fn ground(s: &Scratch) -> (std::path::PathBuf, String, String) {
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "40"]);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DELETE FROM referral_moves; DELETE FROM referrals;")
        .unwrap();
    let (id, name, village): (String, String, String) = c
        .query_row(
            "SELECT c.id_number, c.name, v.name FROM children c JOIN villages v ON v.id = c.village_id
              WHERE c.id_number IS NOT NULL
                AND (SELECT count(*) FROM children d WHERE d.name = c.name AND d.village_id = c.village_id) = 1
              LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    (db, id, format!("{name}@{village}"))
}

#[test]
fn a_dropout_referral_awaits_feedback_eight_days_after_it_was_sent() {
    let s = Scratch::new("referrals-feedback");
    let (db, id, _) = ground(&s);
    let r = shouhu_ok(
        &db,
        "2026-11-15",
        &[
            "referral",
            "new",
            "--child",
            &id,
            "--kind",
            "referral",
            "--reason",
            "控辍保学",
            "--target",
            "教育",
            "--what",
            "连续两周未到校",
        ],
    );
    assert_eq!(r.stdout.trim(), "1", "the number alone");
    shouhu_ok(
        &db,
        "2026-11-15",
        &["referral", "move", "1", "--to", "sent"],
    );
    let csv = |today: &str| shouhu_ok(&db, today, &["referrals", "--format", "csv"]).stdout;
    let out = csv("2026-11-21");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "no,kind,state,name,id_number,village,reason,target,found_on,raised_on,sent_on,age_hours,awaiting_feedback"
        )
    );
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&row[..3], ["1", "referral", "sent"]);
    assert!(
        row[4].contains("****") && !out.contains(&id),
        "masked: {out}"
    );
    assert_eq!(
        &row[6..11],
        ["dropout", "教育", "2026-11-15", "2026-11-15", "2026-11-15"]
    );
    assert_eq!(row[11], "144", "six days in hours");
    assert_eq!(row[12], "no");
    let out = csv("2026-11-23");
    assert!(out.lines().nth(1).unwrap().ends_with(",192,yes"), "{out}");
    let json = shouhu_ok(&db, "2026-11-23", &["referrals", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["awaiting_feedback"], true);
    // Answered: no longer awaiting; --state filters.
    shouhu_ok(
        &db,
        "2026-11-23",
        &[
            "referral",
            "move",
            "1",
            "--to",
            "answered",
            "--note",
            "学校回复：已劝返",
        ],
    );
    assert!(csv("2026-11-23").lines().nth(1).unwrap().ends_with(",no"));
    let sent = shouhu_ok(
        &db,
        TODAY,
        &["referrals", "--state", "sent", "--format", "csv"],
    )
    .stdout;
    assert_eq!(sent.lines().count(), 1, "{sent}");
}

#[test]
fn a_mandatory_report_by_name_is_sent_answered_and_closed_with_its_outcome() {
    let s = Scratch::new("referrals-mandatory");
    let (db, _, who) = ground(&s);
    let r = shouhu_ok(
        &db,
        TODAY,
        &[
            "referral",
            "new",
            "--child",
            &who,
            "--kind",
            "mandatory",
            "--reason",
            "living_alone",
            "--target",
            "公安",
            "--what",
            "父母外出，独自在家",
            "--found",
            "2026-11-21",
            "--severity",
            "紧急",
        ],
    );
    assert_eq!(r.stdout.trim(), "1");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM referrals WHERE severity = 'urgent' AND found_on = '2026-11-21'"
        ),
        1
    );
    // Closing needs the outcome; a backward move is refused; nothing written.
    let r = shouhu(&db, TODAY, &["referral", "move", "1", "--to", "closed"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("办理结果"), "{}", r.stderr);
    shouhu_ok(&db, TODAY, &["referral", "move", "1", "--to", "accepted"]);
    let r = shouhu(&db, TODAY, &["referral", "move", "1", "--to", "sent"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("不能从"), "{}", r.stderr);
    assert_eq!(count(&db, "SELECT count(*) FROM referral_moves"), 1);
    // sent was skipped: sent_on is the day it was accepted.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM referrals WHERE sent_on = '2026-11-23'"
        ),
        1
    );
    shouhu_ok(
        &db,
        TODAY,
        &[
            "referral",
            "move",
            "1",
            "--to",
            "closed",
            "--outcome",
            "已由祖母照护，监护落实",
            "--answer",
            "派出所已出警",
        ],
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM referrals WHERE state = 'closed' AND outcome <> '' AND answer <> ''"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit WHERE record_uuid = (SELECT uuid FROM referrals WHERE no = 1)"
        ),
        3,
        "raised, accepted, closed"
    );
}

#[test]
fn bad_reports_say_why_and_write_nothing() {
    let s = Scratch::new("referrals-bad");
    let (db, id, _) = ground(&s);
    for (args, words) in [
        (
            vec!["--child", &id, "--kind", "mandatory", "--target", "公安"],
            "事由",
        ),
        (
            vec![
                "--kind",
                "mandatory",
                "--reason",
                "missing",
                "--target",
                "公安",
            ],
            "儿童",
        ),
        (
            vec![
                "--child",
                "无此人@白果村",
                "--kind",
                "mandatory",
                "--reason",
                "missing",
                "--target",
                "公安",
            ],
            "找不到",
        ),
        (
            vec![
                "--child",
                &id,
                "--kind",
                "mandatory",
                "--reason",
                "missing",
                "--target",
                "外星局",
            ],
            "不认识的单位",
        ),
        (
            vec![
                "--child",
                &id,
                "--kind",
                "mandatory",
                "--reason",
                "dropout",
                "--target",
                "教育",
            ],
            "不是",
        ),
        (
            vec![
                "--child", &id, "--kind", "referral", "--reason", "医疗", "--target", "医保",
            ],
            "不认识的事由",
        ),
        (
            vec![
                "--child",
                &id,
                "--kind",
                "mandatory",
                "--reason",
                "missing",
                "--target",
                "公安",
                "--found",
                "2026-12-02",
            ],
            "晚于今天",
        ),
    ] {
        let mut all = vec!["referral", "new"];
        all.extend(args.iter().copied());
        let r = shouhu(&db, TODAY, &all);
        assert_eq!(r.code, 1, "{all:?}: {}", r.stdout);
        assert!(r.stderr.contains(words), "{all:?}: {}", r.stderr);
    }
    assert_eq!(count(&db, "SELECT count(*) FROM referrals"), 0);
    let r = shouhu(&db, TODAY, &["referral", "move", "9", "--to", "sent"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("没有编号为 9"), "{}", r.stderr);
    // A township's own body is taken once it is set.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute(
        "INSERT INTO settings (key, value, uuid, updated_at) VALUES ('bodies', '镇综治办', 'b1', '2026-11-23T00:00:00Z')",
        [],
    )
    .unwrap();
    shouhu_ok(
        &db,
        TODAY,
        &[
            "referral",
            "new",
            "--child",
            &id,
            "--kind",
            "referral",
            "--reason",
            "other",
            "--target",
            "镇综治办",
        ],
    );
}
