//! Checks of the free text of a need, before anything is stored: contact data (phone
//! numbers, e-mail addresses, exact street addresses) belongs in the private part and
//! is moved there; wording that picks people by origin, religion or gender gets a hint
//! to describe the task instead. The word lists are data files, German and English.
//! A same-gender helper is asked for with its own checkbox, never in the text.

const WORDING_DE: &str = include_str!("../../data/wording.de.txt");
const WORDING_EN: &str = include_str!("../../data/wording.en.txt");

fn wording_list() -> impl Iterator<Item = &'static str> {
    WORDING_DE
        .lines()
        .chain(WORDING_EN.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The listed phrases the text contains (lower case), if any.
pub fn targeting_phrases(text: &str) -> Vec<&'static str> {
    let lower: String = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    wording_list()
        .filter(|phrase| lower.contains(phrase))
        .collect()
}

/// Street words that mark an exact address when a house number follows.
const STREET_ENDINGS: [&str; 14] = [
    "straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer",
    "chaussee", "street", "road", "avenue",
];

/// What kind of contact data was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Email,
    Address,
}

/// The text without its contact data, and the pieces taken out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    pub text: String,
    pub moved: Vec<(ContactKind, String)>,
}

/// "01.12.2026", "1.12.", "2026-12-01": dates, not phone numbers.
fn looks_like_date(token: &str) -> bool {
    let token = token.trim_end_matches('.');
    let dotted: Vec<&str> = token.split('.').collect();
    let dashed: Vec<&str> = token.split('-').collect();
    let numbers = |parts: &[&str], widths: &[usize]| {
        parts.len() == widths.len()
            && parts.iter().zip(widths).all(|(p, w)| {
                !p.is_empty() && p.len() <= *w && p.chars().all(|c| c.is_ascii_digit())
            })
    };
    numbers(&dotted, &[2, 2, 4]) || numbers(&dotted, &[2, 2]) || numbers(&dashed, &[4, 2, 2])
}

fn is_phone_like(token: &str) -> bool {
    let digits = token.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '/' | '-' | '(' | ')' | '.'))
}

fn is_email_like(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    match token.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.ends_with('.')
        }
        None => false,
    }
}

fn is_house_number(token: &str) -> bool {
    let token = token.trim_end_matches([',', '.', ';']);
    let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
    !digits.is_empty() && digits.len() <= 4 && token.len() <= digits.len() + 1
}

fn ends_like_street(token: &str) -> bool {
    let lower = token.to_lowercase();
    STREET_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Moves phone numbers, e-mail addresses and "Street 12" addresses out of a text.
/// Phone numbers written with spaces ("0511 123 456") are caught as one run of
/// number groups.
pub fn take_out_contact_data(text: &str) -> Cleaned {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut keep = Vec::with_capacity(tokens.len());
    let mut moved = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if is_email_like(token) {
            moved.push((ContactKind::Email, token.to_owned()));
            i += 1;
            continue;
        }
        // A run of number groups that together look like a phone number.
        let mut j = i;
        let mut run = String::new();
        while j < tokens.len()
            && !looks_like_date(tokens[j])
            && tokens[j]
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '/' | '-' | '(' | ')' | '.'))
            && tokens[j].chars().any(|c| c.is_ascii_digit())
        {
            run.push_str(tokens[j]);
            j += 1;
        }
        if j > i && is_phone_like(&run) {
            moved.push((ContactKind::Phone, tokens[i..j].join(" ")));
            i = j;
            continue;
        }
        if ends_like_street(token) && tokens.get(i + 1).is_some_and(|n| is_house_number(n)) {
            moved.push((ContactKind::Address, format!("{token} {}", tokens[i + 1])));
            i += 2;
            continue;
        }
        keep.push(token);
        i += 1;
    }
    Cleaned {
        text: keep.join(" "),
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phone_numbers_emails_and_addresses_are_moved() {
        let cleaned = take_out_contact_data(
            "Einkauf bei Rewe, bitte anrufen unter 0511 123 456 oder helga@example.org, Lindenstraße 12.",
        );
        assert_eq!(cleaned.text, "Einkauf bei Rewe, bitte anrufen unter oder");
        let kinds: Vec<ContactKind> = cleaned.moved.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            vec![ContactKind::Phone, ContactKind::Email, ContactKind::Address]
        );
        assert_eq!(cleaned.moved[0].1, "0511 123 456");
        assert_eq!(cleaned.moved[2].1, "Lindenstraße 12.");
    }

    #[test]
    fn ordinary_numbers_stay() {
        let text = "Zwei Kisten Wasser und 3 Brote, am 12.12. gegen 10 Uhr";
        assert_eq!(take_out_contact_data(text).text, text);
        assert!(take_out_contact_data(text).moved.is_empty());
        let text = "Termin am 01.12.2026 oder 2026-12-03, Rückfahrt 4.12.";
        assert!(
            take_out_contact_data(text).moved.is_empty(),
            "dates are no phone numbers"
        );
        let text = "Hilfe beim Umzug in den 3. Stock, Wohnung 12";
        assert!(take_out_contact_data(text).moved.is_empty());
    }

    #[test]
    fn phrases_that_pick_people_are_found_in_both_languages() {
        assert_eq!(
            targeting_phrases("Suche Hilfe, aber NUR   DEUTSCHE bitte"),
            vec!["nur deutsche"]
        );
        assert_eq!(
            targeting_phrases("Need help, no refugees please"),
            vec!["no refugees"]
        );
        assert!(targeting_phrases("Hilfe beim Einkaufen am Dienstag").is_empty());
    }

    proptest! {
        #[test]
        fn nothing_is_lost_or_invented(text in "[a-zA-Z0-9äöüß@. +/-]{0,200}") {
            let cleaned = take_out_contact_data(&text);
            let mut words: Vec<String> = cleaned.text.split_whitespace().map(str::to_owned).collect();
            for (_, piece) in &cleaned.moved {
                words.extend(piece.split_whitespace().map(str::to_owned));
            }
            let mut original: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
            words.sort();
            original.sort();
            prop_assert_eq!(words, original);
        }

        #[test]
        fn a_cleaned_text_has_no_phone_numbers_left(prefix in "[a-z ]{0,20}", number in "0[1-9][0-9]{2,4} [0-9]{3,8}") {
            let cleaned = take_out_contact_data(&format!("{prefix} {number}"));
            prop_assert!(cleaned.moved.iter().any(|(k, _)| *k == ContactKind::Phone));
            prop_assert!(!cleaned.text.contains(&number));
        }
    }
}
