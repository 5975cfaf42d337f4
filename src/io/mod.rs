//! Files in and out: spreadsheets read, imports, and (later) printouts.

pub mod columns;
pub mod import;
pub mod sheet;
