//! A proposal for many needs at once: every feasible pair is scored, then pairs are
//! taken best first while each need has places left, the volunteer stays within their
//! weekly hours and is not already busy at that time. Taking the best pair first is
//! a greedy 1/2-approximation of the best total score; it is fast, deterministic and
//! easy to explain, and a coordinator accepts any part of it.

use super::{rank, NeedSpec, VolunteerSpec, Weights};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub need_id: i64,
    pub volunteer_id: i64,
    pub score: f64,
}

/// How many candidates per need enter the proposal; more rarely changes the result.
pub const CANDIDATES_PER_NEED: usize = 25;

pub fn propose(
    needs: &[NeedSpec],
    volunteers: &[VolunteerSpec],
    now: i64,
    weights: &Weights,
) -> Vec<Proposal> {
    let mut edges: Vec<(usize, Proposal)> = Vec::new();
    for (index, need) in needs.iter().enumerate() {
        for r in rank(need, volunteers, now, weights, CANDIDATES_PER_NEED) {
            edges.push((
                index,
                Proposal {
                    need_id: need.id,
                    volunteer_id: r.volunteer_id,
                    score: r.score,
                },
            ));
        }
    }
    edges.sort_by(|(_, a), (_, b)| {
        b.score
            .total_cmp(&a.score)
            .then(a.need_id.cmp(&b.need_id))
            .then(a.volunteer_id.cmp(&b.volunteer_id))
    });

    let by_id: HashMap<i64, &VolunteerSpec> = volunteers.iter().map(|v| (v.id, v)).collect();
    let mut filled = vec![0u32; needs.len()];
    let mut hours: HashMap<i64, f64> = HashMap::new();
    let mut busy: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut chosen = Vec::new();
    for (index, proposal) in edges {
        let need = &needs[index];
        if filled[index] >= need.helpers_needed {
            continue;
        }
        let Some(volunteer) = by_id.get(&proposal.volunteer_id) else {
            continue;
        };
        let used = hours
            .get(&volunteer.id)
            .copied()
            .unwrap_or(volunteer.hours_this_week);
        if used + need.hours() > volunteer.max_hours_per_week {
            continue;
        }
        let taken = busy.entry(volunteer.id).or_default();
        if taken
            .iter()
            .any(|&other| needs[other].slot.overlap_minutes(&need.slot) > 0)
        {
            continue;
        }
        taken.push(index);
        hours.insert(volunteer.id, used + need.hours());
        filled[index] += 1;
        chosen.push(proposal);
    }
    chosen
}
