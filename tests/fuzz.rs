//! The parsers under random input (proptest): the ID number, dates, sheets
//! (CSV and xlsx bytes), theme and key map files, and the cleaning of text.
//! None may panic, and what is valid must read back as it was written.
//! Failures proptest finds are kept in `tests/fuzz.proptest-regressions` and
//! tried first on every run. `PROPTEST_CASES=100000 cargo test --test fuzz`
//! runs longer.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use shouhu::domain::{date, idnum, text};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(2_000),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/fuzz.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn valid_id() -> impl Strategy<Value = (String, NaiveDate, u32)> {
    (100_000u32..999_999, day(), 0u32..1000).prop_map(|(region, birth, serial)| {
        let body = format!("{region}{}{serial:03}", birth.format("%Y%m%d"));
        let c = idnum::check_char(&body).unwrap();
        (format!("{body}{c}"), birth, serial)
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn id_numbers_never_panic(s in "\\PC{0,40}") {
        let _ = idnum::parse(&s);
        let _ = idnum::normalize(&s);
        let _ = idnum::mask(&s);
    }

    #[test]
    fn valid_id_numbers_read_back_and_one_changed_digit_is_caught((id, birth, serial) in valid_id(), at in 0usize..17, by in 1u8..10) {
        let parsed = idnum::parse(&id).unwrap();
        prop_assert_eq!(parsed.birth_date, birth);
        let male = serial % 2 == 1;
        prop_assert_eq!(parsed.gender == shouhu::domain::Gender::Male, male);
        let mut bytes = id.clone().into_bytes();
        bytes[at] = b'0' + (bytes[at] - b'0' + by) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(idnum::parse(&changed).is_err(), "{} passed for {}", changed, id);
    }

    #[test]
    fn dates_never_panic(s in "\\PC{0,24}", today in day()) {
        let _ = date::parse(&s, today);
    }

    #[test]
    fn dates_read_back_in_every_written_form(d in day(), today in day()) {
        prop_assert_eq!(date::parse(&date::iso(d), today), Ok(d));
        prop_assert_eq!(date::parse(&d.format("%Y%m%d").to_string(), today), Ok(d));
        prop_assert_eq!(date::parse(&d.format("%Y.%m.%d").to_string(), today), Ok(d));
        let slash = format!("{}/{}/{}", d.year(), d.month(), d.day());
        prop_assert_eq!(date::parse(&slash, today), Ok(d));
    }

    #[test]
    fn any_bytes_as_a_sheet_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = shouhu::io::sheet::read_bytes(bytes.clone(), "x.csv");
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(bytes);
        let _ = shouhu::io::sheet::read_bytes(zip, "x.xlsx");
    }

    #[test]
    fn csv_cells_read_back(rows in prop::collection::vec(prop::collection::vec("[^\\x00\"]{0,12}", 3), 1..6)) {
        let mut out = Vec::new();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["姓名", "村", "备注"]).unwrap();
            for r in &rows {
                w.write_record(r).unwrap();
            }
        }
        let read = shouhu::io::sheet::read_bytes(out, "x.csv");
        let wanted: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.trim().to_string()).collect())
            .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
            .collect();
        match read {
            Ok(sheet) => {
                let got: Vec<Vec<String>> = sheet
                    .rows
                    .iter()
                    .map(|r| (0..3).map(|i| r.cells.get(i).map(|c| c.text.clone()).unwrap_or_default()).collect())
                    .collect();
                prop_assert_eq!(got, wanted);
            }
            Err(_) => prop_assert!(wanted.is_empty()),
        }
    }

    #[test]
    fn theme_and_key_map_files_never_panic(s in "\\PC{0,200}") {
        let _ = shouhu::tui::theme::Theme::parse(&s);
        let (decls, chains) = shouhu::tui::app::tables();
        let (map, _) = shouhu::tui::keymap::Keymap::load(&decls, chains, Some((&s, "keymap.toml")));
        prop_assert!(map.duplicates().is_empty());
    }

    #[test]
    fn key_map_entries_never_panic(table in "[a-z_]{1,10}", action in "[a-z_0-9]{1,14}", key in "\\PC{0,12}") {
        let text = format!("[{table}]\n{action} = [{key:?}]\n");
        let (decls, chains) = shouhu::tui::app::tables();
        let (map, _) = shouhu::tui::keymap::Keymap::load(&decls, chains, Some((&text, "keymap.toml")));
        prop_assert!(map.duplicates().is_empty(), "{}", text);
    }

    #[test]
    fn cleaned_text_holds_no_control_characters_and_csv_cells_no_formulas(s in "\\PC{0,60}|[=+@-][\\PC]{0,20}") {
        let clean = text::clean_short(&s);
        prop_assert!(!clean.chars().any(char::is_control));
        let cell = shouhu::io::table::csv_cell(&s);
        if cell.starts_with(['=', '+', '-', '@']) {
            prop_assert!(cell.trim().parse::<f64>().is_ok(), "{}", cell);
        }
    }
}
