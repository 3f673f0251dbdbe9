//! Events at meeting places: the next date of a weekly event (in Berlin time, so a
//! café at 15:00 stays at 15:00 across daylight saving) and their iCalendar files.

use chrono::{DateTime, Days, TimeZone};
use chrono_tz::Europe::Berlin;
use icalendar::{Calendar, Component, Event, EventLike};

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub id: i64,
    pub place_id: i64,
    pub place_name: String,
    pub street_address: String,
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub weekly: bool,
}

/// The start of the next time the event takes place that has not ended by `now`;
/// `None` for a one-off event that is over.
pub fn next_start(starts_at: i64, duration_minutes: i64, weekly: bool, now: i64) -> Option<i64> {
    let ends = |start: i64| start + duration_minutes * 60;
    if ends(starts_at) > now {
        return Some(starts_at);
    }
    if !weekly {
        return None;
    }
    let first = DateTime::from_timestamp(starts_at, 0)?
        .with_timezone(&Berlin)
        .naive_local();
    // Whole weeks passed since the first date, then step until it has not ended.
    let mut weeks = ((now - starts_at) / (7 * 86_400)).max(0) as u64;
    loop {
        let local = first.checked_add_days(Days::new(weeks * 7))?;
        let start = Berlin.from_local_datetime(&local).earliest()?.timestamp();
        if ends(start) > now {
            return Some(start);
        }
        weeks += 1;
    }
}

fn ical_event(e: &StoredEvent, base_url: &str) -> Option<Event> {
    let start = DateTime::from_timestamp(e.starts_at, 0)?;
    let end = DateTime::from_timestamp(e.starts_at + e.duration_minutes * 60, 0)?;
    let mut event = Event::new();
    event
        .uid(&format!("event-{}@gute-nachbarschaft", e.id))
        .summary(&e.title)
        .description(&e.description)
        .location(&format!("{}, {}", e.place_name, e.street_address))
        .url(&format!("{base_url}/places/{}", e.place_id))
        .starts(start)
        .ends(end);
    if e.weekly {
        event.add_property("RRULE", "FREQ=WEEKLY");
    }
    Some(event.done())
}

/// An iCalendar file with the given events, named `name`.
pub fn calendar(name: &str, events: &[StoredEvent], base_url: &str) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for e in events {
        if let Some(event) = ical_event(e, base_url) {
            calendar.push(event);
        }
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-10-21 (a Wednesday) 15:00 in Berlin summer time is 13:00 UTC.
    const SUMMER: i64 = 1_792_587_600;

    #[test]
    fn a_weekly_event_keeps_its_local_time_across_daylight_saving() {
        // Five weeks later it is winter time: 15:00 in Berlin is 14:00 UTC.
        let now = SUMMER + 5 * 7 * 86_400;
        let next = next_start(SUMMER, 120, true, now).expect("weekly");
        let local = DateTime::from_timestamp(next, 0)
            .expect("time")
            .with_timezone(&Berlin);
        assert_eq!(local.format("%A %H:%M").to_string(), "Wednesday 15:00");
        assert!(next + 120 * 60 > now);
        assert!(next - 7 * 86_400 + 120 * 60 <= now);
    }

    #[test]
    fn a_past_one_off_event_has_no_next_date() {
        assert_eq!(next_start(SUMMER, 60, false, SUMMER + 3600), None);
        // Running now: still shown.
        assert_eq!(next_start(SUMMER, 120, false, SUMMER + 3600), Some(SUMMER));
    }

    #[test]
    fn the_calendar_carries_the_event_and_its_recurrence() {
        let e = StoredEvent {
            id: 4,
            place_id: 2,
            place_name: "Treff".to_owned(),
            street_address: "Weg 1".to_owned(),
            title: "Sprachcafé".to_owned(),
            description: String::new(),
            starts_at: SUMMER,
            duration_minutes: 90,
            weekly: true,
        };
        let text = calendar("Treff", &[e], "https://example.org");
        assert!(text.contains("SUMMARY:Sprachcafé"), "{text}");
        assert!(text.contains("RRULE:FREQ=WEEKLY"), "{text}");
        assert!(text.contains("https://example.org/places/2"), "{text}");
    }
}
