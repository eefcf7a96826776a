#!/usr/bin/env bash
# Document structure on real Dutch documents (bench/field/docs): is each one recognised as the
# kind it is, and how many of its agenda items, decisions and speaker turns does `kwal ingest`
# find against a hand count? Scored on the development part and on the frozen test part, whose
# SHA-256 is printed (bench/field/docs/hash.sh). Prints a Markdown section.
set -uo pipefail
docs="$KWAL_ROOT/bench/field/docs"
echo "## Documents as published: kinds, agenda items, decisions and turns"
echo
echo "Real Dutch documents from public sources (council and board minutes as HTML, text, Markdown"
echo "and PDF, parliamentary debates, interviews, blogs; \`bench/field/docs/SOURCES.md\`), each with a"
echo "hand count in its \`.meta.json\`. A cell is \"Kwal found / hand count\"; per kind, found of the"
echo "hand count with the extra ones in brackets. Documents whose licence does not let the project keep"
echo "them are listed as \"not kept\" and not scored. The test parts were split off before any tuning and"
echo "are scored once per release: \`test\` from the first collection, \`test-2\` from the second (2026-12-06),"
echo "whose other half joined the dev part."
echo
for part in dev test test-2; do
  hash=$(bash "$docs/hash.sh" "$part")
  echo "### ${part} part (SHA-256 \`$hash\`)"
  echo
  python3 "$docs/score.py" "$KWAL_BIN" "$docs/$part" --markdown
  echo
done
