#!/usr/bin/env bash
# Document structure on real Dutch documents (bench/field/docs): is each one recognised as the
# kind it is, and how many of its agenda items, decisions and speaker turns does `kwal ingest`
# find against a hand count? Scored on the development part; the frozen test part, whose
# SHA-256 is printed (bench/field/docs/hash.sh), only for a release (KWAL_SCORE_FROZEN=1).
# Prints a Markdown section.
set -uo pipefail
docs="$KWAL_ROOT/bench/field/docs"
# The frozen test part (the eighteenth collection's half, 2026-12-08).
frozen=test-18
echo "## Documents as published: kinds, agenda items, decisions and turns"
echo
echo "Real Dutch documents from public sources (council and board minutes as HTML, text, Markdown"
echo "and PDF, parliamentary debates, interviews, blogs; \`bench/field/docs/SOURCES.md\`), each with a"
echo "hand count in its \`.meta.json\`. A cell is \"Kwal found / hand count\"; per kind, found of the"
echo "hand count with the extra ones in brackets. Documents whose licence does not let the project keep"
echo "them are listed as \"not kept\" and not scored, unless \`KWAL_FIELD_DOCS\` names a copy of the whole"
echo "collection (then marked \"(not kept)\")."
echo
echo "Each collection was split before Kwal read it: half joined the dev part, half became a frozen test"
echo "part, scored once per release. \`test\` to \`test-15\` were frozen until their scoring (2026-12-06,"
echo "2026-12-07);"
echo "their misses were then studied, so they are development material now and shown as such."
echo "The frozen part \`$frozen\` is scored only for a release (\`KWAL_SCORE_FROZEN=1\`); otherwise"
echo "only its SHA-256 is printed."
echo
for part in dev test test-2 test-3 test-4 test-5 test-6 test-7 test-8 test-9 test-10 test-11 test-12 test-13 test-14 test-15 test-16 test-17 "$frozen"; do
  [ -d "$docs/$part" ] || continue
  hash=$(bash "$docs/hash.sh" "$part")
  case "$part" in
    test | test-2 | test-3 | test-4 | test-5 | test-6 | test-7 | test-8 | test-9 | test-10 | test-11 | test-12 | test-13 | test-14 | test-15 | test-16 | test-17)
      label="${part} part, retired to development" ;;
    "$frozen") label="${part} part, frozen" ;;
    *) label="${part} part" ;;
  esac
  echo "### ${label} (SHA-256 \`$hash\`)"
  echo
  if [ "$part" = "$frozen" ] && [ "${KWAL_SCORE_FROZEN:-0}" != 1 ]; then
    echo "Not scored: frozen until the next release."
  else
    python3 "$docs/score.py" "$KWAL_BIN" "$docs/$part" --markdown
  fi
  echo
done
