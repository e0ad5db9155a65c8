#!/usr/bin/env bash
# Throughput of the generated client against wrk and Tencent's Python SDK.
#
# Starts one nginx (1 worker) on 127.0.0.1:$PORT that answers every POST / with
# the seed's example response of DescribeMNPMAUMetricCard, then runs against it:
#   - wrk, 1 connection and 64 connections (the ceiling for one client CPU),
#     sending the very request tcapi sends (its headers and body, recorded by
#     `bench_calls --wrk-script`), and with a bare POST for reference,
#   - the official Python SDK (tencentcloud-sdk-python-intl-en), sequential,
#   - tests/examples/bench_calls at concurrency 1, 64 and 256 (peak RSS),
# and prints one table with the ratios and their targets. MISSed targets do not
# fail the script; a failing step does.
#
# Each wrk and bench_calls run is timed with bash's `time` (user + system CPU
# of the process), so that the table gives the client CPU time per call of
# both, measured the same way.
#
# With two or more CPUs, nginx runs on the last one and every client on the
# others, so that server and client never queue for the same core: the
# figures then vary far less from run to run.
#
# bench_calls is built with the `perf` profile (release with fat LTO and one
# codegen unit), as a production binary would be; PROFILE=release measures
# a plain release build. BENCH_CALLS=path measures a bench_calls built
# elsewhere (an older commit's, say) instead of building one.
#
#   bench/compare.sh
#   PORT=18480 ROUNDS=5 DURATION=2 CALLS=40000 CALLS_64=100000 CALLS_256=10000 PY_CALLS=2000 bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench="$root/bench"

port=${PORT:-18480}
rounds=${ROUNDS:-5}
((rounds >= 1)) || { echo "compare.sh: ROUNDS must be at least 1" >&2; exit 2; }
duration=${DURATION:-2}
calls=${CALLS:-40000}
calls_64=${CALLS_64:-100000}
calls_256=${CALLS_256:-10000}
py_calls=${PY_CALLS:-2000}
sdk="tencentcloud-sdk-python-intl-en==3.1.193"
profile=${PROFILE:-perf}

body='{"Response":{"Data":{"ComparisonRatio":"-85.19%","ComparisonResult":2,"FlushTime":1764593542,"SourceMAUNum":27,"TargetMAUNum":4},"RequestId":"4aa0dad4-a5df-4ec2-8417-d077eedc223b"}}'
request='{"SourceMonth":202511,"MNPId":"mp1vd81ntbitj9k2","DataType":1,"MNPTeamId":9432130281,"PlatformId":"T04398WY9481762VZTT","TargetMonth":202512,"ApplicationId":"ApplicationId"}'

started=$SECONDS
# Other work on the machine skews every figure; report the load we ran under.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say() { printf '\n== %s\n' "$*"; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }

