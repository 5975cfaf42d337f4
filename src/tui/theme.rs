//! Themes: a small semantic palette read from `themes/*.toml` (built in) or the
//! user's config directory. A broken file is reported and the default used.

use std::collections::HashMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// The names of the built-in themes.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(n, _)| *n).collect()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    dim: bool,
}

#[derive(Debug, Deserialize)]
struct ThemeFile {
    #[serde(default)]
    name: String,
    #[serde(flatten)]
    roles: HashMap<String, RoleSpec>,
}

/// The roles every part of the screen is drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub danger: Style,
    pub warning: Style,
    pub ok: Style,
    pub selection: Style,
    pub border: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub key: Style,
    pub input: Style,
    pub focus: Style,
    pub error: Style,
}

fn color(name: &str) -> Result<Color, String> {
    name.parse::<Color>()
        .map_err(|_| format!("unknown colour {name:?}"))
}

fn style(spec: &RoleSpec) -> Result<Style, String> {
    let mut s = Style::default();
    if let Some(fg) = &spec.fg {
        s = s.fg(color(fg)?);
    }
    if let Some(bg) = &spec.bg {
        s = s.bg(color(bg)?);
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.reversed, Modifier::REVERSED),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.dim, Modifier::DIM),
    ] {
        if on {
            s = s.add_modifier(m);
        }
    }
    Ok(s)
}

impl Theme {
    /// Reads a theme file's text; every role must be known and every colour valid.
    pub fn parse(text: &str) -> Result<Theme, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let known = [
            "text",
            "muted",
            "accent",
            "danger",
            "warning",
            "ok",
            "selection",
            "border",
            "title",
            "tab",
            "tab_active",
            "key",
            "input",
            "focus",
            "error",
        ];
        if let Some(bad) = file.roles.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(format!("unknown role [{bad}]"));
        }
        let role = |name: &str| style(file.roles.get(name).unwrap_or(&RoleSpec::default()));
        Ok(Theme {
            name: file.name,
            text: role("text")?,
            muted: role("muted")?,
            accent: role("accent")?,
            danger: role("danger")?,
            warning: role("warning")?,
            ok: role("ok")?,
            selection: role("selection")?,
            border: role("border")?,
            title: role("title")?,
            tab: role("tab")?,
            tab_active: role("tab_active")?,
            key: role("key")?,
            input: role("input")?,
            focus: role("focus")?,
            error: role("error")?,
        })
    }

    /// The built-in default.
    pub fn default_theme() -> Theme {
        Theme::parse(BUILT_IN[0].1).unwrap_or_else(|_| Theme::plain())
    }

    /// No colour at all: the last resort.
    fn plain() -> Theme {
        let s = Style::default();
        Theme {
            name: "plain".into(),
            text: s,
            muted: s,
            accent: s.add_modifier(Modifier::BOLD),
            danger: s.add_modifier(Modifier::BOLD),
            warning: s,
            ok: s,
            selection: s.add_modifier(Modifier::REVERSED),
            border: s,
            title: s.add_modifier(Modifier::BOLD),
            tab: s,
            tab_active: s.add_modifier(Modifier::REVERSED),
            key: s.add_modifier(Modifier::BOLD),
            input: s.add_modifier(Modifier::UNDERLINED),
            focus: s.add_modifier(Modifier::REVERSED),
            error: s.add_modifier(Modifier::BOLD),
        }
    }

    /// The theme by name: the user's own `NAME.toml` in `config_dir` first, then
    /// a built-in one. A broken or missing theme gives the default and a warning.
    pub fn load(name: &str, config_dir: Option<&Path>) -> (Theme, Option<String>) {
        if let Some(dir) = config_dir {
            let path = dir.join(format!("{name}.toml"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return match Theme::parse(&text) {
                    Ok(t) => (t, None),
                    Err(e) => (
                        Theme::default_theme(),
                        Some(format!("{}: {e}", path.display())),
                    ),
                };
            }
        }
        match BUILT_IN.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => match Theme::parse(text) {
                Ok(t) => (t, None),
                Err(e) => (Theme::default_theme(), Some(format!("{name}: {e}"))),
            },
            None => (
                Theme::default_theme(),
                Some(format!("{name}: {}", built_in_names().join(" / "))),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_parses() {
        for (name, text) in BUILT_IN {
            let t = Theme::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&t.name, name);
        }
        let mono = Theme::load("mono", None).0;
        for s in [
            mono.danger,
            mono.selection,
            mono.focus,
            mono.text,
            mono.accent,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "mono uses no colour");
        }
    }

    #[test]
    fn broken_and_unknown_themes_fall_back_with_a_warning() {
        let dir = std::env::temp_dir().join(format!("shouhu-theme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("mine.toml"),
            "name = \"mine\"\n[danger]\nfg = \"purple-ish\"\n",
        )
        .unwrap();
        let (t, warn) = Theme::load("mine", Some(&dir));
        assert_eq!(t, Theme::default_theme());
        assert!(warn.unwrap().contains("purple-ish"));
        std::fs::write(
            dir.join("good.toml"),
            "name = \"good\"\n[danger]\nfg = \"#ff0000\"\n",
        )
        .unwrap();
        let (t, warn) = Theme::load("good", Some(&dir));
        assert_eq!((t.name.as_str(), warn), ("good", None));
        let (t, warn) = Theme::load("nonesuch", Some(&dir));
        assert_eq!(t, Theme::default_theme());
        assert!(warn.is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
