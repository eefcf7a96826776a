#!/usr/bin/env python3
"""Writes gold/sentences.csv, gold/coder-a.csv, gold/coder-b.csv and gold/gold.csv (adjudicated).

The sentence list comes from gold_sentences.py; the codes per sentence come from two hand-coding
files (one line per coded sentence: `<index> <code> <code>…`, indices into the sentence list).
Every row is checked: text[start:end] must equal the text column, and every code must be a
codable code of Codebooks/lastmile.yaml.
"""
import csv
import pathlib
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from gold_sentences import CORPUS, candidates  # noqa: E402

DOCUMENTS = [
    "Rivierstad/interviews/gemeente.txt",
    "Lindehof/interviews/zorgaanbieder.txt",
    "Rivierstad/notulen/2020-09-24-stuurgroep.txt",
    "Lindehof/notulen/2021-03-18-stuurgroep.txt",
    "Rivierstad/notulen/2022-03-10-kernteam.txt",
]


def main(coding_a: str, coding_b: str, adjudicated: str) -> None:
    codebook = yaml.safe_load((CORPUS.parent / "Codebooks/lastmile.yaml").read_text(encoding="utf-8"))
    codable = {c["id"] for c in codebook["codes"] if c.get("codable", True)}
    rows = []
    for document in DOCUMENTS:
        text = (CORPUS / document).read_text(encoding="utf-8")
        assert "\r" not in text and not text.startswith("\ufeff")
        for start, end, sentence in candidates(document):
            assert text[start:end] == sentence
            rows.append((document, start, end, sentence))
    gold = CORPUS / "gold"
    with open(gold / "sentences.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["document", "start", "end", "text"])
        writer.writerows(rows)
    for source, coder, name in ((coding_a, "coder-a", "coder-a.csv"), (coding_b, "coder-b", "coder-b.csv"), (adjudicated, "gold", "gold.csv")):
        out = []
        for line in pathlib.Path(source).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            index, *codes = line.split()
            document, start, end, sentence = rows[int(index)]
            for code in codes:
                assert code in codable, code
                out.append([document, document.split("/")[0], "sentence", start, end, code, coder, sentence])
        out.sort(key=lambda r: (r[0], r[3], r[4], r[5]))
        with open(gold / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["document", "case", "unit", "start", "end", "code", "coder", "text"])
            writer.writerows(out)
        print(name, len(out), "codings")
    print("sentences.csv", len(rows), "sentences")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
