#!/usr/bin/env python3
"""Lists the candidate gold sentences of the demo corpus's .txt interviews and minutes.

A sentence splitter in the spirit of Kwal's (terminal punctuation followed by a capital, a digit,
a quote or a bracket, or a line end) over the respondents' turns of interviews and the running
text and decisions of minutes. Offsets are Unicode scalar offsets into the file text (Python str
indices), so text[start:end] is the sentence. Used to write gold/sentences.csv; the codes in
coder-a.csv and coder-b.csv were assigned by hand.
"""
import pathlib
import re
import sys

CORPUS = pathlib.Path(__file__).resolve().parent.parent
INTERVIEWER = {"i", "interviewer", "sanne bakker"}
LABEL = re.compile(r"^([A-Z][\w.'-]*(?: [\w.'-]+){0,4})(?: \((\d\d:\d\d:\d\d)\))?: ")
HEADER = {"datum", "locatie", "aanwezig", "afgemeld", "afwezig", "notulist", "functie", "transcriptie", "opname"}
ABBREVIATIONS = {"dhr", "mevr", "bijv", "o.a", "d.w.z", "ca", "nr"}
BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[A-Z0-9\"'“‘(\[ÀÉÈËÏÖÜ-])")


def blocks(text: str, kind: str):
    """(start, end) of the coded running text: respondent turns or minutes paragraphs."""
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        match = LABEL.match(line)
        if kind == "interview":
            if match and match.group(1).lower() not in HEADER:
                if match.group(1).lower() in INTERVIEWER:
                    continue
                yield start + match.end(), end
        else:
            if match and match.group(1).lower() in HEADER:
                continue
            if re.match(r"^\d+\. ", line) or line.startswith("- ") or line.startswith("Actiepunten") or line.startswith("Notulen") or line.startswith("Verslag"):
                continue
            if match and match.group(1).lower() == "besluit":
                yield start + match.end(), end
                continue
            yield start, end


def sentences(text: str, start: int, end: int):
    piece = text[start:end]
    cut = 0
    for match in BOUNDARY.finditer(piece):
        word = re.findall(r"[\w.]+$", piece[:match.start(1)])
        if word and word[0].lower().rstrip(".") in ABBREVIATIONS and match.group(1) == ".":
            continue
        yield start + cut, start + match.end(1)
        cut = match.end()
    if cut < len(piece):
        yield start + cut, end


def candidates(document: str):
    text = (CORPUS / document).read_text(encoding="utf-8")
    kind = "interview" if "/interviews/" in document else "minutes"
    for block_start, block_end in blocks(text, kind):
        for s, e in sentences(text, block_start, block_end):
            yield s, e, text[s:e]


if __name__ == "__main__":
    for document in sys.argv[1:]:
        for index, (s, e, t) in enumerate(candidates(document)):
            print(f"{document}\t{index}\t{s}\t{e}\t{t}")
