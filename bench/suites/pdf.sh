#!/usr/bin/env bash
# PDF ingestion: Kwal (`kwal ingest` on a folder of PDFs, poppler-glib) against pdftotext
# (poppler-utils) and mutool (MuPDF), in the same run on the same files: pages per second on one
# core, and the share of the source's words each keeps. The PDFs are made from known text (the
# demo corpus's transcripts and minutes, bench/tools/pdf_corpus.py with reportlab and pyphen);
# field PDFs (Tests/KwalIngestTests/Fixtures, and $KWAL_PDF_FIELD/*.pdf when set) are scored
# against pdftotext -raw. Prints a Markdown section.
set -uo pipefail
source "$KWAL_ROOT/bench/lib/venv.sh"
work="$BENCH_WORK/pdf"
rm -rf "$work"
mkdir -p "$work"

echo "## Ingestion: PDF"
echo
missing=""
command -v pdftotext >/dev/null || missing="$missing poppler-utils"
command -v mutool >/dev/null || missing="$missing mupdf-tools"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y -qq $missing >&2 || true
fi
if ! command -v pdftotext >/dev/null; then
  echo "pdftotext (poppler-utils) could not be installed, so PDF ingestion was not compared."
  exit 0
fi
if ! bench_venv reportlab pyphen; then
  echo "reportlab could not be installed from PyPI, so no PDFs were made to measure."
  exit 0
fi
have_mutool=0; command -v mutool >/dev/null && have_mutool=1
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

