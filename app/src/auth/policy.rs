//! Who may do what, as plain data and functions (DESIGN §3). Every server function has
//! a row in [`SERVER_FUNCTIONS`]; the authorisation-matrix test calls each registered
//! server function as every kind of actor and checks the answer against this table, and
//! fails when a server function has no row.

/// The kinds of people a request can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Visitor,
    Neighbour,
    Volunteer,
    CoordinatorSameOrg,
    CoordinatorOtherOrg,
    OrgAdmin,
    PlatformAdmin,
}

impl Actor {
    pub const ALL: [Actor; 7] = [
        Actor::Visitor,
        Actor::Neighbour,
        Actor::Volunteer,
        Actor::CoordinatorSameOrg,
        Actor::CoordinatorOtherOrg,
        Actor::OrgAdmin,
        Actor::PlatformAdmin,
    ];

    pub fn is_signed_in(self) -> bool {
        self != Actor::Visitor
    }
}

/// The rule a server function follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Public information: teasers, Quartiere, meeting places, crisis help.
    Public,
    /// Anyone signed in, about themselves.
    SignedIn,
}

impl Access {
    pub fn allows(self, actor: Actor) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => actor.is_signed_in(),
        }
    }
}

/// Every server function's endpoint and its rule.
pub const SERVER_FUNCTIONS: &[(&str, Access)] = &[
    ("/api/home", Access::Public),
    ("/api/needs/open", Access::Public),
    ("/api/quartiere/options", Access::Public),
    ("/api/help/contacts", Access::Public),
    ("/api/me/viewer", Access::Public),
    ("/api/me/account", Access::SignedIn),
];

/// The rule of a server function, if it has one.
pub fn access_of(path: &str) -> Option<Access> {
    SERVER_FUNCTIONS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, access)| *access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visitors_get_public_things_only() {
        assert!(Access::Public.allows(Actor::Visitor));
        assert!(!Access::SignedIn.allows(Actor::Visitor));
        for actor in Actor::ALL.into_iter().filter(|a| a.is_signed_in()) {
            assert!(Access::SignedIn.allows(actor), "{actor:?}");
        }
    }

    #[test]
    fn every_row_is_unique() {
        for (i, (path, _)) in SERVER_FUNCTIONS.iter().enumerate() {
            assert!(path.starts_with("/api/"), "{path}");
            assert!(
                !SERVER_FUNCTIONS[i + 1..].iter().any(|(p, _)| p == path),
                "{path} twice"
            );
        }
    }
}
