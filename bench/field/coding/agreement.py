#!/usr/bin/env python3
"""Agreement of two coders' files (id,codes) on the sentences both coded: micro precision,
recall and F1 of coder B against coder A, and per-code counts.

usage: agreement.py A.csv B.csv
"""
import csv, sys
a = {r["id"]: {c for c in r["codes"].split("|") if c} for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
b = {r["id"]: {c for c in r["codes"].split("|") if c} for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
ids = sorted(set(a) & set(b))
tp = sum(len(a[i] & b[i]) for i in ids)
fp = sum(len(b[i] - a[i]) for i in ids)
fn = sum(len(a[i] - b[i]) for i in ids)
p = tp / (tp + fp) if tp + fp else 0
r = tp / (tp + fn) if tp + fn else 0
f = 2 * p * r / (p + r) if p + r else 0
both_none = sum(1 for i in ids if not a[i] and not b[i])
print(f"{len(ids)} sentences: coder A {sum(len(a[i]) for i in ids)} codes, coder B {sum(len(b[i]) for i in ids)}; "
      f"agreed {tp}; B against A: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}; both left {both_none} sentences uncoded")
