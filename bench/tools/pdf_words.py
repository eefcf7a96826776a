"""Scores PDF text against a reference, word by word (bench/suites/pdf.sh).

Usage: pdf_words.py REFERENCE_DIR CANDIDATE_DIR

Both folders hold NAME.txt files; every reference file is scored against the candidate file of
the same name (a missing one keeps no words). Words are runs of letters and digits, lowercased.
Prints, tab-separated: the share of the reference's words the candidate keeps (multiset
intersection over the reference's count), the share of the candidate's words that are not in
the reference (running headers, footers, page numbers, words broken by hyphens), the reference's
word count and the number of files.
"""
import collections
import os
import re
import sys

WORD = re.compile(r"[^\W_]+")


def words(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return collections.Counter(WORD.findall(f.read().lower()))
    except FileNotFoundError:
        return collections.Counter()


def main():
    reference_dir, candidate_dir = sys.argv[1], sys.argv[2]
    kept = total = extra = produced = files = 0
    for name in sorted(os.listdir(reference_dir)):
        if not name.endswith(".txt"):
            continue
        files += 1
        reference = words(os.path.join(reference_dir, name))
        candidate = words(os.path.join(candidate_dir, name))
        common = reference & candidate
        kept += sum(common.values())
        total += sum(reference.values())
        produced += sum(candidate.values())
        extra += sum(candidate.values()) - sum(common.values())
    print(f"{kept / max(total, 1):.4f}\t{extra / max(produced, 1):.4f}\t{total}\t{files}")


if __name__ == "__main__":
    main()
