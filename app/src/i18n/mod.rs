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

    /// A text with `{name}` placeholders filled in.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
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

    proptest::proptest! {
        #[test]
        fn negotiation_never_panics(cookie in ".{0,80}", accept in ".{0,80}") {
            let _ = Lang::negotiate(Some(&cookie), Some(&accept));
        }
    }
}
