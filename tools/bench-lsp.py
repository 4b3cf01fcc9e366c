#!/usr/bin/env python3
"""Times `newslint lsp` as an editor sees it: a 2,000-word story is opened,
then typed into one character at a time, and each change is timed from the
moment the `didChange` is written to the moment the server publishes
diagnostics for that version.

    cargo build --release
    python3 tools/bench-lsp.py [path/to/newslint] [--edits N] [--word-list N]

`--word-list N` puts the story in a workspace whose `newslint.toml` names a
word list of N made-up words, to show that a keystroke costs the same with
a long list as without (the list is read when the linter is built, not on
every check).

The story is assembled from paragraphs written for this benchmark (a
fictional council story with curly quotes, dashes, accented names, an
emoji and a few planted slips).
"""

import os
import statistics
import sys
import time
import tempfile

import lsp_client
from lsp_client import Server, keystroke

PARAGRAPHS = [
    "HARBOURTON — The city council voted 7–2 on Tuesday night to close the "
    "old Pier Street bridge for repairs, ending a two-year argument over who "
    "should pay to fix the 90-year-old crossing.",
    "“We have patched it, painted it and prayed over it,” said Councillor "
    "Renée Okafor, who chairs the infrastructure committee. “It is time to "
    "do the job properly, even if it hurts.”",
    "Engineers told the council in March that corrosion in the steel "
    "girders had reached a point where heavy trucks could no longer cross "
    "safely. Buses were rerouted in April, adding about 12 minutes to the "
    "morning commute for riders from the east side.",
    "The repairs are expected to cost $14.6 million. The state will cover "
    "roughly half, the city’s finance director, José Martín, said, with the "
    "rest coming from a bond issue that voters approved in 2019 but the "
    "council never spent.",
    "Shop owners on Pier Street say the closure could not come at a worse "
    "time. Many are still recovering from last winter’s flooding, when the "
    "river rose over its banks and filled basements along the waterfront.",
    "“My customers walk over that bridge every day,” said Mei-Ling Chen, "
    "who has run a bakery near the east landing for 23 years. “If they "
    "cannot get here, I cannot pay my rent. It is that simple.”",
    "The council’s two dissenting members, Frank Delgado and Ingrid "
    "Sørensen, argued that the city should build a temporary footbridge "
    "before closing the old one. Staff estimated that option at another "
    "$2.1 million and said it would delay the project by eight months.",
    "Mayor Dana Whitfield said the city would run a free shuttle across the "
    "river during construction and would ask the state for emergency "
    "grants for businesses that can show lost revenue. 🙂 Details are "
    "expected at the next council meeting.",
    "Construction is scheduled to begin in early June and to last about 14 "
    "months, weather permitting. The contractor, Northbank Civil, built the "
    "new rail overpass on the west side in 2021 and finished it ahead of "
    "schedule, according to city records.",
    "Residents packed the council chamber for the vote, and more than 40 "
    "people signed up to speak. Several held handmade signs; one read "
    "“Fix it right — fix it once.” The meeting ran past midnight.",
    "The bridge opened in 1934 as part of a public works programme and was "
    "last rebuilt in the 1970s. Historians have asked that its original "
    "lamp posts be saved and returned once the work is done, and the "
    "council agreed to study the idea.",
    "Ms. Okafor said the committee would publish monthly updates on the "
    "project’s budget and schedule. “People deserve to know where their "
    "money is going,” she said, “and when they can walk to the bakery "
    "again.”",
]


