#!/usr/bin/env bash
# Fetch the Hunspell dictionaries used by newslint from the npm registry.
#
#   dictionaries/en_US/{en_US.aff,en_US.dic,LICENSE}  <- npm dictionary-en@4.0.0
#   dictionaries/en_GB/{en_GB.aff,en_GB.dic,LICENSE}  <- npm dictionary-en-gb@3.0.0
#
#   dictionaries/en_AU/{en_AU.aff,en_AU.dic,copyright}  <- Debian hunspell-en-au 1:2020.12.07-2
#   dictionaries/en_CA/{en_CA.aff,en_CA.dic,copyright}  <- Debian hunspell-en-ca 1:2020.12.07-2
#   dictionaries/en_ZA/{en_ZA.aff,en_ZA.dic,copyright}  <- Debian hunspell-en-za 1:7.5.0-1
#
# The en_AU/en_CA/en_ZA dictionaries are checked by Hunspell at run time
# (no word forms are expanded from them); `--debian-only` fetches just those.
#
# The two npm packages are wooorm/dictionaries builds of the SCOWL-derived Hunspell
# dictionaries (version 2020.12.07); en-gb is the "-ise" British variant.
#
# Usage (from the repository root):  bash tools/fetch-dictionaries.sh
# Needs: npm, tar, sha256sum; apt-get and dpkg-deb (Debian 12) for the
# Debian packages (`apt-get update` once first).  Downloads happen in a temporary directory that
# is removed afterwards; re-running overwrites the files with identical content.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/dictionaries"

# package@version  locale  sha256 of the packed tarball
PACKAGES=(
  "dictionary-en@4.0.0 en_US 160cba5e6c0230d43d70b0c929e498566ff2c3c4bcf840318d98ce28e31ee756"
  "dictionary-en-gb@3.0.0 en_GB 67b3ac7f78c31408927b9e4e4f55bbd6a338ae6596a5c09bd937e471694fa218"
)

# package=version  locale  sha256 of the .deb (Debian 12 "bookworm")
DEBIAN_PACKAGES=(
  "hunspell-en-au=1:2020.12.07-2 en_AU 3325a515a862e50627aa2b500187b932f00b4afeae1400f1ecfe3b6439f8e78c"
  "hunspell-en-ca=1:2020.12.07-2 en_CA e4293928580c3d4a8c52e584e766089ef2644ef407d2d4cac413c922ecaf6bb0"
  "hunspell-en-za=1:7.5.0-1 en_ZA 1c6f39081b47a41a3c000c227b18e5359956113ddcdfe757bd81193c5aee63aa"
)

TMP="$(mktemp -d)"
chmod 0755 "$TMP"   # apt-get downloads as the _apt user when it can
trap 'rm -rf "$TMP"' EXIT

fetch_debian() {
  local spec locale sum work deb got name
  for entry in "${DEBIAN_PACKAGES[@]}"; do
    read -r spec locale sum <<<"$entry"
    name="${spec%%=*}"
    echo "fetching Debian $spec -> dictionaries/$locale" >&2
    work="$TMP/deb-$locale"
    mkdir -p "$work"
    chmod 0777 "$work"
    ( cd "$work" && apt-get download -q "$spec" >/dev/null )
    deb="$(ls "$work"/*.deb)"
    got="$(sha256sum "$deb" | cut -d' ' -f1)"
    if [[ "$got" != "$sum" ]]; then
      echo "error: checksum mismatch for $spec: expected $sum, got $got" >&2
      exit 1
    fi
    dpkg-deb -x "$deb" "$work/x"
    mkdir -p "$DEST/$locale"
    install -m 0644 "$work/x/usr/share/hunspell/$locale.aff" "$DEST/$locale/$locale.aff"
    install -m 0644 "$work/x/usr/share/hunspell/$locale.dic" "$DEST/$locale/$locale.dic"
    install -m 0644 "$work/x/usr/share/doc/$name/copyright" "$DEST/$locale/copyright"
  done
}

fetch_debian
if [[ "${1:-}" == "--debian-only" ]]; then
  exit 0
fi

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
