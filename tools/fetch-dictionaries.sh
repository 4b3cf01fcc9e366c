#!/usr/bin/env bash
# Fetch the Hunspell dictionaries used by newslint from the npm registry.
#
#   dictionaries/en_US/{en_US.aff,en_US.dic,LICENSE}  <- npm dictionary-en@4.0.0
#   dictionaries/en_GB/{en_GB.aff,en_GB.dic,LICENSE}  <- npm dictionary-en-gb@3.0.0
#
# Both packages are wooorm/dictionaries builds of the SCOWL-derived Hunspell
# dictionaries (version 2020.12.07); en-gb is the "-ise" British variant.
#
# Usage (from the repository root):  bash tools/fetch-dictionaries.sh
# Needs: npm, tar, sha256sum.  Downloads happen in a temporary directory that
# is removed afterwards; re-running overwrites the files with identical content.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/dictionaries"

# package@version  locale  sha256 of the packed tarball
PACKAGES=(
  "dictionary-en@4.0.0 en_US 160cba5e6c0230d43d70b0c929e498566ff2c3c4bcf840318d98ce28e31ee756"
  "dictionary-en-gb@3.0.0 en_GB 67b3ac7f78c31408927b9e4e4f55bbd6a338ae6596a5c09bd937e471694fa218"
)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

for entry in "${PACKAGES[@]}"; do
  read -r spec locale sum <<<"$entry"
  echo "fetching $spec -> dictionaries/$locale" >&2
  work="$TMP/$locale"
  mkdir -p "$work"
  ( cd "$work" && npm pack --silent "$spec" >/dev/null )
  tarball="$(ls "$work"/*.tgz)"
  got="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [[ "$got" != "$sum" ]]; then
    echo "error: checksum mismatch for $spec: expected $sum, got $got" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$work"
  mkdir -p "$DEST/$locale"
  install -m 0644 "$work/package/index.aff" "$DEST/$locale/$locale.aff"
  install -m 0644 "$work/package/index.dic" "$DEST/$locale/$locale.dic"
  install -m 0644 "$work/package/license"   "$DEST/$locale/LICENSE"
done

echo "done: $(wc -l "$DEST"/en_US/en_US.dic "$DEST"/en_GB/en_GB.dic | tail -1)" >&2
