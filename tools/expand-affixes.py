#!/usr/bin/env python3
"""Expand a Hunspell .dic/.aff pair into every word form it accepts.

Usage: python3 tools/expand-affixes.py DICT.dic DICT.aff > words.txt

A small, dependency-free re-implementation of Hunspell's `unmunch` for the
subset of the affix-file language used by the SCOWL-derived English
dictionaries (dictionary-en, dictionary-en-gb):

* single-character flags (the default FLAG type);
* PFX/SFX classes with strip, add and condition; cross products of a prefix
  and a suffix when both classes are marked `Y`;
* ONLYINCOMPOUND: stems carrying that flag (e.g. `1th`) are only valid inside
  compounds and are not emitted;
* COMPOUNDRULE numerals (21st, 1234th...) are an infinite set and are not
  expanded; only the listed stems are emitted.

Anything outside that subset (FLAG long/num/UTF-8, affix continuation
classes, NEEDAFFIX, CIRCUMFIX, FORBIDDENWORD, COMPLEXPREFIXES...) makes the
script stop with an error rather than silently produce a wrong list.

Output: one form per line, UTF-8, unique, sorted by byte order (the same
order as `LC_ALL=C sort -u`).
"""
import re
import sys

UNSUPPORTED = {
    "FLAG", "COMPLEXPREFIXES", "NEEDAFFIX", "CIRCUMFIX", "FORBIDDENWORD",
    "AF", "AM", "PSEUDOROOT", "LEMMA_PRESENT", "SUBSTANDARD", "FULLSTRIP",
}


def die(msg):
    sys.exit(f"expand-affixes: {msg}")


def parse_aff(path):
    classes = {}
    options = {}
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key in UNSUPPORTED:
            die(f"{path}: unsupported directive {key}")
        if key in ("PFX", "SFX") and len(parts) >= 4 and parts[2] in ("Y", "N"):
            _, flag, cross, count = parts[:4]
            if len(flag) != 1:
                die(f"{path}: multi-character flag {flag!r}")
            rules = []
            for _ in range(int(count)):
                rule = lines[i].split()
                i += 1
                if len(rule) < 4 or rule[0] != key or rule[1] != flag:
                    die(f"{path}: malformed rule line {lines[i - 1]!r}")
                strip = "" if rule[2] == "0" else rule[2]
                add, _, cont = rule[3].partition("/")
                if cont:
                    die(f"{path}: continuation classes are not supported ({rule[3]})")
                add = "" if add == "0" else add
                cond = rule[4] if len(rule) > 4 else "."
                if cond == ".":
                    rx = None
                elif key == "SFX":
                    rx = re.compile("(?:" + cond + ")$")
                else:
                    rx = re.compile("^(?:" + cond + ")")
                rules.append((strip, add, rx))
            classes[flag] = (key, cross == "Y", rules)
        else:
            options.setdefault(key, []).append(parts[1:])
    enc = options.get("SET", [["UTF-8"]])[0][0].upper()
    if enc not in ("UTF-8", "ISO8859-1", "ASCII"):
        die(f"{path}: unsupported SET {enc}")
    return classes, options


def suffixed(word, rules):
    for strip, add, rx in rules:
        if strip and not word.endswith(strip):
            continue
        if rx is not None and not rx.search(word):
            continue
        yield word[: len(word) - len(strip)] + add


def prefixed(word, rules, root):
    # Hunspell checks a prefix condition against the root, also when the
    # root already carries a suffix.
    for strip, add, rx in rules:
        if strip and not word.startswith(strip):
            continue
        if rx is not None and not rx.search(root):
            continue
        yield add + word[len(strip):]


def expand(dic_path, aff_path):
    classes, options = parse_aff(aff_path)
    only_in_compound = {o[0] for o in options.get("ONLYINCOMPOUND", []) if o}
    known_flags = set(classes)
    for key in ("ONLYINCOMPOUND", "NOSUGGEST", "COMPOUNDFLAG", "KEEPCASE",
                "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "NOSPLITSUGS"):
        known_flags.update(o[0] for o in options.get(key, []) if o)
    for rule in options.get("COMPOUNDRULE", [])[1:]:
        known_flags.update(ch for ch in rule[0] if ch not in "*?()")
    forms = set()
    with open(dic_path, encoding="utf-8") as fh:
        header = fh.readline()
        if not header.strip().isdigit():
            die(f"{dic_path}: first line is not a word count")
        for lineno, line in enumerate(fh, start=2):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            # Morphological fields after a tab are not used by these files.
            entry = line.split("\t")[0].strip()
            word, _, flagstr = entry.partition("/")
            word = word.replace("\\/", "/")
            flags = set(flagstr)
            unknown = flags - known_flags
            if unknown:
                die(f"{dic_path}:{lineno}: unknown flags {sorted(unknown)}")
            if flags & only_in_compound:
                continue
            forms.add(word)
            sfx = [classes[f] for f in flags if f in classes and classes[f][0] == "SFX"]
            pfx = [classes[f] for f in flags if f in classes and classes[f][0] == "PFX"]
            for _, _, rules in sfx:
                forms.update(suffixed(word, rules))
            for _, pcross, prules in pfx:
                forms.update(prefixed(word, prules, word))
                if not pcross:
                    continue
                for _, scross, srules in sfx:
                    if scross:
                        for s in suffixed(word, srules):
                            forms.update(prefixed(s, prules, word))
    return forms


def main():
    if len(sys.argv) != 3:
        die("usage: expand-affixes.py DICT.dic DICT.aff")
    forms = expand(sys.argv[1], sys.argv[2])
    bad = [f for f in forms if not f or "/" in f or any(c.isspace() for c in f)]
    if bad:
        die(f"junk forms produced, e.g. {bad[:5]}")
    out = sys.stdout.buffer
    for f in sorted(forms, key=lambda s: s.encode("utf-8")):
        out.write(f.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
