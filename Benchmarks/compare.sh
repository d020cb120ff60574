#!/usr/bin/env bash
# Side-by-side benchmark: Parapet vs Presidio, detect-secrets and Hyperscan, one run, same inputs.
#
#   Benchmarks/compare.sh [--parapet PATH] [--skip-parapet] [--policy NAME] [--bulk-mb N] ...
#
# Sets up Benchmarks/.venv when missing (Benchmarks/setup-compare.sh), builds Benchmarks/hyperscan/
# hs_bench.c with gcc -O2 -lhs, generates the inputs from the dev sets in a temp dir, runs every tool,
# prints a table with Parapet's ratios to each tool and writes Benchmarks/results/compare-latest.json.
# All options: Benchmarks/compare.sh --help. What is measured: docs/benchmarks.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -f "$here/.venv/.setup-complete" ]]; then
  "$here/setup-compare.sh"
fi
exec "$here/.venv/bin/python" "$here/compare/compare.py" "$@"