# --- the PDFs ------------------------------------------------------------------------------------
sources=$(ls "$KWAL_ROOT"/Corpus/*/interviews/*.txt "$KWAL_ROOT"/Corpus/*/notulen/*.txt)
IFS=$'\t' read -r pages hyphenation <<< "$("$BENCH_VENV/bin/python" "$KWAL_ROOT/bench/tools/pdf_corpus.py" \
  --repeat 25 "$work/made" $sources)" || exit 1
mkdir -p "$work/pdfs" "$work/known"
mv "$work/made"/*.pdf "$work/pdfs/"
mv "$work/made"/*.txt "$work/known/"
files=$(ls "$work/pdfs"/*.pdf | wc -l)

# --- timing: best of 3 wall-clock runs on one core -------------------------------------------------
best() {  # best SECONDS of 3 runs of the command
  local best="" t0 t1 secs
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || return 1
    t1=$(date +%s%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; fi
  done
  echo "$best"
}
run_kwal() { $pin "$KWAL_BIN" ingest "$1" --jobs 1 --output "$2/kwal.jsonl"; }
run_pdftotext() {  # FOLDER OUT [-raw]
  local f
  mkdir -p "$2"
  for f in "$1"/*.pdf; do $pin pdftotext ${3:-} -enc UTF-8 "$f" "$2/$(basename "$f" .pdf).txt" || return 1; done
}
run_mutool() {
  local f
  mkdir -p "$2"
  for f in "$1"/*.pdf; do $pin mutool draw -q -F txt -o "$2/$(basename "$f" .pdf).txt" "$f" || return 1; done
}
kwal_texts() {  # JSONL OUT: one NAME.txt per document
  mkdir -p "$2"
  python3 -c '
import json, os, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    name = os.path.basename(d["id"])[:-4] + ".txt"
    open(os.path.join(sys.argv[2], name), "w", encoding="utf-8").write(d["text"])
' "$1" "$2"
}
score() { python3 "$KWAL_ROOT/bench/tools/pdf_words.py" "$@"; }
row() {  # NAME SECONDS SCORE
  local kept added
  IFS=$'\t' read -r kept added _ _ <<< "$3"
  echo "| $1 | $pages | $2 | $(awk -v p="$pages" -v s="$2" 'BEGIN { printf "%.0f", p / s }') | $(awk -v k="$kept" 'BEGIN { printf "%.1f%%", 100 * k }') | $(awk -v a="$added" 'BEGIN { printf "%.1f%%", 100 * a }') |"
}

mkdir -p "$work/out"
kwal_secs=$(best run_kwal "$work/pdfs" "$work/out") || { echo "kwal ingest failed on the PDFs."; exit 1; }
kwal_texts "$work/out/kwal.jsonl" "$work/kwal"
pdftotext_secs=$(best run_pdftotext "$work/pdfs" "$work/pdftotext") || exit 1
raw_secs=$(best run_pdftotext "$work/pdfs" "$work/raw" -raw) || exit 1
if [ $have_mutool = 1 ]; then mutool_secs=$(best run_mutool "$work/pdfs" "$work/mutool") || have_mutool=0; fi

poppler_version=$(pdftotext -v 2>&1 | head -1 | sed 's/.*version //')
echo "$files PDFs ($pages A4 pages) made from the demo corpus's transcripts and minutes (each text 25 times),"
echo "justified or ragged, hyphenated at line ends ($hyphenation), with a running header and"
echo "\"Pagina N van M\" footers. *Words kept*: the share of the known text's words (runs of letters"
echo "and digits, lowercased, counted with repeats) in the output; *words added*: the share of the"
echo "output's words that are not in the known text (headers, footers, page numbers, broken words)."
echo "Wall-clock time on one core, best of 3; pdftotext and mutool start once per file."
echo
echo "| tool | pages | seconds | pages/s | words kept | words added |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row "Kwal \`kwal ingest --jobs 1\` (poppler-glib $(pkg-config --modversion poppler-glib 2>/dev/null))" "$kwal_secs" \
  "$(score "$work/known" "$work/kwal")"
row "pdftotext $poppler_version" "$pdftotext_secs" "$(score "$work/known" "$work/pdftotext")"
row "pdftotext -raw" "$raw_secs" "$(score "$work/known" "$work/raw")"
if [ $have_mutool = 1 ]; then
  row "mutool draw -F txt $(mutool -v 2>&1 | sed 's/.*version //')" "$mutool_secs" "$(score "$work/known" "$work/mutool")"
fi
echo
echo "Kwal also joins the lines of a paragraph, finds headings, agenda items and turns, and writes"
echo "JSON; the others print text only."

# --- field PDFs ----------------------------------------------------------------------------------
# Den Helder's decision list (in the repository), and the PDFs of the folder $KWAL_PDF_FIELD when
# it is set (field documents that are not kept in the repository); each file ten times over, so
# that the time is not only start-up.
field_files=("$KWAL_ROOT/Tests/KwalIngestTests/Fixtures/denhelder_besluitenlijst_2015-06-29.pdf")
if [ -n "${KWAL_PDF_FIELD:-}" ] && [ -d "$KWAL_PDF_FIELD" ]; then
  for f in "$KWAL_PDF_FIELD"/*.pdf; do
    [ "$(basename "$f")" = "denhelder_besluitenlijst_2015-06-29.pdf" ] || field_files+=("$f")
  done
fi
mkdir -p "$work/field/pdfs"
for f in "${field_files[@]}"; do
  for copy in 0 1 2 3 4 5 6 7 8 9; do cp "$f" "$work/field/pdfs/$copy-$(basename "$f")"; done
done
pages=0
for f in "${field_files[@]}"; do pages=$((pages + 10 * $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'))); done
run_pdftotext "$work/field/pdfs" "$work/field/raw" -raw
kwal_secs=$(best run_kwal "$work/field/pdfs" "$work/field") && kwal_texts "$work/field/kwal.jsonl" "$work/field/kwal"
pdftotext_secs=$(best run_pdftotext "$work/field/pdfs" "$work/field/pdftotext")
if [ $have_mutool = 1 ]; then mutool_secs=$(best run_mutool "$work/field/pdfs" "$work/field/mutool") || have_mutool=0; fi
echo
if [ ${#field_files[@]} = 1 ]; then
  echo "A field PDF, Den Helder's council decisions of 29 June 2015 (Word 2007 through a PDF"
  echo "converter; \`Tests/KwalIngestTests/Fixtures\`), ten copies, against the words of \`pdftotext -raw\`"
  echo "(which keeps running headers and footers: Kwal drops those):"
else
  echo "${#field_files[@]} field PDFs of Dutch minutes (Den Helder's council decisions in"
  echo "\`Tests/KwalIngestTests/Fixtures\` and the PDFs of \`\$KWAL_PDF_FIELD\`), ten copies each, against the"
  echo "words of \`pdftotext -raw\` (which keeps running headers and footers: Kwal drops those):"
fi
echo
echo "| tool | pages | seconds | pages/s | words kept | words added |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row "Kwal" "$kwal_secs" "$(score "$work/field/raw" "$work/field/kwal")"
row "pdftotext" "$pdftotext_secs" "$(score "$work/field/raw" "$work/field/pdftotext")"
if [ $have_mutool = 1 ]; then row "mutool" "$mutool_secs" "$(score "$work/field/raw" "$work/field/mutool")"; fi
