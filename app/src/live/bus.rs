//! The change feed of one process, fed by its own writes (SQLite) or by PostgreSQL's
//! `LISTEN` (every instance's writes).

use super::Change;
use crate::db::{Db, DbKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// The PostgreSQL channel all instances of one database share.
pub const CHANNEL: &str = "nachbarschaft_changes";

/// How many changes a slow page may fall behind before it is told to reload everything.
const BACKLOG: usize = 256;

#[derive(Clone, Debug)]
pub struct Live {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    changes: broadcast::Sender<Change>,
    /// Whether this process listens on PostgreSQL; then its own changes come back that
    /// way and are not sent twice.
    listening: AtomicBool,
    /// Set when the server shuts down: open streams end so connections can close.
    closing: watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            inner: Arc::new(Inner {
                changes: broadcast::channel(BACKLOG).0,
                listening: AtomicBool::new(false),
                closing: watch::channel(false).0,
            }),
        }
    }
}

impl Live {
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.inner.changes.subscribe()
    }

    pub fn closing(&self) -> watch::Receiver<bool> {
        self.inner.closing.subscribe()
    }

    /// Ends every open stream (the server is shutting down).
    pub fn close(&self) {
        self.inner.closing.send_replace(true);
    }

    fn deliver(&self, change: Change) {
        // No page open is not an error.
        let _ = self.inner.changes.send(change);
    }
}

/// Announces that needs of an organisation changed, after the change was committed.
/// Never fails the request: a missed announcement costs a page one reload.
pub async fn organisation_changed(db: &Db, organisation: i64) {
    let change = Change::Organisation(organisation);
    let live = db.live();
    if db.kind() == DbKind::Postgres {
        let sent = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(change.payload())
            .execute(db.pool())
            .await;
        match sent {
            Ok(_) if live.inner.listening.load(Ordering::Acquire) => return,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "change not announced to other instances"),
        }
    }
    live.deliver(change);
}

/// Listens on PostgreSQL for the changes of every instance, for as long as the server
/// runs; reconnects after a lost connection and then tells pages to reload everything,
/// since changes made meanwhile were not heard.
pub async fn listen_postgres(live: Live, url: String) {
    let mut closing = live.closing();
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    live.inner.listening.store(true, Ordering::Release);
                    live.deliver(Change::Everything);
                    tracing::info!("listening for changes of other instances");
                    loop {
                        tokio::select! {
                            _ = closing.wait_for(|c| *c) => return,
                            heard = listener.try_recv() => match heard {
                                Ok(Some(note)) => {
                                    if let Some(change) = Change::parse(note.payload()) {
                                        live.deliver(change);
                                    }
                                }
                                Ok(None) | Err(_) => break,
                            }
                        }
                    }
                }
                Err(err) => tracing::warn!(error = %err, "cannot listen for changes"),
            },
            Err(err) => tracing::warn!(error = %err, "cannot listen for changes"),
        }
        live.inner.listening.store(false, Ordering::Release);
        tracing::warn!("change feed lost; retrying");
        tokio::select! {
            _ = closing.wait_for(|c| *c) => return,
            () = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}
