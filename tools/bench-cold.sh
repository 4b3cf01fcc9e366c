#!/usr/bin/env bash
# Cold start: whole-process wall time of `newslint check` on one story of
# about 1,000 words (samples/flood-1000.txt), the way a desk runs it on
# every story. A benchmark, not a test: it prints figures and asserts
# nothing. Goal (issue #2): under 50 ms.
#
#   bash tools/bench-cold.sh [STORY] [extra newslint args]
#
# The story is checked as en-GB unless the extra arguments name a
# dialect (`bash tools/bench-cold.sh samples/flood-1000.txt --dialect en-AU`).
#
# Uses hyperfine (Debian package `hyperfine`) when present, else a Python
# loop. Both clear nothing between runs: the page cache stays warm, as it
# does on a desk's machine; each run is a fresh process that maps the
# dictionaries and, when a word needs it, loads Hunspell.
set -euo pipefail
cd "$(dirname "$0")/.."
story=${1:-samples/flood-1000.txt}
shift || true
cargo build --release --quiet
bin=target/release/newslint
words=$(wc -w < "$story")
dialect=(--dialect en-GB)
case " $* " in *" --dialect "*|*" --dialect="*) dialect=() ;; esac
echo "story: $story ($words words)"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 3 --runs 50 -N --style basic -i \
        "$bin check --format json ${dialect[*]} $* $story"
else
    python3 - "$bin" "$story" "${dialect[@]}" "$@" <<'PY'
import subprocess, sys, time, statistics
bin_, story, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
cmd = [bin_, "check", "--format", "json", *extra, story]
for _ in range(3):
    subprocess.run(cmd, capture_output=True)
times = []
for _ in range(50):
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    times.append((time.perf_counter() - t) * 1000)
print(f"wall ms: median {statistics.median(times):.1f}, min {min(times):.1f}, max {max(times):.1f} over 50 runs")
PY
fi
