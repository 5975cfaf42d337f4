//! Saved mappings: the columns of a sheet shouhu did not understand, given a
//! field by the officer once, under a name, and used again for every sheet
//! that arrives with the same header (`import --template NAME`).

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::io::columns;
use crate::io::sheet::Sheet;
use crate::store::Store;

const PREFIX: &str = "import_template:";

/// A mapping: the sheet's header as it was, and for some of its columns the
/// field they go to (a key of the survey sheet; empty: left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub headers: Vec<String>,
    pub map: Vec<(String, String)>,
}

impl Template {
    /// Gives the mapped columns of `sheet` the headers of their fields.
    pub fn apply(&self, sheet: &mut Sheet) {
        for h in sheet.headers.iter_mut() {
            if let Some((_, key)) = self.map.iter().find(|(from, _)| from == h) {
                *h = columns::CHILDREN
                    .iter()
                    .find(|c| c.key == key)
                    .map_or_else(String::new, |c| c.zh.to_string());
            }
        }
    }
}

/// The saved mapping of a name.
pub fn load(store: &Store, name: &str) -> Result<Option<Template>> {
    Ok(store
        .setting(&format!("{PREFIX}{name}"))?
        .and_then(|text| serde_json::from_str(&text).ok()))
}

/// Saves a mapping under a name (audited, as every setting).
pub fn save(store: &mut Store, name: &str, t: &Template) -> Result<()> {
    store.set_setting(&format!("{PREFIX}{name}"), &serde_json::to_string(t)?)
}

/// The saved mapping made for a sheet with exactly these headers, if any.
pub fn matching(store: &Store, headers: &[String]) -> Result<Option<(String, Template)>> {
    for (key, value) in store.settings_with_prefix(PREFIX)? {
        if let Ok(t) = serde_json::from_str::<Template>(&value)
            && t.headers == headers
        {
            return Ok(Some((key[PREFIX.len()..].to_string(), t)));
        }
    }
    Ok(None)
}
