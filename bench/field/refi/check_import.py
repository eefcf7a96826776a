#!/usr/bin/env python3
"""Import each .qdpx with kwal, ingest the imported corpus, check every coding's text and word boundaries."""
import csv, json, subprocess, sys, os, shutil, tempfile, unicodedata
kwal = sys.argv[1]
def isword(c): return c.isalnum()
for path in sys.argv[2:]:
    out = tempfile.mkdtemp()
    r = subprocess.run([kwal, "import", "qdpx", path, "--out", out + "/imp"], capture_output=True, text=True)
    if r.returncode not in (0, 65):
        print(path, "IMPORT FAILED", r.returncode, r.stderr[-300:]); continue
    texts = {}
    corpus = out + "/imp/corpus"
    if os.path.isdir(corpus):
        g = subprocess.run([kwal, "ingest", corpus], capture_output=True, text=True)
        for line in g.stdout.splitlines():
            d = json.loads(line); texts[d["id"]] = d["text"]
    rows = list(csv.DictReader(open(out + "/imp/codings.csv", encoding="utf-8")))
    ok = bad = 0; starts = ends = 0; seg = 0
    for row in rows:
        t = texts.get(row["document"])
        s, e = int(row["start"]), int(row["end"])
        if t is not None and t[s:e] == row["text"]: ok += 1
        else: bad += 1
        if row["unit"] == "document" or t is None: continue
        seg += 1
        if s == 0 or not (isword(t[s-1]) and isword(t[s])): starts += 1
        if e == len(t) or not (isword(t[e-1]) and isword(t[e])): ends += 1
    print(f"{os.path.basename(path)}: rc={r.returncode} codings={len(rows)} text-match={ok} mismatch={bad} "
          f"segments={seg} start-boundary={starts} end-boundary={ends}")
    shutil.rmtree(out)
