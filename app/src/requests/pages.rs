//! `/requests/new` (the guided posting form) and `/requests/{id}` (one need, as the
//! viewer may see it, with the actions open to them). Every action is a plain form
//! post, so the pages work without JavaScript.

use super::detail::{
    need_detail, Contact, MessageRow, NeedView, RequestForCoordinator, RequestForHelper,
    RequestPublic,
};
use super::HelperState;
use super::{Category, NeedStatus};
use crate::auth::flash::{use_flash, Flash, FlashMessage};
use crate::i18n::{use_lang, Key, Lang};
use crate::matching::language_name;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::LANGUAGES;

#[component]
fn TextField(
    flash: Flash,
    name: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("need-{name}");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{lang.t(label)}</label>
            <input
                id=id
                name=name
                type=kind
                value=flash.value(name)
                required=required
                aria-invalid=flash.invalid("need", name).then_some("true")
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            {hint.map(|h| view! { <small id=hint_id class="field__hint">{lang.t(h)}</small> })}
        </div>
    }
}

#[component]
fn Tick(flash: Flash, name: &'static str, label: Key) -> impl IntoView {
    let lang = use_lang();
    let checked = !flash.value(name).is_empty();
    view! {
        <label><input type="checkbox" name=name value="on" checked=checked/>" " {lang.t(label)}</label>
    }
}

