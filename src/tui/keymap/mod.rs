//! The key bindings: one table per screen and pop-up, read from a TOML file
//! embedded in the program (`default.toml`) that a user's `keymap.toml`
//! overrides entry by entry. The handlers, the hint line and the help screen
//! all read these tables, so that they cannot disagree.

mod chord;

use std::collections::HashMap;

pub use chord::{Chord, normalize};
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use crate::i18n::{M, tf};

/// The default key map.
pub const DEFAULT: &str = include_str!("default.toml");

/// An entry of a binding table as the code declares it: the action, and
/// whether the hint line shows it (the help shows every entry).
#[derive(Debug, Clone, Copy)]
pub struct Decl {
    pub action: Action,
    pub hint: bool,
}

/// Shown on the hint line.
pub const fn hint(action: Action) -> Decl {
    Decl { action, hint: true }
}

/// Shown in the help only.
pub const fn quiet(action: Action) -> Decl {
    Decl {
        action,
        hint: false,
    }
}

/// Keys that work on every screen, outside text fields (with `go_<n>` for
/// each screen of the tab bar, added where the tables are gathered).
pub const GLOBAL: &[Decl] = &[
    hint(Action::Help),
    hint(Action::Search),
    quiet(Action::Undo),
    quiet(Action::Redo),
    hint(Action::Quit),
];

/// Moving in a list.
pub const LIST: &[Decl] = &[
    quiet(Action::Up),
    quiet(Action::Down),
    quiet(Action::PageUp),
    quiet(Action::PageDown),
    quiet(Action::Top),
    quiet(Action::Bottom),
];

/// One binding: its keys, its action, whether the hint line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Chord>,
    pub action: Action,
    pub hint: bool,
}

impl Binding {
    /// The first key, as the hint line writes it ("" when unbound).
    pub fn label(&self) -> String {
        self.keys.first().map(Chord::label).unwrap_or_default()
    }

    /// Every key, as the help writes them ("? F1").
    pub fn labels(&self) -> String {
        let all: Vec<String> = self.keys.iter().map(Chord::label).collect();
        all.join(" ")
    }
}

/// Where keys are looked up together: a screen's table, the list moves and
/// the global keys; or one pop-up's table alone.
pub type Chain = Vec<&'static str>;

/// Every binding table, with its keys resolved.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: HashMap<&'static str, Vec<Binding>>,
    chains: Vec<Chain>,
}

type Entries = HashMap<String, HashMap<String, Vec<String>>>;

fn parse_file(text: &str) -> Result<Entries, String> {
    toml::from_str::<Entries>(text).map_err(|e| e.message().to_string())
}

