//! Who may do what, as plain data and functions (DESIGN §3). Every server function has
//! a row in [`SERVER_FUNCTIONS`] and every form post a row in [`FORM_POSTS`]; the
//! authorisation-matrix test calls each registered one as every kind of actor and checks
//! the answer against these tables, and fails when one has no row.

use serde::{Deserialize, Serialize};

/// A role that acts for an organisation, in the Quartiere it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrgRole {
    Coordinator,
    OrgAdmin,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Coordinator => "coordinator",
            OrgRole::OrgAdmin => "org_admin",
        }
    }

    pub fn parse(value: &str) -> Option<OrgRole> {
        match value {
            "coordinator" => Some(OrgRole::Coordinator),
            "org_admin" => Some(OrgRole::OrgAdmin),
            _ => None,
        }
    }
}

/// A role a person holds where they live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuartierRole {
    Neighbour,
    Volunteer,
}

impl QuartierRole {
    pub fn as_str(self) -> &'static str {
        match self {
            QuartierRole::Neighbour => "neighbour",
            QuartierRole::Volunteer => "volunteer",
        }
    }

    pub fn parse(value: &str) -> Option<QuartierRole> {
        match value {
            "neighbour" => Some(QuartierRole::Neighbour),
            "volunteer" => Some(QuartierRole::Volunteer),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgMembership {
    pub organisation_id: i64,
    pub organisation_name: String,
    pub role: OrgRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuartierMembership {
    pub quartier_id: i64,
    pub quartier_name: String,
    pub role: QuartierRole,
}

/// Everything a person may act as; one person may hold several roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    pub platform_admin: bool,
    pub organisations: Vec<OrgMembership>,
    pub quartiere: Vec<QuartierMembership>,
}

impl Roles {
    pub fn holds(&self, organisation_id: i64, role: OrgRole) -> bool {
        self.organisations
            .iter()
            .any(|m| m.organisation_id == organisation_id && m.role == role)
    }

    pub fn lives_as(&self, role: QuartierRole) -> bool {
        self.quartiere.iter().any(|m| m.role == role)
    }

    /// Coordinators work in their organisation's Quartiere.
    pub fn coordinates(&self, organisation_id: i64) -> bool {
        self.holds(organisation_id, OrgRole::Coordinator)
    }

    /// The coordinator area (`/coordinator`) is for coordinators, org admins and the
    /// platform admin.
    pub fn may_enter_coordinator_area(&self) -> bool {
        self.platform_admin || !self.organisations.is_empty()
    }

    /// Inviting and removing coordinators, and seeing the team with its e-mail
    /// addresses: the organisation's admins and the platform admin.
    pub fn may_manage_team(&self, organisation_id: i64) -> bool {
        self.platform_admin || self.holds(organisation_id, OrgRole::OrgAdmin)
    }

    /// The audit log of one organisation: its admins and the platform admin; the whole
    /// log (no organisation): the platform admin only.
    pub fn may_read_audit(&self, organisation_id: Option<i64>) -> bool {
        match organisation_id {
            Some(org) => self.may_manage_team(org),
            None => self.platform_admin,
        }
    }

    /// The organisations this person may work for in the coordinator area, with the
    /// strongest role each.
    pub fn organisation_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .organisations
            .iter()
            .map(|m| m.organisation_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// The kinds of people a request can come from in the authorisation matrix. "Same
/// organisation" is the organisation the matrix's calls are about.
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

    /// The roles this actor holds, given the organisation the calls are about
    /// (`same_org`) and another one (`other_org`).
    pub fn roles(self, same_org: i64, other_org: i64, quartier: i64) -> Roles {
        let org = |organisation_id, role| OrgMembership {
            organisation_id,
            organisation_name: String::new(),
            role,
        };
        let home = |role| QuartierMembership {
            quartier_id: quartier,
            quartier_name: String::new(),
            role,
        };
        let mut roles = Roles::default();
        match self {
            Actor::Visitor => {}
            Actor::Neighbour => roles.quartiere.push(home(QuartierRole::Neighbour)),
            Actor::Volunteer => roles.quartiere.push(home(QuartierRole::Volunteer)),
            Actor::CoordinatorSameOrg => roles
                .organisations
                .push(org(same_org, OrgRole::Coordinator)),
            Actor::CoordinatorOtherOrg => roles
                .organisations
                .push(org(other_org, OrgRole::Coordinator)),
            Actor::OrgAdmin => roles.organisations.push(org(same_org, OrgRole::OrgAdmin)),
            Actor::PlatformAdmin => roles.platform_admin = true,
        }
        roles
    }
}

/// The rule a server function or form post follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Public information: teasers, Quartiere, meeting places, crisis help; and the
    /// account forms a visitor needs (register, reset a password).
    Public,
    /// Anyone signed in, about themselves.
    SignedIn,
    /// Coordinators, org admins and the platform admin.
    CoordinatorArea,
    /// The admins of the organisation concerned, and the platform admin.
    TeamOfOrg,
    /// Posting a need: neighbours, and coordinators on a neighbour's behalf.
    Poster,
    /// Volunteers (sign-up and withdrawal).
    Volunteer,
    /// The neighbour who posted the need and coordinators of its organisation (the
    /// need the matrix uses has no neighbour, so: its coordinators).
    PartyOfNeed,
    /// Confirmed helpers of the need (nobody in the matrix is one).
    ConfirmedHelper,
    /// Coordinators of the organisation concerned.
    CoordinatorOfOrg,
    /// The volunteer invited to the need (nobody in the matrix is).
    Invitee,
    /// Coordinators and admins of the organisation concerned, and the platform admin:
    /// those who keep its meeting places, events and services.
    StaffOfOrg,
    /// Coordinators of an organisation serving the Quartier concerned, and the platform
    /// admin (the matrix's report and mediation request lie in the first Quartier,
    /// served by the "same" organisation only).
    CoordinatorOfQuartier,
}

impl Access {
    /// Whether `actor` may pass, with calls about the actor's "same" organisation.
    pub fn allows(self, actor: Actor) -> bool {
        let (same, other, quartier) = (1, 2, 1);
        let roles = actor.roles(same, other, quartier);
        match self {
            Access::Public => true,
            Access::SignedIn => actor.is_signed_in(),
            Access::CoordinatorArea => roles.may_enter_coordinator_area(),
            Access::TeamOfOrg => roles.may_manage_team(same),
            Access::Poster => {
                roles.lives_as(QuartierRole::Neighbour)
                    || roles
                        .organisations
                        .iter()
                        .any(|m| m.role == OrgRole::Coordinator)
            }
            Access::Volunteer => roles.lives_as(QuartierRole::Volunteer),
            Access::PartyOfNeed => roles.coordinates(same),
            Access::ConfirmedHelper | Access::Invitee => false,
            Access::CoordinatorOfOrg => roles.coordinates(same),
            Access::CoordinatorOfQuartier => roles.platform_admin || roles.coordinates(same),
            Access::StaffOfOrg => {
                roles.platform_admin || roles.coordinates(same) || roles.may_manage_team(same)
            }
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
    ("/api/coordinator/home", Access::CoordinatorArea),
    ("/api/invitation/details", Access::Public),
    ("/api/needs/detail", Access::Public),
    ("/api/me/volunteer", Access::SignedIn),
    ("/api/needs/suggestions", Access::CoordinatorArea),
    ("/api/coordinator/proposal", Access::CoordinatorArea),
    ("/api/coordinator/verifications", Access::CoordinatorArea),
    ("/api/places/list", Access::Public),
    ("/api/places/detail", Access::Public),
    ("/api/coordinator/places", Access::CoordinatorArea),
    ("/api/services/search", Access::Public),
    ("/api/coordinator/services", Access::CoordinatorArea),
    ("/api/help/local", Access::Public),
    ("/api/help/conflict", Access::Public),
    ("/api/coordinator/mediation", Access::CoordinatorArea),
    ("/api/reports/target", Access::SignedIn),
    ("/api/coordinator/reports", Access::CoordinatorArea),
];

/// Every form post (the no-JavaScript paths that change state) and its rule.
pub const FORM_POSTS: &[(&str, Access)] = &[
    ("/login", Access::Public),
    ("/logout", Access::Public),
    ("/register", Access::Public),
    ("/verify", Access::Public),
    ("/password/forgot", Access::Public),
    ("/password/reset", Access::Public),
    ("/invitation", Access::Public),
    ("/me/password", Access::SignedIn),
    ("/me/email", Access::SignedIn),
    ("/email/confirm", Access::Public),
    ("/me/delete", Access::SignedIn),
    ("/org/invite", Access::TeamOfOrg),
    ("/org/remove", Access::TeamOfOrg),
    ("/me/export", Access::SignedIn),
    ("/requests/new", Access::Poster),
    ("/requests/{id}/signup", Access::Volunteer),
    ("/requests/{id}/withdraw", Access::Volunteer),
    ("/requests/{id}/confirm", Access::PartyOfNeed),
    ("/requests/{id}/time", Access::ConfirmedHelper),
    ("/requests/{id}/close", Access::PartyOfNeed),
    ("/requests/{id}/review", Access::PartyOfNeed),
    ("/requests/{id}/messages", Access::PartyOfNeed),
    ("/requests/{id}/assign", Access::PartyOfNeed),
    ("/requests/{id}/unassign", Access::PartyOfNeed),
    ("/requests/{id}/trust", Access::PartyOfNeed),
    ("/me/calendar", Access::SignedIn),
    ("/me/calendar/revoke", Access::SignedIn),
    // The secret link is the key; an unknown one is simply not found.
    ("/calendar/{token}", Access::Public),
    ("/me/volunteer", Access::SignedIn),
    ("/requests/{id}/invite", Access::PartyOfNeed),
    ("/invitations/{id}/accept", Access::Invitee),
    ("/invitations/{id}/decline", Access::Invitee),
    ("/org/verifications", Access::CoordinatorOfOrg),
    ("/coordinator/proposal", Access::CoordinatorArea),
    ("/org/places", Access::StaffOfOrg),
    ("/org/events", Access::StaffOfOrg),
    ("/events/{id}/attend", Access::SignedIn),
    ("/events/{id}/calendar", Access::Public),
    ("/places/{id}/calendar", Access::Public),
    ("/live/coordinator", Access::CoordinatorArea),
    ("/org/services", Access::StaffOfOrg),
    ("/org/services/delete", Access::StaffOfOrg),
    ("/help/conflict", Access::SignedIn),
    ("/coordinator/mediation/{id}", Access::CoordinatorOfQuartier),
    ("/reports", Access::SignedIn),
    ("/coordinator/reports/{id}", Access::CoordinatorOfQuartier),
];

/// The rule of a server function, if it has one.
pub fn access_of(path: &str) -> Option<Access> {
    SERVER_FUNCTIONS
        .iter()
        .chain(FORM_POSTS)
        .find(|(p, _)| *p == path)
        .map(|(_, access)| *access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visitors_get_public_things_only() {
        assert!(Access::Public.allows(Actor::Visitor));
        for access in [
            Access::SignedIn,
            Access::CoordinatorArea,
            Access::TeamOfOrg,
            Access::Poster,
            Access::Volunteer,
            Access::PartyOfNeed,
            Access::ConfirmedHelper,
        ] {
            assert!(!access.allows(Actor::Visitor), "{access:?}");
        }
        for actor in Actor::ALL.into_iter().filter(|a| a.is_signed_in()) {
            assert!(Access::SignedIn.allows(actor), "{actor:?}");
        }
    }

    #[test]
    fn neighbours_and_volunteers_stay_out_of_the_coordinator_area() {
        assert!(!Access::CoordinatorArea.allows(Actor::Neighbour));
        assert!(!Access::CoordinatorArea.allows(Actor::Volunteer));
        assert!(Access::CoordinatorArea.allows(Actor::CoordinatorOtherOrg));
        assert!(Access::CoordinatorArea.allows(Actor::OrgAdmin));
    }

    #[test]
    fn only_own_admins_manage_a_team() {
        let allowed: Vec<Actor> = Actor::ALL
            .into_iter()
            .filter(|a| Access::TeamOfOrg.allows(*a))
            .collect();
        assert_eq!(allowed, vec![Actor::OrgAdmin, Actor::PlatformAdmin]);
    }

    #[test]
    fn the_whole_audit_log_is_for_the_platform_admin() {
        let admin_of_1 = Actor::OrgAdmin.roles(1, 2, 1);
        assert!(admin_of_1.may_read_audit(Some(1)));
        assert!(!admin_of_1.may_read_audit(Some(2)));
        assert!(!admin_of_1.may_read_audit(None));
        assert!(Actor::PlatformAdmin.roles(1, 2, 1).may_read_audit(None));
    }

    #[test]
    fn several_roles_add_up() {
        let mut roles = Actor::Volunteer.roles(1, 2, 1);
        roles.organisations = Actor::CoordinatorSameOrg.roles(1, 2, 1).organisations;
        assert!(roles.lives_as(QuartierRole::Volunteer));
        assert!(roles.coordinates(1));
        assert!(!roles.coordinates(2));
        assert!(!roles.may_manage_team(1));
    }

    #[test]
    fn every_row_is_unique() {
        let all: Vec<&str> = SERVER_FUNCTIONS
            .iter()
            .chain(FORM_POSTS)
            .map(|(p, _)| *p)
            .collect();
        for (i, path) in all.iter().enumerate() {
            assert!(path.starts_with('/'), "{path}");
            assert!(!all[i + 1..].contains(path), "{path} twice");
        }
    }
}
