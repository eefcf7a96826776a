"""The peer for the coding benchmark: spaCy's tokenizer with a PhraseMatcher (words and phrases,
on LOWER) and a Matcher (globs, stems as prefixes and regexes, as REGEX on LOWER), built from the
same codebook, run over every document of a folder on one core. Prints MB/s and the match count.

usage: spacy_match.py CORPUS_FOLDER CODEBOOK
"""
import os
import re
import sys
import time

import spacy
import yaml
from spacy.matcher import Matcher, PhraseMatcher

folder, codebook_path = sys.argv[1], sys.argv[2]
book = yaml.safe_load(open(codebook_path, encoding="utf-8"))
nlp = spacy.blank("nl")
phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
matcher = Matcher(nlp.vocab)


def glob_regex(glob):
    return "^" + ".*".join(re.escape(part) for part in glob.lower().split("*")).replace("\\?", ".") + "$"


def add(pattern, key):
    if isinstance(pattern, list):
        # A word list: any one of its words, each matched as its own pattern.
        for member in pattern:
            add(member, key)
        return
    if isinstance(pattern, str):
        if " " in pattern:
            pattern = {"phrase": pattern}
        elif pattern.startswith("~"):
            pattern = {"stem": pattern[1:]}
        elif "*" in pattern or "?" in pattern:
            pattern = {"glob": pattern}
        else:
            pattern = {"word": pattern}
    if "near" in pattern:
        for part in pattern["near"]:
            add(part, key)
        return
    kind, value = next((k, v) for k, v in pattern.items() if k in ("word", "stem", "glob", "compound", "regex", "phrase"))
    if kind == "word":
        phrases.add(key, [nlp.make_doc(value)])
    elif kind == "phrase":
        words = [w for w in value.split() if w not in ("…", "...")]
        phrases.add(key, [nlp.make_doc(" ".join(w.lstrip("~") for w in words))])
    elif kind == "stem":
        matcher.add(key, [[{"LOWER": {"REGEX": "^" + re.escape(value.lower()[:-2] if len(value) > 5 else value.lower())}}]])
    elif kind == "compound":
        matcher.add(key, [[{"LOWER": {"REGEX": re.escape(value.lower())}}]])
    elif kind == "glob":
        matcher.add(key, [[{"LOWER": {"REGEX": glob_regex(value)}}]])
    elif kind == "regex":
        matcher.add(key, [[{"LOWER": {"REGEX": value}}]])


for code in book.get("codes", []):
    for index, rule in enumerate(code.get("rules", []) or []):
        for section in ("any", "all"):
            for pattern in rule.get(section, []) or []:
                add(pattern, f"{code['id']}#{index}")

paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs)
size = 0
matches = 0
start = time.perf_counter()
for path in paths:
    text = open(path, encoding="utf-8").read()
    size += len(text.encode("utf-8"))
    doc = nlp.make_doc(text)
    matches += len(phrases(doc)) + len(matcher(doc))
elapsed = time.perf_counter() - start
print(f"{size / 1e6 / elapsed:.2f} MB/s ({matches} matches, {elapsed:.1f} s)")
