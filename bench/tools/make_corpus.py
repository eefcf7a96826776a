"""Builds a large synthetic corpus for the coding benchmark by recombining the sentences of the
demo corpus's plain-text documents (seeded, so every run builds the same corpus).

usage: make_corpus.py DEMO_CORPUS OUT_FOLDER MEGABYTES
"""
import os
import random
import re
import sys

demo, out, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
target = int(megabytes * 1_000_000)
if os.path.isdir(out):
    existing = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    if abs(existing - target) < target * 0.05:
        sys.exit(0)
    for d, _, fs in os.walk(out):
        for f in fs:
            os.remove(os.path.join(d, f))
lines = {"interview": [], "minutes": []}
for root, _, files in os.walk(demo):
    if "gold" in root or "tools" in root:
        continue
    for name in sorted(files):
        if not name.endswith(".txt") or name == "README.md":
            continue
        text = open(os.path.join(root, name), encoding="utf-8").read()
        kind = "interview" if "interview" in root else "minutes"
        for line in text.split("\n"):
            if line.strip():
                lines[kind].append(line)
for kind in lines:
    lines[kind].sort()
rng = random.Random(20261124)
written = 0
index = 0
while written < target:
    case = "Geval%d" % (index % 4)
    kind = "interview" if index % 3 else "minutes"
    pool = lines[kind] or lines["interview"] or lines["minutes"]
    body = "\n".join(rng.choice(pool) for _ in range(rng.randint(150, 400))) + "\n"
    path = os.path.join(out, case, "%s-%06d.txt" % (kind, index))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(body)
    written += len(body.encode("utf-8"))
    index += 1
