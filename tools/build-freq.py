#!/usr/bin/env python3
"""Build dictionaries/freq/en.tsv and dictionaries/freq/LICENSE from wordfreq.

Usage (from the repository root):  python3 tools/build-freq.py

Pip packages needed: wordfreq==3.1.1 (which pulls in msgpack, langcodes,
ftfy, regex and locate).  If `import wordfreq` fails, the script creates a
throw-away virtualenv in a temporary directory, installs wordfreq there with
pip and re-runs itself inside it, so nothing is installed into the system or
left in the repository.

Output format, one entry per line, UTF-8:

    word<TAB>zipf

* the most frequent English words of wordfreq's 'large' list (for English,
  'best' is the same list), in wordfreq's rank order (most frequent first);
* `zipf` is wordfreq.zipf_frequency(word, 'en', wordlist='large') with two
  decimals (log10 of occurrences per billion words);
* words are lowercase as wordfreq gives them; only entries made of Latin
  letters, apostrophes (') and hyphens, containing at least one letter, are
  kept (numbers, emoji, URLs, abbreviations with dots and non-Latin scripts
  are dropped);
* the list is cut at TARGET entries after filtering.
"""
import math
import os
import re
import subprocess
import sys
import tempfile

WORDFREQ_VERSION = "3.1.1"
TARGET = 150_000
FETCH = 220_000  # how many entries to ask wordfreq for before filtering
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "dictionaries", "freq")

# Latin letters: ASCII plus Latin-1 Supplement / Latin Extended-A/B letters
# (U+00C0-U+024F without the × and ÷ signs).
LETTER = "a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
WORD_RE = re.compile(f"^[{LETTER}'\\-]+$")
HAS_LETTER_RE = re.compile(f"[{LETTER}]")


def bootstrap():
    """Re-run this script inside a temporary venv that has wordfreq."""
    if os.environ.get("NEWSLINT_FREQ_BOOTSTRAPPED"):
        sys.exit("build-freq: wordfreq still not importable inside the venv")
    with tempfile.TemporaryDirectory(prefix="newslint-freq-") as tmp:
        venv = os.path.join(tmp, "venv")
        print(f"build-freq: installing wordfreq=={WORDFREQ_VERSION} into a temporary venv",
              file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        py = os.path.join(venv, "bin", "python")
        subprocess.check_call([py, "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check",
                               f"wordfreq=={WORDFREQ_VERSION}"])
        env = dict(os.environ, NEWSLINT_FREQ_BOOTSTRAPPED="1")
        rc = subprocess.call([py, os.path.abspath(__file__)] + sys.argv[1:], env=env)
    sys.exit(rc)


def package_metadata_section(dist, heading):
    """Return a '## heading' section of the installed package's README."""
    meta = dist.read_text("METADATA") or ""
    lines = meta.splitlines()
    out, inside = [], False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line.strip() == f"## {heading}"
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def write_license(version):
    from importlib import metadata
    dist = metadata.distribution("wordfreq")
    licence = package_metadata_section(dist, "License")
    citations = package_metadata_section(dist, "Citations to work that wordfreq is built on")
    if not licence:
        sys.exit("build-freq: could not find the License section in wordfreq's metadata")
    text = f"""dictionaries/freq/en.tsv - English word frequencies from wordfreq {version}

The data in en.tsv is derived from the word frequency data of the Python
package wordfreq {version} by Robyn Speer (Copyright 2022 Robyn Speer),
<https://github.com/rspeer/wordfreq>. The wordfreq code is licensed under the
Apache License 2.0; its data files, and therefore en.tsv, may be
redistributed under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0,
<https://creativecommons.org/licenses/by-sa/4.0/>). en.tsv is distributed
under CC BY-SA 4.0. It was produced by tools/build-freq.py (the selection
and filtering of entries is described there).

Credit: wordfreq by Robyn Speer, built on data from Wikipedia, OPUS
OpenSubtitles 2018, SUBTLEX (Marc Brysbaert et al.), NewsCrawl, GlobalVoices,
Google Books Ngrams, OSCAR, Twitter and Reddit, and the further sources named
below.

Citation: Robyn Speer. (2022). rspeer/wordfreq: v3.0 (v3.0.2). Zenodo.
https://doi.org/10.5281/zenodo.7199437

The licence and credit text of wordfreq {version}, as given in the package's
own README, follows verbatim.

-------------------------------------------------------------------------------

{licence}

{citations}
"""
    with open(os.path.join(OUT_DIR, "LICENSE"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def main():
    try:
        import wordfreq
    except ImportError:
        bootstrap()
        return
    from importlib import metadata
    version = metadata.version("wordfreq")
    if version != WORDFREQ_VERSION:
        print(f"build-freq: warning: wordfreq {version} installed, "
              f"expected {WORDFREQ_VERSION}; output may differ", file=sys.stderr)

    words = wordfreq.top_n_list("en", FETCH, wordlist="large", ascii_only=False)
    rows, seen = [], set()
    for w in words:
        if w in seen or not WORD_RE.match(w) or not HAS_LETTER_RE.search(w):
            continue
        seen.add(w)
        z = wordfreq.zipf_frequency(w, "en", wordlist="large")
        if z <= 0 or math.isnan(z):
            continue
        rows.append((w, z))
        if len(rows) == TARGET:
            break
    if len(rows) < TARGET:
        sys.exit(f"build-freq: only {len(rows)} entries after filtering; raise FETCH")

    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "en.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        for w, z in rows:
            fh.write(f"{w}\t{z:.2f}\n")
    write_license(version)
    print(f"build-freq: wrote {len(rows)} entries to dictionaries/freq/en.tsv "
          f"(zipf {rows[0][1]:.2f} .. {rows[-1][1]:.2f})", file=sys.stderr)


if __name__ == "__main__":
    main()
