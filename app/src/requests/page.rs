//! `/requests`: open needs with filters by Quartier and category. The filter is a GET
//! form: without JavaScript the browser loads the filtered page; with it, the router
//! updates the query and the list is fetched through the server function.

use super::{list_open_needs, Category, NeedFilter, NeedList};
use crate::error::AppError;
use crate::i18n::{use_lang, Key};
use crate::orgs::{quartier_options, QuartierOption};
use crate::ui::{ErrorNotice, NeedCard};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        NeedFilter::new(q.get("quartier"), q.get("category"))
            .with_range(q.get("from"), q.get("to"), q.get("sort"), q.get("page"))
            .within(q.get("km"))
    });
    // One resource for the whole page: the filter's choices and the list load together,
    // so server rendering waits on a single suspense.
    let data = Resource::new(
        move || filter.get(),
        |f| async move {
            let options = quartier_options().await;
            let needs =
                list_open_needs(f.quartier, f.category, f.from, f.to, f.sort, f.page, f.km).await;
            (options, needs)
        },
    );

    view! {
        <Title text=lang.t(Key::NeedsTitle)/>
        <h1>{lang.t(Key::NeedsTitle)}</h1>
        <p class="lead">{lang.t(Key::NeedsIntro)}</p>
        <Suspense fallback=move || view! { <p class="loading">{lang.t(Key::Loading)}</p> }>
            {move || {
                data.get()
                    .map(|(options, needs)| {
                        view! {
                            <FilterForm options=options.unwrap_or_default() filter/>
                            <Results needs filter=filter.get_untracked()/>
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
fn FilterForm(options: Vec<QuartierOption>, filter: Memo<NeedFilter>) -> impl IntoView {
    let lang = use_lang();
    let current = filter.get_untracked();
    view! {
        <Form method="GET" action="/requests" attr:class="filter" attr:role="search">
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
        </Form>
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
    let link = move |to: i64| {
        let mut query = vec![format!("page={to}")];
        for (name, value) in [
            ("quartier", &filter.quartier),
            ("category", &filter.category),
            ("from", &filter.from),
            ("to", &filter.to),
            ("sort", &filter.sort),
            ("km", &filter.km),
        ] {
            if let Some(v) = value {
                let v: String = v
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                query.push(format!("{name}={v}"));
            }
        }
        format!("/requests?{}", query.join("&"))
    };
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
