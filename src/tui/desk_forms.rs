//! The forms of the desk itself: the first run, the settings, the PIN.

use chrono::NaiveDate;

use super::form::{Field, Form, Kind, Opt};
use crate::i18n::{Lang, M, lang, t};

/// The settings of this desk: who uses it, the township, the theme, the language.
pub fn settings_form(
    (officer, phone): (&str, &str),
    township: &str,
    theme: &str,
    register: &Register,
    today: NaiveDate,
) -> Form {
    let themes: Vec<Opt> = super::theme::built_in_names()
        .into_iter()
        .map(|n| Opt::new(n, n))
        .collect();
    let langs = vec![Opt::new("zh", "中文"), Opt::new("en", "English")];
    let mut rule_opts = vec![
        Opt::new("default", t(M::GapRulesDefault)),
        Opt::new("004", t(M::GapRules004)),
    ];
    if register.gap_rules == "custom" {
        rule_opts.push(Opt::new("custom", t(M::GapRulesCustom)));
    }
    let mut form = Form::new(
        t(M::SettingsTitle).into(),
        vec![
            Field::new("officer", t(M::FirstRunOfficer), Kind::Text).required(),
            Field::new("township", t(M::FirstRunTownship), Kind::Text).required(),
            // On the paper forms of reports and referrals, for the body to call back.
            Field::new("phone", t(M::SettingsPhone), Kind::Text),
            Field::new("theme", t(M::SettingsTheme), Kind::Choice(themes)).free(),
            Field::new("lang", t(M::SettingsLang), Kind::Choice(langs)),
            // Keeping the register true: which benefit rules, the local
            // 低保 standard, and the days the guardianship checks allow.
            Field::new("gap_rules", t(M::SettingsGapRules), Kind::Choice(rule_opts)),
            Field::new("dibao_standard", t(M::SettingsDibaoStandard), Kind::Text),
            Field::new("temporary_days", t(M::SettingsTemporaryDays), Kind::Text),
            Field::new("contact_days", t(M::SettingsContactDays), Kind::Text),
        ],
        today,
    );
    form.set("gap_rules", &register.gap_rules);
    form.set("dibao_standard", &register.dibao_standard);
    form.set("temporary_days", &register.temporary_days.to_string());
    form.set("contact_days", &register.contact_days.to_string());
    form.set("officer", officer);
    form.set("township", township);
    form.set("phone", phone);
    form.set("theme", theme);
    form.set("lang", if lang() == Lang::En { "en" } else { "zh" });
    form.dirty = false;
    form
}

/// The settings of keeping the register true, as the settings form shows them.
pub struct Register {
    /// `default`, `004`, or `custom` (a township's own file, kept as it is).
    pub gap_rules: String,
    /// In yuan a month; empty when not set.
    pub dibao_standard: String,
    pub temporary_days: u32,
    pub contact_days: u32,
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
