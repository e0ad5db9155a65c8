//! The shipped catalog: every official Tencent Cloud International API spec.
//!
//! The crate holds files, not code. Each service version is a directory
//! `<serviceShortName>/<apiVersion>/` beside this crate's `Cargo.toml`, with
//! Tencent's `*.api.json`, `*.errors.json` and `*.examples.json` unchanged.
//! `#[derive(TcApi)]` with `#[tcapi(service = "vpc")]` reads the one directory it
//! needs from [`ROOT`], so using one service never parses the others.
//!
//! [`ROOT`] is where cargo unpacked this crate: the workspace's `specs/` when
//! used by path, the registry's source directory when used from a registry.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// The directory that holds the `<service>/<version>/` spec directories.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
