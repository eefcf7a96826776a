#!/usr/bin/env python3
"""Score a codebook sentence by sentence on a set of coded passages (lastmile-ctx*.csv).

A passage set has the columns `passage,text,codes`: one row per sentence, in order, coded in the
context of its passage. Each passage becomes one .txt document (its sentences joined by a space,
one paragraph); `kwal code` codes it; a sentence has a code when a coding of it covers at least
half of the sentence (as bench/tools/gold_eval.py scores the gold). Prints per-code and micro
precision/recall/F1; `--misses` lists the false negatives and false positives with their passage.

usage: python3 Codebooks/dev/score_passages.py [codebook] passages.csv [--kwal PATH] [--misses]
"""
import argparse, csv
from collections import defaultdict
from devscore import Score, code_texts

ap = argparse.ArgumentParser()
ap.add_argument("codebook", nargs="?", default="Codebooks/lastmile.yaml")
ap.add_argument("passages")
ap.add_argument("--kwal", default=".build/release/kwal")
ap.add_argument("--misses", action="store_true", help="list false negatives and false positives")
a = ap.parse_args()

passages = defaultdict(list)
with open(a.passages, newline="", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        passages[row["passage"]].append((row["text"].strip(), {c for c in row["codes"].split("|") if c}))

# Per passage: its text, and its sentences as (start, end) in Unicode scalars with their codes.
texts, spans = [], []
for sentences in passages.values():
    text, found = "", []
    for sentence, codes in sentences:
        if text:
            text += " "
        found.append((len(text), len(text) + len(sentence), codes, sentence))
        text += sentence
    texts.append(text)
    spans.append(found)

score = Score(a.misses)
for passage, found, codings in zip(passages, spans, code_texts(a.kwal, a.codebook, texts)):
    for start, end, gold, sentence in found:
        pred = {
            c["code"] for c in codings
            if min(end, int(c["end"])) - max(start, int(c["start"])) >= max(1, end - start) / 2
        }
        score.add(gold, pred, f"{passage} {sentence}")
score.print(f"{sum(map(len, spans))} sentences in {len(spans)} passages")
