//! trybuild: the downstream usage compiles, the golden expansion compiles, and
//! each bad spec or misuse fails with the pinned message.
//!
//! After an intended message change: `TRYBUILD=overwrite cargo test -p tcapi-tests --test ui`.

#[test]
fn ui() {
    // trybuild builds in a scratch directory; point spec paths at the workspace root,
    // where a downstream crate's `specs/` would be.
    std::env::set_var(
        "TCAPI_MANIFEST_DIR_OVERRIDE",
        concat!(env!("CARGO_MANIFEST_DIR"), "/.."),
    );
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
