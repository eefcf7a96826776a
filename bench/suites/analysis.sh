#!/usr/bin/env bash
# Cross-case analysis on 1,000,000 synthetic codings (kwal-bench analysis, deterministic): the
# analyses in-process, then the `kwal` commands on the written folder (CSV reading included), and
# pandas' crosstab on the same codings.csv as a peer for the count matrix. Prints a Markdown section.
set -uo pipefail
source "$KWAL_ROOT/bench/lib/venv.sh"
N=1000000
dir="$BENCH_WORK/analysis-out"
rm -rf "$dir"
corpus="$BENCH_WORK/analysis-corpus"
rm -rf "$corpus"
inproc=$("$KWAL_BENCH_BIN" analysis $N --write "$dir" --corpus "$corpus") || { echo "$inproc" >&2; exit 1; }

echo "## Analysis: matrix, keyness, co-occurrence, KWIC, agreement and audit on $N codings"
echo
echo "Data: \`kwal-bench analysis\` (SplitMix64, fixed seed): 12 cases, 300-sentence documents, 8 root"
echo "codes with 4 children each, two thirds of the sentences coded with 1 or 2 codes; units.csv has every"
echo "sentence. In-process times exclude reading files; command times include reading the CSV files."
echo
echo "| step (in-process) | codings | seconds | result size |"
echo "| --- | ---: | ---: | ---: |"
while IFS=$'\t' read -r step count secs size; do
  [ "$step" = "write-folder" ] || [ "$step" = "write-corpus" ] && continue
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

# A second coder for agreement: every tenth coding left out, the coder renamed.
anna="$BENCH_WORK/analysis-anna.csv"
awk -F, 'NR == 1 || NR % 10 != 3' "$dir/codings.csv" | sed 's/auto:bench@1/anna/' > "$anna"

# The codebook as YAML for kwal audit (the folder's code tree, one word rule a code).
yaml="$BENCH_WORK/analysis-codebook.yaml"
python3 - "$dir/codebook.json" "$yaml" <<'PY'
import json, sys
codes = json.load(open(sys.argv[1]))["codes"]
lines = ['codebook: {name: bench, version: "1"}', "codes:"]
for code in codes:
    lines.append(f"  - id: {code['id']}")
    if "parent" in code:
        lines.append(f"    parent: {code['parent']}")
    lines.append("    rules: [{any: [woord%s]}]" % code["id"].replace("-", ""))
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY

declare -A command_secs
echo "| command (whole run, reading the folder; best of 3, the export once) | seconds | peak MB |"
echo "| --- | ---: | ---: |"
for cmd in "matrix" "matrix --by case,phase --measure coverage" "matrix --keyness" \
  "cooccur --unit sentence" "cooccur --unit window:3 --by case" "kwic --code root-3 --format csv" \
  "agree $anna --format csv" "audit --codebook $yaml --format json" \
  "export qdpx --corpus $corpus --codebook $yaml --quiet --out $BENCH_WORK/analysis.qdpx"; do
  # Best of three, as the peer's (the REFI-QDA export, as its peer, once).
  runs=3
  [[ "$cmd" == export* ]] && runs=1
  secs=""
  mb=0
  for _ in $(seq $runs); do
    read -r s m <<< "$(timed "$KWAL_BIN" $cmd "$dir")"
    if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then secs=$s; fi
    [ "$m" -gt "$mb" ] && mb=$m
  done
  command_secs[$cmd]=$secs
  shown=${cmd/$anna/anna.csv}
  shown=${shown/$yaml/codebook.yaml}
  shown=${shown/$corpus/corpus}
  echo "| \`kwal ${shown/$BENCH_WORK\/analysis.qdpx/project.qdpx}\` | $secs | $mb |"
done
echo
# Peak memory in the number of codings: the same data at a quarter, one and two million codings.
for n in 250000 2000000; do
  rm -rf "$BENCH_WORK/analysis-$n"
  "$KWAL_BENCH_BIN" analysis $n --write "$BENCH_WORK/analysis-$n" > /dev/null || echo "failed: analysis $n" >&2
done
echo "Peak memory (MB, maximum resident set) in the number of codings, the same synthetic data:"
echo
echo "| command | 250000 codings | 1000000 | 2000000 |"
echo "| --- | ---: | ---: | ---: |"
for cmd in "matrix" "cooccur --unit sentence" "audit --codebook $yaml --format json"; do
  row="| \`kwal ${cmd/$yaml/codebook.yaml}\`"
  for folder in "$BENCH_WORK/analysis-250000" "$dir" "$BENCH_WORK/analysis-2000000"; do
    read -r _ mb <<< "$(timed "$KWAL_BIN" $cmd "$folder")"
    row="$row | $mb"
  done
  echo "$row |"
