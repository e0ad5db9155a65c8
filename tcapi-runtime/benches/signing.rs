//! One full TC3 signature of the seed request (DescribeMNPMAUMetricCard):
//!
//! - `tc3_sign_seed_request_cached_key`: with a signing key derived earlier (what each call does once
//!   the client's cache holds the day's key);
//! - `tc3_sign_seed_request_uncached`: deriving the key too (once a day per key and service).
//!
//! `cargo bench -p tcapi-runtime --bench signing`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tcapi_runtime::sign::{self, SigningKey};

#[path = "../tests/common/seed.rs"]
mod seed;
use seed::{seed_input, SEED_SECRET_KEY};

fn signing(c: &mut Criterion) {
    let input = seed_input();
    let secret_key = SEED_SECRET_KEY;
    let date = sign::utc_date(input.timestamp);

    let key = SigningKey::derive(secret_key, &date, input.service);
    c.bench_function("tc3_sign_seed_request_cached_key", |b| {
        b.iter(|| sign::sign(black_box(&input), black_box("AKIDEXAMPLE"), black_box(&key)))
    });

    c.bench_function("tc3_sign_seed_request_uncached", |b| {
        b.iter(|| {
            let input = black_box(&input);
            let key = SigningKey::derive(black_box(secret_key), &sign::utc_date(input.timestamp), input.service);
            sign::sign(input, black_box("AKIDEXAMPLE"), &key)
        })
    });
}

criterion_group!(benches, signing);
criterion_main!(benches);
