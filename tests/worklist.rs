//! The weekly worklist through the real binary, on demo townships: printed to
//! PDF by a real Chromium, text pages that line up, xlsx that opens, the order
//! of `due`, masked ID numbers, the record of what was printed, bad input.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Run, Scratch, shouhu, shouhu_ok};
use shouhu::domain::{Visit, VisitKind, text};
use shouhu::store::Store;

const TODAY: &str = "2026-11-23";
const WEEK: &str = "2026-W48";

fn demo(s: &Scratch, children: &str) {
    shouhu_ok(
        &s.db(),
        TODAY,
        &["demo", "--children", children, "--seed", "7"],
    );
}

/// Every full ID number and phone number of the register.
fn secrets(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id_number FROM children WHERE id_number IS NOT NULL
             UNION ALL SELECT phone FROM caregivers WHERE phone <> ''",
        )
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn ids_only(db: &Path) -> Vec<String> {
    secrets(db).into_iter().filter(|s| s.len() == 18).collect()
}

/// The rows of a worklist CSV (BOM dropped): village, no., name, ID, ...
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

fn first_village(s: &Scratch) -> String {
    let store = Store::open(&s.db()).unwrap();
    store.villages().unwrap()[0].clone()
}

#[test]
fn the_worklist_has_the_order_of_due_and_is_recorded_as_printed() {
    let s = Scratch::new("wl-order");
    demo(&s, "400");
    let out = s.path("w.csv");
    let r = shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(r.stdout.contains("w.csv"), "{}", r.stdout);
    let rows = csv_rows(&out);
    assert!(rows.len() > 50);
    // Numbered 1.. in printed order.
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[1], (i + 1).to_string());
    }
    // Monday 2026-11-23: the week's Sunday is 6 days on.
    let store = Store::open(&s.db()).unwrap();
    let mut villages_seen = Vec::new();
    for village in store.villages().unwrap() {
        let due = shouhu(
            &s.db(),
            TODAY,
            &[
                "due",
                "--within",
                "6",
                "--village",
                &village,
                "--format",
                "csv",
            ],
        );
        let want: Vec<(String, String)> = due
            .stdout
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[0].to_string(), f[1].to_string())
            })
            .collect();
        let label = village.clone();
        let got: Vec<(String, String)> = rows
            .iter()
            .filter(|r| r[0] == label)
            .map(|r| (r[2].clone(), r[3].clone()))
            .collect();
        assert_eq!(got, want, "{village}");
        if !got.is_empty() {
            villages_seen.push(label);
        }
    }
    // Grouped: each village's rows are together, villages in pinyin order.
    let mut order: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    order.dedup();
    assert_eq!(order, villages_seen);

    // What was printed is kept in printed order, and audited.
    let printed = store.printed_worklists().unwrap();
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].week, WEEK);
    assert_eq!(printed[0].village, "");
    assert_eq!(printed[0].officer, "李主任");
    let ids = store.worklist_rows(printed[0].id).unwrap();
    assert_eq!(ids.len(), rows.len());
    for (id, row) in ids.iter().zip(&rows) {
        assert_eq!(store.child(*id).unwrap().unwrap().name, row[2]);
    }
    let log = store.audit_of(&printed[0].uuid).unwrap();
    assert_eq!(log[0].action, "print");
    // The printed order stays even when the data changes afterwards.
    let mut store = store;
    let mut visit = Visit::new(
        ids[0],
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        VisitKind::Home,
    );
    store.save_visit(&mut visit).unwrap();
    assert_eq!(store.worklist_rows(printed[0].id).unwrap(), ids);
}

#[test]
fn text_pages_line_up_with_chinese_and_latin_text() {
    let s = Scratch::new("wl-txt");
    demo(&s, "300");
    let out = s.path("w.txt");
    shouhu_ok(
        &s.db(),
        TODAY,
        &["worklist", "--format", "txt", "-o", out.to_str().unwrap()],
    );
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(
        raw.starts_with('\u{feff}') && raw.contains("\r\n"),
        "BOM and CRLF for Notepad"
    );
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() > 2, "{} pages", pages.len());
    let mut width = None;
    for (n, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().collect();
        assert!(
            lines.len() <= 60,
            "page {} has {} lines",
            n + 1,
            lines.len()
        );
        assert_eq!(lines[0], "儿童走访工作单");
        assert!(lines[1].contains("清溪镇") && lines[1].contains("2026-W48"));
        assert!(
            page.contains(&format!("第 {} 页 共 {} 页", n + 1, pages.len())),
            "{page}"
        );
        let table: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.starts_with('|') || l.starts_with('+'))
            .collect();
        assert!(
            table.len() >= 3,
            "page {}: a header and at least one row",
            n + 1
        );
        for line in table {
            let w = text::width(line);
            assert_eq!(*width.get_or_insert(w), w, "page {}: {line}", n + 1);
            // A Latin ID number and Chinese names share the line, and still
            // every column boundary falls at the same cell.
        }
        let bars = |l: &str| -> Vec<usize> {
            let mut at = 0;
            let mut v = Vec::new();
            for c in l.chars() {
                if c == '|' || c == '+' {
                    v.push(at);
                }
                at += text::width(&c.to_string());
            }
            v
        };
        let rule = lines.iter().find(|l| l.starts_with('+')).unwrap();
        for line in lines.iter().filter(|l| l.starts_with('|')) {
            assert_eq!(bars(line), bars(rule), "{line}");
        }
    }
    assert!(text.contains("********"), "masked IDs expected");
    for id in ids_only(&s.db()) {
        assert!(!text.contains(&id), "full ID {id} printed");
    }
}

