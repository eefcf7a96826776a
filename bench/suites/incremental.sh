#!/usr/bin/env bash
# Incremental re-coding (issue: a project that remembers): a full `kwal code` run into a folder,
# then the same command again after no change, after one edited document and after one edited
# code; each timed through the command, the project store included. Two corpora of the same
# size: the demo's sentences recombined (every code occurs in nearly every document) and real
# text (the UD Dutch treebanks' sentences laid out as transcripts, where most codes are rare).
set -euo pipefail
target_mb="${KWAL_BENCH_INCREMENTAL_MB:-24}"

# Each row is the best of five runs (each edited run after an edit of its own): single runs on
# a shared machine vary by a fifth.
rounds="1 2 3 4 5"
best() { tr ' ' '\n' | sort -n | head -1; }

# measure WORK: runs the rows on WORK/corpus and prints the table; sets $summary_line.
measure() {
  local work="$1"
  cp "$KWAL_ROOT/Codebooks/lastmile.yaml" "$KWAL_ROOT/Codebooks/lastmile.learned.json" "$work/"
  local codebook="$work/lastmile.yaml"
  timed() {
    local start end
    start=$(date +%s.%N)
    "$KWAL_BIN" code "$work/corpus" --codebook "$codebook" --out "$work/out" --quiet --jobs 1 "$@"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
  }
  local full unchanged edited code_edit store_mb first read_again
  full=$(for _ in $rounds; do timed --full; echo; done | best)
  store_mb=$(( $(stat -c %s "$work/out/kwal.sqlite") / 1000000 ))
  unchanged=$(for _ in $rounds; do timed; echo; done | best)
  first=$(find "$work/corpus" -type f -name '*.txt' | sort | sed -n 1p)
  edited=$(for round in $rounds; do
    echo "R1: We proberen de kloof te overbruggen tussen de gemeente en de vervoerders ($round)." >> "$first"
    timed
    echo
  done | best)
  # One code's rule gains a word: documents in which the code can fire are coded again with that
  # code only (the others' rows are kept); the others are not read.
  code_edit=$(for round in $rounds; do
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
  local store_after
  store_after=$(( $(stat -c %s "$work/out/kwal.sqlite") / 1000000 ))
  # How many documents the last edited-code run read again (the run log's `recoded`).
  read_again=$(sqlite3 "$work/out/kwal.sqlite" "SELECT recoded || ' of ' || documents FROM run ORDER BY id DESC LIMIT 1" 2>/dev/null || echo "?")
  rm -rf "$work/fresh"
  "$KWAL_BIN" code "$work/corpus" --codebook "$codebook" --out "$work/fresh" --quiet --jobs 1
  local same="yes"
  for f in codings.csv suggestions.csv units.csv documents.csv matrix.csv codebook.json; do
    cmp -s "$work/out/$f" "$work/fresh/$f" || same="no ($f differs)"
  done
  local coded_in
  coded_in=$(python3 - "$work/fresh" <<'PY'
import csv, sys
coded = {row["document"] for row in csv.DictReader(open(sys.argv[1] + "/codings.csv", encoding="utf-8")) if row["code"] == "shared-goal"}
documents = sum(1 for _ in csv.DictReader(open(sys.argv[1] + "/documents.csv", encoding="utf-8")))
print(f"{len(coded)} of {documents}")
PY
)
  share() { awk -v a="$1" -v b="$full" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
  echo "| run into the same folder | seconds | share of the full run |"
  echo "| --- | ---: | ---: |"
  echo "| full run (\`--full\`) | $full | 100% |"
  echo "| again, nothing changed | $unchanged | $(share "$unchanged") |"
  echo "| again, one document edited | $edited | $(share "$edited") |"
  echo "| again, one code's rule edited (documents read again: $read_again) | $code_edit | $(share "$code_edit") |"
  echo
  summary_line="\`shared-goal\` is coded in $coded_in documents. Project store after the full runs: $store_mb MB; after the fifteen runs that follow (five of them codebook edits): $store_after MB. After the last run the folder's files are byte-identical to a fresh full run's: $same."
}

echo "## Incremental re-coding"
echo
echo "\`Codebooks/lastmile.yaml\` with its cues; \`kwal code --jobs 1\` through the command, the best of five runs per row, timed with the project store. The edited code is \`shared-goal\` (a word added to its first rule)."
echo
base="$BENCH_WORK/incremental"
rm -rf "$base"
mkdir -p "$base/demo"
python3 "$KWAL_ROOT/bench/tools/make_corpus.py" "$KWAL_ROOT/Corpus" "$base/demo/corpus" "$target_mb" >&2
bytes=$(du -sb "$base/demo/corpus" | cut -f1)
echo "**The demo's sentences recombined**: $(find "$base/demo/corpus" -type f | wc -l) documents, $((bytes / 1000000)) MB (\`make_corpus.py\`, as in the coding suite)."
echo
measure "$base/demo"
echo "$summary_line"
echo
ud="$SHARED/data/ud-dutch"
if [ -d "$ud" ]; then
  mkdir -p "$base/real"
  read -r documents bytes _ < <(python3 "$KWAL_ROOT/bench/tools/real_corpus.py" "$ud" "$base/real/corpus" "$target_mb" /dev/null)
  echo "**Real text**: $documents documents, $((bytes / 1000000)) MB: the UD Dutch treebanks' sentences (news and Wikipedia) laid out as transcripts (\`real_corpus.py\`, as in the throughput section)."
  echo
  measure "$base/real"
  echo "$summary_line"
  echo
else
  echo "Real text: skipped, $ud is absent (the UD Dutch treebanks of ../shared/data)."
  echo
fi
echo "Target: at most 15% of a full run after one edited document or one edited code. After an edited code, a document is read again only when it had rule codings of the code or one of the code's new or edited rules can fire in it (its words, which the store keeps per sentence, hold the rule's words; the store keeps a fingerprint of every rule, and a rule as it was fires where it fired, which was nowhere a coding came of it); it is then coded with that code alone and the other codes' rows are kept. Where the code is coded in nearly every document (the demo's sentences), nearly every document is read again."
echo
fs=$(df -T "$base" | awk 'NR == 2 { print $2 }')
echo "What an unchanged run still costs: loading the codebook and its cues, looking at every file (one"
echo "that is as the last run found it is not read), reading what the store holds of each document,"
echo "and recording the run in the store, which an incremental run changes in place (one transaction;"
echo "a full run writes a copy). Its CSV files come out as they were and are not rewritten. After an"
echo "edited document, the rows after it move: the unchanged documents' rows are copied into the new"
echo "files inside the kernel (a clone that shares blocks on Btrfs or XFS; \`copy_file_range\`"
echo "elsewhere); this machine's file system is $fs, where the kernel copies the pages."