# Scratch dirs (nginx prefix, throwaway venv), removed on exit; nginx stopped.
work=$(mktemp -d -t tcapi-bench.XXXXXX)
venv=$(mktemp -d -t tcapi-bench-venv.XXXXXX)
nginx_pid=
cleanup() {
    if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill -TERM "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work" "$venv"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Debian packages we need; apt-get update only if a plain install fails.
need_pkg() { # command, package
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
}
need_pkg nginx nginx-light
need_pkg wrk wrk
need_pkg curl curl
nginx_bin=$(command -v nginx)

# Loopback never goes through a proxy (pip may still use one). The SDK matches
# no_proxy against "host:port" as a substring, so list that form too.
no_proxy="127.0.0.1:$port,127.0.0.1,localhost${no_proxy:+,$no_proxy}"
export no_proxy NO_PROXY="$no_proxy"

# Build first: a compile error should fail fast, and no build should run
# while anything is being measured.
if [[ -n ${BENCH_CALLS:-} ]]; then
    bench_calls=$BENCH_CALLS
    [[ -x $bench_calls ]] || die "BENCH_CALLS=$bench_calls is not an executable"
else
    say "cargo build --profile $profile -p tcapi-tests --example bench_calls"
    cargo build --profile "$profile" -q -p tcapi-tests --example bench_calls
    if [[ $profile == dev ]]; then profile_dir=debug; else profile_dir=$profile; fi
    bench_calls="$root/target/$profile_dir/examples/bench_calls"
fi

# Server and clients on separate CPUs, when there are two or more.
cpus=$(nproc)
on_server=()
on_clients=()
# wrk's threads at 64 connections: one per CPU the clients have.
wrk_threads=$cpus
if ((cpus >= 2)) && command -v taskset >/dev/null 2>&1; then
    on_server=(taskset -c "$((cpus - 1))")
    on_clients=(taskset -c "0-$((cpus - 2))")
    wrk_threads=$((cpus - 1))
fi

# --- 1. nginx -----------------------------------------------------------------
say "nginx on 127.0.0.1:$port"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "127.0.0.1:$port is already in use; set PORT to a free port"
fi
# The worker may run as an unprivileged user; let it reach its temp dirs.
chmod 755 "$work"
sed -e "s|@DIR@|$work|g" -e "s|@PORT@|$port|g" -e "s|@BODY@|$body|g" \
    "$bench/nginx.conf.in" > "$work/nginx.conf"
"$nginx_bin" -t -q -p "$work" -e "$work/error.log" -c "$work/nginx.conf"
# A non-daemon child, so the trap can stop it by pid.
"${on_server[@]}" "$nginx_bin" -p "$work" -e "$work/error.log" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
# Wait until it answers, and check that it answers the right thing.
got=
for _ in $(seq 50); do
    got=$(curl -sS --noproxy '*' -X POST -H 'Content-Type: application/json' \
        --data "$request" "http://127.0.0.1:$port/" 2>/dev/null) && break
    kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited: $(cat "$work/error.log")"
    sleep 0.1
done
[[ $got == "$body" ]] || die "nginx answered '$got', not the seed response"
content_type=$(curl -sS --noproxy '*' -o /dev/null -w '%{content_type}' -X POST --data "$request" "http://127.0.0.1:$port/")
[[ $content_type == application/json* ]] || die "nginx answered Content-Type '$content_type'"

# Pull "<label><number>" out of a log; fail loudly if it isn't there.
field() { # log file, awk regex of the line, field number
    local value
    value=$(awk -v re="$2" -v n="$3" '$0 ~ re { v = $n } END { print v }' "$1")
    [[ -n $value ]] || die "no '$2' in $1"
    printf '%s' "$value"
}
# wrk prints latencies like 31.00us / 1.20ms / 1.00s; convert to µs.
to_us() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1e6; else print n
    }'
}

# median of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# ratio a b -> a/b; verdict value op target -> PASS/MISS.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "PASS" : "MISS" }'; }

# --- 2. wrk and tcapi, in rounds -------------------------------------------------
# The request tcapi sends: its signed headers make nginx read more than
# twice the bytes of a bare POST.
say "bench_calls --wrk-script (the request tcapi sends, for wrk)"
"$bench_calls" --wrk-script "$work/wrk-same.lua"

# Each run writes its log and, beside it, "<log>.cpu": the user and system
# CPU seconds of the process, from bash's `time`.
TIMEFORMAT='%U %S'
run_wrk() { # threads, connections, script, log
    { time "${on_clients[@]}" wrk -t"$1" -c"$2" -d"${duration}s" --latency -s "$3" "http://127.0.0.1:$port/" > "$4"; } 2> "$4.cpu"
    if grep -q 'Non-2xx' "$4"; then die "wrk saw non-2xx responses: $(cat "$4")"; fi
}
run_tcapi() { # calls, concurrency, log
    { time "${on_clients[@]}" "$bench_calls" --endpoint "http://127.0.0.1:$port" --calls "$1" --concurrency "$2" > "$3"; } 2> "$3.cpu"
}
# CPU µs per request of a run: (user + system) / requests. bench_calls makes
# min(concurrency, 64) warm-up calls besides the measured ones.
cpu_us() { # log, requests
    awk -v n="$2" 'NF == 2 { printf "%.2f", ($1 + $2) * 1e6 / n }' "$1.cpu"
}
wrk_requests() { field "$1" ' requests in ' 1; }
wrk_cpu() { cpu_us "$1" "$(wrk_requests "$1")"; }
t_cpu() { # log, calls, concurrency
    local warm=$3
    ((warm > 64)) && warm=64
    cpu_us "$1" "$(($2 + warm))"
}
wrk_rps() { field "$1" '^Requests/sec:' 2; }
wrk_p50() { to_us "$(field "$1" '^ +50%' 2)"; }
t_cps() { local v; v=$(field "$1" '^calls_per_sec=' 1); printf '%s' "${v#*=}"; }
t_p50() { field "$1" '^p50 latency:' 3; }
t_rss() { field "$1" '^peak RSS:' 3; }

