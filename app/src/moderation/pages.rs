//! `/report` (what is reported, a reason, details) and `/coordinator/reports` (the
//! moderation queue).

use super::{
    moderation_queue, report_target, Decision, QueuedReport, Reason, TargetKind, TargetSummary,
};
use crate::auth::flash::{use_flash, FlashMessage};
use crate::i18n::{use_lang, Key};
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/report?kind=…&id=…`.
#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        (q.get("kind"), q.get("id"))
    });
    let target = Resource::new(move || args.get(), |(kind, id)| report_target(kind, id));
    view! {
        <Title text=lang.t(Key::ReportTitle)/>
        <h1>{lang.t(Key::ReportTitle)}</h1>
        <p class="lead">{lang.t(Key::ReportIntro)}</p>
        <p class="notice">{lang.t(Key::ReportDanger)}" "<a href="/help">{lang.t(Key::NavCrisis)}</a></p>
        <FlashMessage flash=use_flash() form="report"/>
        <Loaded resource=target let:target>
            <ReportForm target/>
        </Loaded>
    }
}

#[component]
fn ReportForm(target: TargetSummary) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let chosen = if flash.form == "report" {
        flash.value("reason")
    } else {
        String::new()
    };
    let details = if flash.form == "report" {
        flash.value("details")
    } else {
        String::new()
    };
    let invalid = |field: &str| flash.invalid("report", field).then_some("true");
    view! {
        <section aria-labelledby="reported">
            <h2 id="reported">{lang.t(target.kind.label())}</h2>
            <blockquote class="reported prewrap">{target.text.clone()}</blockquote>
        </section>
        <form method="post" action="/reports" class="stacked-form">
            <input type="hidden" name="kind" value=target.kind.slug()/>
            <input type="hidden" name="id" value=target.id.to_string()/>
            <fieldset class="field checks" aria-invalid=invalid("reason")>
                <legend>{lang.t(Key::ReportReason)}</legend>
                {Reason::ALL.into_iter().map(|r| {
                    let id = format!("reason-{}", r.slug()); let id_for = id.clone();
                    view! {
                        <label for=id_for class="check">
                            <input id=id type="radio" name="reason" value=r.slug() required checked=chosen == r.slug()/>
                            {lang.t(r.label())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="report-details">{lang.t(Key::ReportDetails)}</label>
                <textarea id="report-details" name="details" rows="4" maxlength="2000" aria-invalid=invalid("details")>{details}</textarea>
                <p class="field__hint">{lang.t(Key::ReportConfidential)}</p>
            </div>
            <button type="submit" class="button">{lang.t(Key::ReportSend)}</button>
        </form>
    }
}

/// `/coordinator/reports`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = use_lang();
    let queue = Resource::new(|| (), |_| moderation_queue());
    view! {
        <Title text=lang.t(Key::ModerationTitle)/>
        <h1>{lang.t(Key::ModerationTitle)}</h1>
        <p class="lead">{lang.t(Key::ModerationIntro)}</p>
        <Loaded resource=queue let:queue>
            <section aria-labelledby="open-reports">
                <h2 id="open-reports">{lang.fill(Key::ModerationOpen, &[("count", &queue.open.len().to_string())])}</h2>
                {if queue.open.is_empty() {
                    view! { <p>{lang.t(Key::ModerationNone)}</p> }.into_any()
                } else {
                    view! { <ul class="report-list">{queue.open.into_iter().map(|r| view! { <ReportItem report=r/> }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section aria-labelledby="decided-reports">
                <h2 id="decided-reports">{lang.t(Key::ModerationDecided)}</h2>
                <ul class="report-list">{queue.decided.into_iter().map(|r| view! { <ReportItem report=r/> }).collect_view()}</ul>
            </section>
        </Loaded>
    }
}

#[component]
fn ReportItem(report: QueuedReport) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let id = report.id;
    let form = format!("report-{id}");
    let t = report.target.clone();
    let state = if t.hidden {
        Some(Key::ModerationStateHidden)
    } else if t.suspended {
        Some(Key::ModerationStateSuspended)
    } else {
        None
    };
    // Offer only what changes something: show again what is hidden, hide what is shown.
    let decisions: Vec<Decision> = Decision::ALL
        .into_iter()
        .filter(|d| d.fits(t.kind))
        .filter(|d| match d {
            Decision::Hide => !t.hidden,
            Decision::Unhide => t.hidden,
            Decision::Suspend => !t.suspended,
            Decision::Unsuspend => t.kind != TargetKind::User || t.suspended,
            Decision::Dismiss => true,
        })
        .collect();
    let decision_id = format!("decision-{id}");
    let note_id = format!("note-{id}");
    view! {
        <li class=if report.urgent { "report report--urgent" } else { "report" } id=format!("report-{id}")>
            <p class="report__meta">
                {report.urgent.then(|| view! { <strong class="badge badge--urgent">{lang.t(Key::ModerationUrgent)}</strong>" " })}
                {lang.t(report.reason.label())}" · "{lang.t(t.kind.label())}" · "{report.quartier_name.clone()}" · "{report.when.clone()}
            </p>
            <blockquote class="reported prewrap">{t.text.clone()}</blockquote>
            {t.link.clone().map(|l| view! { <p><a href=l>{lang.t(Key::ModerationOpenContent)}</a></p> })}
            {state.map(|k| view! { <p class="badge">{lang.t(k)}</p> })}
            {(!report.details.is_empty()).then(|| view! { <p class="prewrap"><span class="muted">{lang.t(Key::ReportDetails)}": "</span>{report.details.clone()}</p> })}
            {(!report.open).then(|| view! { <p class="muted">{lang.t(Key::ModerationDecidedNote)}": "{report.decision_note.clone()}</p> })}
            <FlashMessage flash=flash.clone() form=form.clone()/>
            <form method="post" action=format!("/coordinator/reports/{id}") class="decision-form">
                <div class="field">
                    <label for=decision_id.clone()>{lang.t(Key::FieldDecision)}</label>
                    <select id=decision_id name="decision">
                        {decisions.into_iter().map(|d| view! { <option value=d.slug()>{lang.t(d.label())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=note_id.clone()>{lang.t(Key::ModerationNote)}</label>
                    <input id=note_id name="note" required maxlength="500" aria-invalid=flash.invalid(&form, "note").then_some("true")/>
                </div>
                <button type="submit" class="button">{lang.t(Key::ModerationApply)}</button>
            </form>
        </li>
    }
}
