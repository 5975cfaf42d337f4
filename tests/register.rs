//! Keeping the register true through the real binary: benefits imported,
//! and the gaps the rules name (应保尽保).

mod common;

use common::{Scratch, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

fn gaps(db: &std::path::Path) -> Vec<Vec<String>> {
    let out = shouhu_ok(db, TODAY, &["gaps", "--format", "csv"]).stdout;
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("rule,name,id_number,village,categories,detail")
    );
    lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn the_demo_has_a_case_of_every_default_gap_rule() {
    let s = Scratch::new("gaps-demo");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "300"]);
    let rows = gaps(&db);
    for rule in [
        "orphan_allowance",
        "de_facto_allowance",
        "dibao",
        "disability_care",
        "disability_living",
    ] {
        assert!(rows.iter().any(|r| r[0] == rule), "{rule}");
    }
    assert!(
        rows.iter()
            .all(|r| r[2].is_empty() || r[2].contains("****"))
    );
}

#[test]
fn a_benefit_closes_its_gap_and_dibao_counts_for_the_whole_household() {
    let s = Scratch::new("gaps-import");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "40"]);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DELETE FROM benefits;").unwrap();
    // Two children of one household in a 低保 family, neither receiving it.
    let ids: Vec<(i64, String)> = c
        .prepare(
            "SELECT id, id_number FROM children WHERE id_number IS NOT NULL ORDER BY id LIMIT 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let ((a, a_id), (b, _)) = (ids[0].clone(), ids[1].clone());
    c.execute_batch(&format!(
        "UPDATE children SET category_codes = 'dibao_other', health = 'healthy' WHERE id IN ({a}, {b});
         UPDATE children SET household_id = (SELECT household_id FROM children WHERE id = {a}),
                             village_id = (SELECT village_id FROM children WHERE id = {a}) WHERE id = {b};"
    ))
    .unwrap();
    let name = |id: i64| -> String {
        c.query_row("SELECT name FROM children WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let dibao_gap = |who: &str| gaps(&db).iter().any(|r| r[0] == "dibao" && r[1] == who);
    assert!(dibao_gap(&name(a)) && dibao_gap(&name(b)));
    // Bad rows: nothing written.
    let sheet = s.path("b.csv");
    std::fs::write(
        &sheet,
        format!(
            "身份证号,救助类别,开始日期,结束日期,金额\n{a_id},低保,2026-01-01,2025-12-31,300\n{a_id},飞行补贴,2026-01-01,,\n"
        ),
    )
    .unwrap();
    let r = shouhu(&db, TODAY, &["import", "benefits", sheet.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第 2 行") && r.stderr.contains("第 3 行"),
        "{}",
        r.stderr
    );
    let count = || -> i64 {
        c.query_row("SELECT count(*) FROM benefits", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(), 0);
    // 低保 for one child of the household: both children are covered.
    std::fs::write(
        &sheet,
        format!(
            "身份证号,救助类别,开始日期,结束日期,金额\n{a_id},低保,2026-01-01,2027-12-31,300\n"
        ),
    )
    .unwrap();
    let r = shouhu_ok(&db, TODAY, &["import", "benefits", sheet.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 1"), "{}", r.stdout);
    assert!(!dibao_gap(&name(a)) && !dibao_gap(&name(b)));
    // Again: updated, not doubled.
    shouhu_ok(&db, TODAY, &["import", "benefits", sheet.to_str().unwrap()]);
    assert_eq!(count(), 1);
}

#[test]
fn reviews_and_guardianship_checks_list_the_demos_cases_with_their_headers() {
    let s = Scratch::new("reviews");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "300"]);
    let list = |cmd: &str, header: &str| -> Vec<String> {
        let out = shouhu_ok(&db, TODAY, &[cmd, "--format", "csv"]).stdout;
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some(header));
        lines
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    let reviews = list("reviews", "review,name,id_number,village,detail");
    for code in ["left_behind_16", "age_18", "parents_home", "stale_quarter"] {
        assert!(reviews.iter().any(|r| r == code), "{code}: {reviews:?}");
    }
    let checks = list("guardianship", "check,name,id_number,village,detail");
    for code in [
        "no_caregiver",
        "caregiver_unable",
        "no_agreement",
        "temporary_open",
        "no_parent_contact",
    ] {
        assert!(checks.iter().any(|r| r == code), "{code}: {checks:?}");
    }
    let json = shouhu_ok(&db, TODAY, &["reviews", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|x| x["review"] == "age_18")
    );
}

#[test]
fn the_township_chooses_its_gap_rules_and_its_dibao_standard() {
    let s = Scratch::new("gap-rules");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "300"]);
    let codes = |db: &std::path::Path| -> Vec<String> {
        gaps(db).into_iter().map(|r| r[0].clone()).collect()
    };
    let before = codes(&db);
    assert!(!before.iter().any(|c| c == "medical_insurance"));
    // The 004 preset adds its rules: medical insurance for 低保 children ...
    let out = shouhu_ok(
        &db,
        TODAY,
        &[
            "gaps",
            "rules",
            "--preset",
            "004",
            "--dibao-standard",
            "640",
        ],
    );
    assert!(
        out.stdout.contains("[[rule]]") && out.stdout.contains("640"),
        "{}",
        out.stdout
    );
    let after = codes(&db);
    assert!(after.iter().any(|c| c == "medical_insurance"), "{after:?}");
    assert!(after.len() > before.len());
    // ... and every gap says which rule found it.
    let rows = gaps(&db);
    assert!(rows.iter().any(|r| r[5].starts_with("004：")), "{rows:?}");
    // A township's own file: one rule only, read back as written.
    let own = s.path("rules.toml");
    std::fs::write(
        &own,
        "[[rule]]\nname = \"本镇：孤儿\"\nmissing = \"orphan_allowance\"\ncategories = [\"orphan\"]\n",
    )
    .unwrap();
    shouhu_ok(
        &db,
        TODAY,
        &["gaps", "rules", "--set", own.to_str().unwrap()],
    );
    let rows = gaps(&db);
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r[0] == "orphan_allowance" && r[5].starts_with("本镇：孤儿")),
        "{rows:?}"
    );
    // A broken file or an unknown preset is refused and changes nothing.
    std::fs::write(&own, "[[rule]]\nname = \"x\"\nmissing = \"蛋糕\"\n").unwrap();
    let r = shouhu(
        &db,
        TODAY,
        &["gaps", "rules", "--set", own.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("应保尽保规则有误"), "{}", r.stderr);
    let r = shouhu(&db, TODAY, &["gaps", "rules", "--preset", "2016"]);
    assert_eq!(r.code, 1);
    let r = shouhu(&db, TODAY, &["gaps", "rules", "--dibao-standard", "六百"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(gaps(&db), rows);
}
