//! Request ids: unique per request, shaped like Tencent's, so that tests can
//! match answers to calls.

use std::sync::atomic::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use super::State;

/// Where a mock's counter starts: the clock, so that ids differ from one mock (and run) to the next.
pub(super) fn seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

impl State {
    /// A UUID-shaped id, unique per request, so that tests can match answers to calls.
    pub(super) fn next_request_id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        // SplitMix64 scrambles the counter so that ids look like Tencent's.
        let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (z >> 32) as u32,
            (z >> 16) as u16,
            (z & 0xfff) as u16,
            (n >> 48) as u16 & 0xfff,
            n & 0xffff_ffff_ffff
        )
    }
}
