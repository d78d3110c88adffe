#!/usr/bin/env bash
# Scores Parallax on the bundled samples' hand annotations (samples/*/expected.json), the same way
# ../shared/devset/score.sh scores the dev set:  scripts/score-samples.sh [BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/release/parallax}
scorer=${SCORER:-$root/../shared/devset/score.py}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pairs" "$tmp/pred"
for d in "$root"/samples/*/; do
  [ -f "$d/expected.json" ] || continue  # the three-witness folder names other folders' texts
  name=$(basename "$d")
  b=$(ls "$d" | grep -E '^(ru|cn)\.txt$' | head -n 1)
  mkdir -p "$tmp/pairs/$name"
  cp "$d/expected.json" "$tmp/pairs/$name/gold.json"
  "$bin" compare "$d/us.txt" "$d/$b" --format json >"$tmp/pred/$name.json"
done
python3 "$scorer" --pairs "$tmp/pairs" --pred "$tmp/pred"
