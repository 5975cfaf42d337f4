//! The forms of shouhu: the child (in the order of the survey form), the visit
//! (in the order of the paper visit record), and the first run.

use chrono::NaiveDate;

use super::form::{Field, Form, Kind, Opt};
use crate::domain::child::Parent;
use crate::domain::{
    Category, Child, ChildStatus, DisabilityType, Domain, Flag, Gender, Health, HukouNature,
    ParentStatus, Person, Placement, RiskLevel, SafetyTopic, SchoolStatus, Visit, VisitKind, date,
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

fn yes_no() -> Vec<Opt> {
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
        text("exit_reason"),
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

fn flag(b: Option<bool>) -> String {
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
        ("notes", c.notes.clone()),
    ]
}

fn bool_of(v: &str) -> Option<bool> {
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
    c.status = ChildStatus::from_code(&g("status")).unwrap_or(ChildStatus::Active);
    c.exit_date = date::parse(&g("exit_date"), form.today).ok();
    c.exit_reason = g("exit_reason");
    if c.status == ChildStatus::Active {
        c.exit_date = None;
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

/// The visit form, in the order of the paper visit record (走访记录表).
pub fn visit_form(
    child_name: &str,
    visit: Option<&Visit>,
    officer: &str,
    today: NaiveDate,
) -> Form {
    let kinds: Vec<Opt> = VisitKind::ALL[..5]
        .iter()
        .map(|k| Opt::new(k.code(), k.label()))
        .collect();
    let ok = vec![
        Opt::new("1", t(M::FindingOk)),
        Opt::new("0", t(M::FindingConcern)),
    ];
    let mut fields = vec![
        Field::new("date", t(M::VisitDate), Kind::Date { future: false }).required(),
        Field::new("kind", t(M::VisitKindLabel), Kind::Choice(kinds)).required(),
        Field::new("visitor", t(M::VisitVisitor), Kind::Text),
        Field::new("met", t(M::VisitMet), Kind::Text),
    ];
    for d in Domain::ALL {
        fields.push(Field::new(
            finding_key(*d),
            d.label(),
            Kind::Choice(ok.clone()),
        ));
        fields.push(
            Field::new(note_key(*d), format!("  {}", t(M::VisitNote)), Kind::Text)
                .skip_when(finding_key(*d), "1"),
        );
    }
    fields.push(Field::new(
        "safety",
        t(M::VisitSafety),
        Kind::Multi(opts!(SafetyTopic)),
    ));
    fields.push(Field::notes("problems", t(M::VisitProblems)));
    fields.push(Field::notes("actions", t(M::VisitActions)));
    fields.push(Field::new(
        "report_raised",
        t(M::VisitReport),
        Kind::Choice(yes_no()),
    ));
    // One of the six situations opens the mandatory report when the visit is saved.
    let dangers: Vec<Opt> = crate::domain::referral::Reason::ALL
        .iter()
        .filter(|r| r.mandatory())
        .map(|r| Opt::new(r.code(), r.label()))
        .collect();
    fields.push(Field::new(
        "report_reason",
        t(crate::i18n::R::FVisitDanger),
        Kind::Choice(dangers),
    ));
    fields.push(Field::new("next_step", t(M::VisitNextStep), Kind::Text));
    fields.push(Field::notes("notes", t(M::VisitNotes)));
    let title = format!("{} · {child_name}", t(M::FormVisit));
    let mut form = Form::new(title, fields, today);
    match visit {
        Some(v) => {
            form.set("date", &date::iso(v.date));
            form.set("kind", v.kind.code());
            form.set("visitor", &v.visitor);
            form.set("met", &v.met);
            for d in Domain::ALL {
                let f = v.finding(*d);
                form.set(finding_key(*d), &flag(f.ok));
                form.set(note_key(*d), &f.note);
            }
            let safety: Vec<&str> = v.safety.iter().map(|s| s.code()).collect();
            form.set("safety", &safety.join(","));
            form.set("problems", &v.problems);
            form.set("actions", &v.actions);
            form.set("report_raised", &flag(Some(v.report_raised)));
            form.set("next_step", &v.next_step);
            form.set("notes", &v.notes);
        }
        None => {
            form.set("date", &date::iso(today));
            form.set("kind", VisitKind::Home.code());
            form.set("visitor", officer);
        }
    }
    form.dirty = false;
    form
}

fn finding_key(d: Domain) -> &'static str {
    match d {
        Domain::Guardianship => "f_guardianship",
        Domain::Safety => "f_safety",
        Domain::Schooling => "f_schooling",
        Domain::HealthD => "f_health",
        Domain::Mental => "f_mental",
        Domain::Living => "f_living",
    }
}

fn note_key(d: Domain) -> &'static str {
    match d {
        Domain::Guardianship => "n_guardianship",
        Domain::Safety => "n_safety",
        Domain::Schooling => "n_schooling",
        Domain::HealthD => "n_health",
        Domain::Mental => "n_mental",
        Domain::Living => "n_living",
    }
}

/// The visit the form describes (validated), on top of `base`.
pub fn visit_from_form(form: &mut Form, mut v: Visit, birth: Option<NaiveDate>) -> Option<Visit> {
    let g = |k: &str| form.get(k);
    let Ok(day) = date::parse(&g("date"), form.today) else {
        return None;
    };
    if birth.is_some_and(|b| day < b) {
        form.refuse(
            "date",
            crate::i18n::tf(M::DateBeforeBirth, &[&date::iso(day)]),
        );
        return None;
    }
    v.date = day;
    v.kind = VisitKind::from_code(&g("kind")).unwrap_or(VisitKind::Home);
    v.visitor = g("visitor");
    v.met = g("met");
    for d in Domain::ALL {
        let f = &mut v.findings[d.index()];
        f.ok = bool_of(&g(finding_key(*d)));
        f.note = g(note_key(*d));
    }
    v.safety = g("safety")
        .split(',')
        .filter_map(SafetyTopic::from_code)
        .collect();
    v.problems = g("problems");
    v.actions = g("actions");
    // A situation to report chosen: a report is raised.
    v.report_raised =
        bool_of(&g("report_raised")).unwrap_or(false) || !g("report_reason").is_empty();
    v.next_step = g("next_step");
    v.notes = g("notes");
    Some(v)
}
