#!/usr/bin/env bash
# The catalog check: every shipped service version derived through
# `#[tcapi(service = ..., version = ...)]` under `#![deny(warnings)]`, as a
# downstream crate outside this workspace would, with `cargo check`.
#
# The service versions are split into CATALOG_CRATES scratch crates of about equal spec
# size (rustc's memory grows with the spec), checked two at a time on these two
# cores. Each rustc's peak memory is recorded and must stay under LIMIT_GIB.
#
#   tests/catalog/check.sh            # CATALOG_CRATES=12 LIMIT_GIB=8 by default
#
# It is slow (minutes), so it runs in CI (.ci/run), not in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
groups=${CATALOG_CRATES:-12}
limit_gib=${LIMIT_GIB:-8}
work="$root/target/catalog-check"
rm -rf "$work/crates"
mkdir -p "$work/crates"
export CARGO_TARGET_DIR="$work/target"

# One line per service version: size, short name, version. Largest first, so
# that the greedy split below balances the groups.
find specs -mindepth 3 -maxdepth 3 -name '*.api.json' -printf '%s %h\n' \
    | awk '{ split($2, p, "/"); print $1, p[2], p[3] }' | sort -rn > "$work/services.txt"
total=$(wc -l < "$work/services.txt")

# Greedy: each service version goes to the group with the least spec so far.
awk -v groups="$groups" '
    { best = 0; for (g = 1; g < groups; g++) if (load[g] < load[best]) best = g
      load[best] += $1; print best, $2, $3 }' "$work/services.txt" > "$work/assignment.txt"

members=""
for g in $(seq 0 $((groups - 1))); do
    dir="$work/crates/group-$g"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "catalog-group-$g"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tcapi-runtime = { path = "$root/tcapi-runtime" }
TOML
    {
        echo "//! Shipped service versions derived by name, group $g of $groups."
        echo "#![deny(warnings)]"
        echo "use tcapi_runtime::{Client, TcApi};"
        awk -v g="$g" '$1 == g { print $2, $3 }' "$work/assignment.txt" | while read -r service version; do
            # `clb` 2018-03-17 becomes `Clb20180317`, whose module is `clb20180317`.
            name="$(tr '[:lower:]' '[:upper:]' <<< "${service:0:1}")${service:1}${version//-/}"
            printf '\n/// `%s` %s.\n#[derive(TcApi)]\n#[tcapi(service = "%s", version = "%s")]\npub struct %s {\n    client: Client,\n}\n' \
                "$service" "$version" "$service" "$version" "$name"
        done
    } > "$dir/src/lib.rs"
    members="$members\"crates/group-$g\", "
done
cat > "$work/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = [${members%, }]
TOML
cp "$root/Cargo.lock" "$work/Cargo.lock"

derived=$(cat "$work"/crates/group-*/src/lib.rs | grep -c 'tcapi(service')
echo "catalog check: $derived of $total service versions in $groups crates, under #![deny(warnings)]"
[ "$derived" -eq "$total" ] || { echo "catalog check: not every service version is derived" >&2; exit 1; }

# Dependencies first, so that the timed part is the derives alone.
rss_log="$work/peak-rss.txt"
export PEAK_RSS_LOG="$rss_log" RUSTC_WRAPPER="$root/tests/catalog/rustc-peak-rss.py"
cargo check --quiet --manifest-path "$work/Cargo.toml" -p tcapi-runtime
: > "$rss_log"
start=$(date +%s)
cargo check --manifest-path "$work/Cargo.toml" --workspace -j 2
end=$(date +%s)

[ -s "$rss_log" ] || { echo "catalog check: no rustc memory was recorded" >&2; exit 1; }
sort -rn "$rss_log" | awk -v limit="$limit_gib" -v secs="$((end - start))" '
    NR == 1 { peak = $1 / 1048576; who = $2 }
    END {
        printf "catalog check: %d s for the derives; peak rustc memory %.2f GiB (%s), limit %d GiB\n", secs, peak, who, limit
        if (peak > limit) { print "catalog check: a rustc went past the memory limit" > "/dev/stderr"; exit 1 }
    }'
