//! Files in and out: spreadsheets read, imports, printouts and exports.

pub mod child_file;
pub mod columns;
pub mod export;
pub mod format;
pub mod forms_upward;
pub mod import;
pub mod output;
pub mod pairing_report;
pub mod pdf;
pub mod plain;
pub mod referral_form;
pub mod report;
pub mod sheet;
pub mod table;
pub mod work_log;
pub mod worklist;
