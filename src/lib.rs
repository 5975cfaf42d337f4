//! shouhu (守护): the desk of a township child-welfare case officer.
//!
//! `domain` holds the rules, `store` the SQLite registry, `io` files in and out,
//! `cli` the subcommands and `tui` the screens.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod demo;
pub mod domain;
pub mod files;
pub mod i18n;
pub mod io;
pub mod store;
pub mod tui;
