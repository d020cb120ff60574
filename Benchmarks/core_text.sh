#!/usr/bin/env bash
# Release-mode timing for ParapetCore's text machinery: Normalizer on ASCII, accented, Russian,
# CJK and obfuscated text, and Aho-Corasick with 10k patterns. Prints figures; asserts nothing.
#
# Compiles ParapetCore's sources (minus Redactor.swift, the only file needing swift-crypto)
# together with CoreText/main.swift in one optimised module with swiftc.
#   Benchmarks/core_text.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${TMPDIR:-/tmp}/parapet-core-text"
swiftc -O -wmo -swift-version 6 -parse-as-library \
    -enable-upcoming-feature InternalImportsByDefault \
    -enable-upcoming-feature ExistentialAny \
    -module-name CoreText -o "$out" \
    $(find "$root/Sources/ParapetCore" -name '*.swift' ! -name 'Redactor.swift') "$root/Benchmarks/CoreText/main.swift"
"$out" "$@"
