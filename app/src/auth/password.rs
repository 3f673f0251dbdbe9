//! Argon2id password hashing (the crate's defaults follow the OWASP recommendation).
//!
//! A hash takes tens of milliseconds of CPU and 19 MiB of memory. It runs on the
//! blocking pool, so the threads that answer every other request never wait for it, and
//! no more than two at a time, so a burst of sign-ins neither takes the memory of a
//! hundred hashes nor both cores for long.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

/// Hashes allowed at once (the machine's two cores).
static HASHING: Semaphore = Semaphore::const_new(2);

/// Runs `work` on the blocking pool when a hashing place is free.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    in_turn_of(&HASHING, work).await
}

async fn in_turn_of<T: Send + 'static>(
    places: &'static Semaphore,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    // The semaphore is never closed, so acquiring fails never; treat it as "no answer".
    let place = places.acquire().await.ok()?;
    // The place goes with the work: a reader who leaves mid-sign-in drops this future,
    // but the hash runs on to its end and holds the place until then.
    tokio::task::spawn_blocking(move || {
        let _place = place;
        work()
    })
    .await
    .ok()
}

pub async fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let password = password.to_owned();
    in_turn(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .unwrap_or(Err(argon2::password_hash::Error::Crypto))
}

/// Whether `password` matches the `stored` hash; false for anything unreadable.
pub async fn verify(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    in_turn(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = super::hash("richtig-langes-passwort").await.expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(super::verify("richtig-langes-passwort", &stored).await);
        assert!(!super::verify("falsches-passwort", &stored).await);
        assert!(!super::verify("x", "not a hash").await);
    }

    /// Hashing leaves the request threads free: on a runtime with one worker thread,
    /// a timer on that thread keeps ticking while four hashes run.
    #[tokio::test(flavor = "current_thread")]
    async fn hashing_does_not_hold_the_request_thread() {
        let ticks = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let ticker = tokio::spawn({
            let ticks = ticks.clone();
            async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                    ticks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
        });
        let hashes = (0..4).map(|_| super::hash("richtig-langes-passwort"));
        for hashed in futures::future::join_all(hashes).await {
            assert!(hashed.expect("hash").starts_with("$argon2id$"));
        }
        ticker.abort();
        // Hashing on this thread would have let the timer run at most once between hashes.
        assert!(ticks.load(std::sync::atomic::Ordering::Relaxed) > 4);
    }

    /// A reader who leaves mid-sign-in does not free the place while the hash still runs.
    #[tokio::test]
    async fn a_dropped_request_keeps_its_place_until_the_hash_ends() {
        static PLACES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
        let (started_tx, started) = std::sync::mpsc::channel::<()>();
        let (finish, finish_rx) = std::sync::mpsc::channel::<()>();
        let request = tokio::spawn(super::in_turn_of(&PLACES, move || {
            let _ = started_tx.send(());
            let _ = finish_rx.recv();
        }));
        tokio::task::spawn_blocking(move || started.recv())
            .await
            .expect("join")
            .expect("the work started");
        request.abort();
        assert!(request.await.is_err_and(|e| e.is_cancelled()));
        assert_eq!(PLACES.available_permits(), 0, "the work still runs");
        finish.send(()).expect("the work waits");
        let _back = PLACES.acquire().await.expect("the place comes back");
    }
}
