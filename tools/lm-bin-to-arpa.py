#!/usr/bin/env python3
"""Writes a CMU Sphinx "Trie Language Model" binary (`en-us.lm.bin`) as an
ARPA text model, unigrams, bigrams and trigrams included.

    python3 tools/lm-bin-to-arpa.py en-us.lm.bin out.arpa

Needs numpy (Debian: `apt-get install python3-numpy`, then run with
/usr/bin/python3). Written for newslint from the layout of the file as
measured here (see `describe` below); it reads nothing else.

The layout, all little-endian:

* the text `Trie Language Model` (19 bytes), the order (1 byte), then one
  uint32 count per order;
* the quantiser type (int32, 1 = 16-bit bins), then the bin tables: for each
  middle order a probability table and a backoff table, then the highest
  order's probability table, each 65,536 float32 values;
* `count[0] + 1` unigram records of (float32 prob, float32 backoff,
  uint32 index of the first bigram below it);
* the bit-packed middle and highest orders. A middle record is the word id
  (bits for the vocabulary size), a 16-bit backoff bin, a 16-bit probability
  bin and the index of its first child (bits for the next order's count); a
  highest-order record is the word id and a 16-bit probability bin. Records
  are stored for `count + 1` entries, rounded up to bytes, plus 8 bytes;
* a uint32 byte length and the words, each ended by a NUL byte, in id order.

The trie is reversed: a unigram's children are the words *before* it, so
the path w3 -> w2 -> w1 is the trigram `w1 w2 w3`. Values are natural
logarithms in base 1.0001 (Sphinx's log-math), converted here to log10.
"""

import sys

import numpy as np

LOG_BASE = np.log10(1.0001)


def bits_for(value):
    """Bits needed to hold `value` (0 needs none)."""
    return int(value).bit_length()


def read_packed(mem, start, count, total_bits, field_offset, field_bits):
    """Field `field_bits` wide at `field_offset` bits into each of `count`
    records `total_bits` long, from byte `start` of `mem`."""
    at = np.arange(count, dtype=np.int64) * total_bits + field_offset
    byte = start + (at >> 3)
    shift = (at & 7).astype(np.uint64)
    word = np.zeros(count, dtype=np.uint64)
    for k in range(8):
        word |= mem[byte + k].astype(np.uint64) << np.uint64(8 * k)
    return ((word >> shift) & np.uint64((1 << field_bits) - 1)).astype(np.int64)


def main(src, dst):
    mem = np.fromfile(src, dtype=np.uint8)
    raw = mem.tobytes()
    header = b"Trie Language Model"
    if raw[: len(header)] != header:
        sys.exit(f"{src}: not a Sphinx trie language model")
    pos = len(header)
    order = raw[pos]
    pos += 1
    if order != 3:
        sys.exit(f"{src}: order {order}, only trigram models are read")
    counts = np.frombuffer(raw, dtype="<u4", count=order, offset=pos).astype(np.int64)
    pos += 4 * order
    quant = int(np.frombuffer(raw, dtype="<i4", count=1, offset=pos)[0])
    pos += 4
    if quant != 1:
        sys.exit(f"{src}: quantiser {quant}, only 16-bit bins are read")
    tables = []
    for _ in range(2 * (order - 2) + 1):
        tables.append(np.frombuffer(raw, dtype="<f4", count=1 << 16, offset=pos))
        pos += 4 << 16
    bi_prob_bins, bi_bo_bins, tri_prob_bins = tables
    n1, n2, n3 = (int(c) for c in counts)
    uni = np.frombuffer(raw, dtype=np.dtype([("p", "<f4"), ("b", "<f4"), ("n", "<u4")]),
                        count=n1 + 1, offset=pos)
    pos += 12 * (n1 + 1)

    word_bits = bits_for(n1)
    mid_total = word_bits + 32 + bits_for(n3)
    mid_size = ((1 + n2) * mid_total + 7) // 8 + 8
    mid_start = pos
    pos += mid_size
    long_total = word_bits + 16
    long_size = ((1 + n3) * long_total + 7) // 8 + 8
    long_start = pos
    pos += long_size
    mem = np.concatenate([mem, np.zeros(16, dtype=np.uint8)])

    vocab_len = int(np.frombuffer(raw, dtype="<u4", count=1, offset=pos)[0])
    pos += 4
    words = raw[pos : pos + vocab_len].split(b"\0")[:n1]
    words = [w.decode("utf-8", "replace") for w in words]
    if len(words) != n1:
        sys.exit(f"{src}: {len(words)} words for {n1} unigrams")

    mid_word = read_packed(mem, mid_start, n2 + 1, mid_total, 0, word_bits)
    mid_bo = read_packed(mem, mid_start, n2 + 1, mid_total, word_bits, 16)
    mid_prob = read_packed(mem, mid_start, n2 + 1, mid_total, word_bits + 16, 16)
    mid_next = read_packed(mem, mid_start, n2 + 1, mid_total, word_bits + 32, bits_for(n3))
    long_word = read_packed(mem, long_start, n3, long_total, 0, word_bits)
    long_prob = read_packed(mem, long_start, n3, long_total, word_bits, 16)

    # Parents: the unigram above each bigram record, the bigram above each
    # trigram record.
    # The counts in the header may exceed the records stored (en-us.lm.bin
    # counts 6 bigrams it never wrote); the unigram sentinel is the truth.
    uni_next = uni["n"].astype(np.int64)
    n2 = int(uni_next[n1])
    counts[1] = n2
    bi_parent = np.repeat(np.arange(n1), np.diff(uni_next))
    tri_parent = np.repeat(np.arange(n2), np.diff(mid_next[: n2 + 1]))
    if len(bi_parent) != n2 or len(tri_parent) != n3:
        sys.exit(f"{src}: trie pointers do not match the counts")

    to10 = lambda v: np.asarray(v, dtype=np.float64) * LOG_BASE  # noqa: E731
    with open(dst, "w", encoding="utf-8") as out:
        out.write("\\data\\\n")
        for i, c in enumerate(counts):
            out.write(f"ngram {i + 1}={c}\n")
        out.write("\n\\1-grams:\n")
        up, ub = to10(uni["p"][:n1]), to10(uni["b"][:n1])
        for i in range(n1):
            out.write(f"{up[i]:.4f}\t{words[i]}\t{ub[i]:.4f}\n")
        out.write("\n\\2-grams:\n")
        bp = to10(bi_prob_bins[mid_prob[:n2]])
        bb = to10(bi_bo_bins[mid_bo[:n2]])
        for j in range(n2):
            # Reversed: parent unigram is the second word.
            out.write(f"{bp[j]:.4f}\t{words[mid_word[j]]} {words[bi_parent[j]]}\t{bb[j]:.4f}\n")
        out.write("\n\\3-grams:\n")
        tp = to10(tri_prob_bins[long_prob])
        for k in range(n3):
            j = tri_parent[k]
            w3 = words[bi_parent[j]]
            w2 = words[mid_word[j]]
            out.write(f"{tp[k]:.4f}\t{words[long_word[k]]} {w2} {w3}\n")
        out.write("\n\\end\\\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    main(sys.argv[1], sys.argv[2])