done
echo
echo "The codings file is mapped and its pages given back as they are read. \`matrix\` and \`cooccur\` by unit"
echo "count the codings one document at a time as they pass (\`CodingFiles.tally\`), so they hold no column"
echo "per coding: \`matrix\` keeps, per document, a count and the characters covered for each row the"
echo "document has codings of, so its memory grows with the documents (one per 300 sentences here), not"
echo "with the codings. \`cooccur\` by unit also holds where every unit of its kind lies; in these folders the"
echo "sentences grow with the codings (one sentence per coding), at about 33 bytes a sentence. \`audit\` still"
echo "reads the codings as columns (document, code, coder, unit, rules, start and end of each): its memory"
echo "is not flat in the number of codings."
rm -rf "$BENCH_WORK/analysis-250000" "$BENCH_WORK/analysis-2000000"
echo
echo "The difference between the two tables is reading the folder. \`matrix\` and \`cooccur\` by unit read"
echo "codings.csv on its mapped bytes (CSVScanner, one piece per core, every field checked, no record or"
echo "string per coding) and count each document's codings when its last one is read, a document cut by"
echo "two pieces once they are joined; a file that does not hold each document's codings together (not"
echo "written by Kwal), suggestions brought in and \`cooccur --unit overlap\` read the codings as columns"
echo "(\`CodingFiles.readColumns\`) instead; \`kwic --code\` reads the columns and the whole records of the codes it"
echo "shows in the same pass; \`cooccur\` by unit reads the units of that kind from units.csv; \`agree\` reads the"
echo "codings of both coders as columns too (as whole records only with \`--corpus\` or \`--reviewed\`; \`--disagreements\` alone reads the texts of the codings that make them afterwards), reads the units it compares and computes two coders' coefficients of each code from four counts; \`audit\` reads the codings as columns and only the units its checks need (turns for excluded roles, sentences for drift between coders)."
echo

if bench_venv pandas; then
  cat > "$BENCH_WORK/analysis_peer.py" <<'PY'
# The same tables as the kwal commands above, in pandas, on the same files. Times exclude starting
# Python and importing pandas; each step is timed from reading the CSV to the finished table.
import io, json, sys, time
import pandas as pd
folder = sys.argv[1]

def timed(step):
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        result = step()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best, result

def matrix():
    codings = pd.read_csv(folder + "/codings.csv", usecols=["document", "case", "start", "end", "code"])
    return pd.crosstab(codings["code"], codings["case"], margins=True, margins_name="total")

def cooccur_sentence():
    # Each coding is placed in the sentence its start lies in (merge_asof by document), one code
    # per sentence counted once; pairs of codes that share a sentence are counted.
    codings = pd.read_csv(folder + "/codings.csv", usecols=["document", "start", "end", "code"])
    units = pd.read_csv(folder + "/units.csv", usecols=["document", "unit", "start", "end"])
    units = units[units["unit"] == "sentence"].rename(columns={"start": "u_start", "end": "u_end"})
    placed = pd.merge_asof(
        codings.sort_values("start"), units.sort_values("u_start"), left_on="start", right_on="u_start",
        by="document")
    placed = placed[placed["start"] < placed["u_end"]].drop_duplicates(["document", "u_start", "code"])
    keys = placed[["document", "u_start", "code"]]
    pairs = keys.merge(keys, on=["document", "u_start"])
    pairs = pairs[pairs["code_x"] < pairs["code_y"]]
    return pairs.groupby(["code_x", "code_y"]).size()

def kwic(code):
    # The matched words of the codings of `code` and the codes below it, 40 characters of the
    # coded text on each side, written as CSV.
    tree = json.load(open(folder + "/codebook.json"))["codes"]
    wanted = {code}
    grew = True
    while grew:
        grew = False
        for entry in tree:
            if entry.get("parent") in wanted and entry["id"] not in wanted:
                wanted.add(entry["id"])
                grew = True
    codings = pd.read_csv(
        folder + "/codings.csv", usecols=["document", "case", "start", "end", "code", "matched", "text"],
        keep_default_na=False)
    codings = codings[codings["code"].isin(wanted)]
    words = codings.assign(matched=codings["matched"].str.split("|")).explode("matched")
    offsets = words["matched"].str.extract(r"@(\d+)-(\d+)$").astype(int)
    local_start = (offsets[0] - words["start"]).clip(lower=0)
    local_end = (offsets[1] - words["start"]).clip(lower=0)
    texts = words["text"].tolist()
    starts = local_start.tolist()
    ends = local_end.tolist()
    lines = pd.DataFrame({
        "document": words["document"], "case": words["case"], "start": offsets[0], "end": offsets[1],
        "left": [t[max(0, s - 40):s] for t, s in zip(texts, starts)],
        "keyword": [t[s:e] for t, s, e in zip(texts, starts, ends)],
        "right": [t[e:e + 40] for t, e in zip(texts, ends)], "code": words["code"]})
    lines = lines.sort_values(["document", "start", "end", "code"])
    out = io.StringIO()
    lines.to_csv(out, index=False)
    return out.getvalue()

