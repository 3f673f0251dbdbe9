//! The browser entry point. Pages are server-rendered HTML; only their islands (the
//! few interactive parts) are woken here.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate_islands();
}
