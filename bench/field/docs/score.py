#!/usr/bin/env python3
"""Scores `kwal ingest` on the field documents against the hand counts in their .meta.json files.

Usage: score.py KWAL PART_FOLDER [--markdown]
For each document: the kind Kwal gives against the expected kind (from its folder), and the
agenda items, decisions and speaker turns Kwal finds against the hand count. Prints a table
(Markdown with --markdown) and totals per kind.

Documents the project may not keep have only their .meta.json here. When KWAL_FIELD_DOCS names
a folder with the whole collection in the same layout (PART/KIND/FILE), they are read from there
and marked "(not kept)"; otherwise they are listed as "not kept" and not scored.
"""
import json, os, subprocess, sys, glob, collections

EXPECTED = {"minutes-html": "minutes", "minutes-text": "minutes", "minutes-pdf": "minutes", "minutes-docx": "minutes",
            "debate": "debate", "interview": "interview", "blog": "blog"}

def hand(meta, *keys):
    hc = meta.get("hand_count", {})
    for key in keys:
        if isinstance(hc.get(key), int) and not isinstance(hc.get(key), bool):
            return hc[key]
    return None

def main():
    kwal, part = sys.argv[1], sys.argv[2]
    markdown = "--markdown" in sys.argv
    rows, totals = [], collections.defaultdict(lambda: collections.Counter())
    for meta_path in sorted(glob.glob(os.path.join(part, "*", "*.meta.json"))):
        folder = os.path.basename(os.path.dirname(meta_path))
        meta = json.load(open(meta_path, encoding="utf-8"))
        path = meta_path[: -len(".meta.json")]
        expected = EXPECTED[folder]
        name = os.path.basename(path)
        outside = os.environ.get("KWAL_FIELD_DOCS")
        if not os.path.exists(path) and outside:
            candidate = os.path.join(outside, os.path.basename(part.rstrip("/")), folder, name)
            if os.path.exists(candidate):
                path = candidate
                name += " (not kept)"
        if not os.path.exists(path):
            rows.append((folder, os.path.basename(path), expected, "not kept", "", "", ""))
            totals[folder]["not kept"] += 1
            continue
        run = subprocess.run([kwal, "ingest", path], capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout.strip():
            rows.append((folder, name, expected, "error: " + run.stderr.strip()[-80:], "", "", ""))
            totals[folder]["documents"] += 1
            continue
        doc = json.loads(run.stdout.splitlines()[0])
        kinds = collections.Counter(s["kind"] for s in doc.get("segments", []))
        kind = doc["kind"]
        ok = kind == expected or (expected == "blog" and kind == "document")
        found = {"agenda": kinds["agenda-item"], "decisions": kinds["decision"], "turns": kinds["turn"]}
        want = {"agenda": hand(meta, "agenda_items", "agenda_items_visible"),
                "decisions": hand(meta, "decisions_marked", "decisions"),
                "turns": hand(meta, "speaker_turns", "turns")}
        if expected == "blog":
            want = {"agenda": 0, "decisions": 0, "turns": 0}
        cells = []
        for key in ("agenda", "decisions", "turns"):
            cells.append(f"{found[key]}/{want[key]}" if want[key] is not None else f"{found[key]}/–")
            if want[key] is not None:
                totals[folder][key + " found"] += min(found[key], want[key])
                totals[folder][key + " extra"] += max(0, found[key] - want[key])
                totals[folder][key + " hand"] += want[key]
        totals[folder]["documents"] += 1
        totals[folder]["kind right"] += ok
        rows.append((folder, name, expected, kind + ("" if ok else " ✗"), *cells))
    header = ("kind", "document", "expected", "Kwal's kind", "agenda items (Kwal/hand)", "decisions", "turns")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(str(c) for c in row) + " |")
        print()
        print("| kind | documents | kind right | agenda items found of hand count (extra) | decisions (extra) | turns (extra) |")
        print("|---|---:|---:|---|---|---|")
    else:
        for row in rows:
            print("\t".join(str(c) for c in row))
        print()
    for folder in sorted(totals):
        t = totals[folder]
        def pair(key):
            return f"{t[key + ' found']}/{t[key + ' hand']} ({t[key + ' extra']})" if t[key + " hand"] else "–"
        line = (folder, t["documents"], t["kind right"], pair("agenda"), pair("decisions"), pair("turns"))
        if markdown:
            print("| " + " | ".join(str(c) for c in line) + " |")
        else:
            print("\t".join(str(c) for c in line))

if __name__ == "__main__":
    main()
