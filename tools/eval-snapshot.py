#!/usr/bin/env python3
"""Runs `newslint check --format json` over the texts of every evaluation set and keeps the output,
so two builds can be compared byte for byte (a restructuring or a speed step must not change it).

  python3 tools/eval-snapshot.py [--bin target/release/newslint] [--data ../shared/eval/data] OUT_DIR
  diff -r BEFORE_DIR AFTER_DIR

The texts are written to a temporary folder at run time and removed afterwards: nothing from the
evaluation sets is kept in OUT_DIR but newslint's findings. Each set is checked in the dialect its
README names (en-GB for the ABC and AFP sets, en-US for the rest), with relative paths so the
output does not depend on where the temporary folder was. The birkbeck word list is checked one
word a story, as `words.py` does.
"""
import argparse, json, os, subprocess, sys, tempfile

EN_GB = ("abc2006", "seed-afp")


def texts(path):
    if path.endswith(".tsv"):
        out = []
        for i, line in enumerate(open(path, encoding="utf-8")):
            if "\t" in line:
                for j, w in enumerate(line.rstrip("\n").split("\t", 1)[1].split()):
                    out.append((f"w{i:05}-{j}", w + "\n"))
        return out
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    return [(d["id"], d["text"]) for d in docs]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--bin", default="target/release/newslint")
    ap.add_argument("--data", default=os.path.join("..", "shared", "eval", "data"))
    ap.add_argument("--args", default="", help="extra arguments for every run, as one string")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    os.makedirs(a.out, exist_ok=True)
    sets = sorted(f for f in os.listdir(a.data)
                  if (f.endswith(".jsonl") and not f.endswith(".labels.jsonl")) or f.endswith(".tsv"))
    for name in sets:
        dialect = "en-GB" if name.startswith(EN_GB) else "en-US"
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for ident, text in texts(os.path.join(a.data, name)):
                fname = ident + ".txt"
                with open(os.path.join(tmp, fname), "w", encoding="utf-8") as f:
                    f.write(text)
                files.append(fname)
            found = []
            for i in range(0, len(files), 300):
                r = subprocess.run([binary, "check", "--format", "json", "--dialect", dialect,
                                    *a.args.split(), *files[i:i + 300]],
                                   cwd=tmp, capture_output=True, text=True)
                if r.returncode not in (0, 1):
                    sys.exit(f"{name}: newslint exited {r.returncode}: {r.stderr.strip()[:500]}")
                found += json.loads(r.stdout or "[]")
        out = os.path.join(a.out, os.path.splitext(name)[0] + ".json")
        with open(out, "w", encoding="utf-8") as f:
            for finding in found:
                f.write(json.dumps(finding, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(files)} texts, {len(found)} findings ({dialect})")


if __name__ == "__main__":
    main()
