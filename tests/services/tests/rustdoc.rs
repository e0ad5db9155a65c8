//! The rustdoc of every shipped spec, and of the hazard spec, builds without a
//! warning. Spec documents hold HTML, bare brackets, indented lines and code
//! fences; the generator must turn them into inert Markdown.

use std::process::Command;

#[test]
fn rustdoc_builds_without_warnings() {
    let manifest_dir = env!("CARGO_MANIFEST_DIR");
    // A target directory of its own, so that the outer cargo's lock is never in the way.
    let target_dir = format!("{manifest_dir}/../../target/rustdoc-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["doc", "--no-deps", "--offline", "-p", "tcapi-services"])
        .current_dir(manifest_dir)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo doc failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "rustdoc warned:\n{stderr}");
}
