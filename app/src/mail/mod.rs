//! E-mail: letters are written to the outbox in the same transaction as the event that
//! causes them; a background worker of the server delivers them (SMTP, or the dev
//! mailbox when no SMTP server is configured).

use crate::i18n::{Key, Lang};

/// A letter ready to be queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

impl Letter {
    /// A letter from a subject key and a body key with `{placeholders}`, with the
    /// greeting and signature every letter shares.
    pub fn compose(lang: Lang, subject: Key, body: Key, values: &[(&str, &str)]) -> Letter {
        let text = lang.fill(body, values);
        Letter {
            subject: lang.fill(subject, values),
            body: format!(
                "{}\n\n{}\n\n{}\n",
                lang.t(Key::MailGreeting),
                text,
                lang.t(Key::MailSignature)
            ),
        }
    }
}

#[cfg(feature = "ssr")]
pub mod outbox;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fill_their_placeholders_in_both_languages() {
        for lang in [Lang::De, Lang::En] {
            let letter = Letter::compose(
                lang,
                Key::MailVerifySubject,
                Key::MailVerifyBody,
                &[("link", "https://example.org/verify?token=abc")],
            );
            assert!(letter.body.contains("https://example.org/verify?token=abc"));
            assert!(!letter.body.contains("{link}"));
            assert!(!letter.subject.is_empty());
        }
    }
}
