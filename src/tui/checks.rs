//! Keeping the register true as the screens read it: the benefit gaps, the
//! reviews proposed and the guardianship checks failed, of every active
//! child. Read whole at start-up and when the rules change; a save of one
//! child reads that child again.

use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::benefits::Gap;
use crate::domain::paperwork::{Deadlines, Missing, inspection};
use crate::domain::register::{Guardianship, Limits, Review};
use crate::store::Store;
use crate::store::register::RegisterFile;

/// The reviews declined: (child, review code) → what they rested on.
type Declined = std::collections::HashMap<(i64, String), String>;

#[derive(Debug)]
pub struct Checks {
    /// The benefit gaps (应保尽保), by child.
    pub gaps: Vec<Gap>,
    /// The reviews proposed and not declined, by child.
    pub reviews: Vec<(i64, Review)>,
    /// The guardianship checks failed, by child.
    pub guards: Vec<(i64, Guardianship)>,
    /// The care measures past their day, by child (a child once per measure).
    pub overdue: Vec<i64>,
    /// What each file lacks for the county's inspection, by child; a focus
    /// child without a care plan is among them.
    pub missing: Vec<(i64, Missing)>,
    /// The deadlines the township keeps.
    pub deadlines: Deadlines,
    /// The villages of more than 30 children with one child director (002).
    pub deputies_needed: Vec<String>,
}

impl Checks {
    pub fn read(store: &Store, today: NaiveDate) -> Result<Checks> {
        let (gaps, _) = store.register_gaps(today)?;
        let declined = store.declined_reviews()?;
        let limits = store.register_limits()?;
        let sizes = store.plan_sizes()?;
        let mut c = Checks {
            gaps,
            deadlines: store.deadlines().unwrap_or_else(|_| Deadlines::defaults()),
            ..Checks::default()
        };
        for f in store.register_files()? {
            let size = sizes.get(&f.child.id).copied().unwrap_or(0);
            c.add(&f, size, (&declined, limits), today);
        }
        c.deputies_needed = store
            .village_offices()?
            .into_iter()
            .filter(|v| crate::domain::paperwork::needs_deputy(v.children, &v.office))
            .map(|v| v.village)
            .collect();
        c.overdue = store
            .open_measures()?
            .into_iter()
            .filter(|m| m.overdue(today))
            .map(|m| m.child)
            .collect();
        Ok(c)
    }

    /// Adds what one file calls for (the lists stay in child order when the
    /// files come in order).
    fn add(
        &mut self,
        f: &RegisterFile,
        plan: usize,
        (declined, limits): (&Declined, Limits),
        today: NaiveDate,
    ) {
        let id = f.child.id;
        self.reviews
            .extend(f.open_reviews(declined, today).into_iter().map(|r| (id, r)));
        self.guards
            .extend(f.checks(limits, today).into_iter().map(|g| (id, g)));
        let missing = inspection(&f.child, !f.flags.is_empty(), f.last_visit, plan, today);
        self.missing.extend(missing.into_iter().map(|m| (id, m)));
    }

    /// Reads one child again (after a save of theirs): one child's worth of
    /// reading, the lists kept in child order.
    pub fn update_child(&mut self, store: &Store, child: i64, today: NaiveDate) -> Result<()> {
        fn put<T>(list: &mut Vec<T>, child: i64, of: impl Fn(&T) -> i64, found: Vec<T>) {
            list.retain(|x| of(x) != child);
            let at = list.partition_point(|x| of(x) < child);
            list.splice(at..at, found);
        }
        let c = store
            .child(child)?
            .filter(|c| c.status == crate::domain::ChildStatus::Active);
        let gaps = match &c {
            Some(c) => store
                .gaps_of(c, today)?
                .into_iter()
                .map(|(g, _)| g)
                .collect(),
            None => Vec::new(),
        };
        put(&mut self.gaps, child, |g| g.child, gaps);
        let measures = store.measures_of(child)?;
        let overdue = measures
            .iter()
            .filter(|m| m.overdue(today))
            .map(|m| m.child)
            .collect();
        put(&mut self.overdue, child, |c| *c, overdue);
        // This child's file alone, then put where it belongs.
        let mut one = Checks::default();
        if let Some(f) = store.register_file(child)? {
            let declined = store.declined_reviews()?;
            let limits = store.register_limits()?;
            one.add(&f, measures.len(), (&declined, limits), today);
        }
        put(&mut self.reviews, child, |r| r.0, one.reviews);
        put(&mut self.guards, child, |g| g.0, one.guards);
        put(&mut self.missing, child, |m| m.0, one.missing);
        Ok(())
    }
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            gaps: Vec::new(),
            reviews: Vec::new(),
            guards: Vec::new(),
            overdue: Vec::new(),
            missing: Vec::new(),
            deadlines: Deadlines::defaults(),
            deputies_needed: Vec::new(),
        }
    }
}
