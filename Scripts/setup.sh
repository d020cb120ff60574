#!/usr/bin/env bash
# Installs what Parapet needs on Debian/Ubuntu: the C libraries (PCRE2, OpenBLAS) and, when the
# encoder's fetch script is present, the default model backbone (pinned by SHA-256).
# Idempotent: installs only what is missing. Runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpcre2-dev libopenblas-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x Scripts/fetch-model.sh ]; then
    Scripts/fetch-model.sh
fi
echo "setup: done"
