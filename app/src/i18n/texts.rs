//! The texts of the interface: each line is a key, its German text, its English text.

use super::Lang;

macro_rules! texts {
    ($($key:ident => $de:expr, $en:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key,)* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::De) => $de, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    // Shell
    SiteName => "Gute Nachbarschaft", "Gute Nachbarschaft";
    SiteTagline => "Nachbarschaftshilfe in Niedersachsen", "Neighbourhood help in Lower Saxony";
    SkipToContent => "Zum Inhalt springen", "Skip to content";
    NavMain => "Hauptnavigation", "Main navigation";
    NavHome => "Start", "Home";
    NavNeeds => "Gesuche", "Needs";
    NavCrisis => "Hilfe in Not", "Help in a crisis";
    LanguageLabel => "Sprache", "Language";
    FooterAlliance => "Ein Bündnis von Wohlfahrtsverbänden, Kommunen und Zivilgesellschaft in Niedersachsen.", "An alliance of welfare associations, municipalities and civil society in Lower Saxony.";
    FooterPrivacy => "Datenschutz", "Privacy";
    FooterImprint => "Impressum", "Imprint";
    FooterLegal => "Rechtliches", "Legal";
    Loading => "Wird geladen …", "Loading …";

    // Home
    HomeTitle => "Gute Nachbarschaft – Hilfe im Quartier", "Gute Nachbarschaft – help in your neighbourhood";
    HomeHeading => "Nachbarn helfen Nachbarn", "Neighbours helping neighbours";
    HomeIntro => "Hier finden Nachbarinnen und Nachbarn Unterstützung im Alltag – beim Einkauf, auf dem Weg zur Ärztin, bei Formularen oder einfach mit Gesellschaft. Ehrenamtliche sehen, wo sie gebraucht werden; Fachkräfte der Partnerorganisationen begleiten jede Anfrage.", "Neighbours find everyday support here – with shopping, on the way to the doctor, with forms or simply with company. Volunteers see where they are needed; professional staff of the partner organisations look after every request.";
    HomeSeeNeeds => "Offene Gesuche ansehen", "See open needs";
    HomeQuartiere => "Unsere Quartiere und Dörfer", "Our Quartiere and villages";
    HomeLatestNeeds => "Aktuelle Gesuche", "Latest needs";
    HomeAllNeeds => "Alle offenen Gesuche", "All open needs";
    HomeMeetingPlaces => "Treffpunkte", "Meeting places";
    HomeNoPlaces => "Noch keine Treffpunkte eingetragen.", "No meeting places listed yet.";
    KindQuartier => "Stadtquartier", "Urban Quartier";
    KindDorf => "Dorf", "Village";
    OpenNeedsCount => "{count} offene Gesuche", "{count} open needs";
    ServedBy => "Begleitet von: {orgs}", "Supported by: {orgs}";
    OpeningHours => "Öffnungszeiten", "Opening hours";
    StepFree => "Stufenloser Zugang", "Step-free access";
    InQuartier => "in {quartier}", "in {quartier}";

    PlaceCentre => "Nachbarschaftszentrum", "Neighbourhood centre";
    PlaceCafe => "Café", "Café";
    PlaceLibrary => "Bücherei", "Library";
    PlaceParishHall => "Gemeindehaus", "Parish hall";
    PlaceSportsClub => "Sportverein", "Sports club";
    PlaceOther => "Treffpunkt", "Meeting place";

    // Needs list
    NeedsTitle => "Offene Gesuche", "Open needs";
    NeedsIntro => "Wobei Nachbarinnen und Nachbarn gerade Unterstützung suchen. Namen und genaue Orte sehen nur bestätigte Helfende.", "Where neighbours are looking for support right now. Names and exact places are shown only to confirmed helpers.";
    FilterLegend => "Gesuche filtern", "Filter needs";
    FilterQuartier => "Quartier oder Dorf", "Quartier or village";
    FilterCategory => "Art der Hilfe", "Kind of help";
    FilterAllQuartiere => "Alle Quartiere und Dörfer", "All Quartiere and villages";
    FilterAllCategories => "Alle Arten", "All kinds";
    FilterApply => "Filtern", "Filter";
    FilterReset => "Filter zurücksetzen", "Clear filters";
    NeedsFound => "{count} offene Gesuche gefunden", "{count} open needs found";
    NeedsNone => "Zurzeit gibt es hier keine offenen Gesuche. Schauen Sie später wieder vorbei.", "There are no open needs here at the moment. Please look again later.";
    HelpersWanted => "{filled} von {needed} Helfenden gefunden", "{filled} of {needed} helpers found";
    NeedWhen => "Wann", "When";
    NeedWhere => "Wo", "Where";

    // Categories
    CatShopping => "Einkaufen", "Shopping";
    CatAccompaniment => "Begleitung zu Arzt oder Amt", "Accompaniment to a doctor or office";
    CatForms => "Formulare und Briefe", "Forms and letters";
    CatCompany => "Besuch und Gesellschaft", "Visits and company";
    CatTranslation => "Übersetzen", "Translation";
    CatRepairs => "Kleine Reparaturen und Umzugshilfe", "Small repairs and moving help";
    CatTech => "Telefon- und Computerhilfe", "Phone and computer help";
    CatChildcare => "Kinderbetreuung", "Childcare";
    CatGarden => "Garten", "Garden";
    CatOther => "Sonstiges", "Other";

    // Matching reasons
    ReasonDistance => "{km} km entfernt", "{km} km away";
    ReasonLanguage => "spricht {language}", "speaks {language}";
    ReasonSkill => "Erfahrung mit: {category}", "experienced in: {category}";
    ReasonAvailable => "zu {percent} % der Zeit frei", "free for {percent} % of the time";
    ReasonHelpedBefore => "hat dieser Person schon geholfen", "has helped this person before";
    ReasonLightLoad => "in letzter Zeit wenig eingesetzt", "few assignments recently";
    LanguageDe => "Deutsch", "German";
    LanguageEn => "Englisch", "English";
    LanguageTr => "Türkisch", "Turkish";
    LanguageAr => "Arabisch", "Arabic";
    LanguagePl => "Polnisch", "Polish";
    LanguageRu => "Russisch", "Russian";
    LanguageUk => "Ukrainisch", "Ukrainian";
    LanguageFa => "Farsi/Dari", "Farsi/Dari";
    LanguageKu => "Kurdisch", "Kurdish";
    LanguageRo => "Rumänisch", "Romanian";
    LanguageFr => "Französisch", "French";

    // Sign-in and own account
    NavLogin => "Anmelden", "Sign in";
    NavMe => "Mein Bereich", "My account";
    NavLogout => "Abmelden", "Sign out";
    LoginTitle => "Anmelden", "Sign in";
    LoginIntro => "Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.", "Sign in with your e-mail address and password.";
    LoginEmail => "E-Mail-Adresse", "E-mail address";
    LoginPassword => "Passwort", "Password";
    LoginSubmit => "Anmelden", "Sign in";
    LoginErrCredentials => "E-Mail-Adresse oder Passwort stimmen nicht.", "E-mail address or password is not correct.";
    LoginErrMissing => "Bitte geben Sie E-Mail-Adresse und Passwort ein.", "Please enter your e-mail address and password.";
    LoginErrUnavailable => "Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es gleich noch einmal.", "Signing in is not possible right now. Please try again in a moment.";
    LoginErrThrottled => "Zu viele Anmeldeversuche. Bitte versuchen Sie es in {seconds} Sekunden noch einmal.", "Too many sign-in attempts. Please try again in {seconds} seconds.";
    MeTitle => "Mein Bereich", "My account";
    MeData => "Meine Daten", "My data";
    MeName => "Name", "Name";
    MeEmail => "E-Mail-Adresse", "E-mail address";
    MeRoles => "Rollen", "Roles";
    RolePlatformAdmin => "Plattform-Administration", "Platform administration";
    RoleNone => "Noch keine Rolle in einer Organisation", "No role in an organisation yet";

    // Errors
    FieldQuartier => "Quartier oder Dorf", "Quartier or village";
    FieldCategory => "Art der Hilfe", "Kind of help";
    FieldRequest => "Anfrage", "Request";
    ProblemUnknown => "{field}: Diesen Eintrag gibt es nicht. Bitte wählen Sie aus der Liste.", "{field}: this entry does not exist. Please choose from the list.";
    ProblemMalformed => "{field}: Die Eingabe hat nicht die erwartete Form.", "{field}: the input is not in the expected form.";
    ProblemTooLong => "{field}: Die Eingabe ist zu lang.", "{field}: the input is too long.";
    ProblemMissing => "{field}: Bitte ausfüllen.", "{field}: please fill this in.";
    ErrUnauthorized => "Bitte melden Sie sich an.", "Please sign in.";
    ErrForbidden => "Das dürfen Sie leider nicht.", "You are not allowed to do this.";
    ErrNotFound => "Das haben wir nicht gefunden.", "We could not find this.";
    ErrConflict => "Das hat sich inzwischen geändert. Bitte laden Sie die Seite neu.", "This has changed in the meantime. Please reload the page.";
    ErrUnavailable => "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.", "The service is not reachable right now. Please try again in a moment.";
    ErrInternal => "Etwas ist schiefgelaufen. Bitte versuchen Sie es später noch einmal.", "Something went wrong. Please try again later.";
    ErrTransport => "Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.", "No connection to the server. Please check your internet connection.";
    NotFoundTitle => "Seite nicht gefunden", "Page not found";
    NotFoundText => "Diese Seite gibt es nicht (mehr). Über die Navigation finden Sie weiter.", "This page does not exist (any more). The navigation will take you on.";

    // Crisis help
    HelpTitle => "Hilfe in Not", "Help in a crisis";
    HelpIntro => "In akuter Gefahr rufen Sie sofort an. Alle Nummern sind kostenlos und rund um die Uhr erreichbar.", "If you are in immediate danger, call now. All numbers are free of charge and available day and night.";
    HelpPolice => "Polizei", "Police";
    HelpPoliceNote => "Bei Gewalt, Bedrohung oder einer Straftat.", "For violence, threats or a crime.";
    HelpEmergency => "Feuerwehr und Rettungsdienst", "Fire brigade and ambulance";
    HelpEmergencyNote => "Bei Lebensgefahr, Unfall oder Brand.", "When life is in danger, after an accident or in a fire.";
    HelpWomen => "Hilfetelefon Gewalt gegen Frauen", "Helpline violence against women";
    HelpWomenNote => "Anonym, vertraulich und in vielen Sprachen.", "Anonymous, confidential and in many languages.";
    HelpChildren => "Nummer gegen Kummer für Kinder und Jugendliche", "Helpline for children and young people";
    HelpChildrenNote => "Anonym und vertraulich.", "Anonymous and confidential.";
    HelpCrisisLine => "TelefonSeelsorge", "Crisis line (TelefonSeelsorge)";
    HelpCrisisLineNote => "Wenn Sie nicht weiterwissen – jemand hört zu.", "When you do not know what to do – someone listens.";
    HelpCall => "Anrufen: {number}", "Call {number}";
    HelpLocal => "Beratung bei den Partnern vor Ort", "Counselling by the local partners";
    HelpLocalIntro => "Die Fachkräfte unserer Partnerorganisationen beraten vertraulich und vermitteln weiter.", "The professional staff of our partner organisations give confidential advice and refer you on.";

    // Legal pages
    PrivacyTitle => "Datenschutz", "Privacy";
    PrivacyIntro => "Gute Nachbarschaft speichert nur, was für die Vermittlung von Nachbarschaftshilfe nötig ist.", "Gute Nachbarschaft stores only what is needed to arrange neighbourhood help.";
    PrivacyPublic => "Öffentlich sichtbar sind bei einem Gesuch nur Art der Hilfe, Quartier und Zeitfenster – keine Namen, keine genauen Orte.", "For a need, only the kind of help, the Quartier and the time window are public – no names, no exact places.";
    PrivacyPrivate => "Name, genaue Adresse und Telefonnummer werden getrennt gespeichert und nur der bestätigten helfenden Person und den zuständigen Fachkräften gezeigt.", "Name, exact address and phone number are stored separately and shown only to the confirmed helper and the responsible staff.";
    PrivacyRetention => "Private Angaben zu abgeschlossenen Gesuchen werden nach 90 Tagen gelöscht; es bleiben nur Zahlen für Berichte.", "Private details of closed needs are deleted after 90 days; only counts for reports remain.";
    PrivacyCookies => "Wir setzen nur technisch nötige Cookies, zum Beispiel für die gewählte Sprache. Es gibt kein Tracking.", "We set only technically necessary cookies, for example for the chosen language. There is no tracking.";
    ImprintTitle => "Impressum", "Imprint";
    ImprintText => "Bündnis Gute Nachbarschaft Niedersachsen (Demonstrationsbetrieb). Alle Personen, Adressen und Telefonnummern der Demodaten sind frei erfunden.", "Alliance Gute Nachbarschaft Lower Saxony (demonstration service). All people, addresses and phone numbers in the demo data are made up.";
}
