#!/usr/bin/env python3
"""Score a codebook on the hand-written development set (Codebooks/dev/lastmile-dev.csv).

Each row becomes one .txt document of a temporary corpus; `kwal code` codes it; the codes of a
document are the union over its units. Prints per-code precision/recall/F1 and micro figures.

usage: python3 Codebooks/dev/score.py [codebook] [dev.csv] [--kwal PATH] [--misses]
"""
import argparse, csv, os, subprocess, sys, tempfile
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("codebook", nargs="?", default="Codebooks/lastmile.yaml")
ap.add_argument("dev", nargs="?", default="Codebooks/dev/lastmile-dev.csv")
ap.add_argument("--kwal", default=".build/debug/kwal")
ap.add_argument("--misses", action="store_true", help="list false negatives and false positives")
a = ap.parse_args()

with open(a.dev, newline="", encoding="utf-8") as fh:
    rows = [(r["text"], {c for c in r["codes"].split("|") if c}) for r in csv.DictReader(fh)]

with tempfile.TemporaryDirectory() as tmp:
    corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
    os.mkdir(corpus)
    for i, (text, _) in enumerate(rows):
        with open(os.path.join(corpus, f"s{i:04d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    r = subprocess.run([a.kwal, "code", corpus, "--codebook", a.codebook, "--out", out, "--quiet"])
    if r.returncode != 0:
        sys.exit(f"kwal code failed with exit code {r.returncode}")
    got = defaultdict(set)
    with open(os.path.join(out, "codings.csv"), newline="", encoding="utf-8") as fh:
        for c in csv.DictReader(fh):
            got[int(c["document"][1:5])].add(c["code"])

tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
codes = set()
for i, (text, gold) in enumerate(rows):
    pred = got.get(i, set())
    codes |= gold | pred
    for c in gold & pred: tp[c] += 1
    for c in pred - gold:
        fp[c] += 1
        if a.misses: print(f"FP {c:26} {text}")
    for c in gold - pred:
        fn[c] += 1
        if a.misses: print(f"FN {c:26} {text}")

def prf(t, p, n):
    pr = t / (t + p) if t + p else 0.0
    rc = t / (t + n) if t + n else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

print(f"{'code':26} {'tp':>3} {'fp':>3} {'fn':>3}  {'prec':>5} {'rec':>5} {'f1':>5}")
for c in sorted(codes):
    pr, rc, f = prf(tp[c], fp[c], fn[c])
    print(f"{c:26} {tp[c]:3} {fp[c]:3} {fn[c]:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}")
T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
pr, rc, f = prf(T, P, N)
print(f"{'MICRO':26} {T:3} {P:3} {N:3}  {pr:5.2f} {rc:5.2f} {f:5.2f}   ({len(rows)} sentences)")
