//! Every official Tencent Cloud spec shipped under `specs/`, derived as a
//! downstream crate would. It must build under `#![deny(warnings)]`, and its
//! rustdoc must build without warnings (`tests/rustdoc.rs`).

#![deny(warnings)]

use tcapi_runtime::{Client, TcApi};

/// Tencent Cloud Super App as a Service (tcsas) 2025-01-06.
#[derive(TcApi)]
#[tcapi(spec = "../../specs/tcsas/2025-01-06")]
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
#[tcapi(spec = "../../specs/cvm/2017-03-12")]
pub struct Cvm {
    client: Client,
}

/// Cloud Contact Center (ccc) 2020-02-10.
#[derive(TcApi)]
#[tcapi(spec = "../../specs/ccc/2020-02-10")]
pub struct Ccc {
    client: Client,
}

/// Cloud Log Service (cls) 2020-10-16.
#[derive(TcApi)]
#[tcapi(spec = "../../specs/cls/2020-10-16")]
pub struct Cls {
    client: Client,
}

/// Tencent Kubernetes Engine (tke) 2022-05-01.
#[derive(TcApi)]
#[tcapi(spec = "../../specs/tke/2022-05-01")]
pub struct Tke {
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
