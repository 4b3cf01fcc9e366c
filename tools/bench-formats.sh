#!/usr/bin/env bash
# What the markup stage costs: whole-process wall time of `newslint check`
# on the same ~1,000-word story (samples/flood-1000.txt) as plain text, as
# Markdown (a heading, front matter, emphasis, a link, inline code) and as
# HTML (a head with a script and a style, <p> blocks, entities). A
# benchmark, not a test: it prints figures and asserts nothing.
# Goal (issue #13): Markdown and HTML at most 1.3x plain text.
#
#   bash tools/bench-formats.sh [extra newslint args]
#
# Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/newslint
story=samples/flood-1000.txt
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$story" "$dir/story.txt"
python3 - "$story" "$dir" <<'PY'
import html, sys
story, out = sys.argv[1], sys.argv[2]
paras = [p for p in open(story, encoding="utf-8").read().split("\n\n") if p.strip()]
md = ["---", 'title: "Danube flood: crews shore up defences"', "slug: danube-flood-defences",
      "tags: [flood, serbia, danube]", "---", "", "# Danube flood", ""]
for i, p in enumerate(paras):
    if i == 1:
        p = p.replace("river", "*river*", 1) + " See the [report](https://example.org/report) and `gauge_id = 7`."
    md += [p, ""]
open(f"{out}/story.md", "w", encoding="utf-8").write("\n".join(md))
h = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>Danube flood</title>",
     "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\"}</script>",
     "<style>p { margin: 0 }</style></head><body><article>", "<h1>Danube flood</h1>"]
for p in paras:
    h.append("<p>" + html.escape(p, quote=False).replace("’", "&rsquo;") + "</p>")
h.append("</article></body></html>")
open(f"{out}/story.html", "w", encoding="utf-8").write("\n".join(h))
PY
wc -w "$dir"/story.*
hyperfine --warmup 3 --runs 100 -N --style basic -i --export-json "$dir/times.json" \
    "$bin check --format json --dialect en-GB $* $dir/story.txt" \
    "$bin check --format json --dialect en-GB $* $dir/story.md" \
    "$bin check --format json --dialect en-GB $* $dir/story.html"
# Medians and minimums: a shared machine's noise is in the means.
python3 - "$dir/times.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
base_med = statistics.median(r[0]["times"]); base_min = min(r[0]["times"])
base_cpu = r[0]["user"] + r[0]["system"]
for x in r:
    med, low = statistics.median(x["times"]), min(x["times"])
    name = x["command"].rsplit("/", 1)[1]
    cpu = x["user"] + x["system"]
    print(f"{name:12} median {med*1000:5.2f} ms ({med/base_med:.2f}x)  min {low*1000:5.2f} ms "
          f"({low/base_min:.2f}x)  cpu {cpu*1000:5.2f} ms ({cpu/base_cpu:.2f}x)")
PY