# This machine's speed drifts within seconds (other tenants), so one run of
# each client can land in different weather. Each round runs wrk and tcapi
# back to back; a ratio is the median of the rounds' own ratios.
say "$rounds rounds: wrk ${duration}s then tcapi ($calls calls) at 1 connection, wrk with a bare POST, then both at 64"
declare -a wrk1 wrk1_lat t1 t1_lat r1 wrk64 wrk64_lat t64 t64_lat r64 rss1 rss64 bare bare_lat r_bare
declare -a wrk1_cpu t1_cpu wrk64_cpu t64_cpu r_cpu1 r_cpu64
for round in $(seq "$rounds"); do
    run_wrk 1 1 "$work/wrk-same.lua" "$work/wrk1.log"
    run_tcapi "$calls" 1 "$work/t1.log"
    run_wrk 1 1 "$bench/wrk-post.lua" "$work/wrk1-bare.log"
    run_wrk "$wrk_threads" 64 "$work/wrk-same.lua" "$work/wrk64.log"
    run_tcapi "$calls_64" 64 "$work/t64.log"
    wrk1+=("$(wrk_rps "$work/wrk1.log")"); wrk1_lat+=("$(wrk_p50 "$work/wrk1.log")")
    t1+=("$(t_cps "$work/t1.log")"); t1_lat+=("$(t_p50 "$work/t1.log")"); rss1+=("$(t_rss "$work/t1.log")")
    wrk64+=("$(wrk_rps "$work/wrk64.log")"); wrk64_lat+=("$(wrk_p50 "$work/wrk64.log")")
    t64+=("$(t_cps "$work/t64.log")"); t64_lat+=("$(t_p50 "$work/t64.log")"); rss64+=("$(t_rss "$work/t64.log")")
    bare+=("$(wrk_rps "$work/wrk1-bare.log")"); bare_lat+=("$(wrk_p50 "$work/wrk1-bare.log")")
    r1+=("$(ratio "${t1[-1]}" "${wrk1[-1]}")"); r64+=("$(ratio "${t64[-1]}" "${wrk64[-1]}")")
    r_bare+=("$(ratio "${t1[-1]}" "${bare[-1]}")")
    wrk1_cpu+=("$(wrk_cpu "$work/wrk1.log")"); t1_cpu+=("$(t_cpu "$work/t1.log" "$calls" 1)")
    wrk64_cpu+=("$(wrk_cpu "$work/wrk64.log")"); t64_cpu+=("$(t_cpu "$work/t64.log" "$calls_64" 64)")
    r_cpu1+=("$(ratio "${t1_cpu[-1]}" "${wrk1_cpu[-1]}")"); r_cpu64+=("$(ratio "${t64_cpu[-1]}" "${wrk64_cpu[-1]}")")
    printf 'round %d:  1 conn: wrk %6.0f/s tcapi %6.0f/s = %5.1f%% (bare POST %6.0f/s)   64 conn: wrk %6.0f/s tcapi %6.0f/s = %5.1f%%   CPU/call at 64: wrk %.2f µs tcapi %.2f µs = %.2f×\n' \
        "$round" "${wrk1[-1]}" "${t1[-1]}" "$(awk -v r="${r1[-1]}" 'BEGIN { print r * 100 }')" "${bare[-1]}" \
        "${wrk64[-1]}" "${t64[-1]}" "$(awk -v r="${r64[-1]}" 'BEGIN { print r * 100 }')" \
        "${wrk64_cpu[-1]}" "${t64_cpu[-1]}" "${r_cpu64[-1]}"
done
wrk1_rps=$(median "${wrk1[@]}"); wrk1_p50=$(median "${wrk1_lat[@]}")
wrk64_rps=$(median "${wrk64[@]}"); wrk64_p50=$(median "${wrk64_lat[@]}")
t1_cps=$(median "${t1[@]}"); t1_p50=$(median "${t1_lat[@]}"); t1_rss=$(median "${rss1[@]}")
t64_cps=$(median "${t64[@]}"); t64_p50=$(median "${t64_lat[@]}"); t64_rss=$(median "${rss64[@]}")
wrk1_bare_rps=$(median "${bare[@]}"); wrk1_bare_p50=$(median "${bare_lat[@]}")
r_seq=$(median "${r1[@]}")
r_64=$(median "${r64[@]}")
r_seq_bare=$(median "${r_bare[@]}")
wrk1_cpu_us=$(median "${wrk1_cpu[@]}"); t1_cpu_us=$(median "${t1_cpu[@]}")
wrk64_cpu_us=$(median "${wrk64_cpu[@]}"); t64_cpu_us=$(median "${t64_cpu[@]}")
r_cpu_seq=$(median "${r_cpu1[@]}"); r_cpu_64=$(median "${r_cpu64[@]}")

say "bench_calls --calls $calls_256 --concurrency 256"
run_tcapi "$calls_256" 256 "$work/t256.log"
cat "$work/t256.log"
t256_cpu_us=$(t_cpu "$work/t256.log" "$calls_256" 256)
t256_cps=$(t_cps "$work/t256.log")
t256_p50=$(t_p50 "$work/t256.log")
t256_rss=$(t_rss "$work/t256.log")

