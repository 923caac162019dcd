#!/usr/bin/env bash
# Runs the keychain tests against a real Secret Service: a private D-Bus session
# (dbus-run-session) with GNOME Keyring started and its login keyring unlocked, as a
# desktop session has. Reuses the test binaries cargo already built (same features).
# Usage: bash tests/keychain/secret_service.sh [cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${SEATKEEPER_IN_DBUS_SESSION:-}" ]; then
  exec env SEATKEEPER_IN_DBUS_SESSION=1 dbus-run-session -- bash "$0" "$@"
fi
# A keyring of its own, in a temporary home, unlocked with a throwaway password.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf 'seatkeeper-ci' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
export SEATKEEPER_TEST_SECRET_SERVICE=1 SEATKEEPER_REAL_KEYCHAIN=1
# The keychain's own tests, then the command line and the logs whole, on the Secret Service.
cargo test --locked --features custom-protocol --lib "$@" -- secrets::
cargo test --locked --features custom-protocol --test keychain --test cli --test logs "$@"
