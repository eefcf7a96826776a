#!/usr/bin/env bash
# Incremental re-coding (issue: a project that remembers): a full `kwal code` run into a folder,
# then the same command again after no change, after one edited document and after one edited
# code; each timed through the command, the project store included.
set -euo pipefail
work="$BENCH_WORK/incremental"
rm -rf "$work"
mkdir -p "$work"
target_mb="${KWAL_BENCH_INCREMENTAL_MB:-24}"
python3 "$KWAL_ROOT/bench/tools/make_corpus.py" "$KWAL_ROOT/Corpus" "$work/corpus" "$target_mb" >&2
bytes=$(du -sb "$work/corpus" | cut -f1)
cp "$KWAL_ROOT/Codebooks/lastmile.yaml" "$KWAL_ROOT/Codebooks/lastmile.learned.json" "$work/"
codebook="$work/lastmile.yaml"
timed() {
  local start end
  start=$(date +%s.%N)
  "$KWAL_BIN" code "$work/corpus" --codebook "$codebook" --out "$work/out" --quiet --jobs 1 "$@"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
# Each row is the best of three runs (each edited run after an edit of its own).
best() { tr ' ' '\n' | sort -n | head -1; }
full=$(for _ in 1 2 3; do timed --full; echo; done | best)
store_mb=$(( $(stat -c %s "$work/out/kwal.sqlite") / 1000000 ))
unchanged=$(for _ in 1 2 3; do timed; echo; done | best)
first=$(find "$work/corpus" -type f -name '*.txt' | sort | sed -n 1p)
edited=$(for round in 1 2 3; do
  echo "R1: We proberen de kloof te overbruggen tussen de gemeente en de vervoerders ($round)." >> "$first"
  timed
  echo
done | best)
# One code's rule gains a word: every document is coded again with that code only (the others'
# rows are kept).
code_edit=$(for round in 1 2 3; do
  python3 - "$codebook" "$round" <<'PY'
import sys
path, round = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
marker = "\n        any:\n"
at = text.index(marker) + len(marker)
open(path, "w", encoding="utf-8").write(text[:at] + f"          - kloofoverbrugging{round}\n" + text[at:])
PY
  timed
  echo
done | best)
rm -rf "$work/fresh"
"$KWAL_BIN" code "$work/corpus" --codebook "$codebook" --out "$work/fresh" --quiet --jobs 1
same="yes"
for f in codings.csv suggestions.csv units.csv documents.csv matrix.csv codebook.json; do
  cmp -s "$work/out/$f" "$work/fresh/$f" || same="no ($f differs)"
done
share() { awk -v a="$1" -v b="$full" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo "## Incremental re-coding"
echo
echo "Corpus: $(find "$work/corpus" -type f | wc -l) documents, $((bytes / 1000000)) MB (\`make_corpus.py\`, as in the coding suite); \`Codebooks/lastmile.yaml\` with its cues; \`kwal code --jobs 1\` through the command, the best of three runs per row, timed with the project store ($store_mb MB after the full runs)."
echo
echo "| run into the same folder | seconds | share of the full run |"
echo "| --- | ---: | ---: |"
echo "| full run (\`--full\`) | $full | 100% |"
echo "| again, nothing changed | $unchanged | $(share "$unchanged") |"
echo "| again, one document edited | $edited | $(share "$edited") |"
echo "| again, one code's rule edited | $code_edit | $(share "$code_edit") |"
echo
echo "Target: at most 15% of a full run after one edited document or one edited code. After an edited code every document is read, tokenised and coded again with that code alone; the rows of the other codes are taken from the previous files (coder and codebook hash rewritten) and merged in. After the last run the folder's files are byte-identical to a fresh full run's: $same."
echo
fs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
echo "What an unchanged run still costs: loading the codebook and its cues, hashing the corpus, and"
echo "copying the store and the unchanged documents' rows into the run's new files. Those copies are"
echo "made inside the kernel (a clone that shares blocks on Btrfs or XFS; \`copy_file_range\` elsewhere);"
echo "this machine's file system is $fs, where the kernel copies the pages."