def agree(other):
    # Each coder's codings placed in sentences as above (one code per sentence counted once);
    # per code the units both, only one or neither coded, and Cohen's kappa from those counts.
    units = pd.read_csv(folder + "/units.csv", usecols=["document", "unit", "start", "end"])
    units = units[units["unit"] == "sentence"].rename(columns={"start": "u_start", "end": "u_end"})
    units = units.sort_values("u_start")
    marks = []
    for path, coder in [(other, "a"), (folder + "/codings.csv", "b")]:
        codings = pd.read_csv(path, usecols=["document", "start", "end", "code"])
        placed = pd.merge_asof(
            codings.sort_values("start"), units, left_on="start", right_on="u_start", by="document")
        placed = placed[placed["start"] < placed["u_end"]].drop_duplicates(["document", "u_start", "code"])
        marks.append(placed[["document", "u_start", "code"]].assign(**{coder: 1}))
    both = marks[0].merge(marks[1], on=["document", "u_start", "code"], how="outer").fillna(0)
    both["ab"] = both["a"] * both["b"]
    table = both.groupby("code")[["a", "b", "ab"]].sum()
    n = len(units)
    table["a_only"] = table["a"] - table["ab"]
    table["b_only"] = table["b"] - table["ab"]
    table["neither"] = n - table["a"] - table["b"] + table["ab"]
    observed = (table["ab"] + table["neither"]) / n
    expected = (table["a"] * table["b"] + (n - table["a"]) * (n - table["b"])) / (n * n)
    table["kappa"] = (observed - expected) / (1 - expected)
    return table.to_csv()

def audit():
    # The audit's checks on the codings alone: codes never applied and unknown codes, duplicate
    # and zero-length segments, segments past their document's end.
    codings = pd.read_csv(folder + "/codings.csv", usecols=["document", "start", "end", "code"])
    documents = pd.read_csv(folder + "/documents.csv", usecols=["document", "characters"])
    codes = [code["id"] for code in json.load(open(folder + "/codebook.json"))["codes"]]
    counts = codings["code"].value_counts()
    never = [code for code in codes if code not in counts.index]
    unknown = sorted(set(counts.index) - set(codes))
    duplicates = int(codings.duplicated(["document", "start", "end", "code"]).sum())
    zero = int((codings["start"] == codings["end"]).sum())
    placed = codings.merge(documents, on="document", how="left")
    beyond = int((placed["end"] > placed["characters"]).sum())
    return never, unknown, duplicates, zero, beyond

for name, step in [("matrix", matrix), ("cooccur-sentence", cooccur_sentence), ("kwic", lambda: kwic("root-3")),
                   ("agree", lambda: agree(sys.argv[2])), ("audit", audit)]:
    seconds, _ = timed(step)
    print(f"{name}\t{seconds:.2f}")
PY
  peer=$("$BENCH_VENV/bin/python" "$BENCH_WORK/analysis_peer.py" "$dir" "$anna")
  peer_time() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' <<< "$peer"; }
  echo "Peer, same files, same run: pandas $("$BENCH_VENV/bin/python" -c 'import pandas; print(pandas.__version__)') (best of 3; starting Python and importing pandas not counted, so the comparison favours pandas by about 0.3 s):"
  echo
  echo "| table | pandas s | kwal command s |"
  echo "| --- | ---: | ---: |"
  echo "| code × case counts (\`read_csv\` of 5 columns + \`crosstab\`; no tree roll-up, no de-duplication) | $(peer_time matrix) | ${command_secs[matrix]} |"
  echo "| code pairs per sentence (\`read_csv\` of codings and units + \`merge_asof\` + self-merge + \`groupby\`) | $(peer_time cooccur-sentence) | ${command_secs[cooccur --unit sentence]} |"
  echo "| KWIC of root-3 and its children as CSV (\`read_csv\` of 7 columns, filter, explode the matched words, slice) | $(peer_time kwic) | ${command_secs[kwic --code root-3 --format csv]} |"
  echo "| agreement of two coders per code on sentences (\`read_csv\` of both codings and units, \`merge_asof\`, outer merge, counts and Cohen's kappa; Kwal adds alpha, the overall alpha over code sets, precision and recall, and the units where the coders differ) | $(peer_time agree) | ${command_secs[agree $anna --format csv]} |"
  echo "| audit of the codings (\`read_csv\` of codings and documents; codes never applied or unknown, duplicate and zero-length segments, segments past the end; Kwal's audit also checks rules that never fire and shifted positions, with a line for each finding) | $(peer_time audit) | ${command_secs[audit --codebook $yaml --format json]} |"
  export_peer=$("$BENCH_VENV/bin/python" "$KWAL_ROOT/bench/tools/refi_export_peer.py" "$dir" "$corpus" "$BENCH_WORK/analysis-peer.qdpx" 2>> "$BENCH_WORK/analysis-errors.txt" || echo "failed")
  echo "| REFI-QDA project of every coding (\`read_csv\` of codings and documents, the corpus texts read, \`project.qde\` written with a selection, a coding and UUIDv5 GUIDs per coding, rule ids and matched words as the description, every text a source, deflated zip: \`bench/tools/refi_export_peer.py\`, one run; Kwal's adds the code tree with its criteria, cases, variables and the check of every quote against the corpus) | $export_peer | ${command_secs[export qdpx --corpus $corpus --codebook $yaml --quiet --out $BENCH_WORK/analysis.qdpx]} |"
else
  echo "Peer: pandas could not be installed into the bench venv, so it was not measured in this run."
fi
echo
