//! `/requests`: open needs with filters by Quartier and category. The filter is a GET
//! form: without JavaScript the browser loads the filtered page; with it, the router
//! updates the query and the list is fetched through the server function.

use super::{list_open_needs, Category, NeedFilter};
use crate::i18n::{use_lang, Key};
use crate::orgs::quartier_options;
use crate::ui::{Loaded, NeedCard};
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
    });
    let needs = Resource::new(
        move || filter.get(),
        |f| list_open_needs(f.quartier, f.category),
    );
    let options = Resource::new(|| (), |_| quartier_options());

    view! {
        <Title text=lang.t(Key::NeedsTitle)/>
        <h1>{lang.t(Key::NeedsTitle)}</h1>
        <p class="lead">{lang.t(Key::NeedsIntro)}</p>
        <Form method="GET" action="/requests" attr:class="filter" attr:role="search">
            <fieldset>
                <legend>{lang.t(Key::FilterLegend)}</legend>
                <div class="field">
                    <label for="filter-quartier">{lang.t(Key::FilterQuartier)}</label>
                    <select id="filter-quartier" name="quartier">
                        <option value="">{lang.t(Key::FilterAllQuartiere)}</option>
                        <Suspense>
                            {move || {
                                options
                                    .get()
                                    .map(|result| {
                                        result
                                            .unwrap_or_default()
                                            .into_iter()
                                            .map(|o| {
                                                let slug = o.slug.clone();
                                                view! {
                                                    <option
                                                        value=o.slug
                                                        selected=move || {
                                                            filter.read().quartier.as_deref() == Some(slug.as_str())
                                                        }
                                                    >
                                                        {o.name}
                                                    </option>
                                                }
                                            })
                                            .collect_view()
                                    })
                            }}
                        </Suspense>
                    </select>
                </div>
                <div class="field">
                    <label for="filter-category">{lang.t(Key::FilterCategory)}</label>
                    <select id="filter-category" name="category">
                        <option value="">{lang.t(Key::FilterAllCategories)}</option>
                        {Category::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option
                                        value=c.slug()
                                        selected=move || {
                                            filter.read().category.as_deref() == Some(c.slug())
                                        }
                                    >
                                        {lang.t(c.label())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="filter__actions">
                    <button type="submit" class="button">{lang.t(Key::FilterApply)}</button>
                    <a href="/requests" class="filter__reset">{lang.t(Key::FilterReset)}</a>
                </div>
            </fieldset>
        </Form>
        <Loaded resource=needs let:list>
            {
                let count = lang.fill(Key::NeedsFound, &[("count", &list.total.to_string())]);
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
                }
            }
        </Loaded>
    }
}
