//! A need's life (DESIGN §4) as a pure function: `draft → pending_review → open →
//! filled → done`, with `cancelled` and `expired` from any state that is not final, and
//! a coordinator sending a need back to `draft`. The database applies the same rules
//! with conditional updates; this is where they are stated and property-tested.

use super::NeedStatus;
use serde::{Deserialize, Serialize};

/// What can happen to a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The neighbour submits the need for review.
    Submit,
    /// A trusted neighbour's or a coordinator's need opens without review.
    Publish,
    Approve,
    /// Back to the neighbour with a note.
    SendBack,
    Reject,
    /// A helper takes a place (sign-up, assignment, accepted invitation).
    TakePlace,
    /// A helper gives a place back (withdrawal, unassignment).
    FreePlace,
    Close,
    Cancel,
    Expire,
}

/// Why an event cannot happen now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The need is not in a state where this can happen.
    WrongState,
    /// Every place is taken.
    Full,
    /// No place is taken.
    NoneTaken,
}

/// The part of a need the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedState {
    pub status: NeedStatus,
    pub needed: i64,
    pub filled: i64,
}

impl NeedStatus {
    /// Done, cancelled and expired needs stay as they are.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            NeedStatus::Done | NeedStatus::Cancelled | NeedStatus::Expired
        )
    }

    /// Needs helpers may take or give back places in.
    pub fn is_staffing(self) -> bool {
        matches!(self, NeedStatus::Open | NeedStatus::Filled)
    }
}

/// The state after `event`, or why it cannot happen.
pub fn apply(state: NeedState, event: Event) -> Result<NeedState, Refusal> {
    use NeedStatus::*;
    let to = |status| Ok(NeedState { status, ..state });
    match (state.status, event) {
        (status, Event::Cancel | Event::Expire) if status.is_final() => Err(Refusal::WrongState),
        (_, Event::Cancel) => to(Cancelled),
        (_, Event::Expire) => to(Expired),
        (Draft, Event::Submit) => to(PendingReview),
        (Draft | PendingReview, Event::Publish) | (PendingReview, Event::Approve) => to(Open),
        (PendingReview | Open, Event::SendBack) if state.filled == 0 => to(Draft),
        (PendingReview, Event::Reject) => to(Cancelled),
        (Open, Event::TakePlace) => {
            let filled = state.filled + 1;
            let status = if filled >= state.needed { Filled } else { Open };
            Ok(NeedState {
                status,
                filled,
                ..state
            })
        }
        (Filled, Event::TakePlace) => Err(Refusal::Full),
        (Open | Filled, Event::FreePlace) if state.filled > 0 => Ok(NeedState {
            status: Open,
            filled: state.filled - 1,
            ..state
        }),
        (Open | Filled, Event::FreePlace) => Err(Refusal::NoneTaken),
        // A need is done once someone helped.
        (Open | Filled, Event::Close) if state.filled > 0 => to(Done),
        _ => Err(Refusal::WrongState),
    }
}

/// Whether a state is one the rules can produce.
pub fn is_valid(state: NeedState) -> bool {
    let places_ok = (0..=state.needed).contains(&state.filled) && state.needed >= 1;
    let status_ok = match state.status {
        NeedStatus::Filled => state.filled == state.needed,
        NeedStatus::Open => state.filled < state.needed,
        NeedStatus::Draft | NeedStatus::PendingReview => state.filled == 0,
        _ => true,
    };
    places_ok && status_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn new_need(needed: i64) -> NeedState {
        NeedState {
            status: NeedStatus::Draft,
            needed,
            filled: 0,
        }
    }

    fn events() -> impl Strategy<Value = Event> {
        prop_oneof![
            Just(Event::Submit),
            Just(Event::Publish),
            Just(Event::Approve),
            Just(Event::SendBack),
            Just(Event::Reject),
            Just(Event::TakePlace),
            Just(Event::TakePlace),
            Just(Event::TakePlace),
            Just(Event::FreePlace),
            Just(Event::Close),
            Just(Event::Cancel),
            Just(Event::Expire),
        ]
    }

    #[test]
    fn a_need_goes_from_draft_to_done() {
        let mut need = new_need(2);
        for event in [
            Event::Submit,
            Event::Approve,
            Event::TakePlace,
            Event::TakePlace,
        ] {
            need = apply(need, event).expect("allowed");
        }
        assert_eq!(need.status, NeedStatus::Filled);
        assert_eq!(apply(need, Event::TakePlace), Err(Refusal::Full));
        let freed = apply(need, Event::FreePlace).expect("withdraw");
        assert_eq!((freed.status, freed.filled), (NeedStatus::Open, 1));
        assert_eq!(
            apply(need, Event::Close).expect("close").status,
            NeedStatus::Done
        );
    }

    #[test]
    fn reviews_decide_only_pending_needs() {
        let pending = apply(new_need(1), Event::Submit).expect("submit");
        assert_eq!(
            apply(pending, Event::Approve).expect("ok").status,
            NeedStatus::Open
        );
        assert_eq!(
            apply(pending, Event::SendBack).expect("ok").status,
            NeedStatus::Draft
        );
        assert_eq!(
            apply(pending, Event::Reject).expect("ok").status,
            NeedStatus::Cancelled
        );
        assert_eq!(apply(new_need(1), Event::Approve), Err(Refusal::WrongState));
        assert_eq!(apply(pending, Event::TakePlace), Err(Refusal::WrongState));
    }

    #[test]
    fn final_states_stay() {
        for status in [NeedStatus::Done, NeedStatus::Cancelled, NeedStatus::Expired] {
            let state = NeedState {
                status,
                needed: 1,
                filled: 1,
            };
            for event in [
                Event::Cancel,
                Event::Expire,
                Event::TakePlace,
                Event::Close,
                Event::Approve,
            ] {
                assert!(apply(state, event).is_err(), "{status:?} {event:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn no_sequence_reaches_an_invalid_state(
            needed in 1i64..6,
            sequence in proptest::collection::vec(events(), 0..60),
        ) {
            let mut need = new_need(needed);
            for event in sequence {
                let before = need;
                match apply(need, event) {
                    Ok(next) => {
                        prop_assert!(is_valid(next), "{before:?} --{event:?}--> {next:?}");
                        prop_assert!(next.filled <= next.needed);
                        prop_assert!(!before.status.is_final(), "left a final state");
                        need = next;
                    }
                    Err(_) => prop_assert_eq!(need, before),
                }
            }
        }

        #[test]
        fn places_never_exceed_what_is_needed(needed in 1i64..20, attempts in 0usize..100) {
            let mut need = apply(apply(new_need(needed), Event::Submit).expect("s"), Event::Approve).expect("a");
            let mut taken = 0;
            for _ in 0..attempts {
                if let Ok(next) = apply(need, Event::TakePlace) {
                    need = next;
                    taken += 1;
                }
            }
            prop_assert_eq!(taken, attempts.min(needed as usize) as i64);
            prop_assert_eq!(need.filled, taken);
        }
    }
}
