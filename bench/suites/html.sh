#!/usr/bin/env bash
# HTML main-content extraction: Kwal against trafilatura (PyPI) on ../shared/data/html-extraction,
# in the same run, on the same pages, scored by the same scorer (kwal-bench ingest html); then
# plain-text ingestion speed. Prints a Markdown section.
set -uo pipefail
source "$KWAL_ROOT/bench/lib/venv.sh"
DATA="$SHARED/data/html-extraction"
echo "## Ingestion: HTML main-content extraction and plain text"
echo
if [ ! -f "$DATA/manifest.json" ]; then
  echo "The shared data \`$DATA\` is absent, so HTML extraction was not measured."
  echo
else
  peers=()
  note=""
  # trafilatura 2.x imports justext, which needs lxml's html cleaner (a separate package since lxml 5.2).
  if bench_venv trafilatura lxml_html_clean; then
    out="$BENCH_WORK/html/trafilatura"
    mkdir -p "$out"
    cat > "$BENCH_WORK/html_trafilatura.py" <<'PY'
import json, os, sys, time
import trafilatura
data, out = sys.argv[1], sys.argv[2]
rows = json.load(open(os.path.join(data, "manifest.json"), encoding="utf-8"))
pages = []
for row in rows:
    with open(os.path.join(data, row["file"]), "rb") as f:
        pages.append((os.path.basename(row["file"])[:-5], f.read().decode("utf-8")))
texts = {}
best = None
for _ in range(3):
    t0 = time.thread_time()
    for name, html in pages:
        texts[name] = trafilatura.extract(html) or ""
    elapsed = time.thread_time() - t0
    best = elapsed if best is None else min(best, elapsed)
for name, text in texts.items():
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
print(f"{best:.4f}")
PY
    version=$("$BENCH_VENV/bin/python" -c "import importlib.metadata as m; print(m.version('trafilatura'))")
    # One core: taskset when available.
    pin=""
    command -v taskset >/dev/null && pin="taskset -c 0"
    if secs=$($pin "$BENCH_VENV/bin/python" "$BENCH_WORK/html_trafilatura.py" "$DATA" "$out"); then
      peers=(--peer "trafilatura $version=$out:$secs")
    else
      note="trafilatura failed on these pages; see the log."
    fi
  else
    note="trafilatura could not be installed from PyPI, so the peer was not measured."
  fi
  pin=""
  command -v taskset >/dev/null && pin="taskset -c 0"
  $pin "$KWAL_BENCH_BIN" ingest html "$DATA" "${peers[@]}" || exit 1
  echo
  echo "Kwal: libxml2's HTML parser, then its own main-content scoring (\`KwalIngest/ContentExtractor.swift\`)."
  echo "trafilatura: \`trafilatura.extract(html)\` with its defaults (CPU time of the thread, best of 3 runs); its texts are saved and scored by"
  echo "the same Swift scorer as Kwal's (tokens: runs of letters and digits; each CJK character one token)."
  [ -n "$note" ] && echo && echo "$note"
  echo
  # The whole command on the same pages, ten copies of each (310 files): reading, extraction,
  # structure and the JSON output, start-up included; one core, best of 3 wall-clock runs.
  pages="$BENCH_WORK/html/pages"
  rm -rf "$pages"
  mkdir -p "$pages"
  count=0
  for file in "$DATA"/*/*.html; do
    for copy in 1 2 3 4 5 6 7 8 9 10; do
      cp "$file" "$pages/$copy-$(basename "$file")"
      count=$((count + 1))
    done
  done
  best=""
  for _ in 1 2 3; do
    t0=$(date +%s.%N)
    $pin "$KWAL_BIN" ingest "$pages" --format json --output "$BENCH_WORK/html/pages.json" --quiet --jobs 1 || exit 1
    t1=$(date +%s.%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
  done
  rate=$(awk -v n="$count" -v s="$best" 'BEGIN { printf "%.0f", n / s }')
  line="The whole command, \`kwal ingest\` of the same pages ten times over ($count files) with its JSON"
  line="$line output, one core, start-up included, best of 3: $best s, $rate pages/s"
  if [ "${#peers[@]}" -gt 0 ]; then
    peer_secs=${peers[1]##*:}
    ratio=$(awk -v r="$rate" -v s="$peer_secs" -v n="$(ls "$DATA"/*/*.html | wc -l)" 'BEGIN { printf "%.1f", r / (n / s) }')
    line="$line, $ratio× trafilatura's pages per second above (target: 10×)."
  else
    line="$line."
  fi
  echo "$line"
  rm -rf "$pages" "$BENCH_WORK/html/pages.json"
  echo
fi
echo "### Plain-text ingestion"
echo
echo "| input | MB | seconds | MB/s | segments |"
echo "| --- | ---: | ---: | ---: | ---: |"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
line=$($pin "$KWAL_BENCH_BIN" ingest text 64) || exit 1
IFS=$'\t' read -r mb secs speed segments <<< "$line"
echo "| generated Dutch interview transcript (.txt, UTF-8, a turn every 100 bytes, markers) | $mb | $secs | $speed | $segments |"
demo=$(ls "$KWAL_ROOT"/Corpus/*/interviews/*.txt 2>/dev/null)
if [ -n "$demo" ]; then
  line=$($pin "$KWAL_BENCH_BIN" ingest text 64 $demo) || exit 1
  IFS=$'\t' read -r mb secs speed segments <<< "$line"
  echo "| the demo corpus's .txt interviews, repeated (headers, turns, markers) | $mb | $secs | $speed | $segments |"
fi
echo
echo "Decoding (UTF-8 validation, line ends, NFC check) and structure (speaker turns, header fields,"
echo "markers) of one document on one core, best of 3."
