#!/usr/bin/env bash
# Compile-time budget of the derive, with the dependencies already built.
#
# Builds scratch crates outside the workspace that depend on tcapi-runtime, as a
# user's crate would, and derive a shipped service by name: the full tcsas
# (151 actions), only DescribeMNPMAUMetricCard, all of vpc (306 actions), all of
# cwp (486, the largest), and tke 2022-05-01 both by name and from a spec
# directory (how a crate derived it before the catalog shipped). After a warm-up
# build, it touches each crate's lib.rs and times the incremental debug rebuild,
# RUNS times, and prints the median. Then it prints the expansion's size without
# docs. The whole catalog's figure comes from tests/catalog/check.sh.
#
#   bench/compile-time.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
work="$root/target/compile-time"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$work"

make_crate() { # name, derive attribute, struct name
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "compile-time-$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tcapi-runtime = { path = "$root/tcapi-runtime" }

[workspace]
TOML
    cat > "$dir/src/lib.rs" <<RUST
//! A crate that derives one service, for the compile-time measurement.
use tcapi_runtime::{Client, TcApi};

/// The client.
#[derive(TcApi)]
#[tcapi($2)]
pub struct $3 {
    client: Client,
}
RUST
}

make_crate full 'service = "tcsas"' Tcsas
make_crate one 'service = "tcsas", actions("DescribeMNPMAUMetricCard")' Tcsas
make_crate vpc 'service = "vpc"' Vpc
make_crate cwp 'service = "cwp"' Cwp
make_crate tke 'service = "tke", version = "2022-05-01"' Tke
make_crate tke-path "spec = \"$root/specs/tke/2022-05-01\"" Tke

median_rebuild() { # crate name
    local dir="$work/$1" times=()
    cargo build --quiet --manifest-path "$dir/Cargo.toml"
    for _ in $(seq "$runs"); do
        touch "$dir/src/lib.rs"
        local start end
        start=$(date +%s.%N)
        cargo build --quiet --manifest-path "$dir/Cargo.toml"
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'
}

report() { # crate, what, budget
    echo "incremental debug rebuild, $2: $(median_rebuild "$1") s (median of $runs${3:+; budget $3})"
}
report full "full tcsas by name (151 actions)" "10 s"
report one "DescribeMNPMAUMetricCard only" "2 s"
report vpc "all of vpc by name (306 actions)" "6 s"
report cwp "all of cwp by name (486 actions)" "12 s"
report tke "tke 2022-05-01 by name" "the spec directory's figure + 1 s"
report tke-path "tke 2022-05-01 from its spec directory" ""
CARGO_TARGET_DIR="$root/target" cargo test --quiet -p tcapi-codegen full_tcsas_expansion_stays_small -- --nocapture 2>/dev/null \
    | grep 'expansion without docs' | sed 's/$/ (budget 90 per action)/'
