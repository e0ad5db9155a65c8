//! Shipped services derived by name, as a downstream crate would: the five
//! this project started with, cwp (the largest, 486 actions) and ten more picked
//! across the catalog (small and large, old and new, `as` whose short name is a
//! keyword, a second version of clb). It must build under `#![deny(warnings)]`,
//! its rustdoc must build without warnings (`tests/rustdoc.rs`), and every
//! official example response of these services must decode (`tests/examples.rs`).
//! Every other service version is derived by `tests/catalog/check.sh` in CI.

#![deny(warnings)]
#![forbid(unsafe_code)]

use tcapi_runtime::{Client, TcApi};

/// Tencent Cloud Super App as a Service (tcsas) 2025-01-06.
#[derive(TcApi)]
#[tcapi(service = "tcsas")]
pub struct Tcsas {
    client: Client,
}

/// The official tcsas api.json alone, without the seed page's override of
/// DescribeMNPMAUMetricCard: every official file derives on its own too.
#[derive(TcApi)]
#[tcapi(spec = "../../specs/tcsas/2025-01-06/tcsas-2025-01-06.api.json")]
pub struct TcsasOfficial {
    client: Client,
}

/// Cloud Virtual Machine (cvm) 2017-03-12.
#[derive(TcApi)]
#[tcapi(service = "cvm")]
pub struct Cvm {
    client: Client,
}

/// Cloud Contact Center (ccc) 2020-02-10.
#[derive(TcApi)]
#[tcapi(service = "ccc")]
pub struct Ccc {
    client: Client,
}

/// Cloud Log Service (cls) 2020-10-16.
#[derive(TcApi)]
#[tcapi(service = "cls")]
pub struct Cls {
    client: Client,
}

/// Tencent Kubernetes Engine (tke) 2022-05-01.
#[derive(TcApi)]
#[tcapi(service = "tke", version = "2022-05-01")]
pub struct Tke {
    client: Client,
}

/// Cloud Workload Protection (cwp) 2018-02-28, the largest service: 486 actions.
#[derive(TcApi)]
#[tcapi(service = "cwp")]
pub struct Cwp {
    client: Client,
}

/// Virtual Private Cloud (vpc) 2017-03-12: 306 actions.
#[derive(TcApi)]
#[tcapi(service = "vpc")]
pub struct Vpc {
    client: Client,
}

/// Auto Scaling (`as`, a keyword) 2018-04-19.
#[derive(TcApi)]
#[tcapi(service = "as")]
pub struct AutoScaling {
    client: Client,
}

/// Cloud Load Balancer (clb) 2018-03-17, the older of its two versions.
#[derive(TcApi)]
#[tcapi(service = "clb", version = "2018-03-17")]
pub struct Clb2018 {
    client: Client,
}

/// Cloud Block Storage (cbs) 2017-03-12.
#[derive(TcApi)]
#[tcapi(service = "cbs")]
pub struct Cbs {
    client: Client,
}

/// Cloud Access Management (cam) 2019-01-16.
#[derive(TcApi)]
#[tcapi(service = "cam")]
pub struct Cam {
    client: Client,
}

/// Security Token Service (sts) 2018-08-13.
#[derive(TcApi)]
#[tcapi(service = "sts")]
pub struct Sts {
    client: Client,
}

/// Regions (region) 2022-06-27.
#[derive(TcApi)]
#[tcapi(service = "region")]
pub struct Region {
    client: Client,
}

/// Billing (billing) 2018-07-09.
#[derive(TcApi)]
#[tcapi(service = "billing")]
pub struct Billing {
    client: Client,
}

/// SSL certificates (ssl) 2019-12-05.
#[derive(TcApi)]
#[tcapi(service = "ssl")]
pub struct Ssl {
    client: Client,
}

/// Knowledge engine atomic capabilities (lkeap) 2024-05-22, a new service with streaming actions.
#[derive(TcApi)]
#[tcapi(service = "lkeap")]
pub struct Lkeap {
    client: Client,
}

/// The repo's own hazard spec (`tests/data/hazards`): every naming, type and
/// documentation hazard the official files are known to hold, in one small
/// service whose short name, `as`, is itself a keyword. The struct is named
/// `Service`, like a model in the spec, which must not collide.
#[derive(TcApi)]
#[tcapi(spec = "../data/hazards")]
pub struct Service {
    client: Client,
}
