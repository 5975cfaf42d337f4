//! The key bindings: one table per screen plus the global one. The handler,
//! the hint line and the help screen all read these tables.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::M;

/// The six screens of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Cases,
    Visits,
    Pairing,
    Referrals,
    Reports,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Today,
        Screen::Cases,
        Screen::Visits,
        Screen::Pairing,
        Screen::Referrals,
        Screen::Reports,
    ];

    pub fn title(self) -> M {
        match self {
            Screen::Today => M::TabToday,
            Screen::Cases => M::TabCases,
            Screen::Visits => M::TabVisits,
            Screen::Pairing => M::TabPairing,
            Screen::Referrals => M::TabReferrals,
            Screen::Reports => M::TabReports,
        }
    }
}

/// Everything a key can ask for; the only way the app's state changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    GoTo(Screen),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NextPane,
    NewVisit,
    NewChild,
    EditChild,
    EditVisit,
    Search,
    FilterVillage,
    FilterCategory,
    FilterFlag,
    FilterStatus,
    ClearFilters,
    Undo,
    BatchEntry,
    PrevPeriod,
    NextPeriod,
    Print,
    PrintText,
    ToggleReport,
    Export,
    Backup,
    ColumnsLeft,
    ColumnsRight,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Chord {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers & !KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            // Shifted characters arrive as the character itself ('?' is Shift-/).
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && mods == self.mods & !KeyModifiers::SHIFT
            }
            (a, b) => a == b && ev.modifiers == self.mods,
        }
    }

    /// How the key is written on the hint line and the help screen.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{}", base.to_uppercase())
        } else {
            base
        }
    }
}

/// One binding: its keys, what it does, what the help says, and whether the
/// hint line shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Chord],
    pub action: Action,
    pub desc: M,
    pub hint: bool,
}

const fn b(keys: &'static [Chord], action: Action, desc: M, hint: bool) -> Binding {
    Binding {
        keys,
        action,
        desc,
        hint,
    }
}

/// Keys that work on every screen (outside text fields).
pub const GLOBAL: &[Binding] = &[
    b(&[key('1')], Action::GoTo(Screen::Today), M::TabToday, false),
    b(&[key('2')], Action::GoTo(Screen::Cases), M::TabCases, false),
    b(
        &[key('3')],
        Action::GoTo(Screen::Visits),
        M::TabVisits,
        false,
    ),
    b(
        &[key('4')],
        Action::GoTo(Screen::Pairing),
        M::TabPairing,
        false,
    ),
    b(
        &[key('5')],
        Action::GoTo(Screen::Referrals),
        M::TabReferrals,
        false,
    ),
    b(
        &[key('6')],
        Action::GoTo(Screen::Reports),
        M::TabReports,
        false,
    ),
    b(
        &[key('?'), code(KeyCode::F(1))],
        Action::Help,
        M::KeyHelp,
        true,
    ),
    b(&[ctrl('z')], Action::Undo, M::KeyUndo, false),
    b(&[key('q')], Action::Quit, M::KeyQuit, true),
];

const MOVE: [Binding; 6] = [
    b(&[code(KeyCode::Up), key('k')], Action::Up, M::KeyUp, false),
    b(
        &[code(KeyCode::Down), key('j')],
        Action::Down,
        M::KeyDown,
        false,
    ),
    b(
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        M::KeyPageUp,
        false,
    ),
    b(
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        M::KeyPageDown,
        false,
    ),
    b(
        &[code(KeyCode::Home), key('g')],
        Action::Top,
        M::KeyTop,
        false,
    ),
    b(
        &[code(KeyCode::End), key('G')],
        Action::Bottom,
        M::KeyBottom,
        false,
    ),
];

pub const TODAY: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
    b(&[code(KeyCode::Enter)], Action::Open, M::KeyOpenCase, true),
    b(&[key('v')], Action::NewVisit, M::KeyNewVisit, true),
    b(&[key('e')], Action::EditChild, M::KeyEditChild, false),
    b(&[key('n')], Action::NewChild, M::KeyNewChild, true),
    b(&[key('/')], Action::Search, M::KeySearch, false),
    b(
        &[code(KeyCode::Tab)],
        Action::NextPane,
        M::KeyNextPane,
        true,
    ),
];

