#!/usr/bin/env python3
"""Bulk speed on real news (issue #18): newslint beside typos and `hunspell -l`.

Builds one file at run time from every clean evaluation text (the `text`
of each line of DATA/*-clean.jsonl, stories separated by a blank line) in
a temporary folder, removed afterwards: the texts are never kept. Then
times, interleaved (one run of each tool per round, so a busy machine
slows them all alike):

- newslint with every default rule (`check --format json --dialect en-US`);
- newslint without the context model's rule (`--ignore context`);
- newslint with `--jobs 1` and `--jobs 2` on the one file;
- `hunspell -d en_US -l` and `typos --format brief`, when installed.

For each: median wall and CPU (user + sys) seconds, MB/s of wall and of
CPU time, and peak RSS (`/usr/bin/time`). With --story-mb it also reports
newslint's peak RSS on one story of about that size
(the real-news file repeated). A benchmark, never a test: it asserts nothing.

    python3 tools/bench-bulk.py [DATA] [--bin PATH] [--before PATH] [--peers DIR]
                                [--runs 5] [--story-mb 5] [--markdown]

--before (repeatable) times earlier builds in the same rounds (a speed
step's before and after under the same load).

DATA defaults to ../shared/eval/data beside the main checkout. A peer
that is missing is reported as missing. Install the peers (outside the
repository) with `apt-get install hunspell hunspell-en-us` and
`cargo install --locked --root PEERS typos-cli`.
"""

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

# The whole-process timing and peer lookup of the peers benchmark.
_spec = importlib.util.spec_from_file_location("bench_peers", ROOT / "tools" / "bench-peers.py")
peers_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(peers_bench)


def default_data():
    """../shared/eval/data beside the repository, or beside the main
    checkout when this is a git worktree."""
    candidates = [ROOT.parent / "shared" / "eval" / "data"]
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
        candidates.append(Path(common.strip()).parent.parent / "shared" / "eval" / "data")
    except (OSError, subprocess.CalledProcessError):
        pass
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def build_news(data, out):
    """Every clean evaluation text, one after another, a blank line apart."""
    sets = sorted(data.glob("*-clean.jsonl"))
    if not sets:
        sys.exit(f"bench-bulk: no *-clean.jsonl in {data}")
    stories = 0
    with open(out, "w", encoding="utf-8") as f:
        for path in sets:
            for line in open(path, encoding="utf-8"):
                if line.strip():
                    f.write(json.loads(line)["text"].rstrip("\n") + "\n\n")
                    stories += 1
    return [p.name for p in sets], stories


def contenders(newslint, peers, before=()):
    """(name, argv prefix or None when missing); the file goes last."""
    base = [str(newslint), "check", "--format", "json", "--dialect", "en-US"]
    hunspell = peers_bench.find("hunspell", peers)
    typos = peers_bench.find("typos", peers)
    earlier = [(f"newslint {Path(b).name} (--before)", [str(b), *base[1:]]) for b in before]
    return [
        *earlier,
        ("newslint", base),
        ("newslint --jobs 1", [*base, "--jobs", "1"]),
        ("newslint --jobs 2", [*base, "--jobs", "2"]),
        ("newslint --ignore context", [*base, "--ignore", "context"]),
        ("hunspell -l", hunspell and [hunspell, "-d", "en_US", "-l"]),
        ("typos", typos and [typos, "--format", "brief"]),
    ]


def interleaved(tools, path, runs):
    """Runs each tool once per round, `runs` rounds; returns per tool the
    list of (wall s, cpu s, rss MB), or an error string."""
    samples = {name: [] for name, argv in tools if argv}
    errors = {name: "not installed" for name, argv in tools if not argv}
    for _ in range(runs):
        for name, argv in tools:
            if not argv or name in errors:
                continue
            try:
                samples[name].append(peers_bench.timed(argv, path))
            except (RuntimeError, subprocess.SubprocessError, OSError) as e:
                errors[name] = str(e).splitlines()[0][:80]
    return samples, errors


def story_rss(newslint, news, mb, workdir):
    """newslint's time and peak RSS on one story of `mb` MB: the real-news
    file repeated (its stories run on as one)."""
    story = workdir / f"story-{mb}mb.txt"
    data = news.read_bytes()
    with open(story, "wb") as f:
        for _ in range(max(1, round(mb * MB / len(data)))):
            f.write(data)
    rows = []
    for jobs in ("1", "2"):
        wall, cpu, rss = peers_bench.timed(
            [str(newslint), "check", "--format", "json", "--dialect", "en-US", "--jobs", jobs],
            story)
        rows.append((jobs, wall, cpu, rss, story.stat().st_size / MB))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=None)
    ap.add_argument("--bin", type=Path, default=None,
                    help="newslint binary (default: build target/release/newslint)")
    ap.add_argument("--before", type=Path, action="append", default=[],
                    help="an earlier newslint binary, timed in the same rounds (repeatable)")
    ap.add_argument("--peers", type=Path, default=Path(os.environ.get("PEERS", Path(__file__).resolve().parents[2] / "peers")))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--story-mb", type=float, default=0, help="also peak RSS on a story this big")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()

    data = args.data or default_data()
    if args.bin:
        newslint = args.bin.resolve()
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "newslint"],
                       cwd=ROOT, check=True)
        newslint = peers_bench.target_dir() / "release" / "newslint"

    with tempfile.TemporaryDirectory(prefix="newslint-bulk-") as tmp:
        workdir = Path(tmp)
        news = workdir / "news.txt"
        sets, stories = build_news(data, news)
        size = news.stat().st_size / MB
        tools = contenders(newslint, args.peers, [b.resolve() for b in args.before])
        for name, argv in tools:
            if argv:
                print(f"{name}: {peers_bench.version(argv)}", file=sys.stderr)
        samples, errors = interleaved(tools, news, args.runs)
        big = story_rss(newslint, news, args.story_mb, workdir) if args.story_mb else []

    print(f"file: {stories} stories from {', '.join(sets)}: {size:.2f} MB; "
          f"{args.runs} interleaved runs, medians; {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    head = ("| tool | wall s | CPU s | MB/s (wall) | MB/s (CPU) | wall spread | peak RSS MB |\n"
            "|---|---:|---:|---:|---:|---:|---:|")
    print(head if args.markdown else head.splitlines()[0])
    for name, _ in tools:
        if name in errors and not samples.get(name):
            print(f"| {name} | {errors[name]} | | | | | |")
            continue
        s = samples[name]
        wall = statistics.median(x[0] for x in s)
        cpu = statistics.median(x[1] for x in s)
        spread = (max(x[0] for x in s) - min(x[0] for x in s)) / wall * 100
        rss = max(x[2] for x in s)
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {size / wall:.2f} | "
              f"{size / cpu if cpu else float('nan'):.2f} | ±{spread / 2:.0f}% | {rss:.0f} |")
    for jobs, wall, cpu, rss, mb in big:
        print(f"\n{mb:.1f} MB story (the file repeated), --jobs {jobs}: wall {wall:.2f} s, "
              f"CPU {cpu:.2f} s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
