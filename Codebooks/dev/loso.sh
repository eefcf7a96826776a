#!/usr/bin/env bash
# Measures the learned cues on text they were not fitted to: for each held-out set, the cues are
# learned from the codebook's examples and every other set of this folder, then the codebook with
# those cues (and without any) scores the held-out set (score.py, per passage).
#
# usage: bash Codebooks/dev/loso.sh [kwal binary] [extra `kwal codebook learn` options]
#        HELD="dev7 dev9" bash Codebooks/dev/loso.sh   # only these sets
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kwal="${1:-$root/.build/release/kwal}"
shift || true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
codebook="$root/Codebooks/lastmile.yaml"
sed '/^learned:/d' "$codebook" > "$work/rules.yaml"
printf '%-6s %-14s %s\n' set codebook "micro: tp fp fn precision recall F1"
for held in ${HELD:-dev5 dev7 dev9 test dev10 dev11 dev12 dev13 dev14 dev15 dev16 dev17}; do
  files=()
  for file in "$root"/Codebooks/dev/lastmile-*.csv; do
    [ "$file" = "$root/Codebooks/dev/lastmile-$held.csv" ] || files+=("$file")
  done
  "$kwal" codebook learn "$work/rules.yaml" "${files[@]}" --output "$work/held.learned.json" "$@" > /dev/null
  { cat "$work/rules.yaml"; echo "learned: held.learned.json"; } > "$work/held.yaml"
  for variant in rules held; do
    line=$(python3 "$root/Codebooks/dev/score.py" "$work/$variant.yaml" "$root/Codebooks/dev/lastmile-$held.csv" --kwal "$kwal" | grep MICRO)
    label=$([ "$variant" = rules ] && echo "rules only" || echo "rules + cues")
    printf '%-6s %-14s %s\n' "$held" "$label" "$(echo "$line" | awk '{print $2, $3, $4, $5, $6, $7}')"
  done
done
