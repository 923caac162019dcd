#!/usr/bin/env bash
# The Windows leg: links Seatkeeper for x86_64-pc-windows-gnu with Debian's mingw-w64,
# lints that target with clippy (every cfg(windows) path), and runs the Rust tests of
# the Windows build under Debian's Wine, in a Wine prefix of its own (target/wine-prefix):
# the command line, the store and its migrations, exactly-once, backup and restore, the
# logs, and the keychain on Windows Credential Manager (keyring's windows-native backend).
# The window itself cannot run there (no WebView2 runtime under Wine); the doctests run in the
# Linux leg only (rustdoc's cross-compiled doctests do not run under a runner here).
#
# Test-only, never shipped: Rust's standard library imports ProcessPrng from
# bcryptprimitives.dll, which Debian 12's Wine 8.0 lacks; tests/windows/processprng.c is
# built into the prefix's system32 so that a Rust .exe starts at all.
#
# When the Windows target, mingw-w64 or Wine cannot be had, it says so in one loud line
# and exits 0, so the rest of CI still runs; SEATKEEPER_REQUIRE_WINE=1 makes that a failure.
# Usage: bash tests/windows/wine.sh [cargo test arguments, e.g. --test backup]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=x86_64-pc-windows-gnu

missing=()
rustup target list --installed 2>/dev/null | grep -qx "$target" || missing+=("rust target $target")
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-dlltool x86_64-w64-mingw32-windres wine wineserver; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "!!!!! WINDOWS LEG SKIPPED: missing ${missing[*]} (see .ci/setup) — the Windows build was NOT linked or tested !!!!!"
  [ -n "${SEATKEEPER_REQUIRE_WINE:-}" ] && exit 1
  exit 0
fi

# The same feature set and profile as the Linux steps: one build per target.
features=(--locked --workspace --features custom-protocol --target "$target")

echo "==> Windows: clippy on the Windows target (cfg(windows) paths, warnings are errors)"
cargo clippy "${features[@]}" --all-targets -- -D warnings

echo "==> Windows: the app (seatkeeper.exe) and the test executables, linked with mingw-w64"
cargo test "${features[@]}" --tests --no-run
out="target/$target/debug"
ls -l "$out/seatkeeper.exe"

# webview2-com-sys links WebView2Loader.dll through its import library: every .exe
# needs the DLL beside it, or Windows (and Wine) refuses to start it (c0000135).
# tauri-build copies it beside the app; test executables live in deps/. Taken from the
# crate itself rather than from whichever build script ran last.
loader=$(cargo metadata --locked --format-version 1 --filter-platform "$target" | node -e '
  let text = ""; process.stdin.on("data", (d) => (text += d)).on("end", () => {
    const crate = JSON.parse(text).packages.find((p) => p.name === "webview2-com-sys");
    console.log(require("path").join(require("path").dirname(crate.manifest_path), "x64", "WebView2Loader.dll"));
  });')
cp -f "$loader" "$out/"
cp -f "$loader" "$out/deps/"

# A Wine prefix of this run's own, with the ProcessPrng shim in its system32.
export WINEPREFIX="$PWD/target/wine-prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEARCH=win64
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "==> Windows: a new Wine prefix ($WINEPREFIX)"
  wineboot -i >/dev/null 2>&1
  wineserver -w
fi
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/processprng.c tests/windows/processprng.def -ladvapi32

echo "==> Windows: version of the linked app under Wine"
wine "$out/seatkeeper.exe" --version

echo "==> Windows: the Rust tests under Wine (the real Windows Credential Manager)"
log=target/wine-tests.log
selection=("$@")
((${#selection[@]})) || selection=(--tests)
set +e
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine SEATKEEPER_REAL_KEYCHAIN=1 \
  cargo test "${features[@]}" "${selection[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
wineserver -k 2>/dev/null || true
read -r passed failed < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } } END { print p+0, f+0 }' "$log")
echo "Windows (Wine): $passed passed, $failed failed"
exit "$status"
