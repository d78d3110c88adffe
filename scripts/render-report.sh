#!/usr/bin/env bash
# Renders the HTML report of the bundled sample with headless Chromium to PNG and to PDF:
#   scripts/render-report.sh [OUT_DIR]     (default: target/report)
# Needs Debian's chromium package (apt-get install -y chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/report}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
cargo build --release --quiet
target/release/parallax compare samples/2022-07-29-blinken-lavrov/us.txt \
  samples/2022-07-29-blinken-lavrov/ru.txt --format html -o "$out/report.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" "file://$out/report.html" 2>/dev/null
}
chrome --hide-scrollbars --window-size=1200,2600 --screenshot="$out/report.png"
chrome --no-pdf-header-footer --print-to-pdf="$out/report.pdf"
echo "wrote $out/report.html, $out/report.png, $out/report.pdf"