impl Keymap {
    /// Builds the tables the code declares from the default file, then
    /// applies the user's file (its text and a name for messages). What could
    /// not be applied is returned as warnings; the default stays in its place.
    pub fn load(
        decls: &[(&'static str, Vec<Decl>)],
        chains: Vec<Chain>,
        user: Option<(&str, &str)>,
    ) -> (Keymap, Vec<String>) {
        let mut warnings = Vec::new();
        let defaults = parse_file(DEFAULT).unwrap_or_else(|e| {
            warnings.push(tf(M::KeymapBroken, &[&"default.toml", &e]));
            Entries::new()
        });
        let mut map = Keymap {
            tables: HashMap::new(),
            chains,
        };
        for (name, table) in decls {
            let given = defaults.get(*name);
            let bindings = table
                .iter()
                .map(|d| Binding {
                    keys: given
                        .and_then(|t| t.get(&d.action.name()))
                        .map(|keys| keys.iter().filter_map(|k| Chord::parse(k)).collect())
                        .unwrap_or_default(),
                    action: d.action,
                    hint: d.hint,
                })
                .collect();
            map.tables.insert(name, bindings);
        }
        if let Some((text, file)) = user {
            match parse_file(text) {
                Err(e) => warnings.push(tf(M::KeymapBroken, &[&file, &e])),
                Ok(entries) => map.apply(&entries, &mut warnings),
            }
        }
        (map, warnings)
    }

    /// Applies a user's entries one by one; one that would make a key do two
    /// things is refused.
    fn apply(&mut self, entries: &Entries, warnings: &mut Vec<String>) {
        let mut names: Vec<&String> = entries.keys().collect();
        names.sort();
        for table in names {
            let Some(&tname) = self.tables.keys().find(|k| **k == table.as_str()) else {
                warnings.push(tf(M::KeymapUnknown, &[&table, &""]));
                continue;
            };
            let mut actions: Vec<(&String, &Vec<String>)> = entries[table].iter().collect();
            actions.sort();
            for (action, keys) in actions {
                let wanted = Action::from_name(action);
                let Some(at) = self.tables[tname]
                    .iter()
                    .position(|b| Some(b.action) == wanted)
                else {
                    warnings.push(tf(M::KeymapUnknown, &[&table, action]));
                    continue;
                };
                let parsed: Option<Vec<Chord>> = keys.iter().map(|k| Chord::parse(k)).collect();
                let Some(parsed) = parsed else {
                    warnings.push(tf(M::KeymapBadKey, &[&table, action, &keys.join(" ")]));
                    continue;
                };
                let old = self.set_keys(tname, at, parsed);
                if let Some((key, _)) = self.duplicates().into_iter().next() {
                    self.set_keys(tname, at, old);
                    warnings.push(tf(M::KeymapConflict, &[&table, action, &key]));
                }
            }
        }
    }

    /// Gives a binding new keys; returns the old ones.
    fn set_keys(&mut self, table: &str, at: usize, keys: Vec<Chord>) -> Vec<Chord> {
        match self.tables.get_mut(table).and_then(|t| t.get_mut(at)) {
            Some(b) => std::mem::replace(&mut b.keys, keys),
            None => Vec::new(),
        }
    }

    /// The bindings of a table (empty for a table nobody declared).
    pub fn table(&self, name: &str) -> &[Binding] {
        self.tables.get(name).map_or(&[], Vec::as_slice)
    }

    /// The action of a key in a chain of tables, the first table first.
    pub fn lookup(&self, chain: &[&str], ev: &KeyEvent) -> Option<Action> {
        chain
            .iter()
            .flat_map(|t| self.table(t))
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    }

    /// The bindings of a chain the hint line shows, as (key, words).
    pub fn hints(&self, chain: &[&str]) -> Vec<(String, String)> {
        chain
            .iter()
            .flat_map(|t| self.table(t))
            .filter(|b| b.hint && !b.keys.is_empty())
            .map(|b| (b.label(), crate::i18n::t(b.action.desc()).to_string()))
            .collect()
    }

    /// Keys bound twice within one chain: (the key, the chain's first table).
    pub fn duplicates(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for chain in &self.chains {
            let all: Vec<&Chord> = chain
                .iter()
                .flat_map(|t| self.table(t))
                .flat_map(|b| b.keys.iter())
                .collect();
            for (i, a) in all.iter().enumerate() {
                if all[i + 1..].iter().any(|b| b.same_key(a)) {
                    out.push((a.label(), chain[0]));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    const T: &[Decl] = &[hint(Action::NewVisit), quiet(Action::EditChild)];

    fn global() -> Vec<Decl> {
        let mut g: Vec<Decl> = (1..=6).map(|n| quiet(Action::GoTo(n))).collect();
        g.extend_from_slice(GLOBAL);
        g
    }

    fn load(user: Option<&str>) -> (Keymap, Vec<String>) {
        Keymap::load(
            &[("today", T.to_vec()), ("global", global())],
            vec![vec!["today", "global"]],
            user.map(|u| (u, "keymap.toml")),
        )
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_default_file_gives_every_declared_action_its_keys() {
        let (map, warnings) = load(None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            map.lookup(&["today", "global"], &key('v')),
            Some(Action::NewVisit)
        );
        assert_eq!(
            map.lookup(&["today", "global"], &key('2')),
            Some(Action::GoTo(2))
        );
        assert!(map.duplicates().is_empty());
    }

    #[test]
    fn a_user_entry_rebinds_one_action_and_keeps_the_rest() {
        let (map, warnings) = load(Some("[today]\nnew_visit = [\"w\"]\n"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.lookup(&["today"], &key('w')), Some(Action::NewVisit));
        assert_eq!(map.lookup(&["today"], &key('v')), None);
        assert_eq!(map.lookup(&["today"], &key('e')), Some(Action::EditChild));
    }

    #[test]
    fn conflicts_broken_files_and_unknown_names_are_reported_and_the_default_kept() {
        // `e` already edits the child: the new key is refused, v stays.
        let (map, warnings) = load(Some("[today]\nnew_visit = [\"e\"]\n"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(map.lookup(&["today"], &key('v')), Some(Action::NewVisit));
        assert_eq!(map.lookup(&["today"], &key('e')), Some(Action::EditChild));
        // A key of the global table on the same screen is a conflict too.
        let (_, warnings) = load(Some("[today]\nnew_visit = [\"q\"]\n"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (map, warnings) = load(Some("[today\nnew_visit = "));
        assert_eq!(warnings.len(), 1);
        assert_eq!(map.lookup(&["today"], &key('v')), Some(Action::NewVisit));
        let (_, warnings) = load(Some(
            "[todya]\nnew_visit = [\"w\"]\n[today]\nfly = [\"w\"]\nnew_visit = [\"ctrl-nonsense\"]\n",
        ));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
    }

    #[test]
    fn the_default_file_and_the_code_declare_the_same_bindings() {
        let (decls, chains) = crate::tui::app::tables();
        let file = parse_file(DEFAULT).unwrap();
        for (table, entries) in &file {
            let declared = decls.iter().find(|(n, _)| n == table);
            let declared = declared.unwrap_or_else(|| panic!("[{table}] is declared nowhere"));
            for action in entries.keys() {
                assert!(
                    declared.1.iter().any(|d| d.action.name() == *action),
                    "[{table}] {action} is declared nowhere"
                );
            }
        }
        let (map, warnings) = Keymap::load(&decls, chains, None);
        assert!(warnings.is_empty(), "{warnings:?}");
        for (table, ds) in &decls {
            for d in ds {
                assert!(
                    !map.table(table)
                        .iter()
                        .any(|b| b.action == d.action && b.keys.is_empty()),
                    "[{table}] {} has no key",
                    d.action.name()
                );
            }
        }
        // No key does two things on one screen or in one pop-up, pop-ups included.
        assert!(map.duplicates().is_empty(), "{:?}", map.duplicates());
        // The README lists every default binding under its table.
        let readme = include_str!("../../../README.md");
        for (table, entries) in file.iter().filter(|(_, e)| !e.is_empty()) {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `[{table}]`")))
                .unwrap_or_else(|| panic!("README has no row for [{table}]"));
            for action in entries.keys() {
                assert!(
                    row.contains(&format!("`{action}`")),
                    "README [{table}] lacks {action}"
                );
            }
        }
    }
}
