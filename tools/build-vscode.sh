#!/usr/bin/env bash
# Builds the VS Code extension in editors/vscode: compiles the TypeScript with
# tsc, runs its unit tests with Node's test runner, and packages it with the
# official packaging tool, @vscode/vsce, into a .vsix.
#
# Usage (from anywhere):  bash tools/build-vscode.sh [OUT.vsix]
#   OUT.vsix defaults to editors/vscode/newslint-<version>.vsix (git-ignored).
# Needs: Node.js 20 or later and npm; the npm packages are installed exactly
# as package-lock.json says (`npm ci`) when node_modules is missing or older.
# Install the result with `code --install-extension OUT.vsix`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXT="$ROOT/editors/vscode"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (tools/setup.sh installs it)" >&2; exit 2; }
done
version="$(node -p 'require(process.argv[1]).version' "$EXT/package.json")"
OUT="${1:-$EXT/newslint-$version.vsix}"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
cd "$EXT"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# vsce compiles first (the manifest's `vscode:prepublish` runs tsc), so the
# package is never stale; it becomes OUT only once the unit tests pass.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
rm -rf out
npx --no-install vsce package --out "$TMP/newslint.vsix"
node --test out/test/settings.test.js
mv "$TMP/newslint.vsix" "$OUT"
echo "built $OUT ($(wc -c <"$OUT") bytes)" >&2
