#!/usr/bin/env bash
# What the context rule (context.real-word) costs: whole-process wall time
# of `newslint check` with the embedded context model, against the same run
# with the rule starved of a model (an empty one, so it reads no words: the
# run as if the rule were off). A benchmark, not a test: it prints figures
# and asserts nothing. Goal (issue #3): at most 2x the time without it.
#
#   bash tools/bench-context.sh [FILES OR FOLDERS...]
#
# Default input: samples/flood-1000.txt (one 1,000-word story, a desk's
# everyday run) and, if present, the ../shared/eval sets written out as
# stories into a temporary folder (read in place, never copied into the
# repository). Uses hyperfine (Debian `hyperfine`) when present, else a
# Python loop. Set CARGO_TARGET_DIR to use another build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/newslint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.txt"
"$bin" model train "$tmp/empty.txt" -o "$tmp/off.nlm" 2>/dev/null

bench() {
    local name=$1
    shift
    echo "== $name: $*" | cut -c1-200
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --warmup 2 --runs "${RUNS:-20}" -N --style basic -i \
            -n "context on" "$bin check --format json $*" \
            -n "context off" "$bin check --format json --model $tmp/off.nlm $*" |
            grep -E "Time|±|faster|context"
    else
        python3 - "$bin" "$tmp/off.nlm" "$@" <<'PY'
import subprocess, sys, time, statistics
bin_, off, args = sys.argv[1], sys.argv[2], sys.argv[3:]
def run(extra):
    times = []
    for i in range(12):
        t = time.perf_counter()
        subprocess.run([bin_, "check", "--format", "json", *extra, *args], capture_output=True)
        if i >= 2:
            times.append(time.perf_counter() - t)
    return statistics.median(times)
on, no = run([]), run(["--model", off])
print(f"context on {on*1000:.1f} ms, off {no*1000:.1f} ms: {on/no:.2f}x")
PY
    fi
}

if [ $# -gt 0 ]; then
    bench "given input" "$@"
    exit 0
fi
bench "one story" --dialect en-GB samples/flood-1000.txt
eval=../shared/eval/data
if [ -d "$eval" ]; then
    python3 - "$eval" "$tmp/stories" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
for name in ("wsj-clean", "abc2006-clean"):
    d = os.path.join(out, name)
    os.makedirs(d)
    for line in open(os.path.join(src, name + ".jsonl"), encoding="utf-8"):
        doc = json.loads(line)
        with open(os.path.join(d, doc["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(doc["text"])
PY
    RUNS=5 bench "wsj-clean (153 stories)" --dialect en-US "$tmp/stories/wsj-clean"
    RUNS=5 bench "abc2006-clean (250 stories)" --dialect en-GB "$tmp/stories/abc2006-clean"
fi
