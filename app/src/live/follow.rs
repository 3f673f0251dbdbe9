//! The browser side: follows a change stream and calls back. While the reader is in a
//! form field the reload waits, so it never takes away what they are writing.

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How often a waiting reload looks again whether the reader left the form field.
const RETRY: Duration = Duration::from_secs(3);

/// Calls `on_change` after each `changed` event of the stream at `path`, and after a
/// reconnect (changes may have been missed meanwhile). Stops with the calling owner.
pub fn follow(path: &str, on_change: impl Fn() + Clone + 'static) {
    let Ok(source) = web_sys::EventSource::new(path) else {
        return;
    };
    let waiting = Rc::new(Cell::new(false));
    let changed = {
        let on_change = on_change.clone();
        let waiting = waiting.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            if !waiting.replace(true) {
                when_idle(waiting.clone(), on_change.clone());
            }
        })
    };
    let opened_before = Cell::new(false);
    let opened = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        if opened_before.replace(true) && !waiting.replace(true) {
            when_idle(waiting.clone(), on_change.clone());
        }
    });
    let _ = source.add_event_listener_with_callback("changed", changed.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("open", opened.as_ref().unchecked_ref());
    let kept = StoredValue::new_local(Some((source, changed, opened)));
    on_cleanup(move || {
        kept.update_value(|kept| {
            if let Some((source, _, _)) = kept.take() {
                source.close();
            }
        })
    });
}

fn when_idle(waiting: Rc<Cell<bool>>, on_change: impl Fn() + Clone + 'static) {
    if typing() {
        set_timeout(move || when_idle(waiting, on_change), RETRY);
        return;
    }
    waiting.set(false);
    on_change();
}

/// Is the reader in a form field?
fn typing() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
