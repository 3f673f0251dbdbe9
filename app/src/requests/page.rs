//! `/requests`: open needs with filters by Quartier and category. The filter is a GET
//! form: without JavaScript the browser loads the filtered page; with it, the list (an
//! island) is fetched through the server function and the address follows the filter.

use super::{list_open_needs, Category, NeedFilter, NeedList};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::{quartier_options, QuartierOption};
use crate::ui::{ErrorNotice, NeedCard};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        NeedFilter::from_fields(|name| q.get(name))
    });
    // One resource for the whole page: the filter's choices and the list load together,
    // so server rendering waits on a single suspense. It carries the filter it was loaded
    // for: the view reads no signal, which may be gone when a reader leaves mid-page.
    let data = Resource::new(
        move || filter.get(),
        |f| async move {
            let options = quartier_options().await;
            let needs = list_open_needs(
                f.quartier.clone(),
                f.category.clone(),
                f.from.clone(),
                f.to.clone(),
                f.sort.clone(),
                f.page.clone(),
                f.km.clone(),
            )
            .await;
            (options, needs, f)
        },
    );

    view! {
        <Title text=lang.t(Key::NeedsTitle)/>
        <h1>{lang.t(Key::NeedsTitle)}</h1>
        <p class="lead">{lang.t(Key::NeedsIntro)}</p>
        <Suspense fallback=move || view! { <p class="loading">{lang.t(Key::Loading)}</p> }>
            {move || {
                // A reader who left mid-page disposed the resource: nothing to show then.
                data.try_get()
                    .flatten()
                    .map(|(options, needs, filter)| {
                        let current = filter.clone();
                        view! {
                            <FilteredNeeds>
                                <FilterForm options=options.unwrap_or_default() current/>
                            </FilteredNeeds>
                            <div id=SERVER_RESULTS>
                                <Results needs filter/>
                            </div>
                        }
                    })
            }}
        </Suspense>
    }
}

/// The id of the filter form, which the list's island listens to.
const FILTER_FORM: &str = "need-filter";
/// The id of the list as the server rendered it; the island takes its place once the
/// reader filters. Kept out of the island so the list is not sent twice (HTML and props).
const SERVER_RESULTS: &str = "need-results";

/// The filter form (its `children`) and, after the reader filtered with JavaScript, the
/// list loaded through the server function, without a page load.
#[island]
fn FilteredNeeds(children: Children) -> impl IntoView {
    // Read once here for the list's components; islands start without the page's context.
    provide_context(use_lang());
    let shown = RwSignal::new(None::<(NeedFilter, Result<NeedList, AppError>)>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::follow_filter(shown));
    view! {
        {children()}
        // On the server the island may render after its page went: nothing shown then.
        {move || shown.try_get().flatten().map(|(filter, needs)| view! { <Results needs filter/> })}
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{list_open_needs, NeedFilter, NeedList, FILTER_FORM, SERVER_RESULTS};
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use leptos::web_sys;
    use std::cell::Cell;
    use std::rc::Rc;

    type Shown = RwSignal<Option<(NeedFilter, Result<NeedList, AppError>)>>;

    /// Takes over the filter form's submit; going back in history loads that page.
    /// The listeners live as long as the page (islands mode has no client navigation).
    pub fn follow_filter(shown: Shown) {
        let Some(form) = document()
            .get_element_by_id(FILTER_FORM)
            .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        // Only the newest answer is shown when the reader filters again quickly.
        let latest = Rc::new(Cell::new(0u32));
        let submit = Closure::<dyn Fn(web_sys::Event)>::new({
            let form = form.clone();
            move |ev: web_sys::Event| {
                let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                    return;
                };
                ev.prevent_default();
                let filter = NeedFilter::from_fields(|name| data.get(name).as_string());
                if let Ok(history) = window().history() {
                    let _ =
                        history.push_state_with_url(&JsValue::NULL, "", Some(&filter.link(None)));
                }
                let ticket = latest.get().wrapping_add(1);
                latest.set(ticket);
                let latest = latest.clone();
                leptos::task::spawn_local(async move {
                    let f = filter.clone();
                    let needs =
                        list_open_needs(f.quartier, f.category, f.from, f.to, f.sort, f.page, f.km)
                            .await;
                    if latest.get() == ticket {
                        if let Some(first) = document().get_element_by_id(SERVER_RESULTS) {
                            first.remove();
                        }
                        shown.set(Some((filter, needs)));
                    }
                });
            }
        });
        let _ = form.add_event_listener_with_callback("submit", submit.as_ref().unchecked_ref());
        submit.forget();
        let back = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
            let _ = window().location().reload();
        });
        let _ =
            window().add_event_listener_with_callback("popstate", back.as_ref().unchecked_ref());
        back.forget();
    }
}

