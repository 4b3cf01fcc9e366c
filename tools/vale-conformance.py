#!/usr/bin/env python3
"""Compare newslint's Vale alerts with the ones a Vale style's own tests expect.

Usage: python3 tools/vale-conformance.py [--newslint BIN] [-v] STYLE_ROOT...

A STYLE_ROOT is a checkout of a published Vale style: the style folder
(`Microsoft/*.yml`), `fixtures/NAME/` (a story or two, usually with a
`.vale.ini`) and the style's tests, either Cucumber `features/*.feature`
(`When I test "NAME"` then the expected `file:line:col:Rule:message` lines)
or go-cmdtest `testdata/*.ct` (`$ cdf ${ROOTDIR}/fixtures/NAME`, then the
lines). Each scenario is run as the style's tests run Vale: newslint checks
the fixture folder with the fixture's `.vale.ini` (or the style root's, or
one that turns the whole style on), and its `vale.*` findings are compared
with the expected alerts by file, line, column and rule. A scenario whose
fixture folder is missing is counted apart (not run), and so are expected
alerts in a fixture file the checkout lacks, past the end of the fixture
file it has (an older fixture than the test's), or of a rule whose file
the checkout lacks.

Prints, per style: expected alerts, reproduced (same file, line, column and
rule), missed, extra; with -v, every missed and extra alert.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r"^\s*([^:\s]+):(\d+):(\d+):([\w.-]+):")


def expectations(root):
    """{fixture name: [(file, line, col, rule)]} from the style's tests."""
    out = collections.OrderedDict()
    features = os.path.join(root, "features")
    if os.path.isdir(features):
        for name in sorted(os.listdir(features)):
            if name.endswith(".feature"):
                read_feature(os.path.join(features, name), out)
    testdata = os.path.join(root, "testdata")
    if os.path.isdir(testdata):
        for name in sorted(os.listdir(testdata)):
            if name.endswith(".ct"):
                read_ct(os.path.join(testdata, name), out)
    return out


def read_feature(path, out):
    current, inside = None, False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            m = re.match(r'When I (?:test|lint) "([^"]+)"', line)
            if m:
                current = m.group(1)
                out.setdefault(current, [])
                continue
            if line.startswith('"""'):
                inside = not inside
                continue
            m = LINE.match(line)
            if inside and current and m:
                out[current].append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))


def read_ct(path, out):
    current = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = re.match(r"\$ cdf \$\{ROOTDIR\}/fixtures/(\S+)", line)
            if m:
                current = m.group(1)
                out.setdefault(current, [])
                continue
            m = LINE.match(line)
            if current and m and not line.startswith("$"):
                out[current].append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))