# --- 3. Python SDK -------------------------------------------------------------
say "Python SDK $sdk (throwaway venv)"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$sdk"
"${on_clients[@]}" "$venv/bin/python" "$bench/python_sdk_bench.py" --endpoint "127.0.0.1:$port" --calls "$py_calls" | tee "$work/py.log"
py_cps=$(field "$work/py.log" '^calls_per_sec=' 1); py_cps=${py_cps#*=}
py_p50=$(field "$work/py.log" '^p50 latency:' 3)
r_py=$(ratio "$t1_cps" "$py_cps")

# --- 4. table -------------------------------------------------------------------
say "results"
printf '%-34s %12s %14s %10s %12s\n' "client" "calls/s" "p50 latency" "peak RSS" "CPU/call"
row() { printf '%-34s %12.0f %11.1f µs %10s %12s\n' "$1" "$2" "$3" "$4" "$5${5:+ µs}"; }
row "wrk, 1 connection, same request" "$wrk1_rps" "$wrk1_p50" "-" "$wrk1_cpu_us"
row "wrk, 64 connections, same request" "$wrk64_rps" "$wrk64_p50" "-" "$wrk64_cpu_us"
row "wrk, 1 connection, bare POST" "$wrk1_bare_rps" "$wrk1_bare_p50" "-" ""
row "Python SDK, sequential" "$py_cps" "$py_p50" "-" ""
row "tcapi, sequential" "$t1_cps" "$t1_p50" "$t1_rss MiB" "$t1_cpu_us"
row "tcapi, 64 concurrent" "$t64_cps" "$t64_p50" "$t64_rss MiB" "$t64_cpu_us"
row "tcapi, 256 concurrent" "$t256_cps" "$t256_p50" "$t256_rss MiB" "$t256_cpu_us"
echo
percent() { awk -v r="$1" 'BEGIN { print r * 100 }'; }
printf '%-34s %12s %14s %10s\n' "ratio" "measured" "target" "verdict"
printf '%-34s %11.1f%% %14s %10s\n' "tcapi seq / wrk 1 conn" "$(percent "$r_seq")" ">= 80%" "$(verdict "$r_seq" '>=' 0.80)"
printf '%-34s %11.1f%% %14s %10s\n' "tcapi 64 / wrk 64 conn" "$(percent "$r_64")" ">= 55%" "$(verdict "$r_64" '>=' 0.55)"
printf '%-34s %11.2f× %14s %10s\n' "CPU/call, tcapi 64 / wrk 64 conn" "$r_cpu_64" "<= 1.8×" "$(verdict "$r_cpu_64" '<=' 1.8)"
printf '%-34s %11.2f× %14s %10s\n' "CPU/call, tcapi seq / wrk 1 conn" "$r_cpu_seq" "-" "-"
printf '%-34s %11.1f%% %14s %10s\n' "tcapi seq / wrk 1 conn, bare POST" "$(percent "$r_seq_bare")" "-" "-"
printf '%-34s %11.1f× %14s %10s\n' "tcapi seq / Python SDK seq" "$r_py" "-" "-"
printf '%-34s %8.1f MiB %14s %10s\n' "tcapi peak RSS at 256 concurrent" "$t256_rss" "<= 64 MiB" "$(verdict "$t256_rss" '<=' 64)"

say "machine"
echo "nproc:   $(nproc)"
echo "cpu:     $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "kernel:  $(uname -sr)"
echo "nginx:   $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'), 1 worker, 127.0.0.1:$port"
if ((${#on_server[@]})); then
    echo "cpus:    nginx on CPU $((cpus - 1)), clients on CPUs 0-$((cpus - 2))"
else
    echo "cpus:    not pinned"
fi
echo "tcapi:   bench_calls, $(if [[ -n ${BENCH_CALLS:-} ]]; then echo "prebuilt: $BENCH_CALLS"; else echo "built with --profile $profile"; fi)"
echo "wrk:     $(wrk --version 2>&1 | awk 'NR == 1 { print $2 }'), ${duration}s per run"
echo "rounds:  $rounds; figures are medians, ratios the medians of each round's own ratio"
echo "cpu/call: user + system CPU of the process (bash time) over its requests"
echo "python:  $("$venv/bin/python" --version 2>&1), $sdk"
echo "rustc:   $(rustc --version)"
echo "load:    $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end (1/5/15 min)"
echo "took:    $((SECONDS - started)) s"
if awk -v l="${load_start%% *}" 'BEGIN { exit !(l >= 1) }'; then
    echo "note:    the machine was busy before the run; the figures are noisy"
fi
