#!/usr/bin/env bash
# Cross-case analysis on 1,000,000 synthetic codings (kwal-bench analysis, deterministic): the
# analyses in-process, then the `kwal` commands on the written folder (CSV reading included), and
# pandas' crosstab on the same codings.csv as a peer for the count matrix. Prints a Markdown section.
set -uo pipefail
source "$KWAL_ROOT/bench/lib/venv.sh"
N=1000000
dir="$BENCH_WORK/analysis-out"
rm -rf "$dir"
inproc=$("$KWAL_BENCH_BIN" analysis $N --write "$dir") || { echo "$inproc" >&2; exit 1; }

echo "## Analysis: matrix, keyness, co-occurrence and KWIC on $N codings"
echo
echo "Data: \`kwal-bench analysis\` (SplitMix64, fixed seed): 12 cases, 300-sentence documents, 8 root"
echo "codes with 4 children each, two thirds of the sentences coded with 1 or 2 codes; units.csv has every"
echo "sentence. In-process times exclude reading files; command times include reading the CSV files."
echo
echo "| step (in-process) | codings | seconds | result size |"
echo "| --- | ---: | ---: | ---: |"
while IFS=$'\t' read -r step count secs size; do
  [ "$step" = "write-folder" ] && continue
  echo "| $step | $count | $secs | $size |"
done <<< "$inproc"
echo

timed() {  # prints "seconds peakMB" of a command, its output discarded
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$BENCH_WORK/analysis-time.txt" "$@" > /dev/null 2>> "$BENCH_WORK/analysis-errors.txt" || echo "failed: $*" >&2
  t1=$(date +%s.%N)
  rss=$(tail -1 "$BENCH_WORK/analysis-time.txt" 2>/dev/null || echo 0)
  awk -v a="$t0" -v b="$t1" -v r="${rss:-0}" 'BEGIN { printf "%.2f %d\n", b - a, r / 1024 }'
}

echo "| command (whole run, reading the folder) | seconds | peak MB |"
echo "| --- | ---: | ---: |"
for cmd in "matrix" "matrix --by case,phase --measure coverage" "matrix --keyness" \
  "cooccur --unit sentence" "cooccur --unit window:3 --by case" "kwic --code root-3 --format csv"; do
  read -r secs mb <<< "$(timed "$KWAL_BIN" $cmd "$dir")"
  echo "| \`kwal $cmd\` | $secs | $mb |"
done
echo
echo "The difference between the two tables is reading the folder: \`CodingOutput.read\` (KwalExport's"
echo "CSVScanner on bytes, one piece per core, repeated fields made into strings once) reads codings.csv;"
echo "\`matrix\` and \`cooccur\` without a query skip the texts and matched words, \`kwic\` reads them;"
echo "\`cooccur\` by unit reads units.csv too (still a string per field). The analyses themselves take"
echo "the in-process times above."
echo

if bench_venv pandas; then
  cat > "$BENCH_WORK/analysis_peer.py" <<'PY'
import sys, time
import pandas as pd
t0 = time.perf_counter()
codings = pd.read_csv(sys.argv[1] + "/codings.csv", usecols=["document", "case", "start", "end", "code"])
t1 = time.perf_counter()
matrix = pd.crosstab(codings["code"], codings["case"], margins=True, margins_name="total")
t2 = time.perf_counter()
print(f"{t1 - t0:.3f}\t{t2 - t1:.3f}\t{matrix.shape[0] - 1}")
PY
  read -r load cross rows <<< "$("$BENCH_VENV/bin/python" "$BENCH_WORK/analysis_peer.py" "$dir" | tr '\t' ' ')"
  echo "Peer, same codings.csv, same run: pandas $("$BENCH_VENV/bin/python" -c 'import pandas; print(pandas.__version__)')"
  echo "\`read_csv\` (5 columns) took ${load} s and \`crosstab\` (leaf codes × cases, no tree roll-up) ${cross} s"
  echo "for $rows codes. Kwal's \`matrix\` command above includes reading all 10 columns, the tree roll-up"
  echo "and de-duplication of segments; the pandas figures exclude starting Python and importing pandas."
else
  echo "Peer: pandas could not be installed into the bench venv, so it was not measured in this run."
fi
echo