def line_count(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return len(f.read().splitlines())


def rule_file(root, rule):
    style, _, name = rule.partition(".")
    return any(os.path.isfile(os.path.join(root, style, name + ext)) for ext in (".yml", ".yaml"))


def style_names(root):
    skip = {"fixtures", "features", "testdata", "config", "coverage", "styles", ".github"}
    return [
        d
        for d in sorted(os.listdir(root))
        if os.path.isdir(os.path.join(root, d))
        and d not in skip
        and not d.startswith(".")
        and any(f.endswith((".yml", ".yaml")) for f in os.listdir(os.path.join(root, d)))
    ]


def config_for(root, fixture, tmp, rules):
    """The .vale.ini a fixture is tested with, its StylesPath made to point
    at the style root when it points elsewhere. A fixture without one gets
    one that turns on the rules its scenario expects (the convention every
    published style's fixtures follow), else the style root's, else one
    that turns the whole style on."""
    own = [p for p in (os.path.join(fixture, ".vale.ini"), os.path.join(fixture, "_vale.ini")) if os.path.isfile(p)]
    if not own and rules:
        path = os.path.join(tmp, "reconstructed.ini")
        with open(path, "w", encoding="utf-8") as f:
            f.write("StylesPath = %s\n\n[*]\n%s\n" % (root, "\n".join("%s = YES" % r for r in sorted(rules))))
        return path
    for candidate in own + [os.path.join(root, ".vale.ini")]:
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"(?m)^\s*StylesPath\s*=\s*(.+?)\s*$", text)
            base = os.path.dirname(candidate)
            styles = os.path.normpath(os.path.join(base, m.group(1))) if m else None
            if styles and any(os.path.isdir(os.path.join(styles, s)) for s in style_names(root)):
                return candidate
            body = re.sub(r"(?m)^\s*StylesPath\s*=.*$", "", text)
            path = os.path.join(tmp, "fixture.ini")
            with open(path, "w", encoding="utf-8") as f:
                f.write("StylesPath = %s\n%s" % (root, body))
            return path
    path = os.path.join(tmp, "whole-style.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write("StylesPath = %s\n\n[*]\nBasedOnStyles = %s\n" % (root, ", ".join(style_names(root))))
    return path


def run(newslint, root, fixture, rules):
    with tempfile.TemporaryDirectory() as tmp:
        ini = config_for(root, fixture, tmp, rules)
        cmd = [newslint, "check", "--format", "json", "--select", "vale", "--vale-config", ini, "."]
        p = subprocess.run(cmd, cwd=fixture, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit("newslint failed in %s: %s" % (fixture, p.stderr.strip()))
    got = []
    for f in json.loads(p.stdout or "[]"):
        rule = f["rule"]
        if not rule.startswith("vale."):
            continue
        path = os.path.relpath(f["path"], ".") if not os.path.isabs(f["path"]) else os.path.relpath(f["path"], fixture)
        path = path[2:] if path.startswith("./") else path
        got.append((path, f["line"], f["column"], rule[len("vale."):]))
    return got, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("roots", nargs="+")
    ap.add_argument("--newslint", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "..", "target", "release", "newslint"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    totals = collections.Counter()
    print("%-14s %9s %11s %7s %7s %14s" % ("style", "expected", "reproduced", "missed", "extra", "not run (fixt.)"))
    for root in args.roots:
        root = os.path.abspath(root)
        counts = collections.Counter()
        notes = []
        for name, want in expectations(root).items():
            fixture = os.path.join(root, "fixtures", name)
            if not os.path.isdir(fixture):
                counts["absent"] += len(want)
                notes.append("  %s: no fixture folder (%d expected alerts not run)" % (name, len(want)))
                continue
            missing = [a for a in want if not os.path.isfile(os.path.join(fixture, a[0]))]
            if missing:
                counts["absent"] += len(missing)
                notes.append("  %s: %d expected alerts are in files the fixture lacks (%s): not run" % (
                    name, len(missing), ", ".join(sorted({a[0] for a in missing}))))
                want = [a for a in want if a not in missing]
            short = [a for a in want if a[1] > line_count(os.path.join(fixture, a[0]))]
            if short:
                counts["absent"] += len(short)
                notes.append("  %s: %d expected alerts are past the end of %s (the fixture is older than the "
                             "test): not run" % (name, len(short), ", ".join(sorted({a[0] for a in short}))))
                want = [a for a in want if a not in short]
            no_rule = [a for a in want if not rule_file(root, a[3])]
            if no_rule:
                counts["absent"] += len(no_rule)
                notes.append("  %s: %d expected alerts are of rules whose files are missing (%s): not run" % (
                    name, len(no_rule), ", ".join(sorted({a[3] for a in no_rule}))))
                want = [a for a in want if a not in no_rule]
            if not want and no_rule:
                continue
            got, err = run(args.newslint, root, fixture, {a[3] for a in want})
            w, g = collections.Counter(want), collections.Counter(got)
            hit = w & g
            counts["expected"] += len(want)
            counts["reproduced"] += sum(hit.values())
            counts["missed"] += sum((w - g).values())
            counts["extra"] += sum((g - w).values())
            if args.verbose:
                for a in sorted((w - g).elements()):
                    notes.append("  %s: missed %s:%d:%d %s" % ((name,) + a))
                for a in sorted((g - w).elements()):
                    notes.append("  %s: extra  %s:%d:%d %s" % ((name,) + a))
                for line in err.strip().splitlines():
                    notes.append("  %s: %s" % (name, line))
        print("%-14s %9d %11d %7d %7d %14d" % (os.path.basename(root), counts["expected"], counts["reproduced"],
                                               counts["missed"], counts["extra"], counts["absent"]))
        for n in notes:
            print(n)
        totals.update(counts)
    if len(args.roots) > 1:
        print("%-14s %9d %11d %7d %7d %14d" % ("all", totals["expected"], totals["reproduced"], totals["missed"],
                                               totals["extra"], totals["absent"]))
    if totals["expected"]:
        print("reproduced %.1f%% of expected alerts; extra %.1f%%" % (
            100.0 * totals["reproduced"] / totals["expected"], 100.0 * totals["extra"] / totals["expected"]))


if __name__ == "__main__":
    main()
