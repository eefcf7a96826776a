"""Scores Kwal's codings against the human gold standard in Corpus/gold/.

A gold sentence (sentences.csv) has a code for a coder when one of the coder's codings of that
code overlaps at least half of the sentence. Reports, per code and overall, precision, recall
and F1 of Kwal's codings with the adjudicated gold (gold.csv) as reference, micro-F1, and
Cohen's kappa over all (sentence, code) decisions; and the agreement of the two human coders
(coder A against coder B) for comparison. With --summary, only the overall line, named LABEL.

With --with-suggestions, the learned cues' suggestions (suggestions.csv) count as codings too.

usage: gold_eval.py GOLD_FOLDER KWAL_OUTPUT_FOLDER [--summary LABEL] [--with-suggestions]
"""
import csv
import os
import sys
from collections import defaultdict

gold, output = sys.argv[1], sys.argv[2]
arguments = sys.argv[3:]
summary = arguments[arguments.index("--summary") + 1] if "--summary" in arguments else None
with_suggestions = "--with-suggestions" in arguments


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


sentences = [(r["document"], int(r["start"]), int(r["end"])) for r in read(os.path.join(gold, "sentences.csv"))]
codebook_codes = {r["code"] for r in read(os.path.join(output, "matrix.csv"))}


def assign(codings):
    by_document = defaultdict(list)
    for c in codings:
        by_document[c["document"]].append((int(c["start"]), int(c["end"]), c["code"]))
    result = {}
    for s in sentences:
        document, start, end = s
        length = max(1, end - start)
        codes = set()
        for (cs, ce, code) in by_document.get(document, []):
            if code in codebook_codes and min(end, ce) - max(start, cs) >= length / 2:
                codes.add(code)
        result[s] = codes
    return result


def score(reference, candidate):
    codes = sorted(codebook_codes)
    rows = []
    tp_all = fp_all = fn_all = tn_all = 0
    for code in codes:
        tp = sum(1 for s in sentences if code in reference[s] and code in candidate[s])
        fp = sum(1 for s in sentences if code not in reference[s] and code in candidate[s])
        fn = sum(1 for s in sentences if code in reference[s] and code not in candidate[s])
        tn = len(sentences) - tp - fp - fn
        tp_all += tp
        fp_all += fp
        fn_all += fn
        tn_all += tn
        if tp + fp + fn:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((code, tp + fn, tp + fp, p, r, f))
    p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = tp_all + fp_all + fn_all + tn_all
    observed = (tp_all + tn_all) / n
    expected = ((tp_all + fn_all) * (tp_all + fp_all) + (tn_all + fp_all) * (tn_all + fn_all)) / (n * n)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else float("nan")
    return rows, p, r, f, kappa


reference = assign(read(os.path.join(gold, "gold.csv")))
kwal_codings = read(os.path.join(output, "codings.csv"))
if with_suggestions and os.path.exists(os.path.join(output, "suggestions.csv")):
    kwal_codings += read(os.path.join(output, "suggestions.csv"))
rules = assign(kwal_codings)
rows, p, r, f, kappa = score(reference, rules)
if summary:
    print(f"{summary}: micro precision {p:.3f}, recall {r:.3f}, micro-F1 {f:.3f}, Cohen's kappa {kappa:.3f}.")
    sys.exit(0)
print(f"{len(sentences)} gold sentences, the adjudicated gold (`gold.csv`) as reference; a sentence has a code when a coding of it covers at least half the sentence.")
print()
print("| code | gold | Kwal | precision | recall | F1 |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for code, g, a, cp, cr, cf in rows:
    print(f"| {code} | {g} | {a} | {cp:.2f} | {cr:.2f} | {cf:.2f} |")
print()
print(f"Kwal (rules and learned cues) vs the gold: micro precision {p:.3f}, recall {r:.3f}, **micro-F1 {f:.3f}** (goal: at least 0.80), Cohen's kappa {kappa:.3f} over all sentence x code decisions.")
a_path, b_path = os.path.join(gold, "coder-a.csv"), os.path.join(gold, "coder-b.csv")
if os.path.exists(a_path) and os.path.exists(b_path):
    _, hp, hr, hf, hk = score(assign(read(a_path)), assign(read(b_path)))
    print()
    print(f"For comparison, the two human passes, coder B vs coder A: micro-F1 {hf:.3f}, Cohen's kappa {hk:.3f}.")
