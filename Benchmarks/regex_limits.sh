#!/usr/bin/env bash
# Release-mode timing for ParapetRegex: adversarial patterns on 1 MB subjects under the default
# limits, and the hot path (many patterns over short texts). Prints figures; asserts nothing.
#
# Compiles the ParapetRegex sources together with RegexLimits/main.swift in one optimised module
# with swiftc (no SwiftPM release build of the whole package needed). Needs libpcre2-dev.
#   Benchmarks/regex_limits.sh            # run everything
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${TMPDIR:-/tmp}/parapet-regex-limits"
swiftc -O -wmo -swift-version 6 -parse-as-library \
    -enable-upcoming-feature InternalImportsByDefault \
    -enable-upcoming-feature ExistentialAny \
    -Xcc -fmodule-map-file="$root/Sources/CPCRE2/module.modulemap" -I "$root/Sources/CPCRE2" \
    -module-name RegexLimits -o "$out" \
    $(find "$root/Sources/ParapetRegex" -name '*.swift') "$root/Benchmarks/RegexLimits/main.swift"
"$out" "$@"
