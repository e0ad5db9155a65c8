#!/usr/bin/env bash
# The derive finds the catalog once the crates are published, not only by path:
# packages tcapi-catalog, tcapi-spec, tcapi-codegen, tcapi-macros and tcapi-runtime as cargo
# would upload them, serves them with every other dependency from a directory
# registry (`cargo vendor` plus the packaged crates), and builds and runs a
# crate that depends on `tcapi-runtime = "0.1.0"` from it: it derives vpc and
# clb by name and calls them against the catalog mock, which checks signatures.
#
#   tests/catalog/as-published.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work="$root/target/as-published"
rm -rf "$work/registry" "$work/user"
mkdir -p "$work/user/src" "$work/user/.cargo"

cargo package --quiet --no-verify --allow-dirty -p tcapi-catalog -p tcapi-spec -p tcapi-codegen -p tcapi-macros -p tcapi-runtime
cargo vendor --quiet --versioned-dirs "$work/registry" > /dev/null
for crate in "$root"/target/package/tcapi-{catalog,spec,codegen,macros,runtime}-0.1.0.crate; do
    name=$(basename "$crate" .crate)
    rm -rf "$work/registry/$name"
    tar xzf "$crate" -C "$work/registry"
    python3 - "$work/registry/$name" "$crate" <<'PY'
import hashlib, json, os, sys
root, crate = sys.argv[1], sys.argv[2]
digest = lambda path: hashlib.sha256(open(path, "rb").read()).hexdigest()
files = {os.path.relpath(os.path.join(d, f), root): digest(os.path.join(d, f))
         for d, _, names in os.walk(root) for f in names}
json.dump({"files": files, "package": digest(crate)}, open(os.path.join(root, ".cargo-checksum.json"), "w"))
PY
done

cat > "$work/user/.cargo/config.toml" <<TOML
[source.crates-io]
replace-with = "published"

[source.published]
directory = "$work/registry"
TOML
cat > "$work/user/Cargo.toml" <<'TOML'
[package]
name = "as-published"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tcapi-runtime = { version = "0.1.0", features = ["mock"] }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
TOML
cat > "$work/user/src/main.rs" <<'RUST'
use tcapi_runtime::mock::MockServer;
use tcapi_runtime::{Client, Credentials, TcApi};

#[derive(TcApi)]
#[tcapi(service = "vpc")]
pub struct Vpc {
    client: Client,
}

#[derive(TcApi)]
#[tcapi(service = "clb", version = "2018-03-17", actions("DescribeLoadBalancers"))]
pub struct Clb {
    client: Client,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockServer::builder().credentials("AKIDpublished", "published-key").catalog().start().await?;
    let client = Client::builder()
        .credentials(Credentials::new("AKIDpublished", "published-key")?)
        .endpoint(mock.url())
        .build()?;
    let vpcs = Vpc::new(client.clone()).describe_vpcs(&vpc::DescribeVpcsRequest::builder().build()).await?;
    let lbs = Clb::new(client).describe_load_balancers(&clb::DescribeLoadBalancersRequest::builder().build()).await?;
    println!(
        "as published: {} DescribeVpcs (RequestId {}), clb {} DescribeLoadBalancers answered",
        vpc::SERVICE.host,
        vpcs.request_id,
        clb::SERVICE.version
    );
    let _ = lbs;
    Ok(())
}
RUST
cp "$root/Cargo.lock" "$work/user/Cargo.lock"
cd "$work/user"
CARGO_TARGET_DIR="$work/target" cargo run --quiet --offline
