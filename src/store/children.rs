//! Children: the case files, saved whole in one transaction.

use anyhow::Result;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, Writer, new_uuid};
use crate::domain::benefits::Condition;
use crate::domain::child::Parent;
use crate::domain::{
    Category, Child, ChildStatus, DisabilityType, Flag, Gender, Health, HukouNature, ParentStatus,
    Person, Placement, RiskLevel, SchoolStatus, date, text,
};

/// A child as the case list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: i64,
    pub name: String,
    pub name_key: String,
    pub name_full: String,
    pub name_initials: String,
    pub id_number: String,
    pub village: String,
    pub status: ChildStatus,
    pub categories: Vec<Category>,
    pub flags: Vec<Flag>,
    pub gender: Option<Gender>,
    pub birth_date: Option<chrono::NaiveDate>,
}

/// What saving a child did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Added,
    Updated,
    Unchanged,
}

const SELECT: &str = "SELECT c.id, c.uuid, c.name, c.gender, c.ethnicity, c.birth_date, c.id_number,
    c.hukou, v.name, c.address, COALESCE(h.code, ''), c.school, c.grade, c.boarding, c.school_status,
    c.health, c.disability_type, c.disability_grade, c.risk, c.status, c.exit_date, c.exit_reason,
    c.registered_on, c.care_agreement, c.income_source, c.village_contact, c.notes, c.placement,
    c.hukou_nature, c.hukou_place, c.hukou_verified_on, c.reopened_on, c.reopen_reason, c.conditions
    FROM children c JOIN villages v ON v.id = c.village_id
    LEFT JOIN households h ON h.id = c.household_id";

fn code<T>(row: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    Ok(row.get::<_, Option<String>>(i)?.and_then(|s| parse(&s)))
}

fn day(row: &Row, i: usize) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    Ok(row
        .get::<_, Option<String>>(i)?
        .and_then(|s| date::from_iso(&s)))
}

fn child_row(row: &Row) -> rusqlite::Result<Child> {
    Ok(Child {
        id: row.get(0)?,
        uuid: row.get(1)?,
        name: row.get(2)?,
        gender: code(row, 3, Gender::from_code)?,
        ethnicity: row.get(4)?,
        birth_date: day(row, 5)?,
        id_number: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
        hukou: row.get(7)?,
        village: row.get(8)?,
        address: row.get(9)?,
        household: row.get(10)?,
        school: row.get(11)?,
        grade: row.get(12)?,
        boarding: row.get(13)?,
        school_status: code(row, 14, SchoolStatus::from_code)?,
        health: code(row, 15, Health::from_code)?,
        disability_type: code(row, 16, DisabilityType::from_code)?,
        disability_grade: row.get(17)?,
        categories: Vec::new(),
        risk: code(row, 18, RiskLevel::from_code)?,
        manual_flags: Vec::new(),
        status: code(row, 19, ChildStatus::from_code)?.unwrap_or(ChildStatus::Active),
        exit_date: day(row, 20)?,
        exit_reason: row.get(21)?,
        registered_on: day(row, 22)?.unwrap_or_default(),
        father: Parent::default(),
        mother: Parent::default(),
        guardian: Person::default(),
        caregiver: Person::default(),
        care_agreement: row.get(23)?,
        income_source: row.get(24)?,
        village_contact: row.get(25)?,
        notes: row.get(26)?,
        placement: code(row, 27, Placement::from_code)?,
        hukou_nature: code(row, 28, HukouNature::from_code)?,
        hukou_place: row.get(29)?,
        hukou_verified_on: day(row, 30)?,
        reopened_on: day(row, 31)?,
        reopen_reason: row.get(32)?,
        conditions: row
            .get::<_, String>(33)?
            .split(',')
            .filter_map(Condition::from_code)
            .collect(),
    })
}

