//! The forms of the desk itself: the first run, the settings, the PIN.

use chrono::NaiveDate;

use super::form::{Field, Form, Kind, Opt};
use crate::i18n::{Lang, M, lang, t};

/// The settings of this desk: who uses it, the township, the theme, the language.
pub fn settings_form(
    (officer, phone): (&str, &str),
    township: &str,
    theme: &str,
    today: NaiveDate,
) -> Form {
    let themes: Vec<Opt> = super::theme::built_in_names()
        .into_iter()
        .map(|n| Opt::new(n, n))
        .collect();
    let langs = vec![Opt::new("zh", "中文"), Opt::new("en", "English")];
    let mut form = Form::new(
        t(M::SettingsTitle).into(),
        vec![
            Field::new("officer", t(M::FirstRunOfficer), Kind::Text).required(),
            Field::new("township", t(M::FirstRunTownship), Kind::Text).required(),
            // On the paper forms of reports and referrals, for the body to call back.
            Field::new("phone", t(M::SettingsPhone), Kind::Text),
            Field::new("theme", t(M::SettingsTheme), Kind::Choice(themes)).free(),
            Field::new("lang", t(M::SettingsLang), Kind::Choice(langs)),
        ],
        today,
    );
    form.set("officer", officer);
    form.set("township", township);
    form.set("phone", phone);
    form.set("theme", theme);
    form.set("lang", if lang() == Lang::En { "en" } else { "zh" });
    form.dirty = false;
    form
}

/// The PIN form: the PIN twice and the idle minutes; an empty PIN turns the lock off.
pub fn pin_form(minutes: u32, today: NaiveDate) -> Form {
    let mut minutes_field = Field::new("minutes", t(M::PinMinutes), Kind::Text);
    minutes_field.set(&minutes.to_string());
    let mut form = Form::new(
        t(M::PinTitle).into(),
        vec![
            Field::new("pin", t(M::PinNew), Kind::Secret),
            Field::new("pin_again", t(M::PinAgain), Kind::Secret),
            minutes_field,
        ],
        today,
    );
    form.message = Some(t(M::PinHelp).into());
    form
}

/// The first-run form: who uses this desk.
pub fn first_run_form(today: NaiveDate) -> Form {
    let mut form = Form::new(
        t(M::FirstRunTitle).into(),
        vec![
            Field::new("officer", t(M::FirstRunOfficer), Kind::Text).required(),
            Field::new("township", t(M::FirstRunTownship), Kind::Text).required(),
        ],
        today,
    );
    form.message = Some(t(M::FirstRunHelp).into());
    form
}
