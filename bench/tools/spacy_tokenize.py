"""The peer for `kwal tokenize --format tsv`: spaCy's blank Dutch pipeline with its sentencizer over
a text file, paragraph by paragraph, writing one TSV row per token (sentence, token, start, end,
form, lower form, kind) as Kwal does. Prints seconds and MB/s, timed after importing spaCy.

usage: spacy_tokenize.py TEXT_FILE OUT_FILE
"""
import sys
import time

import spacy

path, out_path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
nlp = spacy.blank("nl")
nlp.add_pipe("sentencizer")
start = time.perf_counter()
with open(out_path, "w", encoding="utf-8") as out:
    out.write("sentence\ttoken\tstart\tend\tform\tnormalized\tkind\n")
    sentence_number = 0
    offset = 0
    for paragraph in text.split("\n\n"):
        doc = nlp(paragraph)
        for sentence in doc.sents:
            sentence_number += 1
            for number, token in enumerate(sentence, 1):
                if token.is_space:
                    continue
                kind = "punct" if token.is_punct else ("number" if token.like_num else "word")
                begin = offset + token.idx
                out.write(f"{sentence_number}\t{number}\t{begin}\t{begin + len(token.text)}\t{token.text}\t{token.lower_}\t{kind}\n")
        offset += len(paragraph) + 2
seconds = time.perf_counter() - start
megabytes = len(text.encode("utf-8")) / 1_000_000
print(f"{seconds:.2f}\t{megabytes / seconds:.2f}")