/// Reads a whole case file on any connection (the store's, or a transaction's).
fn load(conn: &rusqlite::Connection, id: i64) -> Result<Option<Child>> {
    let Some(mut child) = conn
        .prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
        .query_row([id], child_row)
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT category FROM child_categories WHERE child_id = ?1")?;
    child.categories = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .filter_map(|c| c.ok().and_then(|c| Category::from_code(&c)))
        .collect();
    child.categories.sort();
    let mut stmt = conn
        .prepare_cached("SELECT flag FROM child_flags WHERE child_id = ?1 AND source = 'manual'")?;
    child.manual_flags = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .filter_map(|c| c.ok().and_then(|c| Flag::from_code(&c)))
        .collect();
    child.manual_flags.sort();
    let mut stmt = conn.prepare_cached(
        "SELECT role, name, status, work_place, since FROM parents WHERE child_id = ?1",
    )?;
    let parents = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Parent {
                name: r.get(1)?,
                status: code(r, 2, ParentStatus::from_code)?,
                work_place: r.get(3)?,
                since: day(r, 4)?,
            },
        ))
    })?;
    for p in parents {
        let (role, parent) = p?;
        if role == "father" {
            child.father = parent;
        } else {
            child.mother = parent;
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT role, name, relation, phone, able FROM caregivers WHERE child_id = ?1",
    )?;
    let people = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Person {
                name: r.get(1)?,
                relation: r.get(2)?,
                phone: r.get(3)?,
                able: r.get(4)?,
            },
        ))
    })?;
    for p in people {
        let (role, person) = p?;
        if role == "guardian" {
            child.guardian = person;
        } else {
            child.caregiver = person;
        }
    }
    Ok(Some(child))
}

/// Finds the child a sheet row speaks of: same ID number, or same name, birth
/// date and village.
fn find(
    conn: &rusqlite::Connection,
    id_number: &str,
    name: &str,
    birth: Option<chrono::NaiveDate>,
    village: &str,
) -> Result<Option<i64>> {
    if !id_number.is_empty()
        && let Some(id) = conn
            .prepare_cached("SELECT id FROM children WHERE id_number = ?1")?
            .query_row([id_number], |r| r.get(0))
            .optional()?
    {
        return Ok(Some(id));
    }
    let Some(birth) = birth else { return Ok(None) };
    // Two simple lookups: the joined form is planned anew on every call.
    let Some(village_id) = conn
        .prepare_cached("SELECT id FROM villages WHERE name = ?1")?
        .query_row([village], |r| r.get::<_, i64>(0))
        .optional()?
    else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached(
            "SELECT id FROM children WHERE name = ?1 AND birth_date = ?2 AND village_id = ?3",
        )?
        .query_row(params![name, date::iso(birth), village_id], |r| r.get(0))
        .optional()?)
}

/// The columns of a case-list row.
const CASE_ROW: &str =
    "SELECT id, name, name_key, name_full, name_initials, COALESCE(id_number, ''),
                village_id, status, category_codes, flag_codes, gender, birth_date";

fn case_row(
    r: &rusqlite::Row,
    villages: &std::collections::HashMap<i64, String>,
) -> rusqlite::Result<CaseRow> {
    let codes = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    Ok(CaseRow {
        id: r.get(0)?,
        name: r.get(1)?,
        name_key: r.get(2)?,
        name_full: r.get(3)?,
        name_initials: r.get(4)?,
        id_number: r.get(5)?,
        village: villages
            .get(&r.get::<_, i64>(6)?)
            .cloned()
            .unwrap_or_default(),
        status: ChildStatus::from_code(&r.get::<_, String>(7)?).unwrap_or(ChildStatus::Active),
        categories: codes(8)?
            .split(',')
            .filter_map(Category::from_code)
            .collect(),
        flags: codes(9)?.split(',').filter_map(Flag::from_code).collect(),
        gender: r
            .get::<_, Option<String>>(10)?
            .and_then(|g| Gender::from_code(&g)),
        birth_date: r
            .get::<_, Option<String>>(11)?
            .and_then(|d| date::from_iso(&d)),
    })
}

impl Store {
    /// One child's whole case file.
    pub fn child(&self, id: i64) -> Result<Option<Child>> {
        load(&self.conn, id)
    }

    /// The child a row of a sheet speaks of, if registered.
    pub fn find_child(
        &self,
        id_number: &str,
        name: &str,
        birth: Option<chrono::NaiveDate>,
        village: &str,
    ) -> Result<Option<i64>> {
        find(&self.conn, id_number, name, birth, village)
    }

