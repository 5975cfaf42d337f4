//! Drafts: forms kept as they are typed, so that nothing typed is lost.

use anyhow::Result;
use rusqlite::{OptionalExtension, params};

use super::{Store, new_uuid, now};

impl Store {
    /// Keeps a form's text under its key (one write, no audit: a draft is no record).
    /// A draft is written on every keystroke: when another program holds the
    /// database it gives up after a moment instead of freezing the typing.
    pub fn save_draft(&self, form: &str, key: &str, data: &str) -> Result<()> {
        self.conn
            .busy_timeout(std::time::Duration::from_millis(200))?;
        let written = self
            .conn
            .prepare_cached(
                "INSERT INTO drafts (uuid, form, key, data, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (form, key) DO UPDATE SET data = excluded.data,
                    updated_at = excluded.updated_at",
            )?
            .execute(params![new_uuid(), form, key, data, now()]);
        self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
        written?;
        Ok(())
    }

    pub fn draft(&self, form: &str, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT data FROM drafts WHERE form = ?1 AND key = ?2")?
            .query_row(params![form, key], |r| r.get(0))
            .optional()?)
    }

    pub fn delete_draft(&self, form: &str, key: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE form = ?1 AND key = ?2")?
            .execute(params![form, key])?;
        Ok(())
    }

    /// Every draft kept, newest first, as (form, key).
    pub fn drafts(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT form, key FROM drafts ORDER BY updated_at DESC, id DESC")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_kept_replaced_and_dropped() {
        let store = Store::open_in_memory().unwrap();
        store
            .save_draft("form", "child:new", "{\"name\":\"张\"}")
            .unwrap();
        store
            .save_draft("form", "child:new", "{\"name\":\"张小\"}")
            .unwrap();
        assert_eq!(
            store.draft("form", "child:new").unwrap().as_deref(),
            Some("{\"name\":\"张小\"}")
        );
        assert_eq!(store.drafts().unwrap().len(), 1);
        store.delete_draft("form", "child:new").unwrap();
        assert_eq!(store.draft("form", "child:new").unwrap(), None);
    }
}
