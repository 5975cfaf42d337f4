//! `shouhu gaps`: keeping the register true (应保尽保), one row per finding.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use crate::domain::{Category, idnum};
use crate::i18n::{M, t, tf};
use crate::io::format::Format;
use crate::io::table::{Column, Doc, Group, csv_cell};
use crate::store::Store;

/// The header of `gaps --format csv`, exactly as the issue writes it.
pub const GAPS_HEADER: &str = "rule,name,id_number,village,categories,detail";

/// One finding about a child: its code, the child, what to do.
pub struct Finding {
    pub code: &'static str,
    pub name: String,
    pub id_number: String,
    pub village: String,
    pub categories: Vec<Category>,
    pub detail: String,
}

/// Every benefit gap of the active children on `today`.
pub fn gap_findings(store: &Store, today: NaiveDate) -> Result<Vec<Finding>> {
    let cases: std::collections::HashMap<i64, crate::store::children::CaseRow> =
        store.case_rows()?.into_iter().map(|c| (c.id, c)).collect();
    let (found, rules) = store.register_gaps(today)?;
    Ok(found
        .into_iter()
        .filter_map(|g| {
            let c = cases.get(&g.child)?;
            Some(Finding {
                code: g.missing.code(),
                name: c.name.clone(),
                id_number: if c.id_number.is_empty() {
                    String::new()
                } else {
                    idnum::mask(&c.id_number)
                },
                village: c.village.clone(),
                categories: c.categories.clone(),
                detail: g.detail(&rules.rule),
            })
        })
        .collect())
}

/// Prints findings with their csv header (`header`'s first column is the code).
pub fn print(findings: &[Finding], header: &str, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let with_categories = header.contains("categories");
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            w.write_record(header.split(','))?;
            for f in findings {
                let mut rec = vec![
                    f.code.to_string(),
                    csv_cell(&f.name).into_owned(),
                    f.id_number.clone(),
                    csv_cell(&f.village).into_owned(),
                ];
                if with_categories {
                    rec.push(Category::join_zh(&f.categories));
                }
                rec.push(f.detail.clone());
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    let first = header.split(',').next().unwrap_or("rule");
                    let mut v = serde_json::json!({
                        first: f.code, "name": f.name, "id_number": f.id_number,
                        "village": f.village, "detail": f.detail,
                    });
                    if with_categories {
                        v["categories"] = f.categories.iter().map(|c| c.zh()).collect();
                    }
                    v
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        _ => {
            let doc = Doc {
                columns: [
                    header.split(',').next().unwrap_or(""),
                    t(M::ColName),
                    t(M::ColId),
                    t(M::ColVillage),
                    t(M::ColCategories),
                    t(M::RegDetail),
                ]
                .iter()
                .map(|h| Column::text(h, 10))
                .collect(),
                groups: vec![Group {
                    rows: findings
                        .iter()
                        .map(|f| {
                            vec![
                                f.code.to_string(),
                                f.name.clone(),
                                f.id_number.clone(),
                                f.village.clone(),
                                Category::join_zh(&f.categories),
                                f.detail.clone(),
                            ]
                        })
                        .collect(),
                    ..Group::default()
                }],
                ..Doc::default()
            };
            write!(out, "{}", crate::io::plain::terminal(&doc))?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn gaps(store: &Store, today: NaiveDate, format: Format) -> Result<()> {
    print(&gap_findings(store, today)?, GAPS_HEADER, format)
}

/// `shouhu gaps rules`: changes the gap rules (a preset, or a township's own
/// file, checked before it is kept) and the local 低保 standard, then prints
/// the rules in effect as a file a township can edit and `--set` again.
/// What `shouhu gaps rules` is asked to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesChange {
    pub preset: Option<String>,
    pub set: Option<std::path::PathBuf>,
    pub dibao_standard: Option<String>,
}

pub fn gap_rules(store: &mut Store, change: &RulesChange) -> Result<()> {
    let preset = change.preset.as_deref();
    let set = change.set.as_deref();
    let standard = change.dibao_standard.as_deref();
    use crate::domain::benefits::{Rules, fen, yuan};
    if let Some(name) = preset {
        if Rules::preset(name).is_none() {
            anyhow::bail!(tf(M::UnknownGapPreset, &[&name]));
        }
        store.set_setting("gap_rules", name.trim())?;
    }
    if let Some(path) = set {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!(tf(M::ImportCannotRead, &[&path.display(), &e])))?;
        let text = crate::io::sheet::decode_text(&bytes).unwrap_or_default();
        let rules =
            Rules::from_text(&text).map_err(|e| anyhow::anyhow!(tf(M::BadGapRules, &[&e])))?;
        store.set_setting("gap_rules", &rules.to_toml())?;
    }
    if let Some(s) = standard {
        let Some(f) = fen(s).filter(|f| *f > 0) else {
            anyhow::bail!(tf(M::BadAmount, &[&s]));
        };
        store.set_setting("dibao_standard", &yuan(f))?;
    }
    let rules = store.gap_rules()?;
    let mut out = std::io::stdout().lock();
    let standard = store.dibao_standard()?.map(yuan);
    writeln!(
        out,
        "# {}",
        tf(
            M::GapRulesHead,
            &[
                &rules.rule.len(),
                &standard.unwrap_or_else(|| t(M::NotSet).into())
            ]
        )
    )?;
    write!(out, "{}", rules.to_toml())?;
    Ok(())
}

/// The header of `reviews --format csv`, exactly as the issue writes it.
pub const REVIEWS_HEADER: &str = "review,name,id_number,village,detail";
/// The header of `guardianship --format csv`.
pub const GUARDIANSHIP_HEADER: &str = "check,name,id_number,village,detail";

/// A finding about a child, the ID number masked.
pub fn finding(c: &crate::domain::Child, code: &'static str, detail: String) -> Finding {
    Finding {
        code,
        name: c.name.clone(),
        id_number: if c.id_number.is_empty() {
            String::new()
        } else {
            idnum::mask(&c.id_number)
        },
        village: c.village.clone(),
        categories: c.categories.clone(),
        detail,
    }
}

/// The reviews proposed on `today`, a declined one left out while what it
/// rests on is unchanged.
pub fn review_findings(store: &Store, today: NaiveDate) -> Result<Vec<Finding>> {
    let declined = store.declined_reviews()?;
    let mut out = Vec::new();
    for f in store.register_files()? {
        for r in f.open_reviews(&declined, today) {
            out.push(finding(&f.child, r.code(), f.review_detail(r)));
        }
    }
    Ok(out)
}

/// The guardianship checks failed on `today`.
pub fn guardianship_findings(store: &Store, today: NaiveDate) -> Result<Vec<Finding>> {
    let limits = store.register_limits()?;
    let mut out = Vec::new();
    for f in store.register_files()? {
        for g in f.checks(limits, today) {
            out.push(finding(&f.child, g.code(), f.guard_detail(g, limits)));
        }
    }
    Ok(out)
}

pub fn reviews(store: &Store, today: NaiveDate, format: Format) -> Result<()> {
    print(&review_findings(store, today)?, REVIEWS_HEADER, format)
}

pub fn guardianship(store: &Store, today: NaiveDate, format: Format) -> Result<()> {
    print(
        &guardianship_findings(store, today)?,
        GUARDIANSHIP_HEADER,
        format,
    )
}
