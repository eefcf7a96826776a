#!/usr/bin/env bash
# Dutch text processing: token and sentence F1 on the UD Dutch test sets (CoNLL 2018 style) and
# speed and memory on one large Dutch input, for Kwal, ucto and spaCy in the same run, on the
# same inputs. Prints a Markdown section. Needs ../shared/data/ud-dutch.
set -uo pipefail
source "$KWAL_ROOT/bench/lib/venv.sh"
work="$BENCH_WORK/text"
mkdir -p "$work"
ud="$SHARED/data/ud-dutch"
B="$KWAL_BENCH_BIN"

echo "## Dutch text processing: sentences and tokens"
echo
if [ ! -d "$ud" ]; then
  echo "Skipped: $ud is absent (the external data in ../shared/data is not here)."
  exit 0
fi

# --- peers -------------------------------------------------------------------------------------
if ! command -v ucto >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y -qq ucto >&2 || true
fi
have_ucto=0; command -v ucto >/dev/null 2>&1 && have_ucto=1
ucto_version="not installed"
if [ $have_ucto = 1 ]; then ucto_version=$(ucto --version 2>&1 | head -1 | sed 's/.*version //'); fi
have_spacy=0
if bench_venv "spacy==3.8.*"; then have_spacy=1; fi
spacy_version="not installed"
if [ $have_spacy = 1 ]; then spacy_version=$("$BENCH_VENV/bin/python" -c "import spacy; print(spacy.__version__)"); fi

cat > "$work/spacy_tok.py" <<'PY'
# spaCy peer: spacy.blank("nl") + sentencizer. Reads a UTF-8 text, writes one token per line with
# a blank line after every sentence (white-space tokens left out). Paragraphs (blank lines) are
# given to nlp.pipe one by one, as a long text must be cut for spaCy anyway.
import sys, spacy
nlp = spacy.blank("nl")
nlp.add_pipe("sentencizer")
nlp.max_length = 10**8
text = open(sys.argv[1], encoding="utf-8").read()
mode = sys.argv[3] if len(sys.argv) > 3 else "whole"
out = open(sys.argv[2], "w", encoding="utf-8")
docs = nlp.pipe(text.split("\n\n")) if mode == "paragraphs" else [nlp(text)]
for doc in docs:
    for sent in doc.sents:
        words = [t.text for t in sent if not t.is_space]
        if words:
            out.write("\n".join(words) + "\n\n")
out.close()
PY

# ucto -n writes one sentence per line, tokens separated by spaces.
ucto_lines() { awk 'NF==0{next} {for(i=1;i<=NF;i++) print $i; print ""}'; }

# --- accuracy ----------------------------------------------------------------------------------
echo "### Accuracy on UD Dutch 2.16 test sets"
echo
echo "The raw text is rebuilt from the \`# text\` lines of \`nl_alpino-ud-test\` and \`nl_lassysmall-ud-test\`"
echo "in two ways, and every tool reads the same file: **paragraphs** (as UD's \`conllu_to_text.pl\`,"
echo "without its line wrapping: one space between the sentences of a paragraph, a blank line between"
echo "paragraphs and documents, read from the \`sent_id\`s) and **spaces** (one space between all"
echo "sentences of a document, a blank line between documents). F1 over exactly matching character"
echo "spans with white space removed, as the CoNLL 2018 evaluation script does. Kwal's rules were"
echo "developed on the dev sets only."
echo
echo "| treebank | join | tool | token F1 | sentence F1 |"
echo "| --- | --- | --- | ---: | ---: |"
for treebank in alpino lassysmall; do
  conllu="$ud/nl_${treebank}-ud-test.conllu"
  for join in paragraphs spaces; do
    raw="$work/$treebank-$join.txt"
    "$B" text raw "$conllu" $join "$raw" || exit 1
    IFS=$'\t' read -r tf sf _ < <("$B" text score "$conllu" $join)
    echo "| $treebank | $join | **Kwal** | **$tf** | **$sf** |"
    if [ $have_ucto = 1 ]; then
      ucto -L nld -n "$raw" 2>/dev/null | ucto_lines > "$work/$treebank-$join.ucto"
      IFS=$'\t' read -r tf sf _ < <("$B" text score "$conllu" $join "$work/$treebank-$join.ucto")
      echo "| $treebank | $join | ucto $ucto_version | $tf | $sf |"
    fi
    if [ $have_spacy = 1 ]; then
      "$BENCH_VENV/bin/python" "$work/spacy_tok.py" "$raw" "$work/$treebank-$join.spacy" whole
      IFS=$'\t' read -r tf sf _ < <("$B" text score "$conllu" $join "$work/$treebank-$join.spacy")
      echo "| $treebank | $join | spaCy $spacy_version | $tf | $sf |"
    fi
  done
done
echo

