#!/usr/bin/env bash
# Runs what CI runs (.ci/run), then the quality scores on the dev set and on the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/run
cargo build --release --quiet
if [ -x ../shared/devset/score.sh ]; then ../shared/devset/score.sh target/release/parallax; fi
scripts/score-samples.sh
