//! The ledger of one pairing (its dates, the paper ledger's fields, the wish
//! list) and one helper, as the screens read and write them.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::domain::date;
use crate::domain::pairing::{Helper, LEDGER, Pairing, Wish};

/// A pairing with what its ledger says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub pairing: Pairing,
    pub end_reason: String,
    /// The values of `LEDGER`, in its order.
    pub fields: Vec<String>,
}

/// A helper with what the lists do not need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelperFile {
    pub helper: Helper,
    pub phone: String,
    /// The policy handout (政策明白书) received.
    pub handout: bool,
}

fn columns() -> String {
    LEDGER.iter().map(|f| f.key).collect::<Vec<_>>().join(", ")
}

/// A pairing as the township hands its ledger upward: one row per pairing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingLine {
    pub id_number: String,
    pub name: String,
    pub village: String,
    pub helper: String,
    pub unit: String,
    pub kind: String,
    pub gender: Option<String>,
    pub phone: String,
    pub start: String,
    pub end: Option<String>,
    pub intended: bool,
    pub end_reason: String,
    /// The values of `LEDGER`, in its order.
    pub fields: Vec<String>,
    /// During the pairing: patrol visits, care visits, problems passed on.
    pub visits: usize,
    pub care: usize,
    pub problems: usize,
    pub wishes_done: usize,
    pub wishes: usize,
}