# --- speed -------------------------------------------------------------------------------------
mb="${KWAL_BENCH_TEXT_MB:-50}"
peer_mb="${KWAL_BENCH_TEXT_PEER_MB:-5}"
big="$work/dutch-${mb}mb.txt"
small="$work/dutch-${peer_mb}mb.txt"
if [ ! -s "$big" ]; then
  seed="$work/seed.txt"
  : > "$seed"
  for f in "$ud"/*.conllu; do "$B" text raw "$f" paragraphs "$work/one.txt" && { cat "$work/one.txt"; echo; } >> "$seed"; done
  size=$(stat -c %s "$seed")
  copies=$(( mb * 1000000 / size + 1 ))
  for _ in $(seq 1 $copies); do cat "$seed"; done | head -c $(( mb * 1000000 )) > "$big"
fi
head -c $(( peer_mb * 1000000 )) "$big" > "$small"

# rss FILE: the peak resident set in MB from /usr/bin/time -v output.
rss() { awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }
# secs FILE: wall-clock seconds from /usr/bin/time -v output.
secs() { awk '/Elapsed \(wall clock\)/ {n=split($NF,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"; }

echo "### Speed and memory, one core"
echo
echo "Input: the UD Dutch dev and test raw texts (paragraph join) repeated to $mb MB; the peers and"
echo "Kwal also on its first $peer_mb MB (ucto takes minutes for $mb MB). Kwal streams the file in 4 MiB"
echo "blocks cut at blank lines (\`kwal-bench text speed\`), timed inside the process, best of 3 runs"
echo "(other builds share the machine); the peers, which take seconds to minutes, are timed once with"
echo "\`/usr/bin/time\` as whole processes (including start-up, and writing their output to a file). \"split\" is tokenisation and sentence splitting; \"+stem\" adds normalisation and"
echo "Snowball stemming (once per type, through the lexicon). Peak memory is the maximum resident set."
echo
echo "| tool | work | input MB | seconds | MB/s | tokens/s | peak MB |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for input in "$small" "$big"; do
  inmb=$(awk -v b=$(stat -c %s "$input") 'BEGIN {printf "%.0f", b/1e6}')
  for mode in split stem; do
    for run in 1 2 3; do
      /usr/bin/time -v "$B" text speed "$input" $mode > "$work/kwal-speed-$run.tsv" 2> "$work/kwal-time-$run.txt"
    done
    best=$(for run in 1 2 3; do printf '%s\t%s\n' "$(cut -f4 "$work/kwal-speed-$run.tsv")" $run; done | sort -n | head -1 | cut -f2)
    cp "$work/kwal-time-$best.txt" "$work/kwal-time.txt"
    IFS=$'\t' read -r bytes tokens sentences s mbs tps < "$work/kwal-speed-$best.tsv"
    label=$([ $mode = split ] && echo "split" || echo "split + stem")
    echo "| **Kwal** | $label | $inmb | $s | **$mbs** | $tps | $(rss "$work/kwal-time.txt") |"
  done
done
if [ $have_ucto = 1 ]; then
  /usr/bin/time -v ucto -L nld -n "$small" "$work/ucto-out.txt" > /dev/null 2> "$work/ucto-time.txt"
  s=$(secs "$work/ucto-time.txt")
  tokens=$(wc -w < "$work/ucto-out.txt")
  echo "| ucto $ucto_version | split | $peer_mb | $s | $(awk -v b=$(stat -c %s "$small") -v s=$s 'BEGIN {printf "%.2f", b/1e6/s}') | $(awk -v t=$tokens -v s=$s 'BEGIN {printf "%.0f", t/s}') | $(rss "$work/ucto-time.txt") |"
fi
if [ $have_spacy = 1 ]; then
  /usr/bin/time -v "$BENCH_VENV/bin/python" "$work/spacy_tok.py" "$small" "$work/spacy-out.txt" paragraphs > /dev/null 2> "$work/spacy-time.txt"
  s=$(secs "$work/spacy-time.txt")
  tokens=$(grep -c . "$work/spacy-out.txt")
  echo "| spaCy $spacy_version (blank nl + sentencizer) | split | $peer_mb | $s | $(awk -v b=$(stat -c %s "$small") -v s=$s 'BEGIN {printf "%.2f", b/1e6/s}') | $(awk -v t=$tokens -v s=$s 'BEGIN {printf "%.0f", t/s}') | $(rss "$work/spacy-time.txt") |"
fi
echo
echo "Goals (issue 4): token F1 ≥ 0.998 on both test sets, sentence F1 above the best peer on both;"
echo "≥ 50 MB/s for tokenisation and sentence splitting, ≥ 20 MB/s with stemming, memory flat in the"
echo "input size. Compare Kwal's peak memory on $peer_mb MB and $mb MB above for the last."
