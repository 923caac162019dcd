#!/usr/bin/env bash
# Builds Seatkeeper and the hello-world baseline (release, same dependencies), fills a
# database with 10,000 licences, and runs tests/bench/startup.py, which writes the
# results into BENCHMARKS.md (all runs inside one private D-Bus session). Usage: bash tests/bench/startup.sh [RUNS [SECTION]]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/setup
npm run --silent ui:build
cargo build --locked --release --features custom-protocol --bin seatkeeper --example hello_baseline

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# The sample's prepaid group has 30 licences; the pay-as-you-go group makes up the rest.
./target/release/seatkeeper --data-dir "$data" sample load --payg-users 9970
# Inside a D-Bus session of its own, as every desktop has: without one, GTK and WebKit
# start (and leave behind) a bus and an accessibility bus of their own through X11,
# and a start now and then waits half a second on one left by an earlier run.
dbus-run-session -- python3 tests/bench/startup.py \
  --app ./target/release/seatkeeper \
  --baseline ./target/release/examples/hello_baseline \
  --data-dir "$data" --licences 10000 --runs "${1:-9}" --section "${2:-startup}"
