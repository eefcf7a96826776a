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
calibration="$work/calibration.csv"
: > "$calibration"
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
    line=$(python3 "$root/Codebooks/dev/score.py" "$work/$variant.yaml" "$root/Codebooks/dev/lastmile-$held.csv" --kwal "$kwal" --calibration "$calibration" | grep MICRO)
    label=$([ "$variant" = rules ] && echo "rules only" || echo "rules + cues")
    printf '%-6s %-14s %s\n' "$held" "$label" "$(echo "$line" | awk '{print $2, $3, $4, $5, $6, $7}')"
  done
done
# Calibration of the suggestions on the held-out sets: of the suggestions with a probability in
# each band, how many were right (the held-out set has the code).
python3 - "$calibration" <<'PY'
import sys
rows = [line.strip().split(",") for line in open(sys.argv[1]) if line.strip()]
bands = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
print("calibration of suggestions (held out): band, suggestions, right, share right")
for low, high in bands:
    inside = [int(r) for p, r in rows if low <= float(p) < high]
    if inside:
        print(f"  {low:.1f}-{min(high, 1.0):.1f}  {len(inside):5d}  {sum(inside):5d}  {sum(inside) / len(inside):.2f}")
PY
