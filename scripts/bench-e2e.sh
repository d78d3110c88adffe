#!/usr/bin/env bash
# End-to-end speed and memory of `parallax compare` (read both files → JSON written) on generated
# pairs of 5,000 and 10,000 claims per side. Prints the median wall time of 5 runs and the peak
# resident memory, then the 10k/5k time ratio.   Usage: scripts/bench-e2e.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet
bin=target/release/parallax
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A median
for n in 5000 10000; do
  "$bin" synth --claims "$n" --seed 1 --out "$tmp/$n"
  times=()
  peak=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" compare "$tmp/$n/a.txt" "$tmp/$n/b.txt" -o "$tmp/$n/out.json"
    read -r secs kb <"$tmp/time"
    times+=("$secs")
    (( kb > peak )) && peak=$kb
  done
  median[$n]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  printf '%6d claims/side: median %s s, peak %d MB (%s)\n' "$n" "${median[$n]}" $((peak / 1024)) "$(du -h "$tmp/$n/out.json" | cut -f1) JSON"
done
python3 -c "print(f'10k/5k time ratio: {${median[10000]} / ${median[5000]}:.2f}')"
