//! The engine's command line on real-looking sheets: the sample township, other
//! townships in UTF-8, GBK and xlsx, and every kind of bad input.

mod common;

use common::{Scratch, fixture, id_number, shouhu, shouhu_ok};

const TODAY: &str = "2026-11-23";

#[test]
fn the_sample_township_gives_the_sample_triage() {
    let s = Scratch::new("sample");
    let db = s.db();
    let today = "2026-09-15";
    let children = fixture("sample_children.csv");
    let r = shouhu_ok(
        &db,
        today,
        &["import", "children", children.to_str().unwrap()],
    );
    assert!(r.stdout.contains("新增 24"), "{}", r.stdout);
    let visits = fixture("sample_visits.csv");
    shouhu_ok(&db, today, &["import", "visits", visits.to_str().unwrap()]);
    let r = shouhu_ok(&db, today, &["due", "--within", "7", "--format", "csv"]);
    let want = std::fs::read_to_string(fixture("sample_due_2026-09-15.csv")).unwrap();
    assert_eq!(r.stdout.replace('\r', ""), want.replace('\r', ""));
    // Importing the same sheets again updates, never duplicates.
    let r = shouhu(
        &db,
        today,
        &["import", "children", children.to_str().unwrap()],
    );
    assert!(
        r.stdout.contains("新增 0，更新 0，未变 24，拒绝 0"),
        "{}",
        r.stdout
    );
    let r = shouhu(&db, today, &["import", "visits", visits.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 0"), "{}", r.stdout);
    let again = shouhu(&db, today, &["due", "--within", "7", "--format", "csv"]);
    assert_eq!(again.stdout, r_due(&db, today));
    assert_eq!(again.stdout.replace('\r', ""), want.replace('\r', ""));
}

fn r_due(db: &std::path::Path, today: &str) -> String {
    shouhu(db, today, &["due", "--within", "7", "--format", "csv"]).stdout
}

/// Another township, as its sheet comes: English header aliases, columns in
/// another order, a column shouhu does not know.
struct Township {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn other_township() -> Township {
    let headers = vec![
        "village",
        "name",
        "gender",
        "birth_date",
        "id_number",
        "categories",
        "flags",
        "health",
        "school_status",
        "risk_level",
        "registered_on",
        "last_visit",
        "guardian_phone",
        "family_size",
    ];
    let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = vec![
        row(&[
            "东岭村",
            "柯一",
            "",
            "",
            &id_number("990201", "20150402", 11),
            "留守",
            "",
            "健康",
            "在校",
            "二级",
            "2024-01-10",
            "2026-10-20",
            "13800000001",
            "4",
        ]),
        row(&[
            "西沟社区",
            "柯二",
            "女",
            "2012-12-31",
            "",
            "孤儿",
            "单独居住",
            "健康",
            "在校",
            "",
            "2025-03-01",
            "2026-11-15",
            "",
            "2",
        ]),
        row(&[
            "东岭村",
            "柯三",
            "",
            "",
            &id_number("990201", "20180131", 22),
            "单亲",
            "",
            "",
            "",
            "三级",
            "2026-01-31",
            "2026-10-31",
            "",
            "",
        ]),
        row(&[
            "东岭村",
            "柯四",
            "",
            "",
            &id_number("990201", "20100707", 33),
            "困境",
            "",
            "残疾",
            "",
            "一级",
            "2025-01-01",
            "",
            "",
            "",
        ]),
        row(&[
            "西沟社区",
            "柯五",
            "",
            "",
            &id_number("990201", "20160606", 44),
            "低保",
            "",
            "",
            "",
            "",
            "2024-05-05",
            "2026-11-01",
            "",
            "",
        ]),
    ];
    Township { headers, rows }
}

const OTHER_DUE: &str = "name,id_number,village,categories,rule,last_visit,next_due,overdue_days
柯四,990201********0331,东岭村,其他困境儿童,focus,,2025-01-01,691
柯一,990201********011X,东岭村,农村留守儿童,monthly,2026-10-20,2026-11-20,3
柯二,,西沟社区,孤儿,focus,2026-11-15,2026-11-29,-6
柯三,990201********0224,东岭村,单亲家庭儿童,monthly,2026-10-31,2026-11-30,-7
";

fn csv_text(t: &Township) -> String {
    let mut out = t.headers.join(",") + "\n";
    for r in &t.rows {
        out += &(r.join(",") + "\n");
    }
    out
}

fn expected_due() -> String {
    // The masked IDs depend on the check characters: compute them, then compare.
    let t = other_township();
    let mut want = OTHER_DUE.to_string();
    for (name, row) in [("柯四", 3), ("柯一", 0), ("柯三", 2)] {
        let id = &t.rows[row][4];
        let masked = format!("{}********{}", &id[..6], &id[14..]);
        let line = want
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_string();
        let fields: Vec<&str> = line.split(',').collect();
        want = want.replace(&line, &line.replace(fields[1], &masked));
    }
    want
}

fn import_and_due(s: &Scratch, file: &std::path::Path) -> String {
    let db = s.db();
    let _ = std::fs::remove_file(&db);
    let r = shouhu_ok(&db, TODAY, &["import", "children", file.to_str().unwrap()]);
    assert!(r.stdout.contains("新增 5"), "{}", r.stdout);
    assert!(
        r.stderr.contains("family_size"),
        "unknown column not warned: {}",
        r.stderr
    );
    let r = shouhu_ok(&db, TODAY, &["due", "--format", "csv"]);
    r.stdout
}

#[test]
fn utf8_gbk_and_xlsx_sheets_of_another_township_agree() {
    let s = Scratch::new("other");
    let t = other_township();
    let want = expected_due();

    let utf8 = s.path("utf8.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(csv_text(&t).as_bytes());
    std::fs::write(&utf8, bytes).unwrap();
    assert_eq!(import_and_due(&s, &utf8), want);

    let gbk = s.path("gbk.csv");
    let text = csv_text(&t);
    let (encoded, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    std::fs::write(&gbk, encoded).unwrap();
    assert_eq!(import_and_due(&s, &gbk), want);

    // xlsx: dates as real Excel dates, the ID numbers as text.
    let xlsx = s.path("sheet.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date_fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    for (c, h) in t.headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in t.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (rr, cc) = (r as u32 + 1, c as u16);
            let is_date = matches!(t.headers[c], "birth_date" | "registered_on" | "last_visit");
            if v.is_empty() {
                continue;
            } else if is_date {
                let p: Vec<u16> = v.split('-').map(|x| x.parse().unwrap()).collect();
                let d =
                    rust_xlsxwriter::ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
                sheet
                    .write_datetime_with_format(rr, cc, &d, &date_fmt)
                    .unwrap();
            } else if t.headers[c] == "family_size" {
                sheet
                    .write_number(rr, cc, v.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(rr, cc, v).unwrap();
            }
        }
    }
    book.save(&xlsx).unwrap();
    assert_eq!(import_and_due(&s, &xlsx), want);
}

fn bad_children_sheet() -> String {
    let good = id_number("990301", "20140505", 12);
    let wrong_check = {
        let mut id = id_number("990301", "20130303", 14);
        let last = id.pop().unwrap();
        id.push(if last == '1' { '2' } else { '1' });
        id
    };
    let other = id_number("990301", "20120202", 16);
    [
        "姓名,身份证号,出生日期,村（社区）,儿童类别,重点关注,登记日期,最近走访日期".to_string(),
        format!("错一,{wrong_check},,北山村,孤儿,,2025-01-01,"),
        format!("错二,{other},2012-02-03,北山村,孤儿,,2025-01-01,"),
        format!(
            "错三,{},,北山村,孤儿,,2026-02-30,",
            id_number("990301", "20110101", 18)
        ),
        format!(
            "错四,{},,北山村,孤儿,,2025-01-01,2026-12-25",
            id_number("990301", "20110102", 20)
        ),
        format!(
            "错五,{},,北山村,外星儿童,,2025-01-01,",
            id_number("990301", "20110103", 22)
        ),
        format!(
            "错六,{},,北山村,孤儿,爱打游戏,2025-01-01,",
            id_number("990301", "20110104", 24)
        ),
        format!("好一,{good},,北山村,留守,,2025-01-01,2026-11-01"),
        format!("好一,{good},,北山村,留守,,2025-01-01,2026-11-01"),
    ]
    .join("\n")
}

#[test]
fn a_sheet_with_bad_rows_writes_nothing_and_names_each_row() {
    let s = Scratch::new("bad");
    let file = s.path("bad.csv");
    std::fs::write(&file, bad_children_sheet()).unwrap();
    let r = shouhu(
        &s.db(),
        TODAY,
        &["import", "children", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    for needle in [
        "第 2 行，身份证号 列：身份证号校验位不对",
        "第 3 行，出生日期 列：出生日期 2012-02-03 与身份证号中的 2012-02-02 不一致",
        "第 4 行，登记日期 列：没有这一天",
        "第 5 行，最近走访日期 列：日期 2026-12-25 晚于今天",
        "第 6 行，儿童类别 列：未知的儿童类别“外星儿童”",
        "第 7 行，重点关注 列：未知的重点关注标记“爱打游戏”",
        "第 9 行，身份证号 列：与第 8 行重复",
        "未导入任何数据",
    ] {
        assert!(
            r.stderr.contains(needle),
            "missing {needle:?} in\n{}",
            r.stderr
        );
    }
    let due = shouhu(
        &s.db(),
        TODAY,
        &["due", "--within", "9999", "--format", "json"],
    );
    assert_eq!(due.stdout.trim(), "[]");

    // The same in English.
    let r = shouhu(
        &s.db(),
        TODAY,
        &["--lang", "en", "import", "children", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("row 2, column 身份证号: the ID number's check character is wrong"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was imported"), "{}", r.stderr);

    // --skip-invalid: the good row goes in, the others go aside with reasons.
    let r = shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "import",
            "children",
            file.to_str().unwrap(),
            "--skip-invalid",
        ],
    );
    assert!(
        r.stdout.contains("新增 1，更新 0，未变 0，拒绝 7"),
        "{}",
        r.stdout
    );
    let rejected = std::fs::read_to_string(s.path("bad.csv.rejected.csv")).unwrap();
    let lines: Vec<&str> = rejected.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 8, "{rejected}");
    assert!(lines[0].ends_with(",原因"));
    assert!(lines[1].starts_with("错一,") && lines[1].contains("校验位"));
    let due = shouhu(
        &s.db(),
        TODAY,
        &["due", "--within", "9999", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&due.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["name"], "好一");
    assert_eq!(json[0]["categories"][0], "农村留守儿童");
    assert_eq!(json[0]["last_visit"], "2026-11-01");
    assert_eq!(json[0]["overdue_days"], -8);
}

#[test]
fn bad_visit_rows_are_named() {
    let s = Scratch::new("badvisits");
    let children = s.path("c.csv");
    let id = id_number("990401", "20150101", 10);
    std::fs::write(
        &children,
        format!("姓名,身份证号,村（社区）,儿童类别,登记日期\n乙一,{id},南坪村,留守,2025-01-01\n乙二,,南坪村,孤儿,2025-01-01\n"),
    )
    .unwrap();
    let r = shouhu(
        &s.db(),
        TODAY,
        &["import", "children", children.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "乙二 has neither ID nor birth date nor gender");
    assert!(
        r.stderr.contains("第 3 行，性别 列：没有身份证号时必填"),
        "{}",
        r.stderr
    );
    std::fs::write(
        &children,
        format!("姓名,身份证号,村（社区）,儿童类别,登记日期,性别,出生日期\n乙一,{id},南坪村,留守,2025-01-01,,\n乙二,,南坪村,孤儿,2025-01-01,男,2016-6-1\n"),
    )
    .unwrap();
    shouhu_ok(
        &s.db(),
        TODAY,
        &["import", "children", children.to_str().unwrap()],
    );
    let unknown = id_number("990401", "20150102", 12);
    let visits = s.path("v.csv");
    std::fs::write(
        &visits,
        format!(
            "身份证号,姓名,村（社区）,走访日期,走访方式\n{unknown},,,2026-11-01,入户\n{id},,,2026-12-01,入户\n{id},,,2026-11-01,飞鸽\n,乙三,南坪村,2026-11-01,入户\n,乙二,南坪村,2026-11-02,入户\n{id},,,2014-01-01,电话\n"
        ),
    )
    .unwrap();
    let r = shouhu(
        &s.db(),
        TODAY,
        &["import", "visits", visits.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    for needle in [
        "第 2 行，身份证号 列：登记册中找不到这名儿童",
        "第 3 行，走访日期 列：日期 2026-12-01 晚于今天",
        "第 4 行，走访方式 列：无法识别“飞鸽”",
        "第 5 行，姓名 列：登记册中找不到这名儿童",
        "第 7 行，走访日期 列：日期 2014-01-01 早于出生日期",
    ] {
        assert!(
            r.stderr.contains(needle),
            "missing {needle:?} in\n{}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("第 6 行"), "{}", r.stderr);
}

#[test]
fn files_that_are_not_sheets_get_one_clear_message() {
    let s = Scratch::new("notsheet");
    let empty = s.path("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let headers_only = s.path("headers.csv");
    std::fs::write(&headers_only, "姓名,村（社区）,儿童类别\n").unwrap();
    let png = s.path("photo.csv");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    let broken = s.path("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 this zip is cut short").unwrap();
    let no_cols = s.path("nocols.csv");
    std::fs::write(&no_cols, "学号,成绩\n1,90\n").unwrap();
    for (file, needle) in [
        (&empty, "没有数据行"),
        (&headers_only, "没有数据行"),
        (&png, "不是可读的表格文件"),
        (&broken, "已损坏或无法打开"),
        (&no_cols, "缺少必需的列：姓名"),
        (&s.path("missing.csv"), "找不到文件"),
    ] {
        let r = shouhu(
            &s.db(),
            TODAY,
            &["import", "children", file.to_str().unwrap()],
        );
        assert_eq!(r.code, 1, "{file:?}");
        assert!(r.stderr.contains(needle), "{file:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn an_id_number_that_excel_stored_as_a_number_is_named_as_such() {
    let s = Scratch::new("idnumber");
    let xlsx = s.path("ids.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "村（社区）", "儿童类别"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let id = id_number("990501", "20140303", 21);
    sheet.write_string(1, 0, "戊一").unwrap();
    // Excel keeps 15 significant digits: the last ones are lost.
    sheet
        .write_number(1, 1, id[..17].parse::<f64>().unwrap() * 10.0)
        .unwrap();
    sheet.write_string(1, 2, "西村").unwrap();
    sheet.write_string(1, 3, "孤儿").unwrap();
    book.save(&xlsx).unwrap();
    let r = shouhu(
        &s.db(),
        TODAY,
        &["import", "children", xlsx.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("第 2 行，身份证号 列：身份证号被存成了数字"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_blank_cell_on_a_second_sheet_keeps_what_the_registry_holds() {
    let s = Scratch::new("blank-update");
    let id = id_number("990601", "20120131", 15);
    let first = s.path("first.csv");
    std::fs::write(
        &first,
        format!("姓名,身份证号,村（社区）,儿童类别,监护人电话,学校\n李建国,{id},青山村,孤儿,13800000000,青山小学\n"),
    )
    .unwrap();
    assert_eq!(
        shouhu(
            &s.db(),
            TODAY,
            &["import", "children", first.to_str().unwrap()]
        )
        .code,
        0
    );
    // A later survey: same child by name, birth date and village; ID and phone
    // left blank, the school changed.
    let second = s.path("second.csv");
    std::fs::write(
        &second,
        "姓名,身份证号,出生日期,性别,村（社区）,儿童类别,监护人电话,学校\n李建国,,2012-01-31,男,青山村,孤儿,,青山中学\n",
    )
    .unwrap();
    let r = shouhu_ok(
        &s.db(),
        TODAY,
        &["import", "children", second.to_str().unwrap()],
    );
    assert!(r.stdout.contains("更新 1"), "{}", r.stdout);
    let out = s.path("out.csv");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "export",
            "children",
            "--full-id",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&id), "the ID number stays: {text}");
    assert!(text.contains("13800000000"), "the phone stays: {text}");
    assert!(
        text.contains("青山中学") && !text.contains("青山小学"),
        "the school changed: {text}"
    );
}
