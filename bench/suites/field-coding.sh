#!/usr/bin/env bash
# The demo codebook on real Dutch text nobody on the project wrote: on-topic text about
# collaborations (news, council pages, reports, interviews) coded sentence by sentence by two
# coders who saw only the code definitions, and off-topic prose (recipes, sport, reviews, walks,
# household, health). The sentences come from stored public pages whose licences are unknown, so
# they are not in the repository: set KWAL_FIELD_CODING to the folder that holds them
# (ontopic-{dev,test}.csv, offtopic-{dev,test}.csv, coder-a-{dev,test}.csv, coder-b-test.csv).
# Without it, the section of the last run that had them (bench/field/coding/RESULTS.md) is printed.
#
# The open collection (bench/field/coding/open: government papers, regulations, encyclopedia
# and wiki text, a public-domain book: licences that allow keeping them) is in the repository and is scored every run.
set -uo pipefail
here="$KWAL_ROOT/bench/field/coding"
data="${KWAL_FIELD_CODING:-}"
codebook="$KWAL_ROOT/Codebooks/lastmile.yaml"
open_collection() {
  local open="$here/open"
  echo "### The open collection: text kept in the repository"
  echo
  echo "Sentences from stored public pages whose licences allow keeping them (on-topic: parliamentary papers, regulations and rijksoverheid.nl pages; off-topic: Wikipedia and Wikikids articles, a CBS page and a public-domain book): \`bench/field/coding/open\` (sources, licences and hashes in its SOURCES.md). Collected by two helpers who never saw the rules or Kwal's output, split by document (\`int(sha256(doc), 16) % 10 < 6\` → dev) before anything was scored; the on-topic sentences coded by a third, blind coder (coder C) who saw only the code definitions. The test parts are scored once per release."
  echo
  echo "| part | documents | sentences | codings | per 1,000 sentences | suggestions | per 1,000 sentences |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for part in dev test; do
    python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$open/offtopic-$part.csv" --markdown "off-topic $part"
  done
  echo
  for part in dev test; do
    python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$open/ontopic-$part.csv" --gold "$open/coder-c-$part.csv" --markdown "On-topic $part part of the open collection, against coder C" | sed -n '1,8p'
    echo
  done
}
# The third to eighth collections: licences unknown, so only their sources, the coders' codes
# and the figures of their one scoring are kept (each test part is scored once per release).
later_collections() {
  for collection in third fourth fifth sixth seventh eighth; do
    echo
    cat "$here/$collection/RESULTS.md"
  done
}
if [ -z "$data" ] || [ ! -f "$data/ontopic-dev.csv" ]; then
  cat "$here/RESULTS.md"
  echo
  echo "(The first collection was not rerun: KWAL_FIELD_CODING is not set to its sentences on this machine; the figures above are from the run that had them, with codebook 1.2.0.)"
  echo
  open_collection
  later_collections
  exit 0
fi
{
  echo "## Coding text from the field: real Dutch text nobody on the project wrote"
  echo
  echo "Codebook \`Codebooks/lastmile.yaml\` ($(grep -m1 'version:' "$codebook" | awk '{print $2}')), rules (\`codings.csv\`) and learned-cue suggestions (\`suggestions.csv\`). Sentences from stored public pages (sources and file hashes: \`bench/field/coding/SOURCES.md\`), split by document into a development part and a frozen test part before anything was tuned. A sentence has a code when a coding overlaps at least half of it."
  echo
  echo "### Off-topic prose: every coding is a false positive"
  echo
  echo "| part | documents | sentences | codings | per 1,000 sentences | suggestions | per 1,000 sentences |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for part in dev test; do
    python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$data/offtopic-$part.csv" --markdown "$part"
  done
  echo
  echo "Targets: at most 5 codings and 10 suggestions per 1,000 off-topic sentences."
  echo
  echo "### On-topic text against two blind coders"
  echo
  echo "Coder A coded both parts, coder B the test part; both saw only the code definitions (\`kwal\` was never run for them, nor its rules shown). 95% intervals: documents resampled 2,000 times."
  echo
  echo "Agreement of the coders on the test part: $(python3 "$here/agreement.py" "$data/coder-a-test.csv" "$data/coder-b-test.csv")"
  echo
  python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$data/ontopic-dev.csv" --gold "$data/coder-a-dev.csv" --markdown "Development part, against coder A"
  echo
  python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$data/ontopic-test.csv" --gold "$data/coder-a-test.csv" --markdown "Test part, against coder A" | sed -n '1,8p'
  echo
  python3 "$here/score_field.py" "$KWAL_BIN" "$codebook" "$data/ontopic-test.csv" --gold "$data/coder-b-test.csv" --markdown "Test part, against coder B" | sed -n '1,8p'
  echo
  echo "Targets: rules micro-F1 at least 0.85 on held-out on-topic text; rules plus suggestions at least 0.88 recall at the same precision."
} | tee "$here/RESULTS.md.tmp"
mv "$here/RESULTS.md.tmp" "$here/RESULTS.md"
echo
open_collection
later_collections
