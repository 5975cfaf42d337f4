//! The township's paperwork through the real binary: the survey's progress,
//! the inspection's list, the deadlines a township keeps, a whole file printed.

mod common;

use common::{Scratch, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

#[test]
fn survey_status_inspection_and_deadlines_on_the_command_line() {
    let s = Scratch::new("paperwork");
    let db = s.db();
    shouhu_ok(&db, TODAY, &["demo", "--children", "200"]);
    // Every village yet to be gone over this year.
    let out = shouhu_ok(&db, TODAY, &["survey", "status", "--format", "csv"]).stdout;
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("village,children,done,confirmed,corrected,new,exited,left")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    assert!(rows.len() >= 3);
    let total: usize = rows.iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
    assert_eq!(total, 200);
    assert!(rows.iter().all(|r| r[2] == "0" && r[7] == r[1]));
    let one = &rows[0][0];
    let out = shouhu_ok(&db, TODAY, &["survey", "status", "--village", one]).stdout;
    assert!(
        out.contains(one.as_str()) && out.lines().count() == 2,
        "{out}"
    );
    let r = shouhu(&db, TODAY, &["survey", "status", "--village", "没有这个村"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The inspection names each missing part with its code.
    let out = shouhu_ok(&db, TODAY, &["inspection", "--format", "csv"]).stdout;
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("check,name,id_number,village,detail"));
    let codes: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    for code in ["no_visit_quarter", "no_care_plan", "no_guardian"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    // The deadlines: the defaults, then the township's own file.
    let out = shouhu_ok(&db, TODAY, &["deadlines"]).stdout;
    assert!(out.contains("# 2026-12-10 结对帮扶情况季度报送"), "{out}");
    let own = s.path("期限.toml");
    std::fs::write(
        &own,
        "[[deadline]]\nname = \"县里档案抽检\"\nneeds = \"shouhu inspection\"\nwhen = { yearly = { month = 12, day = 15 } }\n",
    )
    .unwrap();
    let out = shouhu_ok(&db, TODAY, &["deadlines", "--set", own.to_str().unwrap()]).stdout;
    assert!(out.contains("# 2026-12-15 县里档案抽检"), "{out}");
    assert!(!out.contains("结对帮扶情况季度报送"));
    std::fs::write(&own, "[[deadline]]\nname = \"x\"\n").unwrap();
    let r = shouhu(&db, TODAY, &["deadlines", "--set", own.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("期限设置有误"), "{}", r.stderr);
    // A whole file, printed as text with the ID number masked.
    let due = shouhu_ok(&db, TODAY, &["due", "--format", "csv"]).stdout;
    let first: Vec<&str> = due.lines().nth(1).unwrap().split(',').collect();
    let who = format!("{}@{}", first[0], first[2]);
    let file = s.path("档案.txt");
    shouhu_ok(
        &db,
        TODAY,
        &[
            "print",
            "file",
            &who,
            "--format",
            "txt",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("儿童档案") && text.contains("走访记录与问题解决"),
        "{text}"
    );
    assert!(!text.contains(first[1]) || first[1].contains('*'));
}