/// The guided form. Coordinators also record how the neighbour agreed.
#[component]
pub fn NewNeedPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let coordinator = crate::ui::viewer_summary().coordinator_area;
    let options = Resource::new(|| (), |_| crate::orgs::quartier_options());
    let chosen = flash.value("quartier");
    let category = flash.value("category");
    let language = flash.value("language");
    let consent = flash.value("consent");
    let helper_gender = flash.value("helper_gender");
    let f = flash.clone();
    view! {
        <Title text=lang.t(Key::NewNeedTitle)/>
        <h1>{lang.t(Key::NewNeedTitle)}</h1>
        <p class="lead">{lang.t(Key::NewNeedIntro)}</p>
        <FlashMessage flash=flash.clone() form="need"/>
        <form class="stacked-form stacked-form--wide" method="post" action="/requests/new">
            <div class="field">
                <label for="need-category">{lang.t(Key::FieldCategory)}</label>
                <select id="need-category" name="category" required aria-invalid=f.invalid("need", "category").then_some("true")>
                    {Category::ALL.into_iter().map(|c| view! {
                        <option value=c.slug() selected=category == c.slug()>{lang.t(c.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField flash=f.clone() name="title" label=Key::FieldTitle required=true hint=Key::NewNeedTitleHint/>
            <div class="field">
                <label for="need-description">{lang.t(Key::FieldDescription)}</label>
                <textarea id="need-description" name="description" rows="4" aria-describedby="need-description-hint"
                    aria-invalid=f.invalid("need", "description").then_some("true")>{f.value("description")}</textarea>
                <small id="need-description-hint" class="field__hint">{lang.t(Key::NewNeedDescriptionHint)}</small>
            </div>
            <fieldset class="choices">
                <legend>{lang.t(Key::NewNeedWhen)}</legend>
                <TextField flash=f.clone() name="date" label=Key::FieldDate kind="date" required=true/>
                <TextField flash=f.clone() name="start" label=Key::FieldStart kind="time" required=true/>
                <TextField flash=f.clone() name="end" label=Key::FieldEnd kind="time" required=true/>
                <Tick flash=f.clone() name="weekly" label=Key::NewNeedWeekly/>
            </fieldset>
            <div class="field">
                <label for="need-quartier">{lang.t(Key::FieldQuartier)}</label>
                <select id="need-quartier" name="quartier" required aria-invalid=f.invalid("need", "quartier").then_some("true")>
                    <option value="">{lang.t(Key::RegisterNoQuartier)}</option>
                    <Loaded resource=options let:options>
                        {options.into_iter().map(|o| {
                            let selected = o.slug == chosen;
                            view! { <option value=o.slug selected=selected>{o.name}</option> }
                        }).collect_view()}
                    </Loaded>
                </select>
            </div>
            <TextField flash=f.clone() name="rough_place" label=Key::FieldRoughPlace/>
            <TextField flash=f.clone() name="helpers" label=Key::FieldHelpers kind="number" required=true/>
            <fieldset class="choices">
                <legend>{lang.t(Key::NewNeedRequirements)}</legend>
                <div class="field">
                    <label for="need-language">{lang.t(Key::FieldLanguage)}</label>
                    <select id="need-language" name="language">
                        <option value="">{lang.t(Key::NewNeedAnyLanguage)}</option>
                        {LANGUAGES.into_iter().map(|code| view! {
                            <option value=code selected=language == code>{language_name(lang, code)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Tick flash=f.clone() name="same_gender" label=Key::NewNeedSameGender/>
                <div class="field">
                    <label for="need-helper-gender">{lang.t(Key::NewNeedHelperGender)}</label>
                    <select id="need-helper-gender" name="helper_gender" aria-invalid=f.invalid("need", "helper_gender").then_some("true")>
                        <option value="">{lang.t(Key::GenderNotSaid)}</option>
                        {crate::matching::Gender::ALL.into_iter().map(|g| {
                            let key = match g {
                                crate::matching::Gender::Female => Key::GenderFemale,
                                crate::matching::Gender::Male => Key::GenderMale,
                                crate::matching::Gender::Diverse => Key::GenderDiverse,
                            };
                            view! { <option value=g.slug() selected=helper_gender == g.slug()>{lang.t(key)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Tick flash=f.clone() name="step_free" label=Key::NewNeedStepFree/>
                <Tick flash=f.clone() name="needs_car" label=Key::NewNeedCar/>
            </fieldset>
            <fieldset class="choices">
                <legend>{lang.t(Key::NewNeedPrivate)}</legend>
                <p class="field__hint">{lang.t(Key::NewNeedPrivateHint)}</p>
                <TextField flash=f.clone() name="contact_name" label=Key::FieldContactName required=coordinator/>
                <TextField flash=f.clone() name="street_address" label=Key::FieldStreetAddress/>
                <TextField flash=f.clone() name="phone" label=Key::FieldPhone kind="tel" required=coordinator/>
                <div class="field">
                    <label for="need-notes">{lang.t(Key::NewNeedNotes)}</label>
                    <textarea id="need-notes" name="notes" rows="2">{f.value("notes")}</textarea>
                </div>
            </fieldset>
            {coordinator.then(|| view! {
                <div class="field">
                    <label for="need-consent">{lang.t(Key::NewNeedConsent)}</label>
                    <select id="need-consent" name="consent">
                        <option value="">{lang.t(Key::NewNeedConsentNone)}</option>
                        {[("phone", Key::ConsentPhone), ("visit", Key::ConsentVisit), ("paper", Key::ConsentPaper), ("relative", Key::ConsentRelative)]
                            .into_iter()
                            .map(|(value, key)| view! { <option value=value selected=consent == value>{lang.t(key)}</option> })
                            .collect_view()}
                    </select>
                    <small class="field__hint">{lang.t(Key::NewNeedConsentHint)}</small>
                </div>
            })}
            <button type="submit" class="button">{lang.t(Key::NewNeedSubmit)}</button>
        </form>
    }
    .into_any()
}

/// A need's status in words.
pub fn status_text(lang: Lang, status: NeedStatus) -> &'static str {
    lang.t(match status {
        NeedStatus::Draft => Key::StatusDraft,
        NeedStatus::PendingReview => Key::StatusPendingReview,
        NeedStatus::Open => Key::StatusOpen,
        NeedStatus::Filled => Key::StatusFilled,
        NeedStatus::Done => Key::StatusDone,
        NeedStatus::Cancelled => Key::StatusCancelled,
        NeedStatus::Expired => Key::StatusExpired,
    })
}

/// A helper's standing in words.
pub fn helper_state_text(lang: Lang, state: HelperState) -> &'static str {
    lang.t(match state {
        HelperState::SignedUp => Key::HelperSignedUp,
        HelperState::Confirmed => Key::HelperConfirmed,
        HelperState::Waitlisted => Key::HelperWaitlisted,
        HelperState::Withdrawn => Key::HelperWithdrawn,
    })
}

/// The `id` of the page's path, or 0 (which no need has) when it is not a number.
fn id_from_path() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    }
}

/// One need, as the viewer may see it.
#[component]
pub fn NeedPage() -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    let id = id_from_path();
    let need = Resource::new(id, need_detail);
    view! {
        <Title text=lang.t(Key::NeedTitle)/>
        <FlashMessage flash=flash.clone() form="need"/>
        <Loaded resource=need let:view>
            <NeedContent view/>
        </Loaded>
    }
}

#[component]
fn NeedContent(view: NeedView) -> impl IntoView {
    let lang = use_lang();
    let public = view.public().clone();
    let report = format!("/report?kind=need&id={}", public.id);
    let body = match view {
        NeedView::Public(_) => {
            view! { <p class="notice">{lang.t(Key::NeedSignInToHelp)}</p> }.into_any()
        }
        NeedView::Helper(helper) => view! { <HelperPart helper/> }.into_any(),
        NeedView::Coordinator(party) => view! { <PartyPart party/> }.into_any(),
    };
    view! {
        <PublicPart public/>
        {body}
        <p class="report-link no-print"><a href=report>{lang.t(Key::ReportNeed)}</a></p>
    }
    .into_any()
}

#[component]
fn PublicPart(public: RequestPublic) -> impl IntoView {
    let lang = use_lang();
    let r = &public.requirements;
    let mut needs: Vec<String> = Vec::new();
    if let Some(code) = &r.language {
        needs.push(lang.fill(Key::NeedSpeaks, &[("language", &language_name(lang, code))]));
    }
    for (flag, key) in [
        (r.same_gender, Key::NewNeedSameGender),
        (r.step_free, Key::NewNeedStepFree),
        (r.needs_car, Key::NewNeedCar),
        (r.weekly, Key::NewNeedWeekly),
    ] {
        if flag {
            needs.push(lang.t(key).to_owned());
        }
    }
    let places = lang.fill(
        Key::HelpersWanted,
        &[
            ("filled", &public.helpers_filled.to_string()),
            ("needed", &public.helpers_needed.to_string()),
        ],
    );
    view! {
        <p class="need-card__category">{lang.t(public.category.label())}</p>
        <h1>{public.title}</h1>
        <dl class="facts">
            <dt>{lang.t(Key::NeedWhen)}</dt>
            <dd>{public.day_label}", "{public.time_label}</dd>
            <dt>{lang.t(Key::NeedWhere)}</dt>
            <dd>{public.quartier_name}</dd>
            <dt>{lang.t(Key::NeedState)}</dt>
            <dd>{status_text(lang, public.status)}" · "{places}</dd>
            {(!needs.is_empty()).then(|| view! {
                <dt>{lang.t(Key::NewNeedRequirements)}</dt>
                <dd>{needs.join(", ")}</dd>
            })}
        </dl>
    }
    .into_any()
}

#[component]
fn ContactFacts(contact: Contact) -> impl IntoView {
    let lang = use_lang();
    view! {
        <dl class="facts facts--contact">
            <dt>{lang.t(Key::FieldContactName)}</dt>
            <dd>{contact.first_name}</dd>
            <dt>{lang.t(Key::FieldStreetAddress)}</dt>
            <dd>{contact.street_address}</dd>
            <dt>{lang.t(Key::FieldPhone)}</dt>
            <dd>{contact.phone}</dd>
        </dl>
    }
}

#[component]
fn ActionButton(id: i64, action: &'static str, label: String) -> impl IntoView {
    view! {
        <form method="post" action=format!("/requests/{id}/{action}") class="inline-form">
            <button type="submit" class="button">{label}</button>
        </form>
    }
}

#[component]
fn HelperPart(helper: RequestForHelper) -> impl IntoView {
    let lang = use_lang();
    let id = helper.public.id;
    let staffing = helper.public.status.is_staffing();
    let action = match helper.my_state {
        None | Some(HelperState::Withdrawn) if staffing => {
            Some(view! { <ActionButton id action="signup" label=lang.t(Key::NeedSignUp).to_owned()/> }.into_any())
        }
        Some(HelperState::SignedUp | HelperState::Waitlisted) if staffing => {
            Some(view! { <ActionButton id action="withdraw" label=lang.t(Key::NeedWithdraw).to_owned()/> }.into_any())
        }
        Some(HelperState::Confirmed) => Some(view! {
            <form method="post" action=format!("/requests/{id}/time") class="stacked-form">
                <div class="field">
                    <label for="need-minutes">{lang.t(Key::FieldMinutes)}</label>
                    <input id="need-minutes" name="minutes" type="number" min="1" max="1440"
                        value=(helper.my_minutes > 0).then(|| helper.my_minutes.to_string())/>
                </div>
                <button type="submit" class="button">{lang.t(Key::NeedLogTime)}</button>
            </form>
        }.into_any()),
        _ => None,
    };
    let state = helper.my_state.map(|s| helper_state_text(lang, s));
    view! {
        <section aria-labelledby="task">
            <h2 id="task">{lang.t(Key::NeedTask)}</h2>
            <p>{helper.description}</p>
            {(!helper.rough_place.is_empty()).then(|| view! { <p>{lang.t(Key::FieldRoughPlace)}": "{helper.rough_place.clone()}</p> })}
            {helper.distance_m.map(|m| view! { <p>{crate::ui::distance_text(lang, m)}</p> })}
            {state.map(|s| view! { <p class="notice">{lang.fill(Key::NeedMyState, &[("state", s)])}</p> })}
            {match helper.contact {
                Some(contact) => view! { <ContactFacts contact/> }.into_any(),
                None => view! { <p class="field__hint">{lang.t(Key::NeedContactLater)}</p> }.into_any(),
            }}
            {action}
        </section>
        {helper.messages.map(|messages| view! { <MessageThread id messages/> })}
    }
    .into_any()
}

#[component]
fn PartyPart(party: RequestForCoordinator) -> impl IntoView {
    let lang = use_lang();
    let id = party.public.id;
    let status = party.public.status;
    let may_close = status.is_staffing() && party.public.helpers_filled > 0;
    let pending = status == NeedStatus::PendingReview && party.may_review;
    let may_review = party.may_review;
    let may_assign = party.may_review && status == NeedStatus::Open;
    let may_trust = party.may_review && !party.on_behalf;
    view! {
        <section aria-labelledby="task">
            <h2 id="task">{lang.t(Key::NeedTask)}</h2>
            <p>{party.description}</p>
            {(!party.rough_place.is_empty()).then(|| view! { <p>{lang.t(Key::FieldRoughPlace)}": "{party.rough_place.clone()}</p> })}
            {(!party.review_note.is_empty()).then(|| view! { <p class="notice">{lang.t(Key::NeedReviewNote)}": "{party.review_note.clone()}</p> })}
            {(!party.feedback.is_empty()).then(|| view! { <p class="notice notice--ok">{lang.t(Key::NeedFeedback)}": "{party.feedback.clone()}</p> })}
        </section>
        <section aria-labelledby="private">
            <h2 id="private">{lang.t(Key::NewNeedPrivate)}</h2>
            {match party.contact {
                Some(contact) => view! { <ContactFacts contact/> }.into_any(),
                None => view! { <p>{lang.t(Key::NeedPrivateDeleted)}</p> }.into_any(),
            }}
            {(!party.notes.is_empty()).then(|| view! { <p class="prewrap">{party.notes.clone()}</p> })}
        </section>
        <section aria-labelledby="helpers">
            <h2 id="helpers">{lang.t(Key::NeedHelpers)}</h2>
            {if party.helpers.is_empty() {
                view! { <p>{lang.t(Key::NeedNoHelpers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list helper-list">
                        {party.helpers.into_iter().map(|h| {
                            let state = helper_state_text(lang, h.state);
                            let minutes = (h.minutes > 0).then(|| lang.fill(Key::NeedMinutesLogged, &[("minutes", &h.minutes.to_string())]));
                            view! {
                                <li>
                                    <strong>{h.name.clone()}</strong>" – "{state}{minutes.map(|m| format!(" · {m}"))}
                                    {(may_review && h.state != HelperState::Withdrawn).then(|| view! {
                                        <form method="post" action=format!("/requests/{id}/unassign") class="inline-form">
                                            <input type="hidden" name="helper" value=h.user_id.to_string()/>
                                            <button type="submit" class="button button--small button--secondary">
                                                {lang.fill(Key::NeedUnassign, &[("name", &h.name)])}
                                            </button>
                                        </form>
                                    })}
                                    {(h.state == HelperState::SignedUp).then(|| view! {
                                        <form method="post" action=format!("/requests/{id}/confirm") class="inline-form">
                                            <input type="hidden" name="helper" value=h.user_id.to_string()/>
                                            <button type="submit" class="button button--small">
                                                {lang.fill(Key::NeedConfirm, &[("name", &h.name)])}
                                            </button>
                                        </form>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {may_close.then(|| view! {
            <section aria-labelledby="close">
                <h2 id="close">{lang.t(Key::NeedClose)}</h2>
                <form method="post" action=format!("/requests/{id}/close") class="stacked-form">
                    <div class="field">
                        <label for="need-feedback">{lang.t(Key::NeedFeedback)}</label>
                        <textarea id="need-feedback" name="feedback" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button">{lang.t(Key::NeedClose)}</button>
                </form>
            </section>
        })}
        {may_assign.then(|| view! {
            <p><a class="button" href=format!("/requests/{id}/suggestions")>{lang.t(Key::SuggestionsLink)}</a></p>
            <section aria-labelledby="assign">
                <h2 id="assign">{lang.t(Key::NeedAssign)}</h2>
                <form method="post" action=format!("/requests/{id}/assign") class="stacked-form">
                    <div class="field">
                        <label for="assign-email">{lang.t(Key::NeedAssignEmail)}</label>
                        <input id="assign-email" name="email" type="email" required/>
                    </div>
                    <button type="submit" class="button">{lang.t(Key::NeedAssignSubmit)}</button>
                </form>
            </section>
        })}
        {may_trust.then(|| view! {
            <form method="post" action=format!("/requests/{id}/trust") class="inline-form">
                <button type="submit" class="button button--secondary">{lang.t(Key::NeedTrust)}</button>
            </form>
        })}
        {(party.on_behalf || party.may_review).then(|| view! {
            <p><a class="button button--secondary" href=format!("/requests/{id}/notice")>{lang.t(Key::NoticeLink)}</a></p>
        })}
        {pending.then(|| view! { <ReviewForm id/> })}
        <MessageThread id messages=party.messages/>
    }
    .into_any()
}

/// `/requests/{id}/notice`: a one-page notice for a neighbour without an account
/// (on-behalf intake), to print and hand over or send by post: the need's number, what
/// and when, and how to reach the organisation in charge.
#[component]
pub fn NoticePage() -> impl IntoView {
    let lang = use_lang();
    let id = id_from_path();
    let need = Resource::new(id, need_detail);
    view! {
        <Title text=lang.t(Key::NoticeTitle)/>
        <Loaded resource=need let:view>
            {match view {
                NeedView::Coordinator(party) => view! { <PrintedNotice party/> }.into_any(),
                _ => view! { <p class="notice notice--error" role="alert">{lang.t(Key::ErrForbidden)}</p> }.into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn PrintedNotice(party: RequestForCoordinator) -> impl IntoView {
    let lang = use_lang();
    let p = party.public;
    view! {
        <article class="printed-notice">
            <h1>{lang.t(Key::NoticeTitle)}</h1>
            <p class="printed-notice__number">{lang.fill(Key::NoticeNumber, &[("id", &p.id.to_string())])}</p>
            <dl class="facts">
                <dt>{lang.t(Key::FieldCategory)}</dt>
                <dd>{lang.t(p.category.label())}</dd>
                <dt>{lang.t(Key::FieldTitle)}</dt>
                <dd>{p.title}</dd>
                <dt>{lang.t(Key::NeedWhen)}</dt>
                <dd>{p.day_label}", "{p.time_label}</dd>
                <dt>{lang.t(Key::NeedWhere)}</dt>
                <dd>{p.quartier_name}</dd>
            </dl>
            <p>{lang.t(Key::NoticeWhatNext)}</p>
            <h2>{lang.t(Key::NoticeContact)}</h2>
            <p>
                <strong>{party.organisation_name}</strong><br/>
                {party.organisation_phone}<br/>
                {party.organisation_email}
            </p>
            <p class="field__hint">{lang.t(Key::NoticePrivacy)}</p>
        </article>
        <p class="no-print"><a href=format!("/requests/{}", p.id)>{lang.t(Key::NoticeBack)}</a>" · "{lang.t(Key::NoticePrintHint)}</p>
    }
    .into_any()
}

/// The need's thread and a form to write to it.
#[component]
fn MessageThread(id: i64, messages: Vec<MessageRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section id="messages" aria-labelledby="messages-title">
            <h2 id="messages-title">{lang.t(Key::MessagesTitle)}</h2>
            {if messages.is_empty() {
                view! { <p>{lang.t(Key::MessagesEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="plain-list thread">
                        {messages.into_iter().map(|m| {
                            let report = (!m.hidden).then(|| view! {
                                <p class="thread__report">
                                    <a href=format!("/report?kind=message&id={}", m.id)>{lang.t(Key::ReportMessage)}</a>
                                    {m.author_id.map(|a| view! { " · "<a href=format!("/report?kind=user&id={a}")>{lang.t(Key::ReportPerson)}</a> })}
                                </p>
                            });
                            view! {
                                <li class="thread__message" id=format!("message-{}", m.id)>
                                    <p class="thread__meta">
                                        <strong>{m.author.unwrap_or_else(|| lang.t(Key::MessageDeletedAuthor).to_owned())}</strong>
                                        " · "{m.when}
                                        {m.held_back.then(|| view! { " "<span class="muted">{lang.t(Key::MessageHeldBackHint)}</span> })}
                                    </p>
                                    {if m.hidden {
                                        view! { <p class="muted">{lang.t(Key::MessageHidden)}</p> }.into_any()
                                    } else {
                                        view! { <p class="prewrap">{m.body}</p> }.into_any()
                                    }}
                                    {report}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <form method="post" action=format!("/requests/{id}/messages") class="stacked-form">
                <div class="field">
                    <label for="message-body">{lang.t(Key::FieldMessage)}</label>
                    <textarea id="message-body" name="body" rows="3" required></textarea>
                </div>
                <button type="submit" class="button">{lang.t(Key::MessageSend)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Approve, send back with a note, or reject; used on the need's page and in the queue.
#[component]
pub fn ReviewForm(id: i64) -> impl IntoView {
    let lang = use_lang();
    let note_id = format!("review-note-{id}");
    view! {
        <form method="post" action=format!("/requests/{id}/review") class="stacked-form review-form">
            <div class="field">
                <label for=note_id.clone()>{lang.t(Key::NeedReviewNoteLabel)}</label>
                <textarea id=note_id name="note" rows="2"></textarea>
            </div>
            <div class="button-row">
                <button type="submit" name="decision" value="approve" class="button">{lang.t(Key::ReviewApprove)}</button>
                <button type="submit" name="decision" value="send_back" class="button button--secondary">{lang.t(Key::ReviewSendBack)}</button>
                <button type="submit" name="decision" value="reject" class="button button--danger">{lang.t(Key::ReviewReject)}</button>
            </div>
        </form>
    }
}