#[test]
fn the_xlsx_worklist_opens_and_holds_the_rows() {
    let s = Scratch::new("wl-xlsx");
    demo(&s, "300");
    let village = first_village(&s);
    let out = s.path("w.xlsx");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "xlsx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let csv_out = s.path("w.csv");
    shouhu(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "csv",
            "-o",
            csv_out.to_str().unwrap(),
        ],
    );
    let want = csv_rows(&csv_out);
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let names = book.sheet_names().to_vec();
    assert!(names.contains(&village), "{names:?}");
    let mut got: Vec<Vec<String>> = Vec::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
        assert_eq!(rows[0][0], "儿童走访工作单");
        assert_eq!(rows[2][0], "序号");
        assert_eq!(rows[2][14], "签名");
        for row in &rows[3..] {
            if row[0].parse::<u32>().is_ok() {
                let mut r = vec![name.clone()];
                r.extend(row.iter().cloned());
                got.push(r);
            }
        }
    }
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g[..4], w[..4]);
    }
    let all: String = got.iter().flatten().cloned().collect();
    for id in ids_only(&s.db()) {
        assert!(!all.contains(&id));
    }
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A tool the test drives: missing is a failure under CI, a skip elsewhere.
fn tool(name: &str) -> Option<String> {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{name} is missing; .ci/run installs it");
        }
        eprintln!(
            "note: {name} not found, the printing test is skipped \
             (apt-get install -y chromium poppler-utils fonts-noto-cjk)"
        );
    }
    found
}

/// Prints an HTML file to PDF with headless Chromium.
pub fn print_to_pdf(chromium: &str, html: &Path, pdf: &Path, profile: &Path) -> Run {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    out.into()
}

#[test]
fn the_html_worklist_prints_in_chinese_through_chromium() {
    let (Some(chromium), Some(pdftotext)) = (tool("chromium"), tool("pdftotext")) else {
        return;
    };
    let s = Scratch::new("wl-pdf");
    demo(&s, "300");
    let village = first_village(&s);
    let html = s.path("w.html");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--village",
            &village,
            "-o",
            html.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("size: A4 landscape") && page.contains("<thead>"));
    for id in ids_only(&s.db()) {
        assert!(!page.contains(&id));
    }
    let csv_out = s.path("w.csv");
    shouhu(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--village",
            &village,
            "--format",
            "csv",
            "-o",
            csv_out.to_str().unwrap(),
        ],
    );
    let names: Vec<String> = csv_rows(&csv_out)
        .into_iter()
        .map(|r| r[2].clone())
        .collect();
    assert!(!names.is_empty());

    let pdf = s.path("w.pdf");
    let run = print_to_pdf(&chromium, &html, &pdf, &s.path("profile"));
    assert!(pdf.exists(), "chromium printed nothing: {}", run.stderr);
    let out = Command::new(pdftotext)
        .arg("-enc")
        .arg("UTF-8")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{fffd}'),
        "replacement characters in the PDF"
    );
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for name in &names {
        assert!(flat.contains(name.as_str()), "{name} missing from the PDF");
    }
    assert!(
        flat.contains("儿童走访工作单") && flat.contains("第1页共"),
        "{text}"
    );
    assert!(flat.contains("********"));
}

