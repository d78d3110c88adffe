#!/usr/bin/env bash
# Scores Parallax on annotated pairs in the dev-set layout (DIR/<pair>/{a.txt,b.txt,gold.json}),
# such as training/pairs, with the dev set's scorer:  scripts/score-pairs.sh DIR [BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=$(cd "${1:?usage: score-pairs.sh DIR [BINARY]}" && pwd)
bin=${2:-$root/target/release/parallax}
scorer=${SCORER:-$root/../shared/devset/score.py}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in "$pairs"/*/; do
  name=$(basename "$d")
  [ -f "$d/gold.json" ] || continue
  "$bin" compare "$d/a.txt" "$d/b.txt" --format json >"$tmp/$name.json"
done
python3 "$scorer" --pairs "$pairs" --pred "$tmp"
