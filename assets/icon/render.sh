#!/usr/bin/env bash
# Renders parallax.svg (written by hand) to the PNGs next to it, parallax-<N>.png, with
# rsvg-convert (Debian/Ubuntu: `apt-get install librsvg2-bin`; made with librsvg 2.54.7).
# Re-rendering an unchanged SVG gives byte-identical files.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" --format png parallax.svg --output "parallax-$size.png"
done
