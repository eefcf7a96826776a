#!/usr/bin/env python3
"""Turns written.txt (texts with [[kind:text]] marks) into texts/ and gold.csv (file,start,end,kind,text;
Unicode scalar offsets, end exclusive), the format of the field set."""
import csv, os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "written")
os.makedirs(os.path.join(out, "texts"), exist_ok=True)
source = open(os.path.join(here, "written.txt"), encoding="utf-8").read()
rows = []
for block in source.split("=== ")[1:]:
    name, _, body = block.partition("\n")
    text, position, last = "", 0, 0
    for match in re.finditer(r"\[\[(\w+):(.+?)\]\]", body):
        text += body[last:match.start()]
        start = len(text)
        text += match.group(2)
        rows.append((name.strip(), start, len(text), match.group(1), match.group(2)))
        last = match.end()
    text += body[last:]
    open(os.path.join(out, "texts", name.strip()), "w", encoding="utf-8").write(text)
with open(os.path.join(out, "gold.csv"), "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["file", "start", "end", "kind", "text"])
    writer.writerows(rows)
kinds = {}
for row in rows: kinds[row[3]] = kinds.get(row[3], 0) + 1
print(f"{len(rows)} mentions: " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())), file=sys.stderr)
