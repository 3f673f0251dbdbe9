//! The `/coordinator` page.

use super::{coordinator_home, CoordinatorOverview, OrgPanel, Team};
use crate::audit::Entry;
use crate::auth::flash::{use_flash, Flash, FlashMessage};
use crate::auth::policy::OrgRole;
use crate::i18n::{use_lang, Key, Lang};
use crate::live::region::LiveRegion;
use crate::requests::pages::ReviewForm;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

fn role_name(lang: Lang, role: OrgRole) -> &'static str {
    match role {
        OrgRole::Coordinator => lang.t(Key::RoleCoordinator),
        OrgRole::OrgAdmin => lang.t(Key::RoleOrgAdmin),
    }
}

/// Visitors are sent to `/login` and people without a role here see a clear refusal,
/// both by the server function.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let home = Resource::new(|| (), |_| coordinator_home());
    view! {
        <Title text=lang.t(Key::CoordinatorTitle)/>
        <h1>{lang.t(Key::CoordinatorTitle)}</h1>
        <nav class="button-row" aria-label=lang.t(Key::CoordinatorTitle)>
            <a class="button button--secondary" href="/coordinator/proposal">{lang.t(Key::CoordinatorProposalLink)}</a>
            <a class="button button--secondary" href="/coordinator/volunteers">{lang.t(Key::CoordinatorVolunteersLink)}</a>
            <a class="button button--secondary" href="/coordinator/reports">{lang.t(Key::ModerationTitle)}</a>
            <a class="button button--secondary" href="/coordinator/mediation">{lang.t(Key::MediationTitle)}</a>
            <a class="button button--secondary" href="/coordinator/places">{lang.t(Key::PlacesEditorTitle)}</a>
        </nav>
        // Changes by others (a need posted, a sign-up) renew the overview without a reload.
        <LiveRegion stream="/live/coordinator".to_owned() region="coordinator-overview".to_owned()>
            <div id="coordinator-overview">
                <Loaded resource=home let:home>
                    <CoordinatorContent home flash=flash.clone()/>
                </Loaded>
            </div>
        </LiveRegion>
    }
}

#[component]
fn CoordinatorContent(home: CoordinatorOverview, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    view! {
        {home.organisations.into_iter().map(|panel| view! { <OrganisationSection panel viewer_id=home.viewer_id flash=flash.clone()/> }).collect_view()}
        {home.platform_audit.map(|entries| view! {
            <section aria-labelledby="platform-audit">
                <h2 id="platform-audit">{lang.t(Key::AuditPlatform)}</h2>
                <AuditTable entries/>
            </section>
        })}
    }
    .into_any()
}

#[component]
fn OrganisationSection(panel: OrgPanel, viewer_id: i64, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("org-{}", panel.id);
    let labelled_by = heading.clone();
    let roles = panel
        .roles
        .iter()
        .map(|r| role_name(lang, *r))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="org-panel" aria-labelledby=labelled_by>
            <h2 id=heading>{panel.name.clone()}</h2>
            {(!roles.is_empty()).then(|| view! { <p>{lang.t(Key::CoordinatorYourRoles)} ": " {roles}</p> })}
            {panel.queue.map(|queue| view! { <QueueSection queue/> })}
            {panel.staffing.map(|needs| view! { <StaffingSection needs/> })}
            {panel.team.map(|team| view! { <TeamSection organisation=panel.id viewer_id team flash/> })}
        </section>
    }
    .into_any()
}

