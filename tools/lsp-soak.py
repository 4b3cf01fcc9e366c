#!/usr/bin/env python3
"""A long editing session against `newslint lsp`, to show that its memory
stays level and its answers stay quick (issue #11 and #12, item 15).

    cargo build --release
    python3 tools/lsp-soak.py [path/to/newslint] [--edits 1000]
        [--configs 100] [--words 100] [--max-growth-mb 60]

In a scratch workspace the script trains a small desk context model with
`newslint model train` on text it generates, writes a `newslint.toml`
naming it (`model = "desk.nlm"`) and a word list, and starts the server
with a plain stdio JSON-RPC client (no packages needed). It opens a story,
then types into it (`--edits` keystrokes, each waited for), switching the
dialect through `workspace/didChangeConfiguration` (`--configs` times) and
adding new words through `newslint.addWord` (`--words` times) along the
way: each of those makes the server build its linter, model and word
lists afresh.

It prints the server's resident memory (VmRSS from /proc/PID/status) once
the story is first checked and at the end, its peak (VmHWM), and the
median and 95th percentile of change -> diagnostics latency; it exits 1
if the end is more than --max-growth-mb above the start. Linux only.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from lsp_client import Server, keystroke, published

WORDS = (
    "the council said on tuesday that the bridge would close for repairs "
    "after engineers found corrosion in the steel girders officials told "
    "reporters the state will pay half of the cost and the city will "
    "borrow the rest residents asked for a footbridge while the work goes "
    "on the mayor promised a shuttle bus across the river shop owners "
    "fear lost trade during the closure police closed the road to traffic "
    "as the vote was taken late at night the contractor expects the work "
    "to last fourteen months weather permitting"
).split()


def vocabulary(rng, size):
    """News words, then made-up ones from syllables, most common first."""
    syllables = ["ba", "ker", "lo", "mi", "ta", "ven", "dor", "sa", "ri", "pel",
                 "cu", "nes", "tho", "gar", "li", "mon", "fe", "ra", "do", "wen"]
    made = set()
    while len(made) < size:
        made.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return WORDS + sorted(made)


def generated_text(rng, vocab, weights, sentences):
    out = []
    for _ in range(sentences):
        words = rng.choices(vocab, cum_weights=weights, k=rng.randint(6, 18))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


STORY = (
    "HARBOURTON — The city council voted 7–2 on Tuesday night to close the "
    "old Pier Street bridge for repairs, officials said.\n\n"
    "“We have patched it, painted it and prayed over it,” said Councillor "
    "Renée Okafor. Engineers found corosion in the steel girders.\n\n"
    "The repairs are expected to cost $14.6 million, with the rest coming "
    "from a bond issue that voters approved in 2019.\n\n"
    "Shop owners on Pier Street say the closure could not come at a worse "
    "time for their custmoers.\n"
)


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def new_word(i):
    # Letters only, unlike any word in the story: `Qaxbe`, `Qaxbf`, ...
    letters = "bcdfghjklmnpqrstvwxz"
    tail = ""
    while True:
        tail += letters[i % len(letters)]
        i //= len(letters)
        if i == 0:
            return "Qax" + tail


def workspace(exe, dir, model_words):
    """Trains the desk model on about `model_words` words of made-up copy
    (a Zipf-like mix of 20,000 words), and writes the configuration."""
    rng = random.Random(11)
    vocab = vocabulary(rng, 20000)
    weights, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1.0 / (rank + 1)
        weights.append(total)
    archive = os.path.join(dir, "archive")
    os.mkdir(archive)
    per_file = 500  # sentences of 12 words on average
    for i in range(max(1, model_words // (per_file * 12))):
        with open(os.path.join(archive, f"{i}.txt"), "w") as f:
            f.write(generated_text(rng, vocab, weights, per_file) + "\n")
    model = os.path.join(dir, "desk.nlm")
    subprocess.run([exe, "model", "train", archive, "-o", model], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(dir, "newslint.toml"), "w") as f:
        f.write('model = "desk.nlm"\nwords = ["desk-words.txt"]\n')
    with open(os.path.join(dir, "desk-words.txt"), "w") as f:
        f.write("# the desk's names\nOkafor\n")
    return os.path.getsize(model)


def session(s, uri, edits, configs, words):
    """Types, switches the dialect and adds words; the latencies in ms."""
    lines = STORY.split("\n")
    line = 2
    col = len(lines[line].encode("utf-16-le")) // 2
    version = 1
    latencies = []
    config_every = max(1, edits // configs) if configs else None
    word_every = max(1, edits // words) if words else None
    done_configs = done_words = 0
    for i in range(max(edits, configs, words)):
        if i < edits:
            version += 1
            sent = s.notify("textDocument/didChange", keystroke(uri, version, line, col, i))
            at, _ = s.wait(published(uri, version), f"diagnostics for version {version}")
            latencies.append((at - sent) * 1000)
        if done_configs < configs and (config_every is None or i % config_every == 0 or i >= edits):
            dialect = "en-GB" if done_configs % 2 == 0 else "en-US"
            s.notify("workspace/didChangeConfiguration",
                     {"settings": {"newslint": {"dialect": dialect}}})
            done_configs += 1
            # The re-check is published before the answer to a request.
            s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": 0, "character": 0}})
        if done_words < words and (word_every is None or i % word_every == 0 or i >= edits):
            s.request("workspace/executeCommand", {"command": "newslint.addWord", "arguments": [
                {"word": new_word(done_words), "uri": uri, "version": version}]})
            done_words += 1
    return latencies


def main():
    parser = argparse.ArgumentParser(description="A long editing session against newslint lsp.")
    parser.add_argument("exe", nargs="?", default="target/release/newslint")
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--configs", type=int, default=100)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--max-growth-mb", type=float, default=60.0)
    parser.add_argument("--model-words", type=int, default=1_000_000,
                        help="words of made-up copy the desk model is trained on")
    a = parser.parse_args()
    exe, edits, configs, words = os.path.abspath(a.exe), a.edits, a.configs, a.words
    max_growth = a.max_growth_mb
    with tempfile.TemporaryDirectory(prefix="newslint-soak-") as dir:
        model_size = workspace(exe, dir, a.model_words)
        s = Server(exe, dir)
        s.request("initialize", {"processId": None, "rootUri": "file://" + dir,
                                 "capabilities": {}})
        s.notify("initialized", {})
        uri = "file://" + os.path.join(dir, "story.md")
        s.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": STORY}})
        s.wait(published(uri, 1), "the first diagnostics")
        time.sleep(0.8)  # the exact pass, on the worker
        start = rss_kb(s.p.pid)
        began = time.perf_counter()
        latencies = session(s, uri, edits, configs, words)
        time.sleep(0.8)
        end = rss_kb(s.p.pid)
        peak = rss_kb(s.p.pid, "VmHWM")
        took = time.perf_counter() - began
        s.request("shutdown", None)
        s.notify("exit", None)
        s.p.wait(timeout=30)
    growth = (end - start) / 1024
    print(f"desk model: {model_size / 1e6:.1f} MB; {edits} edits, {configs} configuration "
          f"changes, {words} added words in {took:.1f} s")
    print(f"resident memory: start {start / 1024:.1f} MB, end {end / 1024:.1f} MB "
          f"({growth:+.1f} MB), peak {peak / 1024:.1f} MB")
    if latencies:
        latencies.sort()
        p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
        print(f"change -> diagnostics: p50 {statistics.median(latencies):.1f} ms, "
              f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    if growth > max_growth:
        print(f"lsp-soak: FAIL: memory grew {growth:.1f} MB, more than {max_growth:.0f} MB")
        return 1
    print("lsp-soak: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
