#!/usr/bin/env python3
"""Score a codebook on the hand-written development set (Codebooks/dev/lastmile-dev.csv).

Each row becomes one .txt document of a temporary corpus; `kwal code` codes it; the codes of a
document are the union over its units. Prints per-code precision/recall/F1 and micro figures.

usage: python3 Codebooks/dev/score.py [codebook] [dev.csv] [--kwal PATH] [--misses]
"""
import argparse, csv
from devscore import Score, code_texts

ap = argparse.ArgumentParser()
ap.add_argument("codebook", nargs="?", default="Codebooks/lastmile.yaml")
ap.add_argument("dev", nargs="?", default="Codebooks/dev/lastmile-dev.csv")
ap.add_argument("--kwal", default=".build/debug/kwal")
ap.add_argument("--misses", action="store_true", help="list false negatives and false positives")
a = ap.parse_args()

with open(a.dev, newline="", encoding="utf-8") as fh:
    rows = [(r["text"], {c for c in r["codes"].split("|") if c}) for r in csv.DictReader(fh)]

score = Score(a.misses)
for (text, gold), codings in zip(rows, code_texts(a.kwal, a.codebook, [text for text, _ in rows])):
    score.add(gold, {c["code"] for c in codings}, text)
score.print(f"{len(rows)} sentences")
