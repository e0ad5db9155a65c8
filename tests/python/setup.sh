#!/usr/bin/env bash
# Create (once) a virtualenv with Tencent Cloud's official Python SDK.
# Venv location: <repo>/target/python-sdk-venv (override with PYTHON_SDK_VENV).
# Idempotent: does nothing if the venv already imports the SDK at the pinned version.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
VENV="${PYTHON_SDK_VENV:-$SCRIPT_DIR/../../target/python-sdk-venv}"
REQS="$SCRIPT_DIR/requirements.txt"
PYTHON="${PYTHON:-python3}"

# Version pinned in requirements.txt (e.g. 3.1.193).
WANT_VERSION="$(sed -n 's/^tencentcloud-sdk-python-intl-en==\([^[:space:]]*\).*/\1/p' "$REQS")"

sdk_ok() {
    [ -x "$VENV/bin/python" ] || return 1
    local have
    have="$("$VENV/bin/python" -c 'import tencentcloud, tencentcloud.common.common_client; print(tencentcloud.__version__)' 2>/dev/null)" || return 1
    [ -z "$WANT_VERSION" ] || [ "$have" = "$WANT_VERSION" ]
}

if sdk_ok; then
    echo "setup.sh: SDK already installed in $VENV"
    exit 0
fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "setup.sh: $PYTHON not found; install Python 3 (e.g. apt-get install python3 python3-venv)" >&2
    exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    if ! venv_err="$("$PYTHON" -m venv "$VENV" 2>&1)"; then
        echo "$venv_err" >&2
        rm -rf "$VENV"
        if printf '%s' "$venv_err" | grep -qi 'ensurepip'; then
            echo "setup.sh: '$PYTHON -m venv' failed because ensurepip is missing." >&2
            echo "setup.sh: on Debian/Ubuntu run: apt-get install python3-venv" >&2
        else
            echo "setup.sh: '$PYTHON -m venv $VENV' failed" >&2
        fi
        exit 1
    fi
fi

"$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQS"

if ! sdk_ok; then
    echo "setup.sh: SDK still not importable from $VENV after pip install" >&2
    exit 1
fi
echo "setup.sh: installed $(grep -v '^#' "$REQS" | tr -d '\n') into $VENV"
