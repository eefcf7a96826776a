#!/usr/bin/env python3
"""Paraphrases and other senses: lays out each test sentence in a document about a collaboration,
or scores what `kwal code` made of them.

  senses.py make SENTENCES FRAMES CORPUS     writes one .txt per sentence (a frame, then the sentence)
  senses.py score SENTENCES CORPUS OUT       prints the Markdown tables

A sentence has a code when a coding (codings.csv: rules; suggestions.csv: learned cues) of that code
overlaps at least half of the sentence. The split into a development and a test part is fixed by
the sentence ids (see part()), set before anything was scored."""
import csv, hashlib, os, sys

def part(row):
    # Paraphrases 4 and 5 of each code and other-sense sentence 3 are the test part.
    number = int(row["id"].rsplit("-", 1)[1])
    if row["kind"] == "paraphrase":
        return "test" if number >= 4 else "dev"
    return "test" if number >= 3 else "dev"

def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def frames(path):
    text = open(path, encoding="utf-8").read().strip()
    return [block.strip() for block in text.split("\n\n") if block.strip()]

def layout(row, index, frame_list):
    frame = frame_list[index % len(frame_list)]
    prefix = frame + "\n\n"
    return prefix + row["sentence"].strip() + "\n", len(prefix), len(prefix) + len(row["sentence"].strip())

def make(sentences, frame_path, corpus):
    rows = read_rows(sentences)
    frame_list = frames(frame_path)
    os.makedirs(corpus, exist_ok=True)
    for index, row in enumerate(rows):
        text, _, _ = layout(row, index, frame_list)
        with open(os.path.join(corpus, row["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    # The frames alone: every coding in them is a false positive.
    for index, frame in enumerate(frame_list):
        with open(os.path.join(corpus, f"frame-{index + 1}.txt"), "w", encoding="utf-8") as f:
            f.write(frame + "\n")

def codes_on(path, spans):
    """document -> set of codes whose codings cover at least half of the document's sentence."""
    found = {}
    if not os.path.exists(path):
        return found
    for row in read_rows(path):
        doc = row["document"].rsplit("/", 1)[-1].removesuffix(".txt")
        if doc not in spans:
            continue
        start, end = spans[doc]
        overlap = min(end, int(row["end"])) - max(start, int(row["start"]))
        if overlap * 2 >= end - start:
            found.setdefault(doc, set()).add(row["code"])
    return found

def frame_codings(path):
    if not os.path.exists(path):
        return 0
    return sum(1 for row in read_rows(path) if row["document"].rsplit("/", 1)[-1].startswith("frame-"))

def score(sentences, frame_path, out):
    rows = read_rows(sentences)
    frame_list = frames(frame_path)
    spans = {}
    for index, row in enumerate(rows):
        _, start, end = layout(row, index, frame_list)
        spans[row["id"]] = (start, end)
    rules = codes_on(os.path.join(out, "codings.csv"), spans)
    suggested = codes_on(os.path.join(out, "suggestions.csv"), spans)
    test_rows = [r for r in rows if part(r) == "test"]
    digest = hashlib.sha256("\n".join(f'{r["id"]}\t{r["code"]}\t{r["sentence"]}' for r in test_rows).encode()).hexdigest()
    print(f"Test part: {len(test_rows)} sentences, SHA-256 of its rows `{digest}`.")
    print()
    print("| part | kind | sentences | the code by rules | by suggestions | by either | another code |")
    print("|---|---|---:|---:|---:|---:|---:|")
    summary = {}
    for which in ("dev", "test"):
        for kind in ("paraphrase", "other-sense"):
            chosen = [r for r in rows if part(r) == which and r["kind"] == kind]
            if not chosen:
                continue
            by_rules = sum(1 for r in chosen if r["code"] in rules.get(r["id"], set()))
            by_sugg = sum(1 for r in chosen if r["code"] in suggested.get(r["id"], set()))
            either = sum(1 for r in chosen if r["code"] in rules.get(r["id"], set()) | suggested.get(r["id"], set()))
            other = sum(1 for r in chosen if (rules.get(r["id"], set()) | suggested.get(r["id"], set())) - {r["code"]})
            n = len(chosen)
            summary[(which, kind)] = (either, n)
            pct = lambda k: f"{k} ({100 * k / n:.0f}%)"
            print(f"| {which} | {kind} | {n} | {pct(by_rules)} | {pct(by_sugg)} | {pct(either)} | {pct(other)} |")
    print()
    print(f"Codings in the {len(frame_list)} frames alone (every one a false positive): "
          f"{frame_codings(os.path.join(out, 'codings.csv'))} by rules, "
          f"{frame_codings(os.path.join(out, 'suggestions.csv'))} suggestions.")
    print()
    # Per code, paraphrases found (both parts).
    codes = sorted({r["code"] for r in rows})
    print("| code | paraphrases found (rules / either) | other senses given the code |")
    print("|---|---|---|")
    for code in codes:
        para = [r for r in rows if r["code"] == code and r["kind"] == "paraphrase"]
        other = [r for r in rows if r["code"] == code and r["kind"] == "other-sense"]
        pr = sum(1 for r in para if code in rules.get(r["id"], set()))
        pe = sum(1 for r in para if code in rules.get(r["id"], set()) | suggested.get(r["id"], set()))
        oe = sum(1 for r in other if code in rules.get(r["id"], set()) | suggested.get(r["id"], set()))
        print(f"| {code} | {pr} / {pe} of {len(para)} | {oe} of {len(other)} |" if other else f"| {code} | {pr} / {pe} of {len(para)} | – |")

    print()
    calibration(rows, spans, os.path.join(out, "suggestions.csv"))


def calibration(rows, spans, path):
    """How often a suggestion with a given probability was right: a suggestion on a paraphrase of
    its own code is right; one of another code, on an other-sense sentence or in a frame, is not
    (a sentence may fit a second code, so this leans strict)."""
    by_id = {r["id"]: r for r in rows}
    bins = {}
    for row in (read_rows(path) if os.path.exists(path) else []):
        doc = row["document"].rsplit("/", 1)[-1].removesuffix(".txt")
        right = False
        if doc in spans:
            start, end = spans[doc]
            if min(end, int(row["end"])) - max(start, int(row["start"])) <= 0:
                continue
            r = by_id[doc]
            right = r["kind"] == "paraphrase" and r["code"] == row["code"]
        low = min(int(float(row["probability"]) * 10), 9) / 10
        counts = bins.setdefault(low, [0, 0])
        counts[0] += 1
        counts[1] += right
    print("Calibration of the suggestions (both parts): of the suggestions whose probability lies in a")
    print("band, the share that gave a paraphrase its own code (strict: a second fitting code counts as")
    print("wrong). The documents are about collaborations and most sentences are paraphrases, so this")
    print("is the calibration where the codes are common.")
    print()
    print("| probability | suggestions | right | share right |")
    print("|---|---:|---:|---:|")
    for low in sorted(bins):
        n, k = bins[low]
        print(f"| {low:.1f}–{low + 0.1:.1f} | {n} | {k} | {k / n:.2f} |")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        score(sys.argv[2], sys.argv[3], sys.argv[4])