    /// Every child (active and exited) for the case list, in pinyin order.
    pub fn case_rows(&self) -> Result<Vec<CaseRow>> {
        let villages = self.village_names()?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CASE_ROW} FROM children"))?;
        let mut q = stmt.query([])?;
        let mut rows = Vec::with_capacity(4096);
        while let Some(r) = q.next()? {
            rows.push(case_row(r, &villages)?);
        }
        rows.sort_by(|a, b| a.name_key.cmp(&b.name_key).then(a.id.cmp(&b.id)));
        Ok(rows)
    }

    /// One child's row of the case list (after a save).
    pub fn case_row(
        &self,
        id: i64,
        villages: &std::collections::HashMap<i64, String>,
    ) -> Result<Option<CaseRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CASE_ROW} FROM children WHERE id = ?1"))?;
        let mut q = stmt.query([id])?;
        match q.next()? {
            Some(r) => Ok(Some(case_row(r, villages)?)),
            None => Ok(None),
        }
    }

    /// Removes a child (the undo of adding one), audited.
    pub fn delete_child(&mut self, id: i64) -> Result<()> {
        self.write(|w| {
            let uuid = w.uuid_of("children", id).optional()?;
            w.tx.execute("DELETE FROM visits WHERE child_id = ?1", [id])?;
            w.tx.execute("DELETE FROM children WHERE id = ?1", [id])?;
            w.audit("delete", "children", uuid.as_deref(), "")
        })
    }

    /// The children of a name in a village.
    pub fn children_named(&self, name: &str, village: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id FROM children c JOIN villages v ON v.id = c.village_id
             WHERE c.name = ?1 AND v.name = ?2",
        )?;
        let ids = stmt.query_map(params![name, village], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// Saves one child in its own transaction.
    pub fn save_child(&mut self, child: &mut Child) -> Result<Saved> {
        self.write(|w| w.save_child(child))
    }
}