#[test]
fn bad_input_gets_a_clear_message_and_the_right_code() {
    let s = Scratch::new("wl-bad");
    demo(&s, "60");
    let out = s.path("x.html");
    let o = out.to_str().unwrap();
    let r = shouhu(
        &s.db(),
        TODAY,
        &["worklist", "--village", "没有这个村", "-o", o],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("没有名为“没有这个村”的村（社区）"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    let r = shouhu(&s.db(), TODAY, &["worklist", "--week", "2026-W60", "-o", o]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--week") && r.stderr.contains("2026-W60"),
        "{}",
        r.stderr
    );
    let r = shouhu(
        &s.db(),
        TODAY,
        &["--lang", "en", "worklist", "--week", "W48"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("option --week has an invalid value: W48"),
        "{}",
        r.stderr
    );
    let r = shouhu(
        &s.db(),
        TODAY,
        &[
            "--lang",
            "en",
            "worklist",
            "--format",
            "pdf",
            "--font",
            "/nonexistent.ttf",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no such file: /nonexistent.ttf"),
        "{}",
        r.stderr
    );
    // Nothing failed was recorded as printed.
    let store = Store::open(&s.db()).unwrap();
    assert!(store.printed_worklists().unwrap().is_empty());
}

#[test]
fn the_default_file_is_named_by_week_and_village() {
    let s = Scratch::new("wl-name");
    demo(&s, "60");
    let village = first_village(&s);
    let out = Command::new(env!("CARGO_BIN_EXE_shouhu"))
        .current_dir(&s.0)
        .args([
            "--db",
            "s.db",
            "--today",
            TODAY,
            "worklist",
            "--village",
            &village,
        ])
        .env_remove("SHOUHU_DB")
        .output()
        .unwrap();
    assert!(out.status.success());
    let want = format!("worklist-2026-W48-{village}.html");
    assert!(s.path(&want).is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&want));
}

/// The first CJK font in the usual places; missing under CI is a failure.
fn cjk_font() -> Option<std::path::PathBuf> {
    let found = shouhu::io::pdf::find_cjk_font(None);
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("no CJK font installed; .ci/run installs fonts-noto-cjk");
        }
        eprintln!(
            "note: no CJK font found, the PDF test is skipped (apt-get install -y fonts-noto-cjk)"
        );
    }
    found
}

fn pdf_text(pdftotext: &str, pdf: &Path) -> String {
    let out = Command::new(pdftotext)
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pdf_worklist_embeds_a_cjk_font_and_never_draws_boxes() {
    let (Some(_font), Some(pdftotext)) = (cjk_font(), tool("pdftotext")) else {
        return;
    };
    let s = Scratch::new("wl-ownpdf");
    demo(&s, "300");
    let pdf = s.path("w.pdf");
    shouhu_ok(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let csv_out = s.path("w.csv");
    shouhu(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "csv",
            "-o",
            csv_out.to_str().unwrap(),
        ],
    );
    let rows = csv_rows(&csv_out);
    let text = pdf_text(&pdftotext, &pdf);
    assert!(
        !text.contains('\u{fffd}'),
        "replacement characters in the PDF"
    );
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for row in &rows {
        assert!(
            flat.contains(row[2].as_str()),
            "{} missing from the PDF",
            row[2]
        );
    }
    let pages = text.matches('\u{c}').count();
    assert!(flat.contains(&format!("第1页共{pages}页")), "{pages} pages");
    assert!(flat.contains(&format!("第{pages}页共{pages}页")));
    for id in ids_only(&s.db()) {
        assert!(!flat.contains(&id));
    }
    // Two printouts are two records.
    assert_eq!(
        Store::open(&s.db())
            .unwrap()
            .printed_worklists()
            .unwrap()
            .len(),
        2
    );

    // A name the font cannot draw stops the PDF with a message naming it.
    let mut store = Store::open(&s.db()).unwrap();
    let printed = store.printed_worklists().unwrap();
    let first = store.worklist_rows(printed[0].id).unwrap()[0];
    let mut c = store.child(first).unwrap().unwrap();
    c.name = "王\u{e000}".into();
    store.save_child(&mut c).unwrap();
    let bad = s.path("bad.pdf");
    let r = shouhu(
        &s.db(),
        TODAY,
        &[
            "worklist",
            "--week",
            WEEK,
            "--format",
            "pdf",
            "--village",
            &c.village,
            "-o",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains('\u{e000}') && r.stderr.contains("--format html"),
        "{}",
        r.stderr
    );
    assert!(!bad.exists());
}

#[test]
fn the_text_worklist_fits_a_wide_carriage_printer_and_a_narrow_one() {
    let s = Scratch::new("txt-width");
    shouhu_ok(&s.db(), "2026-11-23", &["demo", "--children", "60"]);
    for (width, cells) in [("136", 136), ("80", 80)] {
        let out = s.path(&format!("w{width}.txt"));
        shouhu_ok(
            &s.db(),
            "2026-11-23",
            &[
                "worklist",
                "--format",
                "txt",
                "--width",
                width,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        let text = std::fs::read_to_string(&out).unwrap();
        let widest = text
            .lines()
            .filter(|l| l.starts_with('|') || l.starts_with('+'))
            .map(shouhu::domain::text::width)
            .max()
            .unwrap();
        assert!(widest <= cells, "{width}: a line of {widest} columns");
        if width == "80" {
            // A child takes two lines: the address and the dates on the second.
            let second = text
                .lines()
                .position(|l| l.starts_with("|家庭住址"))
                .unwrap();
            let first = text.lines().position(|l| l.contains("身份证号")).unwrap();
            assert!(second > first, "{text}");
        }
    }
    let r = shouhu(&s.db(), "2026-11-23", &["worklist", "--width", "100"]);
    assert_eq!(r.code, 2);
}
