//! The forms of shouhu: the child (in the order of the survey form), the visit
//! (in the order of the paper visit record), and the first run.

use chrono::NaiveDate;

use super::form::{Field, Form, Kind, Opt};
use crate::domain::benefits::Condition;
use crate::domain::child::Parent;
use crate::domain::{
    Category, Child, ChildStatus, DisabilityType, ExitReason, Flag, Gender, Health, HukouNature,
    ParentStatus, Person, Placement, RiskLevel, SchoolStatus, date,
};
use crate::i18n::{Lang, M, lang, t};
use crate::io::columns;

pub use super::target::Target;

/// The label of a survey-sheet column in the interface language.
fn label(key: &str) -> String {
    let col = columns::CHILDREN.iter().find(|c| c.key == key);
    match (lang(), col) {
        (Lang::Zh, Some(c)) => c.zh.to_string(),
        _ => key.replace('_', " "),
    }
}

macro_rules! opts {
    ($ty:ident) => {
        $ty::ALL
            .iter()
            .map(|v| Opt::new(v.code(), v.label()))
            .collect::<Vec<_>>()
    };
}
pub(super) use opts;

pub(super) fn yes_no() -> Vec<Opt> {
    vec![Opt::new("1", t(M::Yes)), Opt::new("0", t(M::No))]
}

fn choice(key: &'static str, opts: Vec<Opt>) -> Field {
    Field::new(key, label(key), Kind::Choice(opts))
}

fn text(key: &'static str) -> Field {
    Field::new(key, label(key), Kind::Text)
}

/// The child form, in the order of the paper survey form (摸底排查表).
pub fn child_form(child: Option<&Child>, villages: &[String], today: NaiveDate) -> Form {
    let village_opts: Vec<Opt> = villages
        .iter()
        .map(|v| Opt::new(v.clone(), v.clone()))
        .collect();
    let grades: Vec<Opt> = (1..=4)
        .map(|g| Opt::new(g.to_string(), format!("{g}")))
        .collect();
    let exit_reasons: Vec<Opt> = ExitReason::ALL
        .iter()
        .map(|r| Opt::new(r.zh(), r.label()))
        .collect();
    let fields = vec![
        text("name").required(),
        Field::new("id_number", label("id_number"), Kind::IdNumber),
        choice("gender", opts!(Gender)).required(),
        Field::new(
            "birth_date",
            label("birth_date"),
            Kind::Date { future: false },
        )
        .required(),
        text("ethnicity"),
        choice("hukou", yes_no()),
        // A village not yet in the list is typed in full.
        Field::new("village", label("village"), Kind::Choice(village_opts))
            .free()
            .required(),
        text("address"),
        text("household"),
        Field::new(
            "categories",
            label("categories"),
            Kind::Multi(opts!(Category)),
        )
        .required(),
        choice("risk_level", opts!(RiskLevel)),
        // What the 004 benefit rules ask beyond the category.
        Field::new(
            "conditions",
            label("conditions"),
            Kind::Multi(opts!(Condition)),
        ),
        choice("placement", opts!(Placement)),
        Field::new("flags", label("flags"), Kind::Multi(opts!(Flag))),
        choice("school_status", opts!(SchoolStatus)),
        text("school"),
        text("grade"),
        choice("boarding", yes_no()),
        choice("health", opts!(Health)),
        choice("disability_type", opts!(DisabilityType)),
        choice("disability_grade", grades),
        text("father_name"),
        choice("father_status", opts!(ParentStatus)),
        text("father_work_place"),
        text("mother_name"),
        choice("mother_status", opts!(ParentStatus)),
        text("mother_work_place"),
        text("guardian_name"),
        text("guardian_relation"),
        text("guardian_phone"),
        text("caregiver_name"),
        text("caregiver_relation"),
        text("caregiver_phone"),
        choice("care_agreement", yes_no()),
        text("income_source"),
        text("village_contact"),
        Field::new(
            "registered_on",
            label("registered_on"),
            Kind::Date { future: false },
        ),
        // A child leaves the register (aged out, moved away) here.
        choice("status", opts!(ChildStatus)),
        Field::new(
            "exit_date",
            label("exit_date"),
            Kind::Date { future: false },
        ),
        // A reason from the list, or the officer's own words.
        Field::new(
            "exit_reason",
            label("exit_reason"),
            Kind::Choice(exit_reasons),
        )
        .free(),
        // Taken back onto the register: when and why (due that day).
        Field::new(
            "reopened_on",
            label("reopened_on"),
            Kind::Date { future: false },
        ),
        text("reopen_reason"),
        // The registration's nature, place and check (the police station's).
        choice("hukou_nature", opts!(HukouNature)),
        text("hukou_place"),
        Field::new(
            "hukou_verified_on",
            label("hukou_verified_on"),
            Kind::Date { future: false },
        ),
        Field::notes("notes", label("notes")),
    ];
    let title = match child {
        Some(c) => format!("{} · {}", t(M::FormEditChild), c.name),
        None => t(M::FormNewChild).to_string(),
    };
    let mut form = Form::new(title, fields, today);
    match child {
        Some(c) => {
            for (key, value) in child_values(c) {
                form.set(key, &value);
            }
        }
        None => {
            form.set("hukou", "1");
            form.set("registered_on", &date::iso(today));
            form.set("status", ChildStatus::Active.code());
        }
    }
    form.dirty = false;
    form
}

