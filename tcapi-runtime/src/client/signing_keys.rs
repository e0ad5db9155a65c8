//! Derived signing keys, cached for the day.

use std::sync::{Mutex, PoisonError};

use zeroize::Zeroizing;

use crate::sign;

/// Derived signing keys, which depend only on (secret key, UTC date, service):
/// deriving one costs three HMACs, so each is made once a day.
#[derive(Default)]
pub(crate) struct SigningKeyCache {
    entries: Mutex<Vec<CachedKey>>,
}

struct CachedKey {
    secret_key: Zeroizing<String>,
    /// Days since 1970 (UTC): the key's date.
    day: u64,
    service: String,
    key: sign::SigningKey,
}

/// Enough for every service a process talks to; older entries are dropped first.
const MAX_CACHED_KEYS: usize = 16;

impl SigningKeyCache {
    /// The signing key for the UTC date of `timestamp`: a copy, zeroed when dropped like the cached one.
    pub(super) fn get(&self, secret_key: &str, timestamp: u64, service: &str) -> sign::SigningKey {
        let day = timestamp / 86_400;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = entries
            .iter()
            .find(|e| e.day == day && e.service == service && e.secret_key.as_str() == secret_key)
        {
            return hit.key.clone();
        }
        let key = sign::SigningKey::derive(secret_key, &sign::utc_date(timestamp), service);
        // Yesterday's keys are useless: drop them, and keep the cache bounded.
        entries.retain(|e| e.day == day);
        if entries.len() >= MAX_CACHED_KEYS {
            entries.remove(0);
        }
        entries.push(CachedKey {
            secret_key: Zeroizing::new(secret_key.to_string()),
            day,
            service: service.to_string(),
            key: key.clone(),
        });
        key
    }
}
