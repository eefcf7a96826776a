#!/usr/bin/env python3
"""Kwal's codings on real Dutch text that nobody on the project wrote (bench/field/coding).

Each document of a sentences file (columns id,doc,sentence; a document's sentences consecutive)
becomes one .txt file of a temporary corpus, a sentence per line; `kwal code` codes it. A
sentence has a code when a coding (codings.csv: the rules) or a suggestion (suggestions.csv: the
learned cues) of that code overlaps at least half of it.

  off-topic: codings and suggestions per 1,000 sentences (every one is a false positive);
  on-topic with a coders' file (id,codes): per code and micro precision, recall and F1 with 95%
  bootstrap intervals (documents resampled, 2,000 times, seed 1), for the rules, the suggestions
  and both.

usage: score_field.py KWAL CODEBOOK SENTENCES.csv [--gold CODERS.csv] [--markdown LABEL]
"""
import argparse, csv, os, random, subprocess, sys, tempfile
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("kwal")
ap.add_argument("codebook")
ap.add_argument("sentences")
ap.add_argument("--gold")
ap.add_argument("--markdown")
ap.add_argument("--examples", type=int, default=0, help="print this many coded sentences per layer")
a = ap.parse_args()

rows = list(csv.DictReader(open(a.sentences, encoding="utf-8", newline="")))
docs = defaultdict(list)
for row in rows:
    docs[row["doc"]].append(row)

# The corpus: a sentence per line; each sentence's scalar span in its document.
span = {}
with tempfile.TemporaryDirectory() as tmp:
    corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
    os.mkdir(corpus)
    for doc, items in docs.items():
        text, offset = [], 0
        for item in items:
            sentence = " ".join(item["sentence"].split())
            span[item["id"]] = (doc, offset, offset + len(sentence))
            text.append(sentence)
            offset += len(sentence) + 1
        with open(os.path.join(corpus, doc + ".txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(text) + "\n")
    run = subprocess.run([a.kwal, "code", corpus, "--codebook", a.codebook, "--out", out, "--quiet"])
    if run.returncode != 0:
        sys.exit(f"kwal code failed ({run.returncode})")
    layers = {}
    for layer, name in (("rules", "codings.csv"), ("suggestions", "suggestions.csv")):
        path = os.path.join(out, name)
        layers[layer] = list(csv.DictReader(open(path, encoding="utf-8", newline=""))) if os.path.exists(path) else []

by_doc = defaultdict(list)
for item_id, (doc, start, end) in span.items():
    by_doc[doc].append((item_id, start, end))


def assign(codings):
    """Codes per sentence id."""
    result = defaultdict(set)
    for c in codings:
        doc = c["document"][:-4] if c["document"].endswith(".txt") else c["document"]
        cs, ce = int(c["start"]), int(c["end"])
        for item_id, start, end in by_doc.get(doc, []):
            if min(end, ce) - max(start, cs) >= max(1, end - start) / 2:
                result[item_id].add(c["code"])
    return result


predicted = {layer: assign(codings) for layer, codings in layers.items()}
predicted["both"] = defaultdict(set)
for layer in ("rules", "suggestions"):
    for item_id, codes in predicted[layer].items():
        predicted["both"][item_id] |= codes
n = len(rows)


def per_thousand(layer):
    coded = sum(len(codes) for codes in predicted[layer].values())
    return coded, 1000 * coded / max(1, n)


if not a.gold:
    label = a.markdown or os.path.basename(a.sentences)
    r, rk = per_thousand("rules")
    s, sk = per_thousand("suggestions")
    if a.markdown:
        print(f"| {label} | {len(docs)} | {n} | {r} | {rk:.1f} | {s} | {sk:.1f} |")
    else:
        print(f"{label}: {len(docs)} documents, {n} sentences: codings {r} ({rk:.1f} per 1,000), suggestions {s} ({sk:.1f} per 1,000)")
    if a.examples:
        text_of = {row["id"]: row["sentence"] for row in rows}
        for layer in ("rules", "suggestions"):
            for item_id, codes in list(predicted[layer].items())[: a.examples]:
                print(f"  {layer}: {sorted(codes)}  {text_of[item_id][:140]}")
    sys.exit(0)

gold = {r["id"]: {c for c in r["codes"].split("|") if c} for r in csv.DictReader(open(a.gold, encoding="utf-8", newline=""))}
ids = [row["id"] for row in rows if row["id"] in gold]
doc_of = {row["id"]: row["doc"] for row in rows}
doc_ids = sorted({doc_of[i] for i in ids})
ids_of_doc = defaultdict(list)
for i in ids:
    ids_of_doc[doc_of[i]].append(i)


def counts(layer, id_list, code=None):
    tp = fp = fn = 0
    for i in id_list:
        g, p = gold[i], predicted[layer].get(i, set())
        if code:
            g, p = g & {code}, p & {code}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def interval(layer, code=None):
    rng = random.Random(1)
    values = []
    for _ in range(2000):
        sample = [i for d in (rng.choice(doc_ids) for _ in doc_ids) for i in ids_of_doc[d]]
        values.append([*prf(*counts(layer, sample, code))])
    values.sort(key=lambda v: v[2])
    out = []
    for k in range(3):
        column = sorted(v[k] for v in values)
        out.append((column[int(0.025 * len(column))], column[int(0.975 * len(column)) - 1]))
    return out


label = a.markdown or os.path.basename(a.sentences)
print(f"### {label}: {len(doc_ids)} documents, {len(ids)} sentences, {sum(len(gold[i]) for i in ids)} codes by the coders")
print()
print("| layer | tp | fp | fn | precision (95% CI) | recall (95% CI) | F1 (95% CI) |")
print("|---|---:|---:|---:|---|---|---|")
for layer in ("rules", "suggestions", "both"):
    tp, fp, fn = counts(layer, ids)
    p, r, f = prf(tp, fp, fn)
    (pl, ph), (rl, rh), (fl, fh) = interval(layer)
    print(f"| {layer} | {tp} | {fp} | {fn} | {p:.2f} ({pl:.2f}–{ph:.2f}) | {r:.2f} ({rl:.2f}–{rh:.2f}) | {f:.2f} ({fl:.2f}–{fh:.2f}) |")
print()
print("| code | coders | rules P / R / F1 | rules + suggestions P / R / F1 |")
print("|---|---:|---|---|")
codes = sorted({c for i in ids for c in gold[i]} | {c for layer in ("both",) for i in ids for c in predicted[layer].get(i, set())})
for code in codes:
    support = sum(1 for i in ids if code in gold[i])
    r = prf(*counts("rules", ids, code))
    b = prf(*counts("both", ids, code))
    print(f"| {code} | {support} | {r[0]:.2f} / {r[1]:.2f} / {r[2]:.2f} | {b[0]:.2f} / {b[1]:.2f} / {b[2]:.2f} |")
