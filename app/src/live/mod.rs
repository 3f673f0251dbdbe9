//! Live updates: a change made through one instance reaches the pages open on every
//! instance without a reload. Changes are announced per organisation; on PostgreSQL
//! through `NOTIFY` (so every instance on the database hears them), on SQLite through
//! an in-process broadcast (SQLite serves one instance). Pages follow a server-sent
//! event stream and renew the part that follows it when their organisation changed.

#[cfg(feature = "ssr")]
pub mod bus;
#[cfg(feature = "hydrate")]
pub mod follow;
pub mod region;
#[cfg(feature = "ssr")]
pub mod routes;

/// Sent with the live region's background loads of its page (also for browsers that
/// send no `Sec-Fetch-Mode`): such a load leaves a form's notice for the page itself.
pub const BACKGROUND_HEADER: &str = "x-background";

/// What changed: one organisation's needs, or anything (after a gap in the feed, when
/// changes may have been missed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Organisation(i64),
    Everything,
}

impl Change {
    /// The text sent through `NOTIFY` and to the browser.
    pub fn payload(self) -> String {
        match self {
            Change::Organisation(id) => format!("org:{id}"),
            Change::Everything => "all".to_owned(),
        }
    }

    pub fn parse(payload: &str) -> Option<Change> {
        match payload {
            "all" => Some(Change::Everything),
            _ => payload
                .strip_prefix("org:")
                .and_then(|id| id.parse().ok())
                .map(Change::Organisation),
        }
    }

    /// Does a page watching these organisations (`None`: all of them) care?
    pub fn concerns(self, watched: Option<&[i64]>) -> bool {
        match (self, watched) {
            (Change::Everything, _) | (_, None) => true,
            (Change::Organisation(id), Some(watched)) => watched.contains(&id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Change;
    use proptest::prelude::*;

    #[test]
    fn a_change_reaches_only_those_watching_its_organisation() {
        assert!(Change::Organisation(3).concerns(Some(&[1, 3])));
        assert!(!Change::Organisation(2).concerns(Some(&[1, 3])));
        assert!(Change::Organisation(2).concerns(None));
        assert!(Change::Everything.concerns(Some(&[])));
    }

    #[test]
    fn foreign_payloads_are_ignored() {
        for bad in ["", "org:", "org:x", "org:1 ", "everything", "ORG:1"] {
            assert_eq!(Change::parse(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn payloads_read_back(id in any::<i64>(), everything in any::<bool>()) {
            let change = if everything { Change::Everything } else { Change::Organisation(id) };
            prop_assert_eq!(Change::parse(&change.payload()), Some(change));
        }
    }
}
