#!/usr/bin/env bash
# Paraphrases and other senses (the meaning targets of the codebook): sentences written by a writer
# who saw only the code definitions, each placed in a document about a collaboration, coded with the
# demo codebook and its cues. Prints a Markdown section.
set -euo pipefail
data="$KWAL_ROOT/bench/field/senses"
work="$BENCH_WORK/senses"
rm -rf "$work"
mkdir -p "$work"
python3 "$KWAL_ROOT/bench/tools/senses.py" make "$data/sentences.csv" "$data/frames.txt" "$work/corpus"
"$KWAL_BIN" code "$work/corpus" --codebook "$KWAL_ROOT/Codebooks/lastmile.yaml" --out "$work/out" --quiet
echo "## Paraphrases and other senses"
echo
echo "Sentences in \`bench/field/senses/sentences.csv\`, written for this test by a writer who saw only"
echo "the codes' labels and definitions (never the rules, the cues or Kwal's output): per code, five"
echo "paraphrases of the concept in words other than its label and definition, and sentences that use"
echo "the code's words in another sense (a literal bridge, wandering through a town, household tasks)."
echo "Each sentence is the last paragraph of a document whose first paragraph sets the scene of a"
echo "collaboration (\`frames.txt\`, rotated). Codebook \`Codebooks/lastmile.yaml\` with its cues. The"
echo "writer is not one of the project's authors of rules, but is not a field source either: these"
echo "figures measure the rules' reach beyond their words, not their accuracy on real text (see the"
echo "field sections)."
echo
python3 "$KWAL_ROOT/bench/tools/senses.py" score "$data/sentences.csv" "$data/frames.txt" "$work/out"
echo
echo "Targets: paraphrases found by rules or suggestions at least 4 times in 5; the code given to a"
echo "sentence that uses its words in another sense at most once in 20."