impl Store {
    /// Every pairing with its child, helper, ledger and what was done during
    /// it, by village, unit, helper and child.
    pub fn pairing_lines(&self) -> Result<Vec<PairingLine>> {
        let done = |kind: &str| {
            format!(
                "(SELECT count(*) FROM helper_activities a WHERE a.helper_id = p.helper_id
                   AND a.child_id = p.child_id AND a.kind = '{kind}' AND a.date >= p.start
                   AND (p.\"end\" IS NULL OR a.date <= p.\"end\"))"
            )
        };
        let ledger: Vec<String> = LEDGER.iter().map(|f| format!("p.{}", f.key)).collect();
        let sql = format!(
            "SELECT COALESCE(c.id_number, ''), c.name, v.name, h.name, h.unit, h.kind, h.gender,
                    h.phone, p.start, p.\"end\", p.intended, p.end_reason, {}, {}, {},
                    (SELECT count(*) FROM wishes w WHERE w.pairing_id = p.id AND w.fulfilled_on IS NOT NULL),
                    (SELECT count(*) FROM wishes w WHERE w.pairing_id = p.id), {}
               FROM pairings p JOIN children c ON c.id = p.child_id
               JOIN villages v ON v.id = c.village_id JOIN helpers h ON h.id = p.helper_id
              ORDER BY v.name, h.unit, h.name, c.name_key, p.start",
            done("visit"),
            done("care"),
            done("problem"),
            ledger.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v as usize);
            Ok(PairingLine {
                id_number: r.get(0)?,
                name: r.get(1)?,
                village: r.get(2)?,
                helper: r.get(3)?,
                unit: r.get(4)?,
                kind: r.get(5)?,
                gender: r.get(6)?,
                phone: r.get(7)?,
                start: r.get(8)?,
                end: r.get(9)?,
                intended: r.get(10)?,
                end_reason: r.get(11)?,
                visits: n(12)?,
                care: n(13)?,
                problems: n(14)?,
                wishes_done: n(15)?,
                wishes: n(16)?,
                fields: (0..LEDGER.len())
                    .map(|i| r.get::<_, String>(17 + i))
                    .collect::<rusqlite::Result<_>>()?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One pairing and its ledger.
    pub fn ledger(&self, id: i64) -> Result<Option<Ledger>> {
        let sql = format!(
            "SELECT child_id, helper_id, start, \"end\", intended, end_reason, {} FROM pairings WHERE id = ?1",
            columns()
        );
        let row = self
            .conn
            .query_row(&sql, [id], |r| {
                let start: String = r.get(2)?;
                let end: Option<String> = r.get(3)?;
                let fields = (0..LEDGER.len())
                    .map(|i| r.get::<_, String>(6 + i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    start,
                    end,
                    r.get(4)?,
                    r.get(5)?,
                    fields,
                ))
            })
            .optional()?;
        Ok(row.and_then(
            |(child, helper, start, end, intended, end_reason, fields)| {
                Some(Ledger {
                    pairing: Pairing {
                        id,
                        child,
                        helper,
                        start: date::from_iso(&start)?,
                        end: end.as_deref().and_then(date::from_iso),
                        intended,
                    },
                    end_reason,
                    fields,
                })
            },
        ))
    }

    /// The wishes of a pairing, oldest first.
    pub fn wishes(&self, pairing: i64) -> Result<Vec<Wish>> {
        self.wishes_where("pairing_id = ?1", pairing)
    }

    /// The wishes of a child, in all its pairings, oldest first.
    pub fn wishes_of_child(&self, child: i64) -> Result<Vec<Wish>> {
        self.wishes_where(
            "pairing_id IN (SELECT id FROM pairings WHERE child_id = ?1)",
            child,
        )
    }

    fn wishes_where(&self, cond: &str, id: i64) -> Result<Vec<Wish>> {
        let sql = format!(
            "SELECT id, pairing_id, wish, made_on, fulfilled_on FROM wishes WHERE {cond} ORDER BY made_on, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, pairing, wish, made, done) = row?;
            if let Some(made_on) = date::from_iso(&made) {
                out.push(Wish {
                    id,
                    pairing,
                    wish,
                    made_on,
                    fulfilled_on: done.as_deref().and_then(date::from_iso),
                });
            }
        }
        Ok(out)
    }

    /// Per pairing with wishes: (pairing, wishes open, wishes in all).
    pub fn wish_counts(&self) -> Result<Vec<(i64, usize, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pairing_id, sum(fulfilled_on IS NULL), count(*) FROM wishes GROUP BY pairing_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One helper with the phone and the handout.
    pub fn helper_file(&self, id: i64) -> Result<Option<HelperFile>> {
        let Some(helper) = self.helpers()?.into_iter().find(|h| h.id == id) else {
            return Ok(None);
        };
        let (phone, handout) = self.conn.query_row(
            "SELECT phone, handout FROM helpers WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Some(HelperFile {
            helper,
            phone,
            handout,
        }))
    }

    /// The helper of this name and unit other than `not`, if any.
    pub fn helper_named(&self, name: &str, unit: &str, not: Option<i64>) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM helpers WHERE name = ?1 AND unit = ?2 AND id IS NOT ?3",
                params![name, unit, not],
                |r| r.get(0),
            )
            .optional()?)
    }
}

