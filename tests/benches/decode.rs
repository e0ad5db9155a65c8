//! Decoding a large response body: serde's derive against the runtime's one
//! routine (`#[derive(Model)]`, what generated response types use), on twin
//! structs of 24 members, 2,000 of them in a list (about 1.5 MB of JSON).
//!
//! `cargo bench -p tcapi-tests --bench decode`

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Deserialize;

/// Twin structs with the same members, one per decoder.
macro_rules! twins {
    ($($field:ident: $ty:ty),* $(,)?) => {
        #[derive(Deserialize, Default)]
        #[serde(default, rename_all = "PascalCase")]
        #[allow(dead_code)]
        struct BySerde { $($field: Option<$ty>,)* }

        #[derive(tcapi_runtime::__private::derive::Model, Default)]
        #[serde(default, rename_all = "PascalCase")]
        #[allow(dead_code)]
        struct ByModel { $($field: Option<$ty>,)* }
    };
}

twins!(
    instance_id: String, instance_name: String, instance_state: String, zone: String, region: String,
    vpc_id: String, subnet_id: String, private_ip: String, public_ip: String, cpu: i64, memory: i64,
    disk_size: i64, bandwidth: i64, created_time: String, expired_time: String, renew_flag: String,
    os_name: String, image_id: String, security_groups: Vec<String>, tags: Vec<String>, is_public: bool,
    project_id: i64, charge_type: String, ratio: f64,
);

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct List<T> {
    total_count: i64,
    items: Vec<T>,
}

fn body() -> String {
    let item = serde_json::json!({
        "InstanceId": "ins-0123abcd", "InstanceName": "web server 7", "InstanceState": "RUNNING",
        "Zone": "ap-guangzhou-3", "Region": "ap-guangzhou", "VpcId": "vpc-abcd1234", "SubnetId": "subnet-1234abcd",
        "PrivateIp": "10.0.0.17", "PublicIp": "203.0.113.9", "Cpu": 4, "Memory": 16, "DiskSize": 100,
        "Bandwidth": 10, "CreatedTime": "2026-01-01T00:00:00Z", "ExpiredTime": "2027-01-01T00:00:00Z",
        "RenewFlag": "NOTIFY_AND_AUTO_RENEW", "OsName": "Ubuntu 22.04", "ImageId": "img-abcdef01",
        "SecurityGroups": ["sg-1", "sg-2"], "Tags": ["env:prod", "team:web"], "IsPublic": true,
        "ProjectId": 0, "ChargeType": "POSTPAID_BY_HOUR", "Ratio": 0.75, "UnknownMember": {"Skipped": [1, 2, 3]}
    });
    let items: Vec<_> = (0..2000).map(|_| item.clone()).collect();
    serde_json::json!({ "TotalCount": 2000, "Items": items }).to_string()
}

fn decode(c: &mut Criterion) {
    let body = body();
    let mut group = c.benchmark_group("decode_2000_items");
    group.bench_function("serde_derive", |b| {
        b.iter(|| serde_json::from_str::<List<BySerde>>(&body).expect("decodes"))
    });
    group.bench_function("model_routine", |b| {
        b.iter(|| serde_json::from_str::<List<ByModel>>(&body).expect("decodes"))
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
