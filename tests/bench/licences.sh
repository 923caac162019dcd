#!/usr/bin/env bash
# Builds the UI and the app (release, embedded UI: the build tests/bench/startup.sh
# makes, and what users run) and measures the licence list with 10,000 licences in the
# real window: see tests/bench/licences.mjs. Writes BENCHMARKS.md.
# Usage: bash tests/bench/licences.sh [KEYSTROKES [SECTION]]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/setup
npm run --silent ui:build
# The same targets as startup.sh: with the example, features resolve the same way and
# nothing is compiled twice.
cargo build --locked --release --features custom-protocol --bin seatkeeper --example hello_baseline
export SEATKEEPER_BIN="$PWD/target/release/seatkeeper"
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
# As in startup.py: no GPU compositing. This machine has no GPU, and WebKit's compositor
# would rasterise through Mesa's llvmpipe on both cores (84% of the web process's CPU
# during the keystrokes, under perf), competing with the page it measures and pacing
# frames at ~120 ms; on a desktop that work is the GPU's.
export WEBKIT_DISABLE_COMPOSITING_MODE=1
exec xvfb-run -a -s "-screen 0 1280x800x24" node tests/bench/licences.mjs "${1:-60}" "${2:-licences}"