/// Open needs with free places, each with a link to its ranked suggestions.
#[component]
fn StaffingSection(needs: Vec<crate::volunteers::StaffingNeed>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h3>{lang.t(Key::StaffingTitle)}</h3>
        {if needs.is_empty() {
            view! { <p>{lang.t(Key::StaffingNone)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list staffing-list">
                    {needs.into_iter().map(|n| view! {
                        <li>
                            <a href=format!("/requests/{}", n.id)>{n.title.clone()}</a>
                            " – "{n.when.clone()}", "{n.quartier_name.clone()}" · "
                            {lang.fill(Key::StaffingPlaces, &[("places", &n.places_left.to_string()), ("invited", &n.invitations_open.to_string())])}
                            " "
                            <a class="button button--small" href=format!("/requests/{}/suggestions", n.id)
                                aria-label=format!("{}: {}", lang.t(Key::SuggestionsLink), n.title)>
                                {lang.t(Key::SuggestionsLink)}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn TeamSection(organisation: i64, viewer_id: i64, team: Team, flash: Flash) -> impl IntoView {
    let lang = use_lang();
    let org = organisation.to_string();
    let invite_flash = flash.clone();
    let this_org = flash.value("organisation") == org;
    let email = if this_org {
        flash.value("email")
    } else {
        String::new()
    };
    let role = flash.value("role");
    view! {
        <h3>{lang.t(Key::TeamTitle)}</h3>
        {this_org.then(|| view! { <FlashMessage flash=invite_flash.clone() form="team"/> })}
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{lang.t(Key::MeName)}</th>
                    <th scope="col">{lang.t(Key::MeEmail)}</th>
                    <th scope="col">{lang.t(Key::FieldRole)}</th>
                    <th scope="col"><span class="visually-hidden">{lang.t(Key::TeamActions)}</span></th>
                </tr>
            </thead>
            <tbody>
                {team.members.into_iter().map(|m| {
                    let org = org.clone();
                    view! {
                        <tr>
                            <td>{m.display_name.clone()}</td>
                            <td>{m.email.clone()}</td>
                            <td>{role_name(lang, m.role)}</td>
                            <td>
                                {(m.user_id != viewer_id || m.role != OrgRole::OrgAdmin).then(|| view! {
                                    <form method="post" action="/org/remove" class="inline-form">
                                        <input type="hidden" name="organisation" value=org.clone()/>
                                        <input type="hidden" name="user" value=m.user_id.to_string()/>
                                        <input type="hidden" name="role" value=m.role.as_str()/>
                                        <button type="submit" class="button button--secondary button--small">
                                            {lang.fill(Key::TeamRemove, &[("name", &m.display_name)])}
                                        </button>
                                    </form>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {(!team.invitations.is_empty()).then(|| view! {
            <h4>{lang.t(Key::TeamPending)}</h4>
            <ul class="plain-list">
                {team.invitations.into_iter().map(|i| view! {
                    <li>{i.email} " – " {role_name(lang, i.role)}</li>
                }).collect_view()}
            </ul>
        })}
        <h4>{lang.t(Key::TeamInvite)}</h4>
        {this_org.then(|| view! { <FlashMessage flash=invite_flash.clone() form="invite"/> })}
        <form class="stacked-form" method="post" action="/org/invite">
            <input type="hidden" name="organisation" value=org.clone()/>
            <div class="field">
                <label for=format!("invite-email-{org}")>{lang.t(Key::LoginEmail)}</label>
                <input id=format!("invite-email-{org}") name="email" type="email" required value=email
                    aria-invalid=(this_org && invite_flash.invalid("invite", "email")).then_some("true")/>
            </div>
            <div class="field">
                <label for=format!("invite-role-{org}")>{lang.t(Key::FieldRole)}</label>
                <select id=format!("invite-role-{org}") name="role">
                    <option value="coordinator" selected=role != "org_admin">{lang.t(Key::RoleCoordinator)}</option>
                    <option value="org_admin" selected=role == "org_admin">{lang.t(Key::RoleOrgAdmin)}</option>
                </select>
            </div>
            <button type="submit" class="button">{lang.t(Key::TeamInviteSubmit)}</button>
        </form>
        <h3>{lang.t(Key::AuditTitle)}</h3>
        <AuditTable entries=team.audit/>
    }
    .into_any()
}

#[component]
fn QueueSection(queue: Vec<crate::requests::QueuedNeed>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h3>{lang.t(Key::QueueTitle)}</h3>
        {if queue.is_empty() {
            view! { <p>{lang.t(Key::QueueEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list queue">
                    {queue.into_iter().map(|need| view! {
                        <li class="queue__item">
                            <a href=format!("/requests/{}", need.id)>{need.title}</a>
                            <span class="muted">" · "{need.quartier_name}" · "{need.day_label}", "{need.time_label}</span>
                            <ReviewForm id=need.id/>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn AuditTable(entries: Vec<Entry>) -> impl IntoView {
    let lang = use_lang();
    if entries.is_empty() {
        return view! { <p>{lang.t(Key::AuditEmpty)}</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{lang.t(Key::AuditWhen)}</th>
                    <th scope="col">{lang.t(Key::AuditWhat)}</th>
                    <th scope="col">{lang.t(Key::AuditWho)}</th>
                    <th scope="col">{lang.t(Key::AuditAbout)}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    let detail = match OrgRole::parse(&e.detail) {
                        Some(role) => format!(" ({})", role_name(lang, role)),
                        None => String::new(),
                    };
                    view! {
                        <tr>
                            <td>{e.when}</td>
                            <td>{lang.t(e.action.label())}{detail}</td>
                            <td>{e.actor.unwrap_or_else(|| "–".into())}</td>
                            <td>{e.subject.unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
