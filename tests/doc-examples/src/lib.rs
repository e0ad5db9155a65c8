//! A sample of generated methods whose rustdoc examples compile as doc
//! tests: the seed action, four more of tcsas, and six of cvm (paged, list,
//! model and nested-model members). Every method's example is written the
//! same way (`tcapi-codegen/src/example.rs`), so a sample keeps them honest
//! without compiling thousands; `cargo test -p tcapi-doc-examples --doc`
//! runs them, and so does `cargo test --workspace`.

#![deny(warnings, missing_docs)]
#![forbid(unsafe_code)]

use tcapi_runtime::{Client, TcApi};

/// The seed action and four more tcsas actions whose rustdoc examples compile
/// as this crate's doc tests (`doc_tests`): every example is written the same
/// way, so a sample keeps them honest without compiling thousands.
#[derive(TcApi)]
#[tcapi(
    service = "tcsas",
    actions(
        "DescribeMNPMAUMetricCard",
        "CreateTeam",
        "CreateGlobalDomainACL",
        "AddTeamMember",
        "CreateMNP"
    ),
    doc_tests
)]
pub struct TcsasExamples {
    client: Client,
}

/// Six cvm actions whose examples compile as doc tests: paged, list, model and nested-model members.
#[derive(TcApi)]
#[tcapi(
    service = "cvm",
    actions(
        "DescribeInstances",
        "StartInstances",
        "AllocateHosts",
        "RunInstances",
        "ResetInstance",
        "ModifyInstancesAttribute"
    ),
    doc_tests
)]
pub struct CvmExamples {
    client: Client,
}
