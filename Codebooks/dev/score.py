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
ap.add_argument("--calibration", help="append each suggestion's probability,right to this file")
a = ap.parse_args()

with open(a.dev, newline="", encoding="utf-8") as fh:
    rows = [(r["text"], {c for c in r["codes"].split("|") if c}) for r in csv.DictReader(fh)]

score = Score(a.misses)
calibration = []
for (text, gold), codings in zip(rows, code_texts(a.kwal, a.codebook, [text for text, _ in rows])):
    score.add(gold, {c["code"] for c in codings}, text)
    for c in codings:
        if c.get("coder", "").endswith("/suggest") and c.get("probability"):
            calibration.append((float(c["probability"]), c["code"] in gold))
score.print(f"{len(rows)} sentences")
if a.calibration:
    with open(a.calibration, "a", encoding="utf-8") as fh:
        for probability, right in calibration:
            fh.write(f"{probability:.3f},{int(right)}\n")
