"""Counts the patterns of a Kwal codebook (every item under any/all/none/exclude-patterns, near parts and the words of word lists included)."""
import sys
import yaml

def count(pattern):
    if isinstance(pattern, dict) and "near" in pattern:
        return sum(count(p) for p in pattern["near"])
    if isinstance(pattern, list):
        # A word list counts each of its words.
        return sum(count(p) for p in pattern)
    return 1

book = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
total = 0
for code in book.get("codes", []):
    for rule in code.get("rules", []) or []:
        for key in ("any", "all", "none"):
            total += sum(count(p) for p in rule.get(key, []) or [])
    total += sum(count(p) for p in code.get("exclude-patterns", []) or [])
print(total)