impl Writer<'_> {
    pub fn child(&self, id: i64) -> Result<Option<Child>> {
        load(&self.tx, id)
    }

    pub fn find_child(
        &self,
        id_number: &str,
        name: &str,
        birth: Option<chrono::NaiveDate>,
        village: &str,
    ) -> Result<Option<i64>> {
        find(&self.tx, id_number, name, birth, village)
    }

    /// Inserts or updates a whole case file; the audit log gets what changed.
    /// On return `child.id` and `child.uuid` are set.
    pub fn save_child(&self, child: &mut Child) -> Result<Saved> {
        let old = if child.id > 0 {
            self.child(child.id)?
        } else {
            None
        };
        if let Some(old) = &old {
            child.uuid.clone_from(&old.uuid);
            if child.diff(old).is_empty() {
                return Ok(Saved::Unchanged);
            }
        }
        let village_id = self.village_id(&child.village)?;
        let household_id = if child.household.is_empty() {
            None
        } else {
            Some(self.household_id(village_id, &child.household)?)
        };
        let sort_key = text::sort_key(&child.name);
        let (full, initials) = text::search_keys(&child.name);
        let id_number = (!child.id_number.is_empty()).then_some(child.id_number.as_str());
        let category_codes: Vec<&str> = child.categories.iter().map(|c| c.code()).collect();
        let category_codes = category_codes.join(",");
        let flag_codes: Vec<&str> = child.flag_set().iter().map(|f| f.code()).collect();
        let flag_codes = flag_codes.join(",");
        let conditions: Vec<&str> = child.conditions.iter().map(|c| c.code()).collect();
        let conditions = conditions.join(",");
        let values = params![
            child.name,
            sort_key,
            full,
            initials,
            child.gender.map(Gender::code),
            child.ethnicity,
            child.birth_date.map(date::iso),
            id_number,
            child.hukou,
            village_id,
            household_id,
            child.address,
            child.school,
            child.grade,
            child.boarding,
            child.school_status.map(SchoolStatus::code),
            child.health.map(Health::code),
            child.disability_type.map(DisabilityType::code),
            child.disability_grade,
            child.risk.map(RiskLevel::code),
            child.status.code(),
            child.exit_date.map(date::iso),
            child.exit_reason,
            date::iso(child.registered_on),
            child.care_agreement,
            child.income_source,
            child.village_contact,
            child.notes,
            child.placement.map_or("", Placement::code),
            child.hukou_nature.map_or("", HukouNature::code),
            child.hukou_place,
            child.hukou_verified_on.map(date::iso),
            child.reopened_on.map(date::iso),
            child.reopen_reason,
            conditions,
            category_codes,
            flag_codes,
            self.now,
        ];
        const COLUMNS: &str = "name, name_key, name_full, name_initials, gender, ethnicity, birth_date,
            id_number, hukou, village_id, household_id, address, school, grade, boarding, school_status,
            health, disability_type, disability_grade, risk, status, exit_date, exit_reason,
            registered_on, care_agreement, income_source, village_contact, notes, placement, hukou_nature, hukou_place, hukou_verified_on, reopened_on, reopen_reason, conditions, category_codes,
            flag_codes, updated_at";
        let outcome = if let Some(old) = &old {
            let sets: Vec<String> = COLUMNS
                .split(',')
                .enumerate()
                .map(|(i, c)| format!("{} = ?{}", c.trim(), i + 1))
                .collect();
            let mut values = values.to_vec();
            values.push(&child.id);
            self.tx
                .prepare_cached(&format!(
                    "UPDATE children SET {} WHERE id = ?{}",
                    sets.join(", "),
                    values.len()
                ))?
                .execute(values.as_slice())?;
            let changes: serde_json::Map<String, serde_json::Value> = child
                .diff(old)
                .into_iter()
                .map(|(k, a, b)| (k.to_string(), serde_json::json!([a, b])))
                .collect();
            self.audit(
                "update",
                "children",
                Some(&child.uuid),
                &serde_json::Value::Object(changes).to_string(),
            )?;
            Saved::Updated
        } else {
            child.uuid = new_uuid();
            let marks: Vec<String> = (1..=39).map(|i| format!("?{i}")).collect();
            let mut values = values.to_vec();
            values.push(&child.uuid);
            self.tx
                .prepare_cached(&format!(
                    "INSERT INTO children (id, {COLUMNS}, uuid) VALUES ({}, {})",
                    self.next_id("children"),
                    marks.join(", ")
                ))?
                .execute(values.as_slice())?;
            child.id = self.tx.last_insert_rowid();
            self.audit("insert", "children", Some(&child.uuid), &child.name)?;
            Saved::Added
        };
        self.write_links(child, old.is_some())?;
        Ok(outcome)
    }

    /// Categories, flags (manual and derived), parents and caregivers.
    fn write_links(&self, child: &Child, existed: bool) -> Result<()> {
        let id = child.id;
        let cats: Vec<&str> = child.categories.iter().map(|c| c.code()).collect();
        if existed {
            self.keep_only("child_categories", "category", id, &cats)?;
        }
        for c in &cats {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO child_categories (child_id, category, uuid, updated_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, c, new_uuid(), self.now])?;
        }
        let flags = child.flags();
        if existed {
            let codes: Vec<&str> = flags.iter().map(|(f, _)| f.code()).collect();
            self.keep_only("child_flags", "flag", id, &codes)?;
        }
        for (flag, source) in &flags {
            self.tx
                .prepare_cached(
                    "INSERT INTO child_flags (child_id, flag, source, uuid, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (child_id, flag) DO UPDATE SET source = excluded.source,
                        updated_at = excluded.updated_at WHERE source <> excluded.source",
                )?
                .execute(params![
                    id,
                    flag.code(),
                    source.code(),
                    new_uuid(),
                    self.now
                ])?;
        }
        for (role, p) in [("father", &child.father), ("mother", &child.mother)] {
            self.tx
                .prepare_cached(
                    &format!("INSERT INTO parents (id, uuid, child_id, role, name, status, work_place, since, updated_at)
                     VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (child_id, role) DO UPDATE SET name = excluded.name,
                        status = excluded.status, work_place = excluded.work_place,
                        since = excluded.since, updated_at = excluded.updated_at", next = self.next_id("parents")),
                )?
                .execute(params![
                    new_uuid(),
                    id,
                    role,
                    p.name,
                    p.status.map(ParentStatus::code),
                    p.work_place,
                    p.since.map(date::iso),
                    self.now
                ])?;
        }
        for (role, p) in [
            ("guardian", &child.guardian),
            ("caregiver", &child.caregiver),
        ] {
            self.tx
                .prepare_cached(
                    &format!("INSERT INTO caregivers (id, uuid, child_id, role, name, relation, phone, able, updated_at)
                     VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (child_id, role) DO UPDATE SET name = excluded.name,
                        relation = excluded.relation, phone = excluded.phone,
                        able = excluded.able, updated_at = excluded.updated_at", next = self.next_id("caregivers")),
                )?
                .execute(params![new_uuid(), id, role, p.name, p.relation, p.phone, p.able, self.now])?;
        }
        Ok(())
    }

    /// Deletes a child's rows of a link table whose value is not in `keep`.
    fn keep_only(&self, table: &str, column: &str, child_id: i64, keep: &[&str]) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare_cached(&format!("SELECT {column} FROM {table} WHERE child_id = ?1"))?;
        let have: Vec<String> = stmt
            .query_map([child_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for value in have.iter().filter(|v| !keep.contains(&v.as_str())) {
            self.tx
                .prepare_cached(&format!(
                    "DELETE FROM {table} WHERE child_id = ?1 AND {column} = ?2"
                ))?
                .execute(params![child_id, value])?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "children_tests.rs"]
mod tests;
