#!/usr/bin/env bash
# Compile-time budget of the derive, with the dependencies already built.
#
# Builds two scratch crates that depend on tcapi-runtime: one derives the full
# tcsas service (151 actions), one only DescribeMNPMAUMetricCard. After a warm-up
# build, it touches each crate's lib.rs and times the incremental debug rebuild,
# RUNS times, and prints the median. Then it prints the expansion's size without docs.
#
#   bench/compile-time.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
work="$root/target/compile-time"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$work"

make_crate() { # name, derive attribute
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
//! A crate that derives tcsas, for the compile-time measurement.
use tcapi_runtime::{Client, TcApi};

/// The client.
#[derive(TcApi)]
#[tcapi($2)]
pub struct Tcsas {
    client: Client,
}
RUST
}

make_crate full "spec = \"$root/specs/tcsas/2025-01-06\""
make_crate one "spec = \"$root/specs/tcsas/2025-01-06\", actions(\"DescribeMNPMAUMetricCard\")"

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

full=$(median_rebuild full)
one=$(median_rebuild one)
echo "incremental debug rebuild, full tcsas (151 actions): ${full} s (median of $runs; budget 10 s)"
echo "incremental debug rebuild, DescribeMNPMAUMetricCard only: ${one} s (median of $runs; budget 2 s)"
CARGO_TARGET_DIR="$root/target" cargo test --quiet -p tcapi-macros full_tcsas_expansion_stays_small -- --nocapture 2>/dev/null \
    | grep 'expansion without docs' | sed 's/$/ (budget 60 per action)/'
