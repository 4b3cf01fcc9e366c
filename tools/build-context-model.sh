#!/bin/sh
# Rebuilds newslint's context model and homophone sets from the Debian
# package pocketsphinx-en-us (CMU Sphinx US English language model and the
# CMU Pronouncing Dictionary, BSD-2):
#
#   dictionaries/context/en-us.nlm       (newslint model build --max-mb 14.9)
#   dictionaries/context/homophones.txt  (tools/build-homophones.py)
#   dictionaries/context/LICENSE         (the package's copyright file)
#
# Needs apt-get (run `apt-get update` once first), /usr/bin/python3 with
# numpy (`apt-get install python3-numpy`) and a release build of newslint
# (`cargo build --release`; pass its path as $NEWSLINT otherwise). Downloads
# into a temporary folder that it removes afterwards.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/dictionaries/context"
NEWSLINT=${NEWSLINT:-"${CARGO_TARGET_DIR:-$ROOT/target}/release/newslint"}
PY=${PYTHON:-/usr/bin/python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
apt-get download pocketsphinx-en-us
dpkg-deb -x pocketsphinx-en-us_*.deb pkg
MODEL=pkg/usr/share/pocketsphinx/model/en-us
mkdir -p "$OUT"
"$PY" "$ROOT/tools/lm-bin-to-arpa.py" "$MODEL/en-us.lm.bin" en-us.arpa
"$PY" "$ROOT/tools/build-homophones.py" "$MODEL/cmudict-en-us.dict" > "$OUT/homophones.txt"
"$NEWSLINT" model build --arpa en-us.arpa -o "$OUT/en-us.nlm" --max-mb 14.9
cp pkg/usr/share/doc/pocketsphinx-en-us/copyright "$OUT/LICENSE"
ls -l "$OUT"
