# The peer of `kwal export qdpx` in the analysis suite: pandas reads the coding folder and the
# corpus, and Python writes the same kind of REFI-QDA project (project.qde with a selection and a
# coding per coding, UUIDv5 GUIDs, rule ids and matched words in the selection's description,
# every text as a source; deflated zip). Timed from reading the CSV files to the closed zip;
# starting Python and importing pandas are not counted.
# Usage: refi_export_peer.py FOLDER CORPUS OUT.qdpx
import json, os, sys, time, uuid, zipfile
from xml.sax.saxutils import escape, quoteattr
import pandas as pd

folder, corpus, out = sys.argv[1:4]
start = time.perf_counter()
codings = pd.read_csv(
    folder + "/codings.csv", usecols=["document", "case", "unit", "start", "end", "code", "coder", "rule", "matched"],
    keep_default_na=False)
documents = pd.read_csv(folder + "/documents.csv", keep_default_na=False)
codes = json.load(open(folder + "/codebook.json"))["codes"]
space = uuid.uuid5(uuid.NAMESPACE_URL, "kwal.refi-qda")
guid = lambda kind, key: str(uuid.uuid5(space, f"{kind}:{key}"))
users = {coder: guid("user", coder) for coder in codings["coder"].unique()}
code_guids = {code["id"]: guid("code", code["id"]) for code in codes}
codings = codings.sort_values(["document", "start", "end", "code"], kind="stable")
parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="bench" origin="peer">\n']
parts.append("  <Users>\n" + "".join(f'    <User guid="{g}" name={quoteattr(u)}/>\n' for u, g in users.items()) + "  </Users>\n")
parts.append("  <CodeBook>\n    <Codes>\n" + "".join(
    f'      <Code guid="{code_guids[c["id"]]}" name={quoteattr(c["id"])} isCodable="true"/>\n' for c in codes)
    + "    </Codes>\n  </CodeBook>\n  <Sources>\n")
sources = []
columns = [codings[name].tolist() for name in ["document", "unit", "start", "end", "code", "coder", "rule", "matched"]]
rows = list(zip(*columns))
position = 0
for document in documents["document"].tolist():
    text = open(os.path.join(corpus, document), encoding="utf-8").read()
    source = guid("source", document)
    sources.append((f"sources/{source}.txt", text))
    parts.append(f'    <TextSource guid="{source}" name={quoteattr(document)} plainTextPath="internal://{source}.txt">\n')
    while position < len(rows) and rows[position][0] == document:
        _, unit, begin, end, code, coder, rule, matched = rows[position]
        key = f"{document}\x1f{begin}\x1f{end}\x1f{code}\x1f{coder}"
        words = ", ".join(matched.split("|"))
        description = escape(f"Regel (rule): {rule.replace('|', ', ')}\nWoorden (matched): {words}\nEenheid (unit): {unit}")
        parts.append(
            f'      <PlainTextSelection guid="{guid("selection", key)}" name={quoteattr(text[begin:end])} '
            f'startPosition="{begin}" endPosition="{end}" creatingUser="{users[coder]}">\n'
            f"        <Description>{description}</Description>\n"
            f'        <Coding guid="{guid("coding", key)}" creatingUser="{users[coder]}">\n'
            f'          <CodeRef targetGUID="{code_guids[code]}"/>\n        </Coding>\n      </PlainTextSelection>\n')
        position += 1
    parts.append("    </TextSource>\n")
parts.append("  </Sources>\n</Project>\n")
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
    archive.writestr("project.qde", "".join(parts))
    for path, text in sources:
        archive.writestr(path, text)
print(f"{time.perf_counter() - start:.2f}")
