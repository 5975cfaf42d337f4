//! A key as the key map writes it ("ctrl-s", "f2", "?"), and the keys a
//! Chinese input method sends in place of ASCII ones.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    /// Reads a key as the key map writes it: one character, or a name
    /// ("enter", "pageup", "f2"), with "ctrl-" or "alt-" before it.
    pub fn parse(text: &str) -> Option<Chord> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f => match f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return None,
                },
            },
        };
        // A control character is written as its letter ("ctrl-s"), lower case.
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Some(Chord { code, mods })
    }

    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = ev.modifiers & !KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            // Shifted characters arrive as the character itself ('?' is Shift-/).
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let b = if self.mods.contains(KeyModifiers::CONTROL) {
                    b.to_ascii_lowercase()
                } else {
                    b
                };
                a == b && mods == self.mods
            }
            (a, b) => a == b && ev.modifiers == self.mods,
        }
    }

    /// The same key (for finding keys bound twice).
    pub fn same_key(&self, other: &Chord) -> bool {
        self.code == other.code && self.mods == other.mods
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
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = base;
        if self.mods.contains(KeyModifiers::CONTROL) {
            out = format!("C-{}", out.to_uppercase());
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out = format!("A-{out}");
        }
        out
    }
}

/// A key as its ASCII self when a Chinese input method sent the full-width
/// or Chinese form (`？` for `?`, `、` for `/`, `！` for `!`, `２` for `2`,
/// `【` `】` for `[` `]`). For keys outside text fields only.
pub fn normalize(mut ev: KeyEvent) -> KeyEvent {
    if let KeyCode::Char(c) = ev.code {
        let ascii = match c {
            // The full-width forms of the ASCII characters.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            '\u{3000}' => Some(' '),
            '、' => Some('/'),
            '。' => Some('.'),
            '【' | '「' => Some('['),
            '】' | '」' => Some(']'),
            '《' => Some('<'),
            '》' => Some('>'),
            '·' => Some('`'),
            '￥' => Some('$'),
            _ => None,
        };
        if let Some(a) = ascii {
            ev.code = KeyCode::Char(a);
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_are_read_as_the_file_writes_them() {
        let k = |s: &str| Chord::parse(s).unwrap();
        assert_eq!(k("v").code, KeyCode::Char('v'));
        assert_eq!(k("ctrl-s").mods, KeyModifiers::CONTROL);
        assert_eq!(k("Ctrl-S").code, KeyCode::Char('s'));
        assert_eq!(k("f2").code, KeyCode::F(2));
        assert_eq!(k("pageup").code, KeyCode::PageUp);
        assert_eq!(k("-").code, KeyCode::Char('-'));
        assert_eq!(k("G").code, KeyCode::Char('G'));
        assert!(Chord::parse("f13").is_none() && Chord::parse("ctrl-nonsense").is_none());
        assert_eq!(k("ctrl-s").label(), "C-S");
        assert!(k("ctrl-s").matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!k("s").matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(k("?").matches(&KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT)));
    }

    #[test]
    fn an_input_methods_keys_act_as_ascii() {
        for (wide, ascii) in [
            ('？', '?'),
            ('、', '/'),
            ('！', '!'),
            ('２', '2'),
            ('【', '['),
            ('】', ']'),
            ('，', ','),
            ('。', '.'),
            ('ｖ', 'v'),
        ] {
            assert_eq!(normalize(ch(wide)).code, KeyCode::Char(ascii), "{wide}");
        }
        assert_eq!(normalize(ch('张')).code, KeyCode::Char('张'));
    }
}
