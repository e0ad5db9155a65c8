#!/usr/bin/env bash
# Check Tencent Cloud's official Python SDK against the tcapi mock server
# (the mock_server example, serving the whole shipped catalog) over plain
# http on loopback:
#   1. correct key  -> success with Response.Data + RequestId
#   2. wrong key    -> TencentCloudSDKException AuthFailure.SignatureFailure
# Env: MOCK_SERVER_BIN (default <repo>/target/debug/examples/mock_server),
#      MOCK_START_TIMEOUT (seconds to wait for it to listen, default 120).
# Last line: "python-sdk: N passed, M failed"; exit status non-zero if M > 0.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
VENV="${PYTHON_SDK_VENV:-$REPO_DIR/target/python-sdk-venv}"
MOCK_SERVER_BIN="${MOCK_SERVER_BIN:-$REPO_DIR/target/debug/examples/mock_server}"
SECRET_ID="AKIDpythonSDKcheck"
SECRET_KEY="pythonSDKcheckSecretKey0123456789"
WRONG_KEY="thisIsNotTheRightSecretKey000000"
START_TIMEOUT="${MOCK_START_TIMEOUT:-120}"

PYTHON_SDK_VENV="$VENV" bash "$SCRIPT_DIR/setup.sh"

if [ ! -x "$MOCK_SERVER_BIN" ]; then
    echo "run.sh: mock server binary not found: $MOCK_SERVER_BIN" >&2
    echo "run.sh: build it with: cargo build --example mock_server" >&2
    echo "python-sdk: 0 passed, 2 failed"
    exit 1
fi

PY="$VENV/bin/python"
LOG="$(mktemp "${TMPDIR:-/tmp}/tcapi-mock-python.XXXXXX.log")"
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -f "$LOG"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() {
    "$PY" - "$1" <<'PYEOF'
import socket, sys
s = socket.socket()
s.settimeout(0.5)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PYEOF
}

# Pick a free port and start the server; retry if the port got taken meanwhile.
started=0
for _attempt in 1 2 3; do
    PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    : >"$LOG"
    "$MOCK_SERVER_BIN" --listen "127.0.0.1:$PORT" --secret-id "$SECRET_ID" --secret-key "$SECRET_KEY" \
        >"$LOG" 2>&1 &
    SERVER_PID=$!
    # Bounded wait: loading the catalog's ~60 MB of JSON takes a few seconds
    # in a debug build (more on a busy machine); give it up to $START_TIMEOUT s.
    deadline=$((SECONDS + START_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            break
        fi
        if port_open "$PORT"; then
            started=1
            break
        fi
        sleep 0.2
    done
    [ "$started" = 1 ] && break
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
done

if [ "$started" != 1 ]; then
    echo "run.sh: mock server did not start listening; its output:" >&2
    cat "$LOG" >&2 || true
    echo "python-sdk: 0 passed, 2 failed"
    exit 1
fi
echo "run.sh: mock server pid $SERVER_PID listening on 127.0.0.1:$PORT after ${SECONDS}s: $(head -n 1 "$LOG")"

passed=0
failed=0
run_case() {
    local name="$1"; shift
    echo "--- $name"
    if "$PY" "$SCRIPT_DIR/sdk_check.py" --endpoint "127.0.0.1:$PORT" "$@"; then
        echo "--- $name: PASS"
        passed=$((passed + 1))
    else
        echo "--- $name: FAIL"
        failed=$((failed + 1))
    fi
}

run_case "correct key succeeds" --secret-id "$SECRET_ID" --secret-key "$SECRET_KEY"
run_case "wrong key -> AuthFailure.SignatureFailure" --secret-id "$SECRET_ID" --secret-key "$WRONG_KEY" \
    --expect-error AuthFailure.SignatureFailure

if [ "$failed" -ne 0 ]; then
    echo "run.sh: mock server output:" >&2
    cat "$LOG" >&2 || true
fi

echo "python-sdk: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
