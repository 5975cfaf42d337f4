//! The visit form, in the order of the paper visit record (走访记录表), and
//! the visit it describes.

use chrono::NaiveDate;

use super::form::{Field, Form, Kind, Opt};
use super::forms::{bool_of, flag, opts, yes_no};
use crate::domain::register::ContactWay;
use crate::domain::{Domain, SafetyTopic, Visit, VisitKind, date};
use crate::i18n::W;
use crate::i18n::{M, t};

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
    // The parents' last contact with the child (000 002 004), for a
    // left-behind child: how, and when.
    fields.push(Field::new(
        "parent_contact",
        t(M::VisitParentContact),
        Kind::Choice(opts!(ContactWay)),
    ));
    fields.push(
        Field::new(
            "parent_contact_on",
            format!("  {}", t(M::VisitParentContactOn)),
            Kind::Date { future: false },
        )
        .skip_when("parent_contact", ContactWay::Nil.code()),
    );
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
            form.set(
                "parent_contact",
                v.parent_contact.map_or("", ContactWay::code),
            );
            form.set(
                "parent_contact_on",
                &v.parent_contact_on.map(date::iso).unwrap_or_default(),
            );
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
    v.parent_contact = ContactWay::from_code(&g("parent_contact"));
    v.parent_contact_on = match v.parent_contact {
        None | Some(ContactWay::Nil) => None,
        Some(_) => match date::parse(&g("parent_contact_on"), form.today) {
            Ok(d) if d <= day => Some(d),
            Ok(_) => {
                form.refuse("parent_contact_on", t(M::ContactAfterVisit).into());
                return None;
            }
            Err(_) => {
                form.refuse("parent_contact_on", t(M::ContactDateNeeded).into());
                return None;
            }
        },
    };
    Some(v)
}

/// Shows a child's open care measures on the visit form, with a field to
/// tick off those done at this visit (their ids, joined with `,`).
pub fn with_measures(form: &mut Form, open: &[crate::domain::paperwork::Measure]) {
    if open.is_empty() {
        return;
    }
    let opts: Vec<Opt> = open
        .iter()
        .map(|m| {
            Opt::new(
                m.id.to_string(),
                format!("{}：{}", m.problem.label(), m.measure),
            )
        })
        .collect();
    let at = form
        .fields
        .iter()
        .position(|f| f.key == "notes")
        .unwrap_or(form.fields.len());
    form.fields.insert(
        at,
        Field::new("measures_done", t(W::VisitMeasuresDone), Kind::Multi(opts)),
    );
    let list: Vec<String> = open.iter().map(|m| m.measure.clone()).collect();
    form.message = Some(crate::i18n::tf(W::FileOpenMeasures, &[&list.join("、")]));
}
