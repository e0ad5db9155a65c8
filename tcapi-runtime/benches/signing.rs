//! One full TC3 signature of the seed request (DescribeMNPMAUMetricCard), three ways:
//!
//! - `tc3_sign_seed_request_prepared_key`: with a cached [`sign::SigningKey`] (the client's path once its cache holds one);
//! - `tc3_sign_seed_request_raw_key`: with a cached `[u8; 32]` key from [`sign::signing_key`], keying the HMAC each call;
//! - `tc3_sign_seed_request_uncached`: deriving the key too ([`sign::sign`]).
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

    let prepared = SigningKey::derive(secret_key, &date, input.service);
    c.bench_function("tc3_sign_seed_request_prepared_key", |b| {
        b.iter(|| sign::sign_with_prepared_key(black_box(&input), black_box("AKIDEXAMPLE"), black_box(&prepared)))
    });

    let raw = sign::signing_key(secret_key, &date, input.service);
    c.bench_function("tc3_sign_seed_request_raw_key", |b| {
        b.iter(|| sign::sign_with_key(black_box(&input), black_box("AKIDEXAMPLE"), black_box(&raw)))
    });

    c.bench_function("tc3_sign_seed_request_uncached", |b| {
        b.iter(|| sign::sign(black_box(&input), black_box("AKIDEXAMPLE"), black_box(secret_key)))
    });
}

criterion_group!(benches, signing);
criterion_main!(benches);
