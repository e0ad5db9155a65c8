//! The client's copy of its provider's credentials, refreshed before they expire.

use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use super::{CredentialsError, ProvideCredentials};
use crate::credentials::Credentials;

/// Refresh when less than this is left, as the official SDKs do, or half the
/// lifetime for credentials that live shorter than twice this.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);
/// After a failed fetch, the source is not asked again for this long: callers
/// keep the still-valid credentials, or get the same error, so that a broken
/// source is not hammered.
const RETRY_FAILED_REFRESH_AFTER: Duration = Duration::from_secs(5);

#[derive(Debug)]
struct Cached {
    credentials: Arc<Credentials>,
    refresh_at: Option<SystemTime>,
}

impl Cached {
    fn new(credentials: Credentials, now: SystemTime) -> Cached {
        let refresh_at = credentials.expires_at().map(|expiry| {
            let lifetime = expiry.duration_since(now).unwrap_or_default();
            expiry - REFRESH_BEFORE_EXPIRY.min(lifetime / 2)
        });
        Cached {
            credentials: Arc::new(credentials),
            refresh_at,
        }
    }

    fn is_fresh(&self, now: SystemTime) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }

    fn is_valid(&self, now: SystemTime) -> bool {
        self.credentials.expires_at().is_none_or(|expiry| now < expiry)
    }
}

/// Caches a provider's credentials. Concurrent callers share one refresh, and
/// while it runs, callers whose credentials are still valid do not wait.
#[derive(Debug)]
pub(crate) struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    current: RwLock<Option<Cached>>,
    refresh: tokio::sync::Mutex<()>,
    last_failure: Mutex<Option<Failed>>,
}

/// The last failed fetch, shared with the callers that waited for it.
#[derive(Debug)]
struct Failed {
    at: std::time::Instant,
    source_name: &'static str,
    message: String,
}

impl Failed {
    fn error(&self) -> CredentialsError {
        CredentialsError::new(self.source_name, self.message.clone())
    }
}

impl CredentialsCache {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            provider,
            current: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
            last_failure: Mutex::new(None),
        }
    }

    /// The provider, for Debug output.
    pub(crate) fn provider(&self) -> &dyn ProvideCredentials {
        &*self.provider
    }

    fn snapshot(&self, now: SystemTime) -> (Option<Arc<Credentials>>, bool) {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        match &*current {
            Some(cached) if cached.is_valid(now) => (Some(Arc::clone(&cached.credentials)), cached.is_fresh(now)),
            _ => (None, false),
        }
    }

    /// The cached credentials, if they need no refresh yet: the common case, without a future.
    pub(crate) fn fresh(&self) -> Option<Arc<Credentials>> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let cached = current.as_ref()?;
        // Credentials that never expire need no look at the clock; fresh ones are valid too.
        (cached.refresh_at.is_none() || cached.is_fresh(SystemTime::now())).then(|| Arc::clone(&cached.credentials))
    }

    /// Credentials to sign with now.
    pub(crate) async fn get(&self) -> Result<Arc<Credentials>, CredentialsError> {
        let (valid, fresh) = self.snapshot(SystemTime::now());
        if let (Some(credentials), true) = (&valid, fresh) {
            return Ok(Arc::clone(credentials));
        }
        let arrived = std::time::Instant::now();
        // A source that just failed is not asked again at once, by this caller or any other.
        if let Some(failed) = self.recent_failure(|failed| failed.at.elapsed() < RETRY_FAILED_REFRESH_AFTER) {
            return match &valid {
                Some(credentials) => Ok(Arc::clone(credentials)),
                None => Err(failed),
            };
        }
        let _guard = match (self.refresh.try_lock(), valid) {
            (Ok(guard), _) => guard,
            // Someone is refreshing: keep signing with what is still valid.
            (Err(_), Some(still_valid)) => return Ok(still_valid),
            (Err(_), None) => self.refresh.lock().await,
        };
        // The refresh we waited for may have done the work, or failed: either way, share its outcome.
        let now = SystemTime::now();
        if let (Some(credentials), true) = self.snapshot(now) {
            return Ok(credentials);
        }
        if let Some(failed) = self.recent_failure(|failed| failed.at >= arrived) {
            return Err(failed);
        }
        match self.provider.provide_credentials().await {
            Ok(fresh) => {
                let cached = Cached::new(fresh, SystemTime::now());
                let credentials = Arc::clone(&cached.credentials);
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(cached);
                *self.last_failure.lock().unwrap_or_else(PoisonError::into_inner) = None;
                Ok(credentials)
            }
            Err(error) => {
                *self.last_failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(Failed {
                    at: std::time::Instant::now(),
                    source_name: error.source_name,
                    message: error.message.clone(),
                });
                match self.snapshot(SystemTime::now()).0 {
                    Some(still_valid) => {
                        let left = still_valid
                            .expires_at()
                            .and_then(|expiry| expiry.duration_since(SystemTime::now()).ok())
                            .unwrap_or_default();
                        tracing::warn!(
                            error = %error,
                            expires_in_secs = left.as_secs(),
                            "tcapi could not refresh temporary credentials; keeping the current ones until they expire"
                        );
                        Ok(still_valid)
                    }
                    None => Err(error),
                }
            }
        }
    }

    /// The last failure, if it passes `test`.
    fn recent_failure(&self, test: impl Fn(&Failed) -> bool) -> Option<CredentialsError> {
        let last = self.last_failure.lock().unwrap_or_else(PoisonError::into_inner);
        last.as_ref().filter(|failed| test(failed)).map(Failed::error)
    }
}
