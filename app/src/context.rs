//! Context lookups that stay safe while a page is being dropped.
//!
//! A page's data loads run as tasks of their own. When a reader leaves mid-page, the
//! page's owners are dropped on another thread while such a task may still look up its
//! context. Leptos walks from owner to parent holding a read lock on the first owner;
//! if the walk itself then drops the last handle of a parent, that parent's clean-up
//! asks for a write lock on the same owner and the worker thread waits for ever. Holding
//! every owner above the current one for the length of the lookup means the walk never
//! drops the last handle; the handles are let go afterwards, with no lock held.

use leptos::prelude::Owner;

/// Runs `look` with the current owner and all its parents held.
pub fn holding_owners<R>(look: impl FnOnce() -> R) -> R {
    let mut held = Vec::new();
    let mut next = Owner::current();
    while let Some(owner) = next {
        next = owner.parent();
        held.push(owner);
    }
    let found = look();
    drop(held);
    found
}

/// The value of type `T` in the current context, looked up safely (see the module).
#[allow(clippy::disallowed_methods)] // the one place that calls Leptos's own lookup
pub fn lookup<T: Clone + 'static>() -> Option<T> {
    holding_owners(leptos::prelude::use_context::<T>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::provide_context;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A value found through two parents, as a page's language is found from a load.
    #[test]
    fn finds_a_value_provided_further_up() {
        let root = Owner::new();
        root.with(|| provide_context(7_u32));
        let middle = root.child();
        let leaf = middle.child();
        assert_eq!(leaf.with(lookup::<u32>), Some(7));
        assert_eq!(leaf.with(lookup::<String>), None);
    }

    /// The page's owners are dropped on one thread while a load looks up its context on
    /// another until it is gone, many times over. With Leptos's own lookup this locked
    /// its thread within the first hundred rounds in every try.
    #[test]
    fn a_lookup_survives_its_page_being_dropped_meanwhile() {
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            for _ in 0..2_000 {
                let root = Owner::new();
                root.with(|| provide_context(7_u32));
                let middle = root.child();
                let leaf = middle.child();
                let start = std::sync::Arc::new(std::sync::Barrier::new(2));
                let other = start.clone();
                let load = std::thread::spawn(move || {
                    other.wait();
                    while leaf.with(lookup::<u32>).is_some() {}
                });
                start.wait();
                drop(middle);
                drop(root);
                let _ = load.join();
            }
            let _ = done.send(());
        });
        assert!(
            finished.recv_timeout(Duration::from_secs(120)).is_ok(),
            "a context lookup locked its thread"
        );
    }
}
