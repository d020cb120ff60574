#!/usr/bin/env bash
# Interleaved A/B timing of two `parapet` builds on one input file.
#
# A VM's speed can drift by 2x within minutes, so two builds timed one after the other compare
# the VM's phases as much as the code. This runs `parapet bench` with A, then B, then A, ...
# (ROUNDS pairs) and prints, per build, the median and best p50 and MB/s, and the median of the
# per-pair ratios B/A: each pair ran within seconds, in the same phase.
#
# Usage: Benchmarks/ab.sh [--rounds N] [--iterations K] [--policy NAME] A/parapet B/parapet FILE
#   A and B are release binaries, each next to its own *.resources bundles (copy them from
#   .build/release with the binary: the pattern catalogs are resources). FILE is a JSONL file with
#   a `text` field, or one text per line. Defaults: 6 rounds, 20 iterations, policy `patterns`.
set -euo pipefail

rounds=6
iterations=20
policy=patterns
policy_dir="$(cd "$(dirname "$0")/.." && pwd)/policies"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --iterations) iterations="$2"; shift 2 ;;
    --policy) policy="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -ne 3 ]]; then
  echo "usage: Benchmarks/ab.sh [--rounds N] [--iterations K] [--policy NAME] A/parapet B/parapet FILE" >&2
  exit 2
fi
a="$1"; b="$2"; file="$3"
for binary in "$a" "$b"; do
  [[ -x "$binary" ]] || { echo "ab.sh: $binary is not an executable" >&2; exit 2; }
done
[[ -r "$file" ]] || { echo "ab.sh: cannot read $file" >&2; exit 2; }

# One `parapet bench --json` run: prints "p50_us mb_per_s" (single-thread figures).
measure() {
  "$1" bench "$file" --policy "$policy" --policy-dir "$policy_dir" --iterations "$iterations" --json |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["p50_us"], r["single_thread_mb_per_s"])'
}

results=$(for _ in $(seq "$rounds"); do
  echo "$(measure "$a") $(measure "$b")"
done)

python3 - "$a" "$b" <<PY
import statistics as st, sys
rows = [list(map(float, line.split())) for line in """$results""".strip().splitlines()]
a_p50, a_mb, b_p50, b_mb = (list(column) for column in zip(*rows))
for name, p50, mb in ((sys.argv[1], a_p50, a_mb), (sys.argv[2], b_p50, b_mb)):
    print(f"{name}: p50 median {st.median(p50):.2f} µs (best {min(p50):.2f}), "
          f"MB/s median {st.median(mb):.1f} (best {max(mb):.1f})")
p50_ratios = [b / a for a, b in zip(a_p50, b_p50)]
mb_ratios = [b / a for a, b in zip(a_mb, b_mb)]
print(f"B/A per pair, p50: {' '.join(f'{r:.2f}' for r in p50_ratios)}; median {st.median(p50_ratios):.3f}")
print(f"B/A per pair, MB/s: {' '.join(f'{r:.2f}' for r in mb_ratios)}; median {st.median(mb_ratios):.3f}")
PY
