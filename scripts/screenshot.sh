#!/usr/bin/env bash
# Runs the app on the bundled sample under Xvfb and writes PNGs of the topic view and the
# document view:   scripts/screenshot.sh [OUT_DIR]   (default: target/screenshots)
# Needs: apt-get install -y xvfb imagemagick
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/screenshots}
mkdir -p "$out"
cd "$root"
cargo build --release --quiet
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x820x24 >/dev/null 2>&1 &
xvfb=$!
# A private settings folder, so the shots do not depend on (or change) the user's preferences.
settings=$(mktemp -d)
export XDG_DATA_HOME=$settings HOME=$settings
trap 'kill $xvfb 2>/dev/null; rm -rf "$settings"' EXIT
sleep 1
for view in topics document; do
  DISPLAY=$display target/release/parallax samples/2022-07-29-blinken-lavrov/us.txt \
    samples/2022-07-29-blinken-lavrov/ru.txt --view "$view" &
  app=$!
  sleep 4
  DISPLAY=$display import -window root "$out/$view.png"
  kill "$app"
  wait "$app" 2>/dev/null || true
  echo "wrote $out/$view.png"
done
