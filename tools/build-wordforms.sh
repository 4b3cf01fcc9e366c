#!/usr/bin/env bash
# Build dictionaries/<locale>/words.txt: every word form the Hunspell
# dictionary accepts, affixes expanded, one per line, UTF-8, sorted by byte
# order (LC_ALL=C sort -u), case kept as in the dictionary.
#
# Usage (from the repository root):  bash tools/build-wordforms.sh
# Needs: python3.  Run tools/fetch-dictionaries.sh first.
# Optional, for verification only (Debian packages):
#   hunspell-tools  - `unmunch`; its output is compared with ours
#   hunspell        - `hunspell` CLI (20-word spot check) and libhunspell
#                     (every form is checked through the library)
# Set NO_VERIFY=1 to skip the optional checks.
#
# The expansion itself is tools/expand-affixes.py (a small unmunch
# re-implementation).  Differences from Debian's unmunch on these
# dictionaries: unmunch also prints the ONLYINCOMPOUND stems 1th/2th/3th,
# which Hunspell rejects on their own; we leave them out.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Words each list must contain (sanity check of the expansion).
declare -A MUST
MUST[en_US]="troops drones defense color colors coalition's traveling organize Baghdad"
MUST[en_GB]="troops drones defence colour colours coalition's travelling organise"

for locale in en_US en_GB; do
  dic="dictionaries/$locale/$locale.dic"
  aff="dictionaries/$locale/$locale.aff"
  out="dictionaries/$locale/words.txt"
  [[ -f "$dic" && -f "$aff" ]] || { echo "missing $dic / $aff: run tools/fetch-dictionaries.sh" >&2; exit 1; }

  python3 tools/expand-affixes.py "$dic" "$aff" > "$TMP/$locale.txt"
  # Belt and braces: byte-order sort, unique, no empty lines.
  grep -v '^$' "$TMP/$locale.txt" | sort -u > "$TMP/$locale.sorted"
  cmp -s "$TMP/$locale.txt" "$TMP/$locale.sorted" || { echo "expander output not sorted/unique" >&2; exit 1; }
  if grep -q '[/[:space:]]' "$TMP/$locale.sorted"; then
    echo "junk (slash or space) in $locale forms" >&2; exit 1
  fi
  n=$(wc -l < "$TMP/$locale.sorted")
  if (( n < 100000 || n > 250000 )); then
    echo "implausible number of forms for $locale: $n" >&2; exit 1
  fi
  for w in ${MUST[$locale]}; do
    grep -qxF -- "$w" "$TMP/$locale.sorted" || { echo "$locale: missing expected form '$w'" >&2; exit 1; }
  done
  mv "$TMP/$locale.sorted" "$out"
  echo "$out: $n forms" >&2

  [[ "${NO_VERIFY:-0}" == 1 ]] && continue

  if command -v unmunch >/dev/null; then
    unmunch "$dic" "$aff" 2>/dev/null | grep -v '^$' | sort -u > "$TMP/$locale.unmunch"
    if diff <(grep -vxE '[0-9]+th' "$TMP/$locale.unmunch") <(grep -vxE '[0-9]+th' "$out") >/dev/null \
       && diff <(comm -13 "$TMP/$locale.unmunch" "$out") /dev/null >/dev/null; then
      echo "  unmunch agrees (apart from ONLYINCOMPOUND stems: $(comm -23 "$TMP/$locale.unmunch" "$out" | tr '\n' ' '))" >&2
    else
      echo "  WARNING: unmunch output differs:" >&2
      diff "$TMP/$locale.unmunch" "$out" | head -20 >&2
    fi
  else
    echo "  (unmunch not installed: skipping comparison; apt-get install hunspell-tools)" >&2
  fi

  if command -v hunspell >/dev/null; then
    # Spot check: 20 random forms through the hunspell CLI, one per line
    # (-a pipe mode: '*', '+' or '-' means accepted).
    shuf -n 20 "$out" > "$TMP/sample"
    rejected=$(hunspell -d "dictionaries/$locale/$locale" -a < "$TMP/sample" \
               | tail -n +2 | grep -v '^$' | grep -v '^[*+-]' || true)
    if [[ -n "$rejected" ]]; then
      # The CLI tokenises on apostrophes (e.g. Baha'i), so report, don't fail.
      echo "  hunspell CLI spot check: some tokens flagged (apostrophe tokenising?):" >&2
      echo "$rejected" | sed 's/^/    /' >&2
    else
      echo "  hunspell CLI spot check: 20/20 random forms accepted ($(tr '\n' ' ' < "$TMP/sample"))" >&2
    fi
    # Full check through libhunspell (no tokeniser in the way).
    python3 - "dictionaries/$locale/$locale" "$out" <<'PY' >&2
import ctypes, glob, sys
libs = sorted(glob.glob("/usr/lib/*/libhunspell-1.*.so.0") + glob.glob("/usr/lib/libhunspell-1.*.so.0"))
if not libs:
    print("  (libhunspell not found: skipping full check)"); sys.exit(0)
lib = ctypes.CDLL(libs[-1])
lib.Hunspell_create.restype = ctypes.c_void_p
lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
lib.Hunspell_destroy.argtypes = [ctypes.c_void_p]
base = sys.argv[1].encode()
h = lib.Hunspell_create(base + b".aff", base + b".dic")
bad = [w for w in open(sys.argv[2], encoding="utf-8").read().split("\n")
       if w and not lib.Hunspell_spell(h, w.encode("utf-8"))]
lib.Hunspell_destroy(h)
if bad:
    print(f"  libhunspell REJECTS {len(bad)} forms, e.g. {bad[:10]}"); sys.exit(1)
print("  libhunspell accepts every form")
PY
  else
    echo "  (hunspell not installed: skipping acceptance checks; apt-get install hunspell)" >&2
  fi
done
