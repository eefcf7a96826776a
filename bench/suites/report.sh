#!/usr/bin/env bash
# `kwal report`: the demo report (size, and rendering in headless Chromium) and a report of a
# folder of more than a million codings (the coding suite's corpus), written through the command.
set -euo pipefail
work="$BENCH_WORK/report"
mkdir -p "$work"
timed() {  # prints "seconds peakMB" of a command
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" > /dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v r="$(tail -1 "$work/time.txt")" 'BEGIN { printf "%.2f %d\n", b - a, r / 1024 }'
}
best() { sort -n | head -1; }

echo "## Report: \`kwal report\`"
echo
rm -rf "$work/demo"
"$KWAL_BIN" code "$KWAL_ROOT/Corpus" --codebook "$KWAL_ROOT/Codebooks/lastmile.yaml" --out "$work/demo" --quiet
read -r demo_secs demo_mb <<< "$(for i in 1 2 3; do timed "$KWAL_BIN" report "$work/demo" --corpus "$KWAL_ROOT/Corpus" --codebook "$KWAL_ROOT/Codebooks/lastmile.yaml" --out "$work/demo.html" --quiet; done | best)"
demo_size=$(awk -v b="$(stat -c %s "$work/demo.html")" 'BEGIN { printf "%.2f", b / 1e6 }')
codings=$(( $(wc -l < "$work/demo/codings.csv") - 1 ))
echo "| folder | codings | report MB | seconds to write | peak MB |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| demo corpus | $codings | $demo_size | $demo_secs | $demo_mb |"

# A large folder: the coding suite's output when it is there, else coded here from the same corpus.
big="$BENCH_WORK/coding/out-1"
corpus="$BENCH_WORK/coding/corpus"
if [ ! -s "$big/codings.csv" ] || [ ! -d "$corpus" ]; then
  corpus="$work/corpus"
  big="$work/out"
  python3 "$KWAL_ROOT/bench/tools/make_corpus.py" "$KWAL_ROOT/Corpus" "$corpus" "${KWAL_BENCH_CORPUS_MB:-200}" >&2
  rm -rf "$big"
  "$KWAL_BIN" code "$corpus" --codebook "$KWAL_ROOT/Codebooks/lastmile.yaml" --out "$big" --quiet
fi
read -r big_secs big_mb <<< "$(for i in 1 2; do timed "$KWAL_BIN" report "$big" --corpus "$corpus" --out "$work/big.html" --quiet; done | best)"
big_size=$(awk -v b="$(stat -c %s "$work/big.html")" 'BEGIN { printf "%.2f", b / 1e6 }')
big_codings=$(( $(wc -l < "$big/codings.csv") - 1 ))
corpus_mb=$(( $(du -sb "$corpus" | cut -f1) / 1000000 ))
echo "| $corpus_mb MB recombined corpus (as in the coding suite) | $big_codings | $big_size | $big_secs | $big_mb |"
echo
echo "Whole runs of the command, best of 3 (demo) and of 2 (large), start-up and reading the folder and"
echo "the corpus included. Targets: a report of a one-million-coding folder in under 10 s; the demo"
echo "report under 2 MB."
echo
if command -v chromium > /dev/null; then
  # Chromium's start-up is in these times; the page itself is what differs between the two rows.
  blank="$work/blank.html"
  echo "<!doctype html><title>blank</title>" > "$blank"
  render() {
    local t0 t1
    t0=$(date +%s.%N)
    chromium --headless --disable-gpu --no-sandbox --dump-dom "file://$1" > /dev/null 2>&1
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
  }
  blank_secs=$(for i in 1 2 3; do render "$blank"; done | best)
  page_secs=$(for i in 1 2 3; do render "$work/demo.html"; done | best)
  version=$(chromium --version 2>/dev/null | head -1)
  echo "Rendering in headless Chromium ($version, \`--dump-dom\`, best of 3): the demo report $page_secs s,"
  echo "an empty page $blank_secs s (the browser's start-up), so the demo report renders in about"
  echo "$(awk -v p="$page_secs" -v b="$blank_secs" 'BEGIN { d = p - b; if (d < 0) d = 0; printf "%.2f", d }') s. Target: under 1 s."
else
  echo "Chromium is not installed here, so rendering was not measured."
fi