pub(super) fn flag(b: Option<bool>) -> String {
    match b {
        Some(true) => "1".into(),
        Some(false) => "0".into(),
        None => String::new(),
    }
}

/// A case file as form values (codes for pick-lists).
fn child_values(c: &Child) -> Vec<(&'static str, String)> {
    let codes = |v: Vec<&str>| v.join(",");
    vec![
        ("name", c.name.clone()),
        ("id_number", c.id_number.clone()),
        (
            "gender",
            c.gender.map(Gender::code).unwrap_or_default().into(),
        ),
        (
            "birth_date",
            c.birth_date.map(date::iso).unwrap_or_default(),
        ),
        ("ethnicity", c.ethnicity.clone()),
        ("hukou", flag(Some(c.hukou))),
        (
            "hukou_nature",
            c.hukou_nature
                .map(HukouNature::code)
                .unwrap_or_default()
                .into(),
        ),
        ("hukou_place", c.hukou_place.clone()),
        (
            "hukou_verified_on",
            c.hukou_verified_on.map(date::iso).unwrap_or_default(),
        ),
        ("village", c.village.clone()),
        ("address", c.address.clone()),
        ("household", c.household.clone()),
        (
            "categories",
            codes(c.categories.iter().map(|x| x.code()).collect()),
        ),
        (
            "risk_level",
            c.risk.map(RiskLevel::code).unwrap_or_default().into(),
        ),
        (
            "placement",
            c.placement.map(Placement::code).unwrap_or_default().into(),
        ),
        (
            "flags",
            codes(c.manual_flags.iter().map(|x| x.code()).collect()),
        ),
        (
            "school_status",
            c.school_status
                .map(SchoolStatus::code)
                .unwrap_or_default()
                .into(),
        ),
        ("school", c.school.clone()),
        ("grade", c.grade.clone()),
        ("boarding", flag(c.boarding)),
        (
            "health",
            c.health.map(Health::code).unwrap_or_default().into(),
        ),
        (
            "disability_type",
            c.disability_type
                .map(DisabilityType::code)
                .unwrap_or_default()
                .into(),
        ),
        (
            "disability_grade",
            c.disability_grade
                .map(|g| g.to_string())
                .unwrap_or_default(),
        ),
        ("father_name", c.father.name.clone()),
        (
            "father_status",
            c.father
                .status
                .map(ParentStatus::code)
                .unwrap_or_default()
                .into(),
        ),
        ("father_work_place", c.father.work_place.clone()),
        ("mother_name", c.mother.name.clone()),
        (
            "mother_status",
            c.mother
                .status
                .map(ParentStatus::code)
                .unwrap_or_default()
                .into(),
        ),
        ("mother_work_place", c.mother.work_place.clone()),
        ("guardian_name", c.guardian.name.clone()),
        ("guardian_relation", c.guardian.relation.clone()),
        ("guardian_phone", c.guardian.phone.clone()),
        ("caregiver_name", c.caregiver.name.clone()),
        ("caregiver_relation", c.caregiver.relation.clone()),
        ("caregiver_phone", c.caregiver.phone.clone()),
        ("care_agreement", flag(c.care_agreement)),
        ("income_source", c.income_source.clone()),
        ("village_contact", c.village_contact.clone()),
        ("registered_on", date::iso(c.registered_on)),
        ("status", c.status.code().into()),
        ("exit_date", c.exit_date.map(date::iso).unwrap_or_default()),
        ("exit_reason", c.exit_reason.clone()),
        (
            "reopened_on",
            c.reopened_on.map(date::iso).unwrap_or_default(),
        ),
        ("reopen_reason", c.reopen_reason.clone()),
        (
            "conditions",
            codes(c.conditions.iter().map(|x| x.code()).collect()),
        ),
        ("notes", c.notes.clone()),
    ]
}