impl super::Writer<'_> {
    /// Writes a pairing's dates and ledger (audited); a new pairing when its
    /// id is 0. Returns its id.
    pub fn save_ledger(&self, l: &Ledger) -> Result<i64> {
        let p = &l.pairing;
        let (start, end) = (date::iso(p.start), p.end.map(date::iso));
        let sets: Vec<String> = LEDGER
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} = ?{}", f.key, i + 8))
            .collect();
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![
            Box::new(p.child),
            Box::new(p.helper),
            Box::new(start.clone()),
            Box::new(end),
            Box::new(p.intended),
            Box::new(l.end_reason.clone()),
            Box::new(self.now.clone()),
        ];
        values.extend(
            l.fields
                .iter()
                .take(LEDGER.len())
                .map(|v| Box::new(v.clone()) as Box<dyn rusqlite::ToSql>),
        );
        let (id, uuid, action) = if p.id == 0 {
            let uuid = super::new_uuid();
            self.tx.execute(
                &format!("INSERT INTO pairings (id, uuid, child_id, helper_id, start, updated_at) VALUES ({next}, ?1, ?2, ?3, ?4, ?5)", next = self.next_id("pairings")),
                params![uuid, p.child, p.helper, start, self.now],
            )?;
            (self.tx.last_insert_rowid(), uuid, "insert")
        } else {
            let uuid = self.uuid_of("pairings", p.id)?;
            (p.id, uuid, "update")
        };
        let sql = format!(
            "UPDATE pairings SET child_id = ?1, helper_id = ?2, start = ?3, \"end\" = ?4, intended = ?5,
                    end_reason = ?6, updated_at = ?7, {} WHERE id = ?{}",
            sets.join(", "),
            LEDGER.len() + 8
        );
        values.push(Box::new(id));
        let refs: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v.as_ref()).collect();
        self.tx.execute(&sql, refs.as_slice())?;
        self.audit(action, "pairings", Some(&uuid), &start)?;
        Ok(id)
    }

    /// Deletes a pairing with its wishes and the helper's activities for the
    /// child during it (audited): the undo of a pairing made by mistake.
    pub fn delete_pairing(&self, id: i64) -> Result<()> {
        let Some((uuid, child, helper, start, end)) = self
            .tx
            .query_row(
                "SELECT uuid, child_id, helper_id, start, \"end\" FROM pairings WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()?
        else {
            return Ok(());
        };
        self.tx.execute(
            "DELETE FROM helper_activities WHERE child_id = ?1 AND helper_id = ?2
                AND date >= ?3 AND (?4 IS NULL OR date <= ?4)",
            params![child, helper, start, end],
        )?;
        self.tx
            .execute("DELETE FROM wishes WHERE pairing_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM pairings WHERE id = ?1", [id])?;
        self.audit("delete", "pairings", Some(&uuid), &start)
    }

    /// Adds a wish (id 0) or writes it again (audited). Returns its id.
    pub fn save_wish(&self, w: &Wish) -> Result<i64> {
        let made = date::iso(w.made_on);
        let done = w.fulfilled_on.map(date::iso);
        let (id, uuid, action) = if w.id == 0 {
            let uuid = super::new_uuid();
            self.tx.execute(
                &format!("INSERT INTO wishes (id, uuid, pairing_id, wish, made_on, fulfilled_on, updated_at)
                 VALUES ({next}, ?1, ?2, ?3, ?4, ?5, ?6)", next = self.next_id("wishes")),
                params![uuid, w.pairing, w.wish, made, done, self.now],
            )?;
            (self.tx.last_insert_rowid(), uuid, "insert")
        } else {
            let uuid = self.uuid_of("wishes", w.id)?;
            self.tx.execute(
                "UPDATE wishes SET wish = ?2, made_on = ?3, fulfilled_on = ?4, updated_at = ?5 WHERE id = ?1",
                params![w.id, w.wish, made, done, self.now],
            )?;
            (w.id, uuid, "update")
        };
        let note = match &done {
            Some(d) => format!("{} {d}", w.wish),
            None => w.wish.clone(),
        };
        self.audit(action, "wishes", Some(&uuid), &note)?;
        Ok(id)
    }

    /// Adds a helper (id `None`) or writes one again by id (audited); a
    /// training day is added once. Returns its id.
    pub fn save_helper_file(
        &self,
        id: Option<i64>,
        h: &super::pairing::NewHelper,
        handout: bool,
    ) -> Result<i64> {
        let gender = h.gender.map(|g| g.code());
        let (id, uuid, action) = match id {
            None => {
                let uuid = super::new_uuid();
                self.tx.execute(
                    &format!("INSERT INTO helpers (id, uuid, name, unit, updated_at) VALUES ({next}, ?1, ?2, ?3, ?4)", next = self.next_id("helpers")),
                    params![uuid, h.name, h.unit, self.now],
                )?;
                (self.tx.last_insert_rowid(), uuid, "insert")
            }
            Some(id) => {
                let uuid = self.uuid_of("helpers", id)?;
                (id, uuid, "update")
            }
        };
        self.tx.execute(
            "UPDATE helpers SET name = ?2, gender = ?3, kind = ?4, unit = ?5, phone = ?6,
                    linked_village = ?7, handout = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                h.name,
                gender,
                h.kind.code(),
                h.unit,
                h.phone,
                h.linked_village,
                handout,
                self.now
            ],
        )?;
        if let Some(day) = h.training {
            self.add_training(id, day)?;
        }
        self.audit(action, "helpers", Some(&uuid), &h.name)?;
        Ok(id)
    }

    /// Records a training day of a helper, once.
    pub fn add_training(&self, helper: i64, day: NaiveDate) -> Result<()> {
        let day = date::iso(day);
        let known: i64 = self.tx.query_row(
            "SELECT count(*) FROM helper_trainings WHERE helper_id = ?1 AND day = ?2",
            params![helper, day],
            |r| r.get(0),
        )?;
        if known == 0 {
            self.tx.execute(
                &format!("INSERT INTO helper_trainings (id, uuid, helper_id, day, updated_at) VALUES ({next}, ?1, ?2, ?3, ?4)", next = self.next_id("helper_trainings")),
                params![super::new_uuid(), helper, day, self.now],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pairing::HelperKind;
    use crate::store::pairing::NewHelper;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_ledger_and_its_wishes_are_written_read_back_and_audited() {
        let today = day(2026, 11, 23);
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::generate(&mut s, 3, 1, today).unwrap();
        let child = s.case_rows().unwrap()[0].id;
        let audited = |s: &Store| -> i64 {
            s.conn
                .query_row(
                    "SELECT count(*) FROM audit WHERE table_name IN ('pairings', 'wishes', 'helpers')",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let (pairings, audits) = (s.pairings().unwrap().len(), audited(&s));
        let h = NewHelper {
            name: "周某某".into(),
            gender: Some(crate::domain::Gender::Female),
            kind: HelperKind::Family,
            unit: "镇卫生院".into(),
            phone: "13800000000".into(),
            linked_village: String::new(),
            training: Some(day(2026, 3, 2)),
        };
        let helper = s.write(|w| w.save_helper_file(None, &h, true)).unwrap();
        let file = s.helper_file(helper).unwrap().unwrap();
        assert!(file.handout);
        assert_eq!(file.helper.trainings, [day(2026, 3, 2)]);
        assert_eq!(
            s.helper_named("周某某", "镇卫生院", None).unwrap(),
            Some(helper)
        );
        assert_eq!(
            s.helper_named("周某某", "镇卫生院", Some(helper)).unwrap(),
            None
        );

        let mut fields = vec![String::new(); LEDGER.len()];
        fields[2] = "画画".into();
        fields[11] = "和睦".into();
        let mut l = Ledger {
            pairing: Pairing {
                id: 0,
                child,
                helper,
                start: day(2026, 2, 1),
                end: None,
                intended: false,
            },
            end_reason: String::new(),
            fields,
        };
        let id = s.write(|w| w.save_ledger(&l)).unwrap();
        l.pairing.id = id;
        assert_eq!(s.ledger(id).unwrap().unwrap(), l);
        l.pairing.end = Some(day(2026, 10, 1));
        l.end_reason = "儿童随父母外出".into();
        s.write(|w| w.save_ledger(&l)).unwrap();
        assert_eq!(s.ledger(id).unwrap().unwrap(), l);
        assert_eq!(s.pairings().unwrap().len(), pairings + 1);

        let mut wish = Wish {
            id: 0,
            pairing: id,
            wish: "一个新书包".into(),
            made_on: day(2026, 2, 1),
            fulfilled_on: None,
        };
        wish.id = s.write(|w| w.save_wish(&wish)).unwrap();
        assert!(s.wishes(id).unwrap()[0].open());
        wish.fulfilled_on = Some(day(2026, 6, 1));
        s.write(|w| w.save_wish(&wish)).unwrap();
        assert_eq!(s.wishes(id).unwrap(), [wish.clone()]);
        assert!(s.wishes_of_child(child).unwrap().contains(&wish));
        assert_eq!(audited(&s), audits + 5);
    }
}
