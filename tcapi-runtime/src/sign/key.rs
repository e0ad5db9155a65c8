//! Stage 3: the signing key, and the signature made with it.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// The key that signs for one secret key, UTC date and service.
///
/// It is as good as the secret key for that day and service, so its bytes are
/// zeroed when it (or any clone) is dropped, as are the intermediate keys that
/// derive it, and its `Debug` shows none of them. What the HMAC keeps on the
/// stack while it works (its state, its output before it is copied here) is
/// not zeroed: hmac 0.12 offers no way to.
#[derive(Clone)]
pub struct SigningKey(Zeroizing<[u8; 32]>);

impl SigningKey {
    /// Derives the key for `secret_key`, the UTC `date` (`YYYY-MM-DD`, see
    /// [`super::utc_date`]) and `service`.
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        // Sized up front, so that no reallocation leaves a copy that is not zeroed.
        let mut secret = Zeroizing::new(String::with_capacity(3 + secret_key.len()));
        secret.push_str("TC3");
        secret.push_str(secret_key);
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
    let signature = keyed(&*key.0).chain_update(string_to_sign).finalize();
    format!("{:x}", signature.into_bytes())
}

/// HMAC-SHA256, zeroed on drop: a key, or a step towards one.
fn hmac(key: &[u8], data: &[u8]) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(keyed(key).chain_update(data).finalize().into_bytes().into())
}

fn keyed(key: &[u8]) -> Hmac<Sha256> {
    let Ok(mac) = Hmac::<Sha256>::new_from_slice(key) else {
        unreachable!("HMAC takes keys of any length")
    };
    mac
}
