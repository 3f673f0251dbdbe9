//! Reads that many pages repeat (the open-needs list, the Quartiere, who a signed-in
//! person is), kept in memory and tagged with the version of the data they came from.
//! Triggers raise a version in `data_versions` with every change to the tables behind
//! it (migration 0011), in the writing transaction. A request reads the versions once,
//! one small query, and uses a kept entry only while its version is the current one:
//! right on every instance alike, since the versions live in the database. Entries
//! also age out, for what changes with time alone (a need whose end has passed).

use super::Db;
use sqlx::Row;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a kept entry depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Needs, Quartiere, organisations and the Quartiere they serve, meeting places and
    /// their opening hours.
    Listing,
    /// Accounts, memberships, organisations, Quartiere, volunteers' home points.
    Accounts,
}

/// The data versions at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    pub listing: i64,
    pub accounts: i64,
}

impl Versions {
    pub fn of(&self, topic: Topic) -> i64 {
        match topic {
            Topic::Listing => self.listing,
            Topic::Accounts => self.accounts,
        }
    }

    /// From a row holding the columns of [`VERSIONS_SQL`].
    pub fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Versions {
            listing: row.try_get("listing")?,
            accounts: row.try_get("accounts")?,
        })
    }
}

/// The current versions (the sum of their rows), as columns `listing` and `accounts`;
/// also a sub-query of other reads (see [`RequestVersions::around_session`]).
pub const VERSIONS_SQL: &str = "SELECT CAST(SUM(listing) AS BIGINT) AS listing,
        CAST(SUM(accounts) AS BIGINT) AS accounts FROM data_versions";

/// Reads the current versions.
pub async fn read_versions(db: &Db) -> Result<Versions, sqlx::Error> {
    Versions::from_row(&sqlx::query(VERSIONS_SQL).fetch_one(db.pool()).await?)
}

tokio::task_local! {
    /// The versions of the request whose session is being loaded.
    static LOADING_SESSION: RequestVersions;
}

/// The versions of one request, read at most once however many parts of the page ask.
/// Read before the data they tag, so an entry is never newer than its tag says: a change
/// between the two only makes the next request load again.
#[derive(Debug, Clone, Default)]
pub struct RequestVersions(Arc<tokio::sync::OnceCell<Versions>>);

impl RequestVersions {
    pub async fn get(&self, db: &Db) -> Result<Versions, sqlx::Error> {
        self.0.get_or_try_init(|| read_versions(db)).await.copied()
    }

    /// Loads the request's session inside `load`, with these versions at hand: the
    /// session store then reads them in the same round trip as the session, which a
    /// signed-in request needs next anyway (its account is kept by them).
    pub async fn around_session<F: Future>(&self, load: F) -> F::Output {
        LOADING_SESSION.scope(self.clone(), load).await
    }

    /// The versions of the request whose session is being loaded, while not yet read.
    pub fn wanted_with_session() -> Option<RequestVersions> {
        LOADING_SESSION
            .try_with(RequestVersions::clone)
            .ok()
            .filter(|memo| !memo.0.initialized())
    }

    /// Takes versions read together with something else; the first reading stands.
    pub fn offer(&self, versions: Versions) {
        let _ = self.0.set(versions);
    }
}

/// The versions for the current request: once per page view (the server puts a
/// [`RequestVersions`] into each GET) or per server function that only reads (see
/// [`only_reads`]), else read now.
pub async fn request_versions(db: &Db) -> Result<Versions, sqlx::Error> {
    let memo = crate::context::lookup::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestVersions>().cloned())
        .or_else(crate::context::lookup::<RequestVersions>);
    match memo {
        Some(memo) => memo.get(db).await,
        None => read_versions(db).await,
    }
}

/// Declares that the running server function only reads: its kept reads then share one
/// reading of the versions, as a page view's do. A function that writes must not call it.
pub fn only_reads() {
    leptos::prelude::provide_context(RequestVersions::default());
}

/// How long a read that lists or counts open needs is kept at most: a need whose end
/// passes leaves them without any write, so they must not be kept long.
pub const KEEP_TIMED: Duration = Duration::from_secs(10);

/// How long a read that changes only with its data version is kept at most (a second
/// line only: every change raises the version).
pub const KEEP_VERSIONED: Duration = Duration::from_secs(600);

/// At most this many entries are kept; when full, all are dropped and filling starts
/// again. Lists are the largest (about 20 KB for 50 rows), so this bounds the memory to a
/// few MB while holding every filter that is read often.
const MAX_ENTRIES: usize = 256;

struct Entry {
    version: i64,
    stored: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// Kept entries: those of one database (shared by the clones of its [`Db`]), or any
/// other store of values tagged with a version.
pub struct Kept {
    entries: Mutex<HashMap<String, Entry>>,
    capacity: usize,
}

impl Default for Kept {
    fn default() -> Self {
        Kept::with_capacity(MAX_ENTRIES)
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept").finish_non_exhaustive()
    }
}

impl Kept {
    /// A store of at most `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        Kept {
            entries: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while the lock was held cannot leave an entry half-written (inserts
        // and removals are whole), so the map stays usable.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The entry under `key` if it was stored at `version` less than `max_age` ago.
    pub fn get<T: Any + Send + Sync>(
        &self,
        key: &str,
        version: i64,
        max_age: Duration,
    ) -> Option<Arc<T>> {
        let entries = self.entries();
        let entry = entries.get(key)?;
        if entry.version != version || entry.stored.elapsed() >= max_age {
            return None;
        }
        Arc::clone(&entry.value).downcast::<T>().ok()
    }

    pub fn put<T: Any + Send + Sync>(&self, key: String, version: i64, value: Arc<T>) {
        let mut entries = self.entries();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                version,
                stored: Instant::now(),
                value,
            },
        );
    }