#[component]
fn FilterForm(options: Vec<QuartierOption>, current: NeedFilter) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form id=FILTER_FORM method="get" action="/requests" class="filter" role="search">
            <fieldset>
                <legend>{lang.t(Key::FilterLegend)}</legend>
                <div class="field">
                    <label for="filter-quartier">{lang.t(Key::FilterQuartier)}</label>
                    <select id="filter-quartier" name="quartier">
                        <option value="">{lang.t(Key::FilterAllQuartiere)}</option>
                        {options
                            .into_iter()
                            .map(|o| {
                                let selected = current.quartier.as_deref() == Some(o.slug.as_str());
                                view! {
                                    <option value=o.slug selected=selected>
                                        {o.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-category">{lang.t(Key::FilterCategory)}</label>
                    <select id="filter-category" name="category">
                        <option value="">{lang.t(Key::FilterAllCategories)}</option>
                        {Category::ALL
                            .into_iter()
                            .map(|c| {
                                let selected = current.category.as_deref() == Some(c.slug());
                                view! {
                                    <option value=c.slug() selected=selected>
                                        {lang.t(c.label())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-from">{lang.t(Key::FilterFrom)}</label>
                    <input id="filter-from" name="from" type="date" value=current.from.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="filter-to">{lang.t(Key::FilterTo)}</label>
                    <input id="filter-to" name="to" type="date" value=current.to.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="filter-sort">{lang.t(Key::FilterSort)}</label>
                    <select id="filter-sort" name="sort">
                        <option value="soonest" selected=current.sort.as_deref() != Some("newest")>{lang.t(Key::SortSoonest)}</option>
                        <option value="newest" selected=current.sort.as_deref() == Some("newest")>{lang.t(Key::SortNewest)}</option>
                    </select>
                </div>
                {crate::ui::viewer_summary().volunteer.then(|| view! {
                    <div class="field">
                        <label for="filter-km">{lang.t(Key::FilterDistance)}</label>
                        <select id="filter-km" name="km">
                            <option value="">{lang.t(Key::FilterAnyDistance)}</option>
                            {super::filter::DISTANCES_KM.into_iter().map(|km| {
                                let selected = current.km.as_deref() == Some(km.to_string().as_str());
                                view! { <option value=km.to_string() selected=selected>{lang.fill(Key::FilterWithinKm, &[("km", &km.to_string())])}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="filter__actions">
                    <button type="submit" class="button">{lang.t(Key::FilterApply)}</button>
                    <a href="/requests" class="filter__reset">{lang.t(Key::FilterReset)}</a>
                </div>
            </fieldset>
        </form>
    }
}

#[component]
fn Results(needs: Result<NeedList, AppError>, filter: NeedFilter) -> impl IntoView {
    let lang = use_lang();
    match needs {
        Ok(list) => {
            let count = if list.total > super::COUNT_CAP {
                lang.t(Key::NeedsFoundMany).to_owned()
            } else {
                lang.fill(Key::NeedsFound, &[("count", &list.total.to_string())])
            };
            let empty = list.needs.is_empty();
            view! {
                <div role="status" aria-live="polite">
                    <h2 class="result-count">{count}</h2>
                </div>
                <Show when=move || empty>
                    <p class="notice">{lang.t(Key::NeedsNone)}</p>
                </Show>
                <ul class="need-list" aria-label=lang.t(Key::NeedsTitle)>
                    {list.needs.into_iter().map(|need| view! { <NeedCard need/> }).collect_view()}
                </ul>
                <Pages total=list.total filter/>
            }
            .into_any()
        }
        Err(error) => view! { <ErrorNotice error/> }.into_any(),
    }
}

/// "Earlier" and "more" links that keep the filter, for lists longer than a page.
#[component]
fn Pages(total: i64, filter: NeedFilter) -> impl IntoView {
    use super::PAGE_SIZE;
    let lang = use_lang();
    let page: i64 = filter
        .page
        .as_deref()
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    // Past the count cap the number of pages is unknown: there is always a next one.
    let many = total > super::COUNT_CAP;
    let pages = if many {
        page + 1
    } else {
        (total + PAGE_SIZE - 1) / PAGE_SIZE
    };
    let link = move |to: i64| filter.link(Some(to));
    (pages > 1).then(|| {
        view! {
            <nav class="pages" aria-label=lang.t(Key::PagesLabel)>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{lang.t(Key::PagePrevious)}</a> })}
                <span>{if many {
                    lang.fill(Key::PageOfMany, &[("page", &page.to_string())])
                } else {
                    lang.fill(Key::PageOf, &[("page", &page.to_string()), ("pages", &pages.to_string())])
                }}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{lang.t(Key::PageNext)}</a> })}
            </nav>
        }
    })
}
