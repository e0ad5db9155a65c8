//! Stage 3: the signing key, and the signature made with it.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// The key that signs for one secret key, UTC date and service.
///
/// It is as good as the secret key for that day and service, so its bytes are
/// zeroed when it (or any clone) is dropped, as are the intermediate keys that
/// derive it, and its `Debug` shows none of them. The HMAC state that holds a
/// key while it is in use is not zeroed: hmac 0.12 offers no way to.
#[derive(Clone)]
pub struct SigningKey(Zeroizing<[u8; 32]>);

impl SigningKey {
    /// Derives the key for `secret_key`, the UTC `date` (`YYYY-MM-DD`, see
    /// [`super::utc_date`]) and `service`.
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        let secret = Zeroizing::new(format!("TC3{secret_key}"));
        let date_key = hmac(secret.as_bytes(), date.as_bytes());
        let service_key = hmac(&*date_key, service.as_bytes());
        SigningKey(hmac(&*service_key, b"tc3_request"))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").finish_non_exhaustive()
    }
}

/// The signature of the string to sign: its HMAC under the signing key, in lower-case hex.
pub fn signature(key: &SigningKey, string_to_sign: &str) -> String {
    hex::encode(*hmac(&*key.0, string_to_sign.as_bytes()))
}

/// HMAC-SHA256, zeroed on drop: every HMAC here but the signature is a key.
fn hmac(key: &[u8], data: &[u8]) -> Zeroizing<[u8; 32]> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        unreachable!("HMAC takes keys of any length")
    };
    mac.update(data);
    Zeroizing::new(mac.finalize().into_bytes().into())
}
