#!/usr/bin/env python3
"""Score a codebook sentence by sentence on a set of coded passages (lastmile-ctx*.csv).

A passage set has the columns `passage,text,codes`: one row per sentence, in order, coded in the
context of its passage. Each passage becomes one .txt document (its sentences joined by a space,
one paragraph); `kwal code` codes it; a sentence has a code when a coding of it covers at least
half of the sentence (as bench/tools/gold_eval.py scores the gold). Prints per-code and micro
precision/recall/F1; `--misses` lists the false negatives and false positives with their passage.

usage: python3 Codebooks/dev/score_passages.py [codebook] passages.csv [--kwal PATH] [--misses]
"""
import argparse, csv, os, subprocess, sys, tempfile
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("codebook", nargs="?", default="Codebooks/lastmile.yaml")
ap.add_argument("passages")
ap.add_argument("--kwal", default=".build/release/kwal")
ap.add_argument("--misses", action="store_true", help="list false negatives and false positives")
a = ap.parse_args()

passages = defaultdict(list)
order = []
with open(a.passages, newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        if row["passage"] not in passages:
            order.append(row["passage"])
        passages[row["passage"]].append((row["text"].strip(), {c for c in row["codes"].split("|") if c}))

# The sentences of every document: (start, end) in Unicode scalars, and the gold codes.
sentences = {}
with tempfile.TemporaryDirectory() as tmp:
    corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
    os.mkdir(corpus)
    for number, passage in enumerate(order):
        name = f"p{number:04d}.txt"
        spans, text = [], ""
        for sentence, codes in passages[passage]:
            if text:
                text += " "
            spans.append((len(text), len(text) + len(sentence), codes, sentence))
            text += sentence
        sentences[name] = (passage, spans)
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    r = subprocess.run([a.kwal, "code", corpus, "--codebook", a.codebook, "--out", out, "--quiet"])
    if r.returncode != 0:
        sys.exit(f"kwal code failed with exit code {r.returncode}")
    got = defaultdict(set)
    with open(os.path.join(out, "codings.csv"), newline="", encoding="utf-8") as fh:
        for c in csv.DictReader(fh):
            passage, spans = sentences[c["document"]]
            cs, ce = int(c["start"]), int(c["end"])
            for index, (start, end, _, _) in enumerate(spans):
                if min(end, ce) - max(start, cs) >= max(1, end - start) / 2:
                    got[(c["document"], index)].add(c["code"])

tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
count = 0
for name, (passage, spans) in sorted(sentences.items()):
    for index, (_, _, gold, text) in enumerate(spans):
        count += 1
        pred = got.get((name, index), set())
        for c in gold & pred:
            tp[c] += 1
        for c in sorted(pred - gold):
            fp[c] += 1
            if a.misses:
                print(f"FP {c:26} {passage} {text}")
        for c in sorted(gold - pred):
            fn[c] += 1
            if a.misses:
                print(f"FN {c:26} {passage} {text}")


def prf(t, p, n):
    pr = t / (t + p) if t + p else 0.0
    rc = t / (t + n) if t + n else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


print(f"{'code':26} {'tp':>3} {'fp':>3} {'fn':>3}  {'prec':>5} {'rec':>5} {'f1':>5}")
for c in sorted(set(tp) | set(fp) | set(fn)):
    pr, rc, f = prf(tp[c], fp[c], fn[c])
    print(f"{c:26} {tp[c]:3} {fp[c]:3} {fn[c]:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}")
T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
pr, rc, f = prf(T, P, N)
print(f"{'MICRO':26} {T:3} {P:3} {N:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}   ({count} sentences in {len(order)} passages)")