pub const CASES: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    MOVE[4],
    MOVE[5],
    b(&[key('/')], Action::Search, M::KeySearch, true),
    b(&[key('v')], Action::NewVisit, M::KeyNewVisit, true),
    b(&[key('e')], Action::EditChild, M::KeyEditChild, true),
    b(&[key('n')], Action::NewChild, M::KeyNewChild, true),
    b(
        &[key('f')],
        Action::FilterVillage,
        M::KeyFilterVillage,
        true,
    ),
    b(
        &[key('c')],
        Action::FilterCategory,
        M::KeyFilterCategory,
        false,
    ),
    b(&[key('t')], Action::FilterFlag, M::KeyFilterFlag, false),
    b(&[key('s')], Action::FilterStatus, M::KeyFilterStatus, false),
    b(&[key('x')], Action::ClearFilters, M::KeyClearFilters, false),
    b(
        &[code(KeyCode::Tab)],
        Action::NextPane,
        M::KeyNextPane,
        false,
    ),
];

pub const VISITS: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    b(&[key('v')], Action::NewVisit, M::KeyNewVisit, true),
    b(&[key('e')], Action::EditVisit, M::KeyEditVisit, true),
    b(&[key('b')], Action::BatchEntry, M::KeyBatch, true),
    b(&[code(KeyCode::Enter)], Action::Open, M::KeyOpenCase, true),
];

pub const REPORTS: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    MOVE[2],
    MOVE[3],
    b(&[key('[')], Action::PrevPeriod, M::KeyPrevPeriod, true),
    b(&[key(']')], Action::NextPeriod, M::KeyNextPeriod, true),
    b(
        &[key('f')],
        Action::FilterVillage,
        M::KeyFilterVillage,
        false,
    ),
    b(&[key('p')], Action::Print, M::KeyPrint, true),
    b(&[key('t')], Action::PrintText, M::KeyPrintText, false),
    b(&[key('r')], Action::ToggleReport, M::KeyToggleReport, true),
    b(
        &[code(KeyCode::Left)],
        Action::ColumnsLeft,
        M::KeyColumnsLeft,
        false,
    ),
    b(
        &[code(KeyCode::Right)],
        Action::ColumnsRight,
        M::KeyColumnsRight,
        false,
    ),
    b(&[key('i')], Action::BatchEntry, M::KeyBatch, false),
    b(&[key('x')], Action::Export, M::KeyExport, false),
    b(&[key('b')], Action::Backup, M::KeyBackup, false),
];

pub const OTHER: &[Binding] = &[];

/// The bindings of a screen, its own first.
pub fn screen_bindings(screen: Screen) -> &'static [Binding] {
    match screen {
        Screen::Today => TODAY,
        Screen::Cases => CASES,
        Screen::Visits => VISITS,
        Screen::Reports => REPORTS,
        _ => OTHER,
    }
}

/// The action of a key on a screen, if any.
pub fn lookup(screen: Screen, ev: &KeyEvent) -> Option<Action> {
    screen_bindings(screen)
        .iter()
        .chain(GLOBAL)
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// Keys bound twice on one screen (a test keeps this empty).
pub fn duplicates() -> Vec<(Screen, String)> {
    let mut out = Vec::new();
    for screen in Screen::ALL {
        let all: Vec<&Chord> = screen_bindings(screen)
            .iter()
            .chain(GLOBAL)
            .flat_map(|b| b.keys.iter())
            .collect();
        for (i, a) in all.iter().enumerate() {
            if all[i + 1..].contains(a) {
                out.push((screen, a.label()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        assert!(duplicates().is_empty(), "{:?}", duplicates());
    }

    #[test]
    fn keys_find_their_actions() {
        let ev = |c: KeyCode, m: KeyModifiers| KeyEvent::new(c, m);
        assert_eq!(
            lookup(Screen::Today, &ev(KeyCode::Char('v'), KeyModifiers::NONE)),
            Some(Action::NewVisit)
        );
        assert_eq!(
            lookup(Screen::Cases, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            lookup(Screen::Reports, &ev(KeyCode::Char('2'), KeyModifiers::NONE)),
            Some(Action::GoTo(Screen::Cases))
        );
        assert_eq!(
            lookup(
                Screen::Today,
                &ev(KeyCode::Char('z'), KeyModifiers::CONTROL)
            ),
            Some(Action::Undo)
        );
        assert_eq!(
            lookup(Screen::Today, &ev(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            lookup(Screen::Today, &ev(KeyCode::F(1), KeyModifiers::NONE)),
            Some(Action::Help)
        );
    }
}
