//! Translation layer. German is the default, English the second language.
//!
//! Every user-visible string is a [`Key`]; the `texts!` table gives each key its German
//! and English text, so a key without a translation does not compile. The language
//! is chosen by the `lang` cookie (set by `/lang`), else by the browser's preference
//! between German and English, else German.

mod texts;

pub use texts::Key;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    De,
    En,
}

/// Name of the cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Writing direction for `<html dir>`; both current languages run left to right.
    pub fn dir(self) -> &'static str {
        "ltr"
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, shown in the switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    pub fn t(self, key: Key) -> &'static str {
        key.text(self)
    }

    /// A text with `{name}` placeholders filled in, in one pass over the text: a value
    /// is never searched again, so a name someone chose (`{km}`, say) stays as written.
    /// A placeholder without a value stays as it is.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        fill_placeholders(self.t(key), values)
    }

    /// A distance in kilometres to one decimal with the language's decimal mark
    /// ("1,2" / "1.2"), rounded half up. In whole numbers: every card of a list shows one.
    pub fn kilometres(self, metres: i64) -> String {
        let tenths = metres.max(0).saturating_add(50) / 100;
        let mark = match self {
            Lang::De => ',',
            Lang::En => '.',
        };
        format!("{}{mark}{}", tenths / 10, tenths % 10)
    }

    /// Picks the language from a `Cookie` header value and an `Accept-Language` header value.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
        let from_cookie = cookie_header
            .and_then(|header| cookie_value(header, LANG_COOKIE))
            .and_then(Lang::from_code);
        let from_browser = || {
            accept_language.and_then(|header| {
                header
                    .split(',')
                    .filter_map(|item| item.split(';').next())
                    .find_map(|tag| Lang::from_code(tag.trim().split('-').next().unwrap_or("")))
            })
        };
        from_cookie.or_else(from_browser).unwrap_or_default()
    }
}

/// `text` with each `{name}` that has a value in `values` replaced by it.
fn fill_placeholders(text: &str, values: &[(&str, &str)]) -> String {
    let extra: usize = values.iter().map(|(_, value)| value.len()).sum();
    let mut filled = String::with_capacity(text.len() + extra);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(wanted, _)| *wanted == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// The value of the cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The language of the page being rendered: provided by the app shell.
pub fn use_lang() -> Lang {
    // Islands run in the browser without the page's context; they read `<html lang>`.
    crate::context::lookup::<Lang>().unwrap_or_else(request_lang)
}

/// The language the current request asks for (server side) or the page was rendered in
/// (browser side, read from `<html lang>` so that hydration matches the server).
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        let parts = crate::context::lookup::<http::request::Parts>();
        let header = |name: http::header::HeaderName| {
            parts
                .as_ref()
                .and_then(|p| p.headers.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Lang::negotiate(
            header(http::header::COOKIE).as_deref(),
            header(http::header::ACCEPT_LANGUAGE).as_deref(),
        )
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_the_default_language() {
        assert_eq!(Lang::negotiate(None, None), Lang::De);
        assert_eq!(Lang::negotiate(Some("other=1"), Some("fr-FR,ar")), Lang::De);
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        assert_eq!(
            Lang::negotiate(Some("a=b; lang=en"), Some("de-DE")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(Some("lang=de"), Some("en-GB")), Lang::De);
    }

    #[test]
    fn the_browser_preference_between_german_and_english_counts() {
        assert_eq!(
            Lang::negotiate(None, Some("tr, en-US;q=0.8, de;q=0.5")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(Some("lang=xx"), Some("de-AT,en")), Lang::De);
    }

    #[test]
    fn every_key_has_a_text_in_every_language() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !lang.t(*key).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            Lang::En.fill(Key::NeedsFound, &[("count", "3")]),
            "3 open needs found"
        );
    }

    #[test]
    fn every_placeholder_is_filled_once_and_values_are_not_read_again() {
        assert_eq!(
            fill_placeholders("{a} und {b}, wieder {a}", &[("a", "1"), ("b", "2")]),
            "1 und 2, wieder 1"
        );
        assert_eq!(
            fill_placeholders("Hallo {name}!", &[("name", "{km} {name}"), ("km", "5")]),
            "Hallo {km} {name}!"
        );
        assert_eq!(
            fill_placeholders("{unknown} {a", &[("a", "1")]),
            "{unknown} {a"
        );
        assert_eq!(fill_placeholders("{}", &[("", "leer")]), "leer");
    }

    #[test]
    fn kilometres_have_one_decimal_rounded_half_up() {
        assert_eq!(Lang::De.kilometres(0), "0,0");
        assert_eq!(Lang::De.kilometres(549), "0,5");
        assert_eq!(Lang::De.kilometres(550), "0,6");
        assert_eq!(Lang::En.kilometres(1_250), "1.3");
        assert_eq!(Lang::En.kilometres(12_345), "12.3");
        assert_eq!(Lang::En.kilometres(-40), "0.0");
        assert_eq!(Lang::De.kilometres(i64::MAX), "9223372036854775,8");
    }

    proptest::proptest! {
        #[test]
        fn filling_matches_replacing_when_values_hold_no_braces(
            words in proptest::collection::vec("[a-z ]{0,6}", 0..6),
            value in "[a-zäö 0-9]{0,8}",
        ) {
            let text = words.join("{x}");
            proptest::prop_assert_eq!(
                fill_placeholders(&text, &[("x", &value)]),
                text.replace("{x}", &value)
            );
        }

        #[test]
        fn kilometres_match_the_rounded_tenths(metres in 0i64..10_000_000) {
            let shown = Lang::En.kilometres(metres);
            let tenths = (metres + 50) / 100;
            proptest::prop_assert_eq!(shown, format!("{}.{}", tenths / 10, tenths % 10));
        }

        #[test]
        fn negotiation_never_panics(cookie in ".{0,80}", accept in ".{0,80}") {
            let _ = Lang::negotiate(Some(&cookie), Some(&accept));
        }
    }
}