    /// The entry under `key` at `version`, loaded and kept when missing or stale.
    pub async fn get_or_load<T, E, F, Fut>(
        &self,
        key: String,
        version: i64,
        max_age: Duration,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        if let Some(value) = self.get::<T>(&key, version, max_age) {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        self.put(key, version, Arc::clone(&value));
        Ok(value)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries().len()
    }
}

impl Db {
    /// The value under `key` for the current data version of `topic`, loaded and kept
    /// when missing, stale or older than `max_age`.
    pub async fn kept<T, F, Fut>(
        &self,
        topic: Topic,
        key: String,
        max_age: Duration,
        load: F,
    ) -> Result<Arc<T>, sqlx::Error>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, sqlx::Error>>,
    {
        let version = request_versions(self).await?.of(topic);
        self.kept_entries()
            .get_or_load(key, version, max_age, load)
            .await
    }

    /// Raises every version far past any it had: after a restore, the database holds older
    /// versions again, which a running instance may still have entries for.
    pub async fn advance_versions(&self) -> Result<(), sqlx::Error> {
        let step = 1_000_000_000_000_i64 + super::now();
        self.execute_write(
            sqlx::query(
                "UPDATE data_versions SET listing = listing + $1, accounts = accounts + $1
              WHERE shard = 0",
            )
            .bind(step),
        )
        .await
        .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGE: Duration = Duration::from_secs(60);

    #[tokio::test]
    async fn a_session_load_brings_the_versions_of_its_request_along() {
        let memo = RequestVersions::default();
        assert!(
            RequestVersions::wanted_with_session().is_none(),
            "only while a session loads"
        );
        let read = Versions {
            listing: 7,
            accounts: 9,
        };
        memo.around_session(async {
            let wanted = RequestVersions::wanted_with_session().expect("the request's versions");
            wanted.offer(read);
            assert!(
                RequestVersions::wanted_with_session().is_none(),
                "read once per request"
            );
            wanted.offer(Versions::default());
        })
        .await;
        assert_eq!(memo.0.get(), Some(&read), "the first reading stands");
    }

    #[test]
    fn an_entry_is_used_only_at_its_version() {
        let kept = Kept::default();
        kept.put("a".into(), 7, Arc::new(String::from("seven")));
        assert_eq!(
            kept.get::<String>("a", 7, AGE).as_deref(),
            Some(&"seven".to_owned())
        );
        assert!(kept.get::<String>("a", 8, AGE).is_none());
        assert!(kept.get::<String>("b", 7, AGE).is_none());
    }

    #[test]
    fn an_entry_of_another_type_is_not_used() {
        let kept = Kept::default();
        kept.put("a".into(), 1, Arc::new(5_i64));
        assert!(kept.get::<String>("a", 1, AGE).is_none());
        assert_eq!(kept.get::<i64>("a", 1, AGE).as_deref(), Some(&5));
    }

    #[test]
    fn an_entry_ages_out() {
        let kept = Kept::default();
        kept.put("a".into(), 1, Arc::new(1_i64));
        assert!(kept.get::<i64>("a", 1, Duration::ZERO).is_none());
    }

    #[test]
    fn a_full_store_starts_again() {
        let kept = Kept::default();
        for i in 0..MAX_ENTRIES {
            kept.put(format!("k{i}"), 1, Arc::new(i));
        }
        assert_eq!(kept.len(), MAX_ENTRIES);
        // Replacing a present key keeps the rest.
        kept.put("k0".into(), 2, Arc::new(0_usize));
        assert_eq!(kept.len(), MAX_ENTRIES);
        kept.put("new".into(), 1, Arc::new(0_usize));
        assert_eq!(kept.len(), 1);
        assert!(kept.get::<usize>("new", 1, AGE).is_some());
    }

    #[tokio::test]
    async fn a_stale_entry_is_loaded_again() {
        let kept = Kept::default();
        let load = |n: i64| move || async move { Ok::<_, ()>(n) };
        let first = kept.get_or_load("a".into(), 1, AGE, load(10)).await;
        assert_eq!(first.map(|v| *v), Ok(10));
        let same = kept.get_or_load("a".into(), 1, AGE, load(11)).await;
        assert_eq!(same.map(|v| *v), Ok(10));
        let newer = kept.get_or_load("a".into(), 2, AGE, load(12)).await;
        assert_eq!(newer.map(|v| *v), Ok(12));
        let failed = kept
            .get_or_load("b".into(), 2, AGE, || async { Err::<i64, _>(()) })
            .await;
        assert!(failed.is_err());
        assert!(kept.get::<i64>("b", 2, AGE).is_none());
    }
}