pub(super) fn bool_of(v: &str) -> Option<bool> {
    match v {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// The case file the child form describes, on top of `base` (the file being
/// edited, or a new one). The form has been validated.
/// `None` when a check refused it (the form then shows why at the field).
pub fn child_from_form(form: &mut Form, base: Child) -> Option<Child> {
    let mut c = base;
    // Short fields as they are kept: no line breaks or control characters.
    let g = |k: &str| crate::domain::text::clean_short(&form.get(k));
    c.name = g("name");
    c.id_number = crate::domain::idnum::normalize(&g("id_number"));
    c.gender = Gender::from_code(&g("gender"));
    c.birth_date = date::parse(&g("birth_date"), form.today).ok();
    c.ethnicity = g("ethnicity");
    c.hukou = bool_of(&g("hukou")).unwrap_or(true);
    c.hukou_nature = HukouNature::from_code(&g("hukou_nature"));
    c.hukou_place = g("hukou_place").trim().to_string();
    c.hukou_verified_on = date::parse(&g("hukou_verified_on"), form.today).ok();
    c.village = g("village");
    c.address = g("address");
    c.household = g("household");
    c.categories = g("categories")
        .split(',')
        .filter_map(Category::from_code)
        .collect();
    c.categories.sort();
    c.risk = RiskLevel::from_code(&g("risk_level"));
    c.placement = Placement::from_code(&g("placement"));
    c.manual_flags = g("flags").split(',').filter_map(Flag::from_code).collect();
    c.manual_flags.sort();
    c.school_status = SchoolStatus::from_code(&g("school_status"));
    c.school = g("school");
    c.grade = g("grade");
    c.boarding = bool_of(&g("boarding"));
    c.health = Health::from_code(&g("health"));
    c.disability_type = DisabilityType::from_code(&g("disability_type"));
    c.disability_grade = g("disability_grade").parse().ok();
    c.father = Parent {
        name: g("father_name"),
        status: ParentStatus::from_code(&g("father_status")),
        work_place: g("father_work_place"),
        since: c.father.since,
    };
    c.mother = Parent {
        name: g("mother_name"),
        status: ParentStatus::from_code(&g("mother_status")),
        work_place: g("mother_work_place"),
        since: c.mother.since,
    };
    c.guardian = Person {
        name: g("guardian_name"),
        relation: g("guardian_relation"),
        phone: g("guardian_phone"),
        able: c.guardian.able,
    };
    c.caregiver = Person {
        name: g("caregiver_name"),
        relation: g("caregiver_relation"),
        phone: g("caregiver_phone"),
        able: c.caregiver.able,
    };
    c.care_agreement = bool_of(&g("care_agreement"));
    c.income_source = g("income_source");
    c.village_contact = g("village_contact");
    if let Ok(d) = date::parse(&g("registered_on"), form.today) {
        c.registered_on = d;
    }
    c.notes = form.get("notes");
    c.conditions = g("conditions")
        .split(',')
        .filter_map(Condition::from_code)
        .collect();
    c.conditions.sort();
    let was_exited = c.status == ChildStatus::Exited;
    c.status = ChildStatus::from_code(&g("status")).unwrap_or(ChildStatus::Active);
    c.exit_date = date::parse(&g("exit_date"), form.today).ok();
    c.exit_reason = g("exit_reason");
    c.reopened_on = date::parse(&g("reopened_on"), form.today).ok();
    c.reopen_reason = g("reopen_reason");
    if c.status == ChildStatus::Active {
        c.exit_date = None;
        c.exit_reason.clear();
    }
    // Taking a child back onto the register takes a reason; the child is
    // due on the day of reopening.
    if was_exited && c.status == ChildStatus::Active {
        if c.reopen_reason.trim().is_empty() {
            form.refuse("reopen_reason", t(M::ReopenReasonNeeded).into());
            return None;
        }
        if c.reopened_on.is_none() {
            c.reopened_on = Some(form.today);
        }
    }
    if let Some(problem) = crate::domain::text::name_problem(&c.name) {
        form.refuse("name", problem);
        return None;
    }
    for (key, phone) in [
        ("guardian_phone", &c.guardian.phone),
        ("caregiver_phone", &c.caregiver.phone),
    ] {
        if let Some(problem) = crate::domain::text::phone_problem(phone) {
            form.refuse(key, problem);
            return None;
        }
    }
    // The checks that need several fields.
    if let (Ok(id), Some(birth)) = (crate::domain::idnum::parse(&c.id_number), c.birth_date)
        && id.birth_date != birth
    {
        let reason = crate::i18n::tf(
            M::IdBirthMismatch,
            &[&date::iso(birth), &date::iso(id.birth_date)],
        );
        form.refuse("birth_date", reason);
        return None;
    }
    if let Some(id_gender) = form.id_gender()
        && c.gender.is_some_and(|g| g != id_gender)
    {
        let reason = crate::i18n::tf(
            M::IdGenderMismatch,
            &[&c.gender.map(Gender::label).unwrap_or_default()],
        );
        form.refuse("gender", reason);
        return None;
    }
    if let Some(birth) = c.birth_date
        && c.registered_on < birth
    {
        form.refuse(
            "registered_on",
            crate::i18n::tf(M::DateBeforeBirth, &[&date::iso(c.registered_on)]),
        );
        return None;
    }
    if c.status == ChildStatus::Exited && c.exit_reason.is_empty() {
        form.refuse("exit_reason", t(M::ExitReasonNeeded).into());
        return None;
    }
    if c.status == ChildStatus::Exited && c.exit_date.is_none() {
        c.exit_date = Some(form.today);
    }
    Some(c)
}

pub use super::visit_form::{visit_form, visit_from_form};
