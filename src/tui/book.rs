//! The pairing ledger as the screens read it: helpers, pairings, the checks,
//! the care visits of the week, and what each pairing did this year. Read
//! once after a change, shared by 结对, 今日 and the case file.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::domain::pairing::{
    ActivityKind, CareWeek, ChildFacts, Finding, Helper, Pairing, care_week, checks,
};
use crate::store::Store;

#[derive(Debug, Default)]
pub struct Book {
    /// Every helper, by id.
    pub helpers: Vec<Helper>,
    /// Every pairing, by id.
    pub pairings: Vec<Pairing>,
    /// What the checks and suggestions need of every active child.
    pub facts: Vec<ChildFacts>,
    pub findings: Vec<Finding>,
    pub care: CareWeek,
    /// Per pairing: patrol visits this year, wishes open, wishes in all.
    pub done: HashMap<i64, Done>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Done {
    pub visits: usize,
    pub wishes_open: usize,
    pub wishes: usize,
}

impl Book {
    pub fn read(store: &Store, today: NaiveDate) -> Result<Book> {
        let helpers = store.helpers()?;
        let pairings = store.pairings()?;
        let mut activities = store.helper_activities()?;
        // In that order already: one pass that keeps it so.
        activities.sort_by_key(|a| (a.helper, a.child, a.date));
        let facts = store.pairing_facts()?;
        let findings = checks(
            &facts,
            &helpers,
            &pairings,
            &activities,
            store.roster_reviewed()?,
            today,
        );
        let care = care_week(&facts, &pairings, today);
        let jan1 = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        // A visit counts for the pairing of its helper and child that ran
        // that day; the activities come by helper and child.
        let mut done: HashMap<i64, Done> = HashMap::new();
        for p in &pairings {
            let from = activities.partition_point(|a| (a.helper, a.child) < (p.helper, p.child));
            let visits = activities[from..]
                .iter()
                .take_while(|a| (a.helper, a.child) == (p.helper, p.child))
                .filter(|a| a.kind == ActivityKind::Visit && a.date >= jan1 && p.active_on(a.date))
                .count();
            if visits > 0 {
                done.entry(p.id).or_default().visits = visits;
            }
        }
        for (pairing, open, all) in store.wish_counts()? {
            let d = done.entry(pairing).or_default();
            d.wishes_open = open;
            d.wishes = all;
        }
        Ok(Book {
            helpers,
            pairings,
            facts,
            findings,
            care,
            done,
        })
    }

    pub fn helper(&self, id: i64) -> Option<&Helper> {
        self.helpers
            .binary_search_by_key(&id, |h| h.id)
            .ok()
            .map(|i| &self.helpers[i])
    }

    pub fn pairing(&self, id: i64) -> Option<&Pairing> {
        self.pairings
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &self.pairings[i])
    }

    /// The facts of an active child.
    pub fn child(&self, id: i64) -> Option<&ChildFacts> {
        self.facts.iter().find(|c| c.id == id)
    }

    /// A helper as lists name them: 「李芳（镇政府）」.
    pub fn helper_name(&self, id: i64) -> String {
        match self.helper(id) {
            Some(h) if h.unit.is_empty() => h.name.clone(),
            Some(h) => format!("{}（{}）", h.name, h.unit),
            None => String::new(),
        }
    }
}
