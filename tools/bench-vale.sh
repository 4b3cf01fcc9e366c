#!/usr/bin/env bash
# What a Vale style costs: whole-process wall time of `newslint check` on a
# story of about 1,000 words (samples/flood-1000.txt) with and without a
# 30-rule Vale style written by this script (existence, substitution with
# lookaround, occurrence, repetition, consistency, conditional,
# capitalization and metric rules, sentence and paragraph scopes). A
# benchmark, not a test: it prints figures and asserts nothing. Goal
# (issue #17): with the style, at most 2x the time without it.
#
#   bash tools/bench-vale.sh [STORY]
#
# Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
story=${1:-samples/flood-1000.txt}
cargo build --release --quiet
bin=target/release/newslint
styles=$(mktemp -d)
trap 'rm -rf "$styles"' EXIT
mkdir -p "$styles/Bench"
rule() { printf '%s\n' "$2" > "$styles/Bench/$1.yml"; }
for i in $(seq 1 12); do
    rule "Words$i" "extends: existence
message: \"Avoid '%s'.\"
ignorecase: true
tokens:
  - word$i
  - very
  - really
  - basically
  - in order to
  - at this point in time
  - it could be said
  - arguably
  - (?:over|under)whelming(?:ly)?
  - utiliz(?:e|es|ed|ing)"
done
for i in $(seq 1 8); do
    rule "Swap$i" "extends: substitution
message: \"Use '%s' instead of '%s'.\"
ignorecase: true
swap:
  swap$i: swapped
  cease-fire: ceasefire
  (?:Kiev|Kiyv): Kyiv
  e-mail: email
  '(?<!\\d )per cent(?! sign)': percent
  war-torn: war-hit|conflict-hit
  in spite of: despite
  a number of: some"
done
rule Commas "extends: occurrence
message: Too many commas.
scope: sentence
max: 4
token: ','"
rule Long "extends: occurrence
message: Long sentence.
scope: sentence
max: 35
token: '\\b\\w+\\b'"
rule Repeats "extends: repetition
message: \"'%s' is repeated.\"
alpha: true
tokens:
  - '[^\\s]+'"
rule Spell "extends: consistency
message: \"Inconsistent '%s'.\"
ignorecase: true
either:
  adviser: advisor
  judgment: judgement
  toward: towards"
rule Acronyms "extends: conditional
message: \"'%s' has no definition.\"
first: '\\b([A-Z]{3,5})\\b'
second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions: [NATO, BBC, UN]"
rule Headline "extends: capitalization
message: \"'%s' should be in sentence case.\"
scope: paragraph
match: \$sentence"
rule Grade "extends: metric
message: Grade %s.
formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
condition: '> 12.0'"
rule Fog "extends: metric
message: Fog %s.
formula: 0.4 * ((words / sentences) + 100 * (complex_words / words))
condition: '> 14.0'"
rule Dates "extends: existence
message: \"Spell out '%s'.\"
nonword: true
raw:
  - '\\b\\d{1,2}(?:st|nd|rd|th)\\b'"
rule Quotes "extends: existence
message: Punctuation inside quotes.
nonword: true
scope: paragraph
tokens:
  - '\"[^\"]+\"[.,?]'"
n=$(ls "$styles/Bench" | wc -l)
echo "story: $story ($(wc -w < "$story") words); style: $n rules"
hyperfine --warmup 3 --runs 40 -N --style basic -i \
    -n "without Vale" "$bin check --format json --dialect en-GB $story" \
    -n "with $n Vale rules" "$bin check --format json --dialect en-GB --vale $styles $story"
