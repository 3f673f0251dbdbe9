//! Delivers the outbox: via SMTP (lettre) when `SMTP_URL` is set, else into the dev
//! mailbox (`/dev/mail`) when that is switched on; otherwise letters wait in the
//! outbox. Failed attempts are retried with backoff.

use app::db::Db;
use app::i18n::{Key, Lang};
use app::mail::outbox::{self, Message};
use axum::extract::{Extension, Query};
use axum::response::{Html, IntoResponse, Response};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::Deserialize;
use std::time::Duration;

/// How a letter leaves the outbox.
#[derive(Clone)]
pub enum Delivery {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// Marked delivered at once and read at `/dev/mail`.
    DevMailbox,
    /// Nowhere to send: letters stay queued until SMTP is configured.
    Hold,
}

impl Delivery {
    /// From the configuration: an `smtp://` or `smtps://` URL (lettre's format, e.g.
    /// `smtps://user:pass@mail.example:465`), the sender, and the dev-mailbox switch.
    pub fn configure(
        smtp_url: Option<&str>,
        from: &str,
        dev_mailbox: bool,
    ) -> anyhow::Result<Delivery> {
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                let from = from
                    .parse::<Mailbox>()
                    .map_err(|e| anyhow::anyhow!("MAIL_FROM: {e}"))?;
                Ok(Delivery::Smtp { transport, from })
            }
            None if dev_mailbox => Ok(Delivery::DevMailbox),
            None => Ok(Delivery::Hold),
        }
    }
}

/// Seconds a claimed letter is reserved for this worker.
const LEASE_SECS: i64 = 120;
const BATCH: i64 = 20;

/// Sends what is due once; returns how many letters were delivered.
pub async fn deliver_due(db: &Db, delivery: &Delivery) -> Result<usize, sqlx::Error> {
    if matches!(delivery, Delivery::Hold) {
        return Ok(0);
    }
    let mut delivered = 0;
    for message in outbox::claim_due(db, BATCH, LEASE_SECS).await? {
        match send(delivery, &message).await {
            Ok(()) => {
                outbox::mark_sent(db, message.id).await?;
                delivered += 1;
            }
            Err(error) => {
                tracing::warn!(message = message.id, attempt = message.attempts + 1, %error, "letter not delivered");
                outbox::mark_failed(db, &message, &error).await?;
            }
        }
    }
    Ok(delivered)
}

async fn send(delivery: &Delivery, message: &Message) -> Result<(), String> {
    match delivery {
        Delivery::Smtp { transport, from } => {
            let to = message
                .recipient
                .parse::<Mailbox>()
                .map_err(|e| format!("recipient: {e}"))?;
            let email = lettre::Message::builder()
                .from(from.clone())
                .to(to)
                .subject(message.subject.clone())
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(message.body.clone())
                .map_err(|e| format!("letter: {e}"))?;
            transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("smtp: {e}"))
        }
        Delivery::DevMailbox => Ok(()),
        Delivery::Hold => Err("no SMTP server configured".into()),
    }
}

/// The background worker: looks for due letters every two seconds until the process
/// ends.
pub async fn run(db: Db, delivery: Delivery) {
    if matches!(delivery, Delivery::Hold) {
        tracing::warn!(
            "SMTP_URL is not set and the dev mailbox is off: letters stay in the outbox"
        );
        return;
    }
    let mut every = tokio::time::interval(Duration::from_secs(2));
    loop {
        every.tick().await;
        if let Err(err) = deliver_due(&db, &delivery).await {
            tracing::warn!(error = %err, "outbox delivery failed");
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct MailboxQuery {
    to: Option<String>,
}

async fn mailbox(db: &Db, query: &MailboxQuery) -> Result<Vec<Message>, sqlx::Error> {
    let letters = outbox::latest(db, 100).await?;
    Ok(
        match query.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(to) => letters
                .into_iter()
                .filter(|m| m.recipient.eq_ignore_ascii_case(to))
                .collect(),
            None => letters,
        },
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The dev mailbox as JSON (newest first), e.g. `/dev/mail.json?to=a@example.org`.
pub async fn dev_mailbox_json(
    Extension(db): Extension<Db>,
    Query(query): Query<MailboxQuery>,
) -> Response {
    match mailbox(&db, &query).await {
        Ok(letters) => axum::Json(letters).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "dev mailbox unavailable");
            (
                http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable",
            )
                .into_response()
        }
    }
}

/// The dev mailbox as a page: every letter the platform wrote, newest first.
pub async fn dev_mailbox_page(
    Extension(db): Extension<Db>,
    headers: http::HeaderMap,
    Query(query): Query<MailboxQuery>,
) -> Response {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(
        text(http::header::COOKIE),
        text(http::header::ACCEPT_LANGUAGE),
    );
    let letters = match mailbox(&db, &query).await {
        Ok(letters) => letters,
        Err(err) => {
            tracing::warn!(error = %err, "dev mailbox unavailable");
            return (
                http::StatusCode::SERVICE_UNAVAILABLE,
                lang.t(Key::ErrUnavailable),
            )
                .into_response();
        }
    };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"stylesheet\" href=\"/pkg/nachbarschaft.css\"></head><body><main class=\"page\" id=\"main\"><h1>{}</h1><p class=\"lead\">{}</p>",
        lang.code(),
        escape(lang.t(Key::DevMailboxTitle)),
        escape(lang.t(Key::DevMailboxTitle)),
        escape(lang.t(Key::DevMailboxIntro)),
    );
    if letters.is_empty() {
        html.push_str(&format!("<p>{}</p>", escape(lang.t(Key::DevMailboxEmpty))));
    }
    for letter in letters {
        html.push_str(&format!(
            "<article class=\"letter\"><h2>{}</h2><p>{}: {}</p><pre>{}</pre></article>",
            escape(&letter.subject),
            escape(lang.t(Key::DevMailboxTo)),
            escape(&letter.recipient),
            escape(&letter.body),
        ));
    }
    html.push_str("</main></body></html>");
    Html(html).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_are_escaped() {
        assert_eq!(
            super::escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
