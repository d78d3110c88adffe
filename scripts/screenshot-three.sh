#!/usr/bin/env bash
# Runs the app on the three-witness sample under Xvfb and writes PNGs of both views at two
# window sizes:   scripts/screenshot-three.sh [OUT_DIR]   (default: target)
# writes OUT_DIR/three-{topics,document}-{1440x900,1024x700}.png
# Needs: apt-get install -y xvfb xdotool imagemagick
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target}
mkdir -p "$out"
cd "$root"
cargo build --release --quiet
files=(samples/2022-07-29-blinken-lavrov/us.txt samples/2022-07-29-blinken-lavrov-ru/ru.txt
  samples/2022-07-29-blinken-lavrov/ru.txt)
for size in 1440x900 1024x700; do
  w=${size%x*} h=${size#*x}
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 "${w}x${h}x24" >/dev/null 2>&1 &
  xvfb=$!
  # A private settings folder, so the shots do not depend on (or change) the user's preferences.
  settings=$(mktemp -d)
  sleep 1
  for view in topics document; do
    XDG_DATA_HOME=$settings HOME=$settings DISPLAY=$display target/release/parallax "${files[@]}" \
      --view "$view" &
    app=$!
    sleep 3
    DISPLAY=$display xdotool search --sync --pid "$app" | head -n 1 | while read -r win; do
      DISPLAY=$display xdotool windowmove "$win" 0 0 windowsize "$win" "$w" "$h"
    done
    sleep 3
    DISPLAY=$display import -window root "$out/three-$view-$size.png"
    kill "$app"
    wait "$app" 2>/dev/null || true
    echo "wrote $out/three-$view-$size.png"
  done
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$settings"
done
