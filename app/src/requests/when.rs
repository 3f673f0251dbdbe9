//! Showing a need's time window in Europe/Berlin, in the viewer's language.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, Timelike, Weekday};
use chrono_tz::Europe::Berlin;

const WEEKDAYS_DE: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_index(day: Weekday) -> usize {
    day.num_days_from_monday() as usize
}

/// "Mittwoch, 26. November" / "Wednesday, 26 November" and "10:00–12:00" (local time).
/// Times that cannot be shown (out of range) give empty labels rather than an error.
pub fn labels(lang: Lang, starts_at: i64, ends_at: i64) -> (String, String) {
    let (Some(start), Some(end)) = (
        DateTime::from_timestamp(starts_at, 0),
        DateTime::from_timestamp(ends_at, 0),
    ) else {
        return (String::new(), String::new());
    };
    let start = start.with_timezone(&Berlin);
    let end = end.with_timezone(&Berlin);
    let wd = weekday_index(start.weekday());
    let month = start.month0() as usize;
    let day = match lang {
        Lang::De => format!("{}, {}. {}", WEEKDAYS_DE[wd], start.day(), MONTHS_DE[month]),
        Lang::En => format!("{}, {} {}", WEEKDAYS_EN[wd], start.day(), MONTHS_EN[month]),
    };
    // Not `format("%H:%M")`, which parses its pattern anew for every need of a list.
    let time = format!(
        "{:02}:{:02}–{:02}:{:02}",
        start.hour(),
        start.minute(),
        end.hour(),
        end.minute()
    );
    let time = match lang {
        Lang::De => format!("{time} Uhr"),
        Lang::En => time,
    };
    (day, time)
}

/// "25.11.2026, 10:00" / "25/11/2026, 10:00" in Berlin time, for logs and records.
pub fn moment(lang: Lang, at: i64) -> String {
    let Some(at) = DateTime::from_timestamp(at, 0) else {
        return String::new();
    };
    let at = at.with_timezone(&Berlin);
    match lang {
        Lang::De => at.format("%d.%m.%Y, %H:%M").to_string(),
        Lang::En => at.format("%d/%m/%Y, %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_shown_in_berlin_time() {
        assert_eq!(moment(Lang::De, 1_795_597_200), "25.11.2026, 10:00");
        assert_eq!(moment(Lang::En, 1_795_597_200), "25/11/2026, 10:00");
        assert_eq!(moment(Lang::De, i64::MAX), "");
    }

    #[test]
    fn winter_times_are_shown_in_berlin_time() {
        // 2026-11-25 09:00 UTC = 10:00 in Berlin (CET).
        let start = 1_795_597_200;
        let (day, time) = labels(Lang::De, start, start + 2 * 3600);
        assert_eq!(day, "Mittwoch, 25. November");
        assert_eq!(time, "10:00–12:00 Uhr");
        let (day, time) = labels(Lang::En, start, start + 2 * 3600);
        assert_eq!(day, "Wednesday, 25 November");
        assert_eq!(time, "10:00–12:00");
    }

    #[test]
    fn summer_times_follow_daylight_saving() {
        // 2026-07-01 08:00 UTC = 10:00 in Berlin (CEST).
        let start = 1_782_892_800;
        assert_eq!(labels(Lang::De, start, start + 3600).1, "10:00–11:00 Uhr");
    }

    #[test]
    fn impossible_times_give_empty_labels() {
        assert_eq!(
            labels(Lang::De, i64::MAX, i64::MAX),
            (String::new(), String::new())
        );
    }
}
