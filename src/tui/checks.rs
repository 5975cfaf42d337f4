//! Keeping the register true as the screens read it: the benefit gaps, the
//! reviews proposed and the guardianship checks failed, of every active
//! child. Read whole at start-up and when the rules change; a save of one
//! child reads that child again.

use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::benefits::Gap;
use crate::domain::register::{Guardianship, Review};
use crate::store::Store;

#[derive(Debug, Default)]
pub struct Checks {
    /// The benefit gaps (应保尽保), by child.
    pub gaps: Vec<Gap>,
    /// The reviews proposed and not declined, by child.
    pub reviews: Vec<(i64, Review)>,
    /// The guardianship checks failed, by child.
    pub guards: Vec<(i64, Guardianship)>,
}

impl Checks {
    pub fn read(store: &Store, today: NaiveDate) -> Result<Checks> {
        let (gaps, _) = store.register_gaps(today)?;
        let declined = store.declined_reviews()?;
        let limits = store.register_limits()?;
        let (mut reviews, mut guards) = (Vec::new(), Vec::new());
        for f in store.register_files()? {
            let id = f.child.id;
            reviews.extend(
                f.open_reviews(&declined, today)
                    .into_iter()
                    .map(|r| (id, r)),
            );
            guards.extend(f.checks(limits, today).into_iter().map(|g| (id, g)));
        }
        Ok(Checks {
            gaps,
            reviews,
            guards,
        })
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
        let (mut reviews, mut guards) = (Vec::new(), Vec::new());
        if let Some(f) = store.register_file(child)? {
            let declined = store.declined_reviews()?;
            let limits = store.register_limits()?;
            reviews = f
                .open_reviews(&declined, today)
                .into_iter()
                .map(|r| (child, r))
                .collect();
            guards = f
                .checks(limits, today)
                .into_iter()
                .map(|g| (child, g))
                .collect();
        }
        put(&mut self.reviews, child, |r| r.0, reviews);
        put(&mut self.guards, child, |g| g.0, guards);
        Ok(())
    }
}
