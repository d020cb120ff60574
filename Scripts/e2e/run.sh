#!/usr/bin/env bash
# End-to-end test of `parapet serve`: a stub OpenAI-compatible upstream (stub_upstream.py), the
# proxy in front of it, and OpenAI's official Python client (pinned in requirements.txt) driving
# both, streaming and not. Also checks the loopback-only rule on the real binary and a refused
# upstream connection. Exits non-zero on any mismatch. Called by .ci/run after `swift test`.
#
# Usage: Scripts/e2e/run.sh [path/to/parapet]   (default: builds and uses the debug binary)
set -euo pipefail
cd "$(dirname "$0")/../.."

python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r Scripts/e2e/requirements.txt
if [ $# -ge 1 ]; then
    parapet="$1"
else
    swift build --product parapet >/dev/null
    parapet="$(swift build --show-bin-path)/parapet"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # URL: wait until it answers (at most ~30 s)
    for _ in $(seq 1 300); do
        curl -fsS "$1" >/dev/null 2>&1 && return 0
        python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1])" "$1" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "e2e: $1 did not come up" >&2
    return 1
}

# The loopback-only rule on the binary: no client keys and a public address must be refused.
if PARAPET_CLIENT_KEYS="" "$parapet" serve --listen 0.0.0.0:1 --upstream http://127.0.0.1:9/v1 --policy-dir policies \
    2>"$work/refusal.txt"; then
    echo "e2e: FAIL serve listened on 0.0.0.0 without client keys" >&2
    exit 1
fi
grep -q "insecure_listen" "$work/refusal.txt" || { cat "$work/refusal.txt" >&2; exit 1; }
echo "ok   serve refuses a public address without client keys"

upstream_port="$(free_port)"
STUB_EXPECT_KEY="sk-upstream-fake" python3 Scripts/e2e/stub_upstream.py "$upstream_port" >"$work/stub.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$upstream_port/_requests"

client_key="pk-e2e-fake-client-key"
digest="$(printf '%s' "$client_key" | "$parapet" serve --hash-key)"
proxy_port="$(free_port)"
cat >"$work/parapet.yaml" <<YAML
listen: 127.0.0.1:$proxy_port
upstream: { url: "http://127.0.0.1:$upstream_port/v1", api_key_env: E2E_UPSTREAM_KEY, timeout_seconds: 2 }
policies: { default: default, directories: [policies], models: { strict-model: strict } }
keys:
  - { name: e2e, sha256: "$digest" }
YAML
E2E_UPSTREAM_KEY="sk-upstream-fake" "$parapet" serve --config "$work/parapet.yaml" --audit "sqlite:$work/audit.db" \
    >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$proxy_port/healthz"

# --event-loops below 1 is a usage error with a message.
code=0
"$parapet" serve --event-loops 0 --upstream http://127.0.0.1:9/v1 >"$work/loops.log" 2>&1 || code=$?
if [ "$code" != 64 ] || ! grep -q "event-loops must be at least 1" "$work/loops.log"; then
    echo "e2e: FAIL serve --event-loops 0 exited $code" >&2; cat "$work/loops.log" >&2
    exit 1
fi
echo "ok   serve refuses --event-loops 0"

# A second proxy whose upstream refuses connections, on a single event loop.
dead_port="$(free_port)"
"$parapet" serve --listen "127.0.0.1:$dead_port" --upstream "http://127.0.0.1:$(free_port)/v1" --policy-dir policies \
    --event-loops 1 >"$work/dead.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$dead_port/healthz"

if ! python3 Scripts/e2e/e2e_test.py "http://127.0.0.1:$proxy_port" "$client_key" \
    --upstream "http://127.0.0.1:$upstream_port" --dead-proxy "http://127.0.0.1:$dead_port"; then
    echo "--- proxy log" >&2; tail -50 "$work/proxy.log" >&2
    exit 1
fi
if grep -q "sk-upstream-fake" "$work/proxy.log"; then
    echo "e2e: FAIL the upstream key appears in the proxy log" >&2
    exit 1
fi
echo "ok   the upstream key never appears in the log"

# Every decision the proxy made is in its audit trail, the chain verifies, and no raw secret or
# e-mail address of the test traffic reached the trail.
if ! "$parapet" audit verify --audit "sqlite:$work/audit.db" >"$work/verify.log" 2>&1; then
    echo "e2e: FAIL parapet audit verify on the proxy's trail" >&2; cat "$work/verify.log" >&2
    exit 1
fi
events="$("$parapet" audit list --audit "sqlite:$work/audit.db" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
if [ "$events" -lt 5 ]; then
    echo "e2e: FAIL only $events decisions in the proxy's audit trail" >&2
    exit 1
fi
echo "ok   the proxy recorded $events decisions in its audit trail and the chain verifies"

# A time outside the trail's clock range is a usage error with a message, not a crash.
code=0
"$parapet" audit list --audit "sqlite:$work/audit.db" --since 99999999999999 >"$work/range.log" 2>&1 || code=$?
if [ "$code" != 64 ] || ! grep -q "not a date or time" "$work/range.log"; then
    echo "e2e: FAIL audit list --since 99999999999999 exited $code" >&2; cat "$work/range.log" >&2
    exit 1
fi
echo "ok   an out-of-range --since is refused as a usage error"
