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

    // Accounts
    NavRegister => "Registrieren", "Register";
    NavCoordinator => "Koordination", "Coordination";
    LoginForgot => "Passwort vergessen?", "Forgot your password?";
    LoginRegister => "Noch kein Konto? Jetzt registrieren", "No account yet? Register now";
    RegisterTitle => "Registrieren", "Register";
    RegisterIntro => "Mit einem Konto können Sie Hilfe suchen oder Hilfe anbieten. Wir schicken Ihnen eine E-Mail, um Ihre Adresse zu bestätigen.", "With an account you can ask for help or offer help. We will send you an e-mail to confirm your address.";
    RegisterName => "Name (so sehen andere Sie)", "Name (as others will see you)";
    RegisterRoles => "Was möchten Sie tun?", "What would you like to do?";
    RegisterNeighbour => "Ich suche Hilfe", "I am looking for help";
    RegisterVolunteer => "Ich möchte helfen", "I would like to help";
    RegisterNoQuartier => "– Quartier wählen –", "– choose a Quartier –";
    RegisterSubmit => "Konto anlegen", "Create account";
    RegisterHaveAccount => "Schon ein Konto? Anmelden", "Already have an account? Sign in";
    PasswordHint => "Mindestens 10 Zeichen. Ein kurzer Satz lässt sich gut merken.", "At least 10 characters. A short sentence is easy to remember.";
    PasswordRepeat => "Passwort wiederholen", "Repeat the password";
    CurrentPassword => "Ihr jetziges Passwort", "Your current password";
    NewPassword => "Neues Passwort", "New password";
    NewEmail => "Neue E-Mail-Adresse", "New e-mail address";
    VerifyTitle => "E-Mail-Adresse bestätigen", "Confirm your e-mail address";
    VerifyIntro => "Bitte bestätigen Sie mit einem Klick, dass diese E-Mail-Adresse Ihnen gehört.", "Please confirm with one click that this e-mail address is yours.";
    VerifySubmit => "Adresse bestätigen", "Confirm address";
    EmailConfirmTitle => "Neue E-Mail-Adresse bestätigen", "Confirm your new e-mail address";
    EmailConfirmIntro => "Mit einem Klick wird diese Adresse die Adresse Ihres Kontos.", "One click makes this address your account's address.";
    EmailConfirmSubmit => "Neue Adresse übernehmen", "Use the new address";
    ForgotTitle => "Passwort vergessen", "Forgot your password";
    ForgotIntro => "Geben Sie Ihre E-Mail-Adresse ein. Wenn es dazu ein Konto gibt, schicken wir Ihnen einen Link, mit dem Sie ein neues Passwort wählen können. Der Link gilt eine Stunde.", "Enter your e-mail address. If there is an account for it, we will send you a link to choose a new password. The link is valid for one hour.";
    ForgotSubmit => "Link schicken", "Send link";
    ResetTitle => "Neues Passwort wählen", "Choose a new password";
    ResetSubmit => "Passwort speichern", "Save password";
    InvitationTitle => "Einladung ins Team", "Invitation to the team";
    InvitationIntro => "{organisation} lädt Sie ein: {role}.", "{organisation} invites you: {role}.";
    InvitationAcceptAs => "Die Einladung gilt für {email}. Sie müssen mit dieser Adresse angemeldet sein.", "The invitation is for {email}. You need to be signed in with this address.";
    InvitationAccept => "Einladung annehmen", "Accept the invitation";
    InvitationSignInFirst => "Sie haben schon ein Konto mit dieser Adresse? Melden Sie sich an und öffnen Sie den Link noch einmal.", "Already have an account with this address? Sign in and open the link again.";
    InvitationNewAccount => "Neues Konto für die Einladung", "A new account for the invitation";
    MeChangePassword => "Passwort ändern", "Change password";
    MeChangeEmail => "E-Mail-Adresse ändern", "Change e-mail address";
    MeExport => "Meine Daten herunterladen", "Download my data";
    MeExportIntro => "Alles, was wir über Sie gespeichert haben, als JSON-Datei.", "Everything we store about you, as a JSON file.";
    MeExportLink => "Daten herunterladen (JSON)", "Download data (JSON)";
    MeDelete => "Konto löschen", "Delete account";
    MeDeleteIntro => "Ihr Name, Ihre E-Mail-Adresse und Ihre Rollen werden gelöscht. Was Sie geschrieben haben, bleibt ohne Ihren Namen; Zahlen für Berichte bleiben. Das lässt sich nicht rückgängig machen.", "Your name, e-mail address and roles are deleted. What you wrote stays without your name; counts for reports stay. This cannot be undone.";
    MeDeleteSubmit => "Konto endgültig löschen", "Delete account for good";
    RoleCoordinator => "Koordination", "Coordinator";
    RoleOrgAdmin => "Verwaltung der Organisation", "Organisation admin";
    RoleNeighbour => "Sucht Hilfe", "Looking for help";
    RoleVolunteer => "Hilft mit", "Volunteer";
    NoticeCheckMail => "Bitte schauen Sie in Ihr E-Mail-Postfach: Wir haben Ihnen einen Link geschickt. Danach können Sie sich anmelden.", "Please check your inbox: we have sent you a link. After that you can sign in.";
    NoticeEmailVerified => "Danke! Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.", "Thank you! Your e-mail address is confirmed. You can sign in now.";
    NoticeVerifyFirst => "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen einen neuen Link geschickt.", "Please confirm your e-mail address first. We have sent you a new link.";
    NoticeResetMailSent => "Wenn es zu dieser Adresse ein Konto gibt, ist ein Link unterwegs. Bitte schauen Sie in Ihr Postfach.", "If there is an account for this address, a link is on its way. Please check your inbox.";
    NoticePasswordReset => "Ihr neues Passwort ist gespeichert. Bitte melden Sie sich damit an.", "Your new password is saved. Please sign in with it.";
    NoticePasswordChanged => "Ihr Passwort ist geändert. Andere Geräte sind jetzt abgemeldet.", "Your password has been changed. Other devices are now signed out.";
    NoticeEmailChangeSent => "Wir haben einen Link an die neue Adresse geschickt. Erst damit wird sie übernommen.", "We have sent a link to the new address. It is used only after you open it.";
    NoticeEmailChanged => "Ihre neue E-Mail-Adresse ist gespeichert.", "Your new e-mail address is saved.";
    NoticeInvitationSent => "Die Einladung ist verschickt.", "The invitation has been sent.";
    NoticeInvitationAccepted => "Willkommen im Team! Sie haben jetzt Zugang zur Koordination.", "Welcome to the team! You now have access to coordination.";
    NoticeMemberRemoved => "Die Rolle ist entzogen.", "The role has been removed.";
    NoticeAccountDeleted => "Ihr Konto ist gelöscht. Alles Gute!", "Your account has been deleted. All the best!";
    NoticeSignedOut => "Sie sind abgemeldet.", "You are signed out.";
    ProblemTooShort => "{field}: Bitte mindestens 10 Zeichen.", "{field}: please use at least 10 characters.";
    ProblemTooCommon => "{field}: Dieses Passwort ist zu leicht zu erraten. Bitte wählen Sie ein anderes.", "{field}: this password is too easy to guess. Please choose another one.";
    ProblemMismatch => "{field}: Die Angaben passen nicht zusammen.", "{field}: the entries do not match.";
    ProblemWrong => "{field}: Das stimmt leider nicht.", "{field}: this is not correct.";
    ProblemExpired => "{field}: Der Link ist abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.", "{field}: the link has expired or was already used. Please ask for a new one.";
    FieldLink => "Link", "Link";
    FieldInvitation => "Einladung", "Invitation";
    FieldRole => "Rolle", "Role";
    FieldOrganisation => "Organisation", "Organisation";
    FieldPerson => "Person", "Person";

    // Coordination
    CoordinatorTitle => "Koordination", "Coordination";
    CoordinatorYourRoles => "Ihre Rollen", "Your roles";
    TeamTitle => "Team", "Team";
    TeamActions => "Aktionen", "Actions";
    TeamRemove => "Rolle entziehen: {name}", "Remove role: {name}";
    TeamPending => "Offene Einladungen", "Open invitations";
    TeamInvite => "Jemanden einladen", "Invite someone";
    TeamInviteSubmit => "Einladung schicken", "Send invitation";
    AuditTitle => "Protokoll", "Audit log";
    AuditPlatform => "Protokoll der ganzen Plattform", "Audit log of the whole platform";
    AuditEmpty => "Noch keine Einträge.", "No entries yet.";
    AuditWhen => "Wann", "When";
    AuditWhat => "Was", "What";
    AuditWho => "Wer", "Who";
    AuditAbout => "Betrifft", "About";
    AuditSignedIn => "Angemeldet", "Signed in";
    AuditSignInFailed => "Anmeldung fehlgeschlagen", "Sign-in failed";
    AuditSignedOut => "Abgemeldet", "Signed out";
    AuditRegistered => "Konto angelegt", "Account created";
    AuditEmailVerified => "E-Mail-Adresse bestätigt", "E-mail address confirmed";
    AuditPasswordResetRequested => "Passwort-Link angefordert", "Password link requested";
    AuditPasswordReset => "Passwort über Link neu gesetzt", "Password reset by link";
    AuditPasswordChanged => "Passwort geändert", "Password changed";
    AuditEmailChangeRequested => "Neue E-Mail-Adresse angefragt", "New e-mail address requested";
    AuditEmailChanged => "E-Mail-Adresse geändert", "E-mail address changed";
    AuditRoleGranted => "Rolle vergeben", "Role granted";
    AuditRoleRevoked => "Rolle entzogen", "Role removed";
    AuditInvitationSent => "Einladung verschickt", "Invitation sent";
    AuditInvitationAccepted => "Einladung angenommen", "Invitation accepted";
    AuditDataExported => "Daten heruntergeladen", "Data downloaded";
    AuditAccountDeleted => "Konto gelöscht", "Account deleted";

    // Letters
    MailGreeting => "Guten Tag,", "Hello,";
    MailSignature => "Viele Grüße\nIhr Team von Gute Nachbarschaft\n\nDiese E-Mail wurde automatisch verschickt.", "Kind regards\nThe Gute Nachbarschaft team\n\nThis e-mail was sent automatically.";
    MailVerifySubject => "Bitte bestätigen Sie Ihre E-Mail-Adresse", "Please confirm your e-mail address";
    MailVerifyBody => "bitte bestätigen Sie Ihre E-Mail-Adresse für Gute Nachbarschaft mit diesem Link (er gilt drei Tage):\n\n{link}\n\nWenn Sie sich nicht registriert haben, können Sie diese E-Mail einfach löschen.", "please confirm your e-mail address for Gute Nachbarschaft with this link (valid for three days):\n\n{link}\n\nIf you did not register, you can simply delete this e-mail.";
    MailAlreadySubject => "Sie haben schon ein Konto", "You already have an account";
    MailAlreadyBody => "jemand wollte mit Ihrer E-Mail-Adresse ein Konto anlegen. Sie haben schon eines. Hier melden Sie sich an:\n\n{login}\n\nPasswort vergessen? Hier wählen Sie ein neues:\n\n{reset}\n\nWenn Sie das nicht waren, brauchen Sie nichts zu tun.", "someone tried to create an account with your e-mail address. You already have one. Sign in here:\n\n{login}\n\nForgot your password? Choose a new one here:\n\n{reset}\n\nIf this was not you, there is nothing you need to do.";
    MailResetSubject => "Neues Passwort für Gute Nachbarschaft", "New password for Gute Nachbarschaft";
    MailResetBody => "mit diesem Link wählen Sie ein neues Passwort (er gilt eine Stunde):\n\n{link}\n\nWenn Sie das nicht angefordert haben, bleibt Ihr Passwort unverändert.", "use this link to choose a new password (valid for one hour):\n\n{link}\n\nIf you did not ask for this, your password stays as it is.";
    MailPasswordChangedSubject => "Ihr Passwort wurde geändert", "Your password has been changed";
    MailPasswordChangedBody => "das Passwort Ihres Kontos wurde eben geändert. Alle anderen Geräte sind abgemeldet.\n\nWaren Sie das nicht? Dann wählen Sie bitte sofort über „Passwort vergessen“ ein neues und sagen Sie Ihrer Koordination Bescheid.", "the password of your account has just been changed. All other devices are signed out.\n\nWas this not you? Then please choose a new one at once with “Forgot your password” and tell your coordinator.";
    MailEmailChangeSubject => "Bitte bestätigen Sie Ihre neue E-Mail-Adresse", "Please confirm your new e-mail address";
    MailEmailChangeBody => "mit diesem Link wird diese Adresse die Adresse Ihres Kontos bei Gute Nachbarschaft (er gilt einen Tag):\n\n{link}", "this link makes this address the address of your Gute Nachbarschaft account (valid for one day):\n\n{link}";
    MailEmailChangedSubject => "Ihre E-Mail-Adresse wurde geändert", "Your e-mail address has been changed";
    MailEmailChangedBody => "Ihr Konto verwendet ab jetzt die Adresse {email}. Waren Sie das nicht? Dann sagen Sie bitte Ihrer Koordination Bescheid.", "your account now uses the address {email}. Was this not you? Then please tell your coordinator.";
    MailInvitationSubject => "Einladung: {organisation} bei Gute Nachbarschaft", "Invitation: {organisation} on Gute Nachbarschaft";
    MailInvitationBody => "{inviter} lädt Sie ein, bei {organisation} mitzuarbeiten ({role}). Mit diesem Link nehmen Sie die Einladung an (er gilt sieben Tage):\n\n{link}", "{inviter} invites you to work with {organisation} ({role}). Accept the invitation with this link (valid for seven days):\n\n{link}";
    DevMailboxTitle => "Entwicklungs-Postfach", "Development mailbox";
    DevMailboxIntro => "Alle E-Mails, die die Plattform geschrieben hat (nur in der Entwicklung sichtbar, wenn kein SMTP-Server eingestellt ist).", "Every e-mail the platform wrote (visible only in development, when no SMTP server is configured).";
    DevMailboxEmpty => "Noch keine E-Mails.", "No e-mails yet.";
    DevMailboxTo => "An", "To";

    // Privacy, in detail
    PrivacyWhatTitle => "Was wir speichern und warum", "What we store and why";
    PrivacyAccount => "Ihr Konto: Name, E-Mail-Adresse, Sprache, ein Passwort-Hash (Argon2id, nie das Passwort selbst) und Ihre Rollen. Zweck: Anmeldung und Zuordnung zu Quartier und Organisation (Art. 6 Abs. 1 lit. b DSGVO).", "Your account: name, e-mail address, language, a password hash (Argon2id, never the password itself) and your roles. Purpose: signing in and linking you to your Quartier and organisation (Art. 6(1)(b) GDPR).";
    PrivacySessions => "Anmelde-Sitzungen: eine zufällige Sitzungsnummer im Cookie „gn_session“ (nicht für Skripte lesbar). Sie endet nach 12 Stunden ohne Nutzung oder beim Abmelden; beim Ändern des Passworts enden alle Sitzungen.", "Sign-in sessions: a random session number in the cookie “gn_session” (not readable by scripts). It ends after 12 hours without use or when you sign out; changing the password ends all sessions.";
    PrivacyLetters => "E-Mails, die wir Ihnen schicken (Bestätigungen, Links, Einladungen), liegen bis zum Versand in einem Postausgang; Links darin gelten nur einmal und kurz, gespeichert wird nur ein Prüfwert.", "E-mails we send you (confirmations, links, invitations) wait in an outbox until they are sent; links in them work once and briefly, and only a check value is stored.";
    PrivacyAudit => "Sicherheitsprotokoll: Anmeldungen, fehlgeschlagene Anmeldungen, Rollen, Einladungen, Datenabrufe und Löschungen – mit Zeitpunkt, ohne Passwörter oder Nachrichteninhalte. Zweck: Schutz der Konten und der Menschen, die Hilfe suchen (Art. 6 Abs. 1 lit. f DSGVO). Einsehen dürfen es nur die Verwaltung Ihrer Organisation und die Plattform-Administration.", "Security log: sign-ins, failed sign-ins, roles, invitations, data downloads and deletions – with the time, without passwords or message contents. Purpose: protecting accounts and the people who ask for help (Art. 6(1)(f) GDPR). Only your organisation's admins and the platform admin may read it.";
    PrivacyRightsTitle => "Ihre Rechte", "Your rights";
    PrivacyExport => "Unter „Mein Bereich“ können Sie alle Daten über Sie als Datei herunterladen (Art. 15 und 20 DSGVO).", "Under “My account” you can download all data about you as a file (Art. 15 and 20 GDPR).";
    PrivacyDelete => "Dort können Sie Ihr Konto auch selbst löschen (Art. 17 DSGVO): Name, E-Mail-Adresse und Rollen werden gelöscht, Ihre Beiträge bleiben ohne Namen, im Protokoll bleibt nur das Ereignis ohne Bezug zu Ihnen.", "There you can also delete your account yourself (Art. 17 GDPR): name, e-mail address and roles are deleted, your contributions stay without your name, and the log keeps only the event without any link to you.";
    PrivacyContact => "Fragen zum Datenschutz beantwortet die Organisation in Ihrem Quartier; ihre Kontakte stehen unter „Hilfe in Not“.", "The organisation in your Quartier answers questions about data protection; its contacts are listed under “Help in a crisis”.";
    AuditNeedPosted => "Gesuch eingestellt", "Need posted";
    AuditNeedReviewed => "Gesuch geprüft", "Need reviewed";
    AuditSignedUpForNeed => "Für ein Gesuch gemeldet", "Signed up for a need";
    AuditWithdrewFromNeed => "Von einem Gesuch zurückgetreten", "Withdrew from a need";
    AuditContactRevealed => "Kontaktdaten freigegeben", "Contact details revealed";
    AuditTimeLogged => "Zeit eingetragen", "Time logged";
    AuditNeedClosed => "Gesuch abgeschlossen", "Need closed";

    // Needs: fields and problems
    ProblemDuplicate => "{field}: Das haben Sie schon getan.", "{field}: you have already done this.";
    ProblemOwn => "{field}: Bei Ihrem eigenen Gesuch geht das nicht.", "{field}: this is not possible for your own need.";
    ProblemClosed => "{field}: Das Gesuch ist dafür nicht (mehr) offen.", "{field}: the need is not (or no longer) open for this.";
    ProblemPast => "{field}: Der Zeitpunkt liegt in der Vergangenheit.", "{field}: this time is in the past.";
    ProblemOutOfRange => "{field}: Die Zahl liegt außerhalb des erlaubten Bereichs.", "{field}: the number is outside the allowed range.";
    FieldNeed => "Gesuch", "Need";
    FieldTitle => "Was wird gebraucht?", "What is needed?";
    FieldDescription => "Beschreibung der Aufgabe", "Description of the task";
    FieldDate => "Datum", "Date";
    FieldStart => "Von", "From";
    FieldEnd => "Bis", "Until";
    FieldHelpers => "Wie viele Helfende?", "How many helpers?";
    FieldMinutes => "Zeit in Minuten", "Time in minutes";
    FieldHelper => "Helfende Person", "Helper";
    FieldMessage => "Nachricht", "Message";
    FieldDecision => "Entscheidung", "Decision";
    FieldNote => "Hinweis", "Note";
    FieldLanguage => "Sprache", "Language";
    FieldContactName => "Vorname", "First name";
    FieldStreetAddress => "Genaue Adresse", "Exact address";
    FieldPhone => "Telefon", "Phone";
    FieldRoughPlace => "Ungefährer Ort (z. B. Nähe Marktplatz)", "Rough place (e.g. near the market square)";
    ProblemOtherOrganisation => "{field}: Das gehört zu einer anderen Organisation.", "{field}: this belongs to another organisation.";
    ProblemWording => "{field}: Bitte beschreiben Sie die Aufgabe, nicht die Menschen, die helfen sollen. Herkunft, Religion oder Geschlecht gehören nicht in ein Gesuch; eine gleichgeschlechtliche Begleitung können Sie unten ankreuzen.", "{field}: please describe the task, not the people who should help. Origin, religion or gender do not belong in a need; you can tick a same-gender helper below.";
    NoticeNeedSubmitted => "Danke! Ihr Gesuch ist eingegangen. Eine Koordinatorin oder ein Koordinator schaut es sich an und gibt es frei.", "Thank you! Your need has arrived. A coordinator will look at it and publish it.";
    NoticeNeedSubmittedContactMoved => "Danke! Ihr Gesuch ist eingegangen und wird geprüft. Kontaktdaten aus dem Text haben wir in den geschützten Teil verschoben – sie sieht nur, wer bestätigt hilft.", "Thank you! Your need has arrived and will be reviewed. We moved contact details from the text to the protected part – only a confirmed helper sees them.";
    NoticeNeedPublished => "Das Gesuch ist veröffentlicht.", "The need is published.";
    NoticeNeedPublishedContactMoved => "Das Gesuch ist veröffentlicht. Kontaktdaten aus dem Text stehen jetzt im geschützten Teil.", "The need is published. Contact details from the text are now in the protected part.";
    NoticeSignedUpForNeed => "Danke, Sie sind dabei! Sobald Sie bestätigt sind, sehen Sie Adresse und Telefonnummer.", "Thank you, you're in! Once you are confirmed, you will see the address and phone number.";
    NoticeWaitlisted => "Alle Plätze sind vergeben – Sie stehen auf der Warteliste und rücken nach, wenn jemand absagt.", "All places are taken – you are on the waitlist and move up if someone withdraws.";
    NoticeWithdrawn => "Sie haben abgesagt. Danke, dass Sie Bescheid gegeben haben.", "You have withdrawn. Thank you for letting us know.";
    NoticeHelperConfirmed => "Die helfende Person ist bestätigt und sieht jetzt die Kontaktdaten.", "The helper is confirmed and now sees the contact details.";
    NoticeTimeLogged => "Ihre Zeit ist eingetragen. Danke für Ihre Hilfe!", "Your time is logged. Thank you for your help!";
    NoticeNeedClosed => "Das Gesuch ist abgeschlossen. Danke an alle!", "The need is closed. Thanks to everyone!";
    NoticeNeedReviewed => "Die Entscheidung ist gespeichert.", "The decision is saved.";

    // Needs: posting and one need's page
    NewNeedTitle => "Hilfe suchen", "Ask for help";
    NewNeedIntro => "Beschreiben Sie, wobei Sie Hilfe brauchen. Öffentlich sichtbar sind nur Art der Hilfe, Quartier und Zeit – Name, Adresse und Telefon sieht nur, wer bestätigt hilft.", "Describe what you need help with. Only the kind of help, the Quartier and the time are public – name, address and phone are seen only by a confirmed helper.";
    NewNeedTitleHint => "Kurz und ohne Namen, z. B. „Einkauf für die Woche“.", "Short and without names, e.g. “Shopping for the week”.";
    NewNeedDescriptionHint => "Was genau ist zu tun? Bitte die Aufgabe beschreiben, nicht die Person, die helfen soll. Keine Telefonnummern oder Adressen hier.", "What exactly needs doing? Please describe the task, not the person who should help. No phone numbers or addresses here.";
    NewNeedWhen => "Wann?", "When?";
    NewNeedWeekly => "Jede Woche wieder", "Every week";
    NewNeedRequirements => "Besondere Wünsche", "Special requirements";
    NewNeedAnyLanguage => "– egal –", "– any –";
    NewNeedSameGender => "Gleichgeschlechtliche Begleitung", "Same-gender helper";
    NewNeedStepFree => "Stufenlos (Rollstuhl, Rollator)", "Step-free (wheelchair, walker)";
    NewNeedCar => "Mit Auto", "With a car";
    NewNeedPrivate => "Geschützte Angaben", "Protected details";
    NewNeedPrivateHint => "Nur für die bestätigte helfende Person und die Koordination.", "Only for the confirmed helper and the coordinators.";
    NewNeedNotes => "Weitere Hinweise (z. B. Klingel, Hund)", "Further notes (e.g. doorbell, dog)";
    NewNeedConsent => "Wie hat die Person zugestimmt?", "How did the person agree?";
    NewNeedConsentNone => "– bitte wählen –", "– please choose –";
    NewNeedConsentHint => "Nur für Gesuche, die Sie für jemanden ohne Konto eintragen.", "Only for needs you enter for someone without an account.";
    ConsentPhone => "Am Telefon", "On the phone";
    ConsentVisit => "Bei einem Besuch", "During a visit";
    ConsentPaper => "Auf Papier unterschrieben", "Signed on paper";
    ConsentRelative => "Über eine bevollmächtigte Person", "Through an authorised person";
    NewNeedSubmit => "Gesuch absenden", "Send the need";
    NeedTitle => "Gesuch", "Need";
    NeedState => "Stand", "Status";
    NeedSpeaks => "Sprache: {language}", "Language: {language}";
    NeedTask => "Die Aufgabe", "The task";
    NeedSignInToHelp => "Melden Sie sich als helfende Person an, um die Beschreibung zu sehen und zu helfen.", "Sign in as a volunteer to see the description and to help.";
    NeedSignUp => "Ich helfe", "I'll help";
    NeedWithdraw => "Absagen", "Withdraw";
    NeedLogTime => "Zeit eintragen", "Log time";
    NeedContactLater => "Vorname, Adresse und Telefon sehen Sie, sobald Sie bestätigt sind.", "You will see first name, address and phone once you are confirmed.";
    NeedHelpers => "Helfende", "Helpers";
    NeedNoHelpers => "Noch niemand hat sich gemeldet.", "Nobody has signed up yet.";
    NeedConfirm => "Bestätigen: {name}", "Confirm: {name}";
    NeedMinutesLogged => "{minutes} Minuten", "{minutes} minutes";
    NeedClose => "Gesuch abschließen", "Close the need";
    NeedFeedback => "Dank oder Rückmeldung (freiwillig)", "Thanks or feedback (optional)";
    NeedReviewNote => "Hinweis der Koordination", "Note from the coordinators";
    NeedReviewNoteLabel => "Hinweis (nötig beim Zurückgeben oder Ablehnen)", "Note (needed to send back or reject)";
    NeedPrivateDeleted => "Die geschützten Angaben sind nach Ablauf der Frist gelöscht.", "The protected details were deleted after the retention period.";
    ReviewApprove => "Freigeben", "Approve";
    ReviewSendBack => "Zurückgeben", "Send back";
    ReviewReject => "Ablehnen", "Reject";
    HelperSignedUp => "gemeldet", "signed up";
    HelperConfirmed => "bestätigt", "confirmed";
    HelperWaitlisted => "auf der Warteliste", "on the waitlist";
    HelperWithdrawn => "abgesagt", "withdrawn";
    StatusDraft => "Entwurf", "Draft";
    StatusPendingReview => "Wird geprüft", "Being reviewed";
    StatusOpen => "Offen", "Open";
    StatusFilled => "Alle Plätze vergeben", "All places taken";
    StatusDone => "Erledigt", "Done";
    StatusCancelled => "Abgesagt", "Cancelled";
    StatusExpired => "Abgelaufen", "Expired";
    QueueTitle => "Zu prüfen", "To review";
    QueueEmpty => "Keine Gesuche warten auf Prüfung.", "No needs are waiting for review.";
    NavNewNeed => "Hilfe suchen", "Ask for help";
    MeMyNeeds => "Meine Gesuche", "My needs";
    MeHelping => "Wo ich helfe", "Where I help";
    MeHours => "Eingetragene Zeit insgesamt: {hours} Stunden", "Time logged in all: {hours} hours";
    NoticeMessageSent => "Ihre Nachricht ist verschickt.", "Your message has been sent.";
    NoticeMessageHeldBack => "Ihre Nachricht ist verschickt – Kontaktdaten darin haben wir zurückgehalten, bis die helfende Person bestätigt ist.", "Your message has been sent – we held back contact details in it until the helper is confirmed.";
    MessagesTitle => "Nachrichten", "Messages";
    MessagesEmpty => "Noch keine Nachrichten.", "No messages yet.";
    MessageHeldBackHint => "(Kontaktdaten zurückgehalten)", "(contact details held back)";
    MessageSend => "Nachricht senden", "Send message";
    MessageDeletedAuthor => "Gelöschtes Konto", "Deleted account";
    MailMessageSubject => "Neue Nachricht zu Ihrem Gesuch", "New message about your need";
    MailMessageBody => "{name} hat eine Nachricht geschrieben. Lesen und antworten:\n\n{link}", "{name} has written a message. Read and reply:\n\n{link}";
    NoticeTitle => "Ihr Gesuch bei Gute Nachbarschaft", "Your need on Gute Nachbarschaft";
    NoticeNumber => "Gesuch Nr. {id}", "Need no. {id}";
    NoticeWhatNext => "Wir suchen jetzt jemanden aus Ihrer Nachbarschaft, der hilft. Sobald sich jemand gefunden hat, melden wir uns bei Ihnen. Bitte nennen Sie bei Fragen die Nummer Ihres Gesuchs.", "We are now looking for someone in your neighbourhood to help. As soon as someone is found, we will get in touch. Please give the number of your need if you have questions.";
    NoticeContact => "So erreichen Sie uns", "How to reach us";
    NoticePrivacy => "Ihre Adresse und Telefonnummer sieht nur die bestätigte helfende Person. Sie können Ihre Einwilligung jederzeit bei uns widerrufen.", "Only the confirmed helper sees your address and phone number. You can withdraw your consent with us at any time.";
    NoticeLink => "Merkblatt zum Ausdrucken", "Notice to print";
    NoticeBack => "Zurück zum Gesuch", "Back to the need";
    NoticePrintHint => "Drucken Sie diese Seite mit der Druckfunktion Ihres Browsers.", "Print this page with your browser's print function.";
    MailSignedUpSubject => "Jemand möchte Ihnen helfen", "Someone would like to help you";
    MailSignedUpBody => "{name} hat sich für Ihr Gesuch gemeldet. Bitte bestätigen Sie die Person, dann sieht sie Ihre Adresse und Telefonnummer:\n\n{link}", "{name} has signed up for your need. Please confirm them; then they will see your address and phone number:\n\n{link}";
    MailConfirmedSubject => "Sie sind bestätigt", "You are confirmed";
    MailConfirmedBody => "{name} hat Sie als helfende Person bestätigt. Adresse und Telefonnummer finden Sie hier:\n\n{link}", "{name} has confirmed you as the helper. You will find the address and phone number here:\n\n{link}";
    NeedMyState => "Ihr Stand: {state}", "Your status: {state}";
    NoticeHelperUnassigned => "Die helfende Person ist ausgetragen; wer auf der Warteliste stand, ist nachgerückt.", "The helper is taken off; whoever was on the waitlist has moved up.";
    NoticeNeighbourTrusted => "Die Nachbarin oder der Nachbar gilt jetzt als vertraut: neue Gesuche erscheinen ohne Prüfung.", "The neighbour is now trusted: new needs appear without review.";
    NeedAssign => "Helfende Person direkt eintragen", "Assign a helper directly";
    NeedAssignEmail => "E-Mail-Adresse der helfenden Person", "The helper's e-mail address";
    NeedAssignSubmit => "Eintragen und bestätigen", "Assign and confirm";
    NeedUnassign => "Austragen: {name}", "Take off: {name}";
    NeedTrust => "Dieser Person vertrauen (Gesuche ohne Prüfung)", "Trust this person (needs without review)";
    FilterFrom => "Ab", "From";
    FilterTo => "Bis einschließlich", "Up to and including";
    FilterSort => "Reihenfolge", "Order";
    SortSoonest => "Die nächsten zuerst", "Soonest first";
    SortNewest => "Die neuesten zuerst", "Newest first";
    PagesLabel => "Seiten", "Pages";
    PagePrevious => "← Vorherige Seite", "← Previous page";
    PageNext => "Nächste Seite →", "Next page →";
    PageOf => "Seite {page} von {pages}", "Page {page} of {pages}";
    NoticeCalendarRenewed => "Ihr Kalender-Link ist bereit. Ein früherer Link funktioniert nicht mehr.", "Your calendar link is ready. Any earlier link no longer works.";
    NoticeCalendarRevoked => "Der Kalender-Link ist gelöscht.", "The calendar link has been deleted.";
    MeCalendar => "Meine Einsätze im Kalender", "My assignments in my calendar";
    MeCalendarIntro => "Mit diesem geheimen Link zeigt Ihre Kalender-App, wo Sie helfen – mit Zeit und Quartier, ohne Namen oder Adressen. Geben Sie den Link nicht weiter.", "With this secret link your calendar app shows where you help – with time and Quartier, without names or addresses. Do not share the link.";
    MeCalendarNew => "Neuen Kalender-Link erstellen", "Create a new calendar link";
    MeCalendarRevoke => "Link löschen", "Delete the link";
    MailReminderSubject => "Erinnerung: morgen helfen Sie", "Reminder: you are helping tomorrow";
    MailReminderBody => "eine Erinnerung an Ihren Einsatz „{title}“ in den nächsten 24 Stunden. Alles Nötige finden Sie hier:\n\n{link}\n\nWenn Sie doch nicht können, sagen Sie bitte dort ab, damit jemand anderes einspringen kann.", "a reminder of your help with “{title}” within the next 24 hours. Everything you need is here:\n\n{link}\n\nIf you cannot make it after all, please withdraw there so that someone else can step in.";
    MailDigestSubject => "Neue Gesuche in Ihrem Quartier", "New needs in your Quartier";
    MailDigestBody => "in Ihrem Quartier wird Hilfe gesucht:\n\n{list}\n\nDanke, dass Sie dabei sind!", "help is needed in your Quartier:\n\n{list}\n\nThank you for being part of it!";
    FilterDistance => "Entfernung", "Distance";
    FilterAnyDistance => "– egal –", "– any –";
    FilterWithinKm => "bis {km} km", "up to {km} km";
    DistanceAbout => "ca. {km} km entfernt (von Ihrem Quartier aus)", "about {km} km away (from your Quartier)";
}
