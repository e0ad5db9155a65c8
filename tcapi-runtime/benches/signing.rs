//! One full TC3 signature of the seed request (DescribeMNPMAUMetricCard):
//!
//! - `tc3_sign_seed_request_cached_key`: with a signing key derived earlier (what each call does once
//!   the client's cache holds the day's key);
//! - `tc3_sign_seed_request_uncached`: deriving the key too (once a day per key and service).
//!
//! `cargo bench -p tcapi-runtime --bench signing`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tcapi_runtime::sign::{self, SigningInput, SigningKey};

const SEED_BODY: &str = r#"{"SourceMonth":202511,"DataType":1,"PlatformId":"T04398WY9481762VZTT","TargetMonth":202512,"ApplicationId":"ApplicationId","MNPId":"mp1vd81ntbitj9k2","MNPTeamId":9432130281}"#;

fn signing(c: &mut Criterion) {
    let extra = [("x-tc-action", "describemnpmaumetriccard")];
    let input = SigningInput {
        method: "POST",
        host: "tcsas.intl.tencentcloudapi.com",
        query: "",
        content_type: tcapi_runtime::CONTENT_TYPE,
        extra_headers: &extra,
        payload: SEED_BODY.as_bytes(),
        timestamp: 1_764_593_542,
        service: "tcsas",
    };
    let secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
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
