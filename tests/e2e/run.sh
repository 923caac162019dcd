#!/usr/bin/env bash
# Runs the end-to-end tests against target/debug/seatkeeper (built by cargo test with
# --features custom-protocol) under a private Xvfb display. Screenshots of each
# screen land in target/e2e-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SEATKEEPER_BIN="${SEATKEEPER_BIN:-$PWD/target/debug/seatkeeper}"
# WebKit's sandbox needs user namespaces, which containers and CI often lack.
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
# The kernel keyring stands in for the desktop's keychain.
exec keyctl session - xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