def story(words=2000):
    out, n, i = [], 0, 0
    while n < words:
        para = PARAGRAPHS[i % len(PARAGRAPHS)]
        if i >= len(PARAGRAPHS):
            # Later rounds: a follow-up paragraph, so every paragraph differs.
            para = f"In follow-up report {i // len(PARAGRAPHS)}, " + para[0].lower() + para[1:]
        out.append(para)
        n += len(para.split())
        i += 1
    # Two planted slips.
    out[2] = out[2].replace("corrosion", "corosion")
    out[5] = out[5].replace("customers", "custmoers")
    return "\n\n".join(out) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    exe = args[0] if args else "target/release/newslint"
    edits = 100
    if "--edits" in sys.argv:
        edits = int(sys.argv[sys.argv.index("--edits") + 1])
    word_list = 0
    if "--word-list" in sys.argv:
        word_list = int(sys.argv[sys.argv.index("--word-list") + 1])
    scratch = tempfile.TemporaryDirectory(prefix="newslint-bench-")
    root = scratch.name
    if word_list:
        with open(os.path.join(root, "newslint.toml"), "w") as f:
            f.write('words = ["desk-words.txt"]\n')
        with open(os.path.join(root, "desk-words.txt"), "w") as f:
            letters = "abcdefghijklmnopqrstuvwxyz"
            for i in range(word_list):
                word, n = "", i
                while True:
                    word += letters[n % 26]
                    n //= 26
                    if n == 0:
                        break
                f.write("Zq" + word + "\n")
    text = story()
    words = len(text.split())
    s = Server(exe, env=dict(os.environ, NEWSLINT_LSP_TIMING="1"))
    timings = []

    def keep_timing(msg):
        if msg.get("method") == "window/logMessage" and \
                msg["params"]["message"].startswith("newslint-timing"):
            timings.append(msg["params"]["message"])
    s.observe = keep_timing
    s.request("initialize", {"processId": None, "rootUri": "file://" + root, "capabilities": {}})
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = "file://" + os.path.join(root, "story.md")

    def published(version):
        return lsp_client.published(uri, version)

    t0 = s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    t1, msg = s.wait(published(1))
    first = (t1 - t0) * 1000
    ndiag = len(msg["params"]["diagnostics"])
    # Wait for the exact whole-story pass too.
    time.sleep(0.6)

    # Type "x" then delete it, at the end of paragraph 7's first line.
    lines = text.split("\n")
    line = 2 * 6
    col = len(lines[line].encode("utf-16-le")) // 2
    latencies = []
    version = 1
    for i in range(edits):
        version += 1
        sent = s.notify("textDocument/didChange", keystroke(uri, version, line, col, i))
        at, _ = s.wait(published(version))
        latencies.append((at - sent) * 1000)
    # A keystroke just as the exact whole-story pass starts (after 400 ms
    # of quiet): it must not wait for that pass.
    after_pause = []
    for i in range(10):
        time.sleep(0.405)
        version += 1
        sent = s.notify("textDocument/didChange", keystroke(uri, version, line, col, i, "y"))
        at, _ = s.wait(published(version))
        after_pause.append((at - sent) * 1000)
    time.sleep(0.6)
    s.request("shutdown", None)
    s.notify("exit", None)
    s.p.wait(timeout=10)

    def pass_ms(kind):
        return [float(t.split("ms=")[1].split()[0]) for t in timings
                if f"pass={kind}" in t]

    latencies.sort()
    quick = sorted(pass_ms("quick")[1:])  # the first quick pass is the cold open
    full = sorted(pass_ms("full"))
    if word_list:
        print(f"word list: {word_list} words")
    print(f"story: {words} words, {text.count(chr(10) * 2) + 1} paragraphs, {ndiag} diagnostics")
    print(f"open → first diagnostics: {first:.1f} ms (cold: Hunspell and caches load)")
    print(f"change → diagnostics, {edits} edits (includes the 10 ms debounce):")
    print(f"  median {statistics.median(latencies):.1f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms, max {latencies[-1]:.1f} ms")
    after_pause.sort()
    print(f"a keystroke as the exact pass starts, 10 times: median "
          f"{statistics.median(after_pause):.1f} ms, max {after_pause[-1]:.1f} ms")
    if quick:
        print(f"quick pass (paragraph cache) in the server: median {statistics.median(quick):.2f} ms")
    if full:
        print(f"exact whole-story pass in the server: median {statistics.median(full):.2f} ms "
              f"({len(full)} runs)")


if __name__ == "__main__":
    main()
