#!/usr/bin/env bash
# Proxy overhead benchmark: wrk drives a fast stub upstream directly and through `parapet serve`
# (release build) at 1, 16 and 64 concurrent connections; prints p50/p99 latency of both, the
# added latency, and guarded requests per second.
#
# Usage: Benchmarks/proxy_bench/bench.sh [--policy NAME] [--seconds N] [--cores LIST] [--pace-ms MS]
#                                         [--event-loops N] [--binary PATH] [--floor] [--nginx]
#   --policy       policy for the proxy (default: patterns, the regex-only layer; `default` adds the classifier)
#   --seconds      duration of each wrk run (default 10)
#   --cores        CPU list for the proxy (taskset), e.g. 0-1 (default: no pinning)
#   --pace-ms      each client waits this long after every response (default 0: a closed loop that
#                  saturates the machine, so its latency is mostly queueing; 8 with 16 clients offers
#                  at most 2,000 requests/s, the throughput target; about 1,500 arrive, since each
#                  request's own latency adds to the wait)
#   --event-loops  the proxy's `serve --event-loops` (default: one per core)
#   --binary       a parapet binary to use instead of building the release one
#   --nginx        also drive nginx as a plain reverse proxy in front of the same stub (no guard):
#                  what a C proxy adds on this machine (needs nginx: apt-get install nginx-light)
#   --floor        also drive parapet-proxy-floor (Benchmarks/ProxyFloor: the same HTTP server, upstream
#                  client and executor as the proxy with no guard, JSON or metrics), to show what the HTTP
#                  path alone costs and what the guard adds on top (built in release when missing)
# Needs: wrk (apt-get install wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
policy=patterns; seconds=10; cores=""; parapet=""; pace=0; loops=(); floor=0; nginx=0
while [ $# -gt 0 ]; do
    case "$1" in
        --policy) policy="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --cores) cores="$2"; shift 2 ;;
        --binary) parapet="$2"; shift 2 ;;
        --pace-ms) pace="$2"; shift 2 ;;
        --event-loops) loops=(--event-loops "$2"); shift 2 ;;
        --floor) floor=1; shift ;;
        --nginx) nginx=1; shift ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
if [ -z "$parapet" ]; then
    swift build -c release --product parapet >/dev/null
    parapet="$(swift build -c release --show-bin-path)/parapet"
fi

work="$(mktemp -d)"; pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 300); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }

up="$(free_port)"; px="$(free_port)"; fl="$(free_port)"; nx="$(free_port)"
python3 Benchmarks/proxy_bench/fast_upstream.py "$up" >/dev/null &
pids+=($!)
pin=(); [ -n "$cores" ] && pin=(taskset -c "$cores")
PARAPET_CLIENT_KEYS="pk-bench-fake" LOG_LEVEL=error "${pin[@]}" "$parapet" serve --listen "127.0.0.1:$px" \
    --upstream "http://127.0.0.1:$up/v1" --policy "$policy" --policy-dir policies "${loops[@]}" >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$px/healthz"
if [ "$floor" = 1 ]; then
    floor_bin="$(swift build -c release --show-bin-path)/parapet-proxy-floor"
    [ -x "$floor_bin" ] || swift build -c release --product parapet-proxy-floor >/dev/null
    "${pin[@]}" "$floor_bin" "$fl" "http://127.0.0.1:$up/v1" >"$work/floor.log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$fl/healthz"
    wrk -t1 -c4 -d2s -s Benchmarks/proxy_bench/post.lua "http://127.0.0.1:$fl/v1/chat/completions" >/dev/null
fi
if [ "$nginx" = 1 ]; then
    command -v nginx >/dev/null || { echo "bench: --nginx needs nginx (apt-get install nginx-light)" >&2; exit 1; }
    # A plain reverse proxy: one worker per core, keep-alive connections to the stub, no logs.
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log error;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
    upstream stub { server 127.0.0.1:$up; keepalive 64; }
    server {
        listen 127.0.0.1:$nx;
        location / { proxy_pass http://stub; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
CONF
    "${pin[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' >"$work/nginx/out.log" 2>&1 &
    pids+=($!)
    sleep 0.5
    wrk -t1 -c4 -d2s -s Benchmarks/proxy_bench/post.lua "http://127.0.0.1:$nx/v1/chat/completions" >/dev/null
fi
sleep 0.5
# Warm up both paths.
wrk -t1 -c4 -d2s -s Benchmarks/proxy_bench/post.lua "http://127.0.0.1:$px/v1/chat/completions" >/dev/null
wrk -t1 -c4 -d2s -s Benchmarks/proxy_bench/post.lua "http://127.0.0.1:$up/v1/chat/completions" >/dev/null

run() {  # URL CONNECTIONS -> "p50_us p99_us rps errors"
    local threads=$(( $2 < 2 ? 1 : 2 ))
    PACE_MS="$pace" wrk -t"$threads" -c"$2" -d"${seconds}s" --latency -s Benchmarks/proxy_bench/post.lua "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def us(label):
    m = re.search(r"^\s+" + str(label) + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 1, "ms": 1000, "s": 1e6}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{us(50):.0f} {us(99):.0f} {rps:.0f} {errors.group(1) if errors else 0}")'
}

echo "policy: $policy   wrk ${seconds}s per run   cores: $(nproc)   proxy pinned to: ${cores:-none}   event loops: ${loops[1]:-one per core}   pace: ${pace} ms"
printf '%-8s %12s %12s %12s %12s %12s %12s %10s %8s\n' clients direct_p50 direct_p99 proxy_p50 proxy_p99 added_p50 added_p99 proxy_rps errors
for clients in 1 16 64; do
    read -r dp50 dp99 drps _ < <(run "http://127.0.0.1:$up/v1/chat/completions" "$clients")
    read -r pp50 pp99 prps perr < <(run "http://127.0.0.1:$px/v1/chat/completions" "$clients")
    printf '%-8s %10sµs %10sµs %10sµs %10sµs %10sµs %10sµs %10s %8s\n' "$clients" "$dp50" "$dp99" "$pp50" "$pp99" \
        "$((pp50 - dp50))" "$((pp99 - dp99))" "$prps" "$perr"
    if [ "$floor" = 1 ]; then
        read -r fp50 fp99 frps ferr < <(run "http://127.0.0.1:$fl/v1/chat/completions" "$clients")
        printf '%-8s %10sµs %10sµs %10sµs %10sµs %10sµs %10sµs %10s %8s   (HTTP floor: no guard)\n' "" "" "" "$fp50" "$fp99" \
            "$((fp50 - dp50))" "$((fp99 - dp99))" "$frps" "$ferr"
    fi
    if [ "$nginx" = 1 ]; then
        read -r np50 np99 nrps nerr < <(run "http://127.0.0.1:$nx/v1/chat/completions" "$clients")
        printf '%-8s %10sµs %10sµs %10sµs %10sµs %10sµs %10sµs %10s %8s   (nginx reverse proxy: no guard)\n' "" "" "" "$np50" "$np99" \
            "$((np50 - dp50))" "$((np99 - dp99))" "$nrps" "$nerr"
    fi
done
