#!/usr/bin/env bash
# Builds the UI and the app (debug, embedded UI) and measures the licence list with
# 10,000 licences in the real window: see tests/bench/licences.mjs. Writes BENCHMARKS.md.
# Usage: bash tests/bench/licences.sh [KEYSTROKES]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/setup
npm run --silent ui:build
cargo build --locked --features custom-protocol
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
exec xvfb-run -a -s "-screen 0 1280x800x24" node tests/bench/licences.mjs "${1:-15}"
