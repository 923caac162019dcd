#!/usr/bin/env bash
# The Linux package as a user gets it: builds the release binary (the profile the
# benchmarks use too), bundles the .deb, checks that it declares every shared library
# the binary needs (dpkg-shlibdeps against its Depends), installs it with apt-get, runs
# the installed `seatkeeper status`, and opens the installed app to its first paint under
# Xvfb. The package is removed again at the end. Needs root or sudo (apt-get).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/setup
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

echo "==> Release build"
npm run --silent ui:build
cargo build --locked --release --features custom-protocol --bin seatkeeper
echo "==> .deb"
rm -rf target/release/bundle/deb
npx tauri bundle --bundles deb --features custom-protocol --ci
deb=$(ls target/release/bundle/deb/*.deb)
package=$(dpkg-deb -f "$deb" Package)
echo "$deb ($package)"

work=$(mktemp -d)
installed=""
cleanup() {
  [ -n "$installed" ] && $sudo apt-get remove -y -qq "$package" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> Declared dependencies cover what the binary links"
dpkg-deb -x "$deb" "$work/root"
# The whole listing first: cutting the pipe short would kill dpkg-deb's tar (SIGPIPE).
# Entries are `./usr/…` or `usr/…` depending on the bundler's version.
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}')
binary=$(grep -E '^(\./)?usr/bin/[^/]+$' <<<"$listing" | sed -n 1p)
if [ -z "$binary" ]; then
  echo "The .deb has no program in usr/bin:" >&2
  echo "$listing" >&2
  exit 1
fi
mkdir -p "$work/debian" && printf 'Source: seatkeeper\n' > "$work/debian/control"
needed=$(cd "$work" && dpkg-shlibdeps -O -e "root/${binary#./}" 2>/dev/null | sed 's/^shlibs:Depends=//' \
  | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep -v '^$' | sort -u)
declared=$(dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' | grep -v '^$' | sort -u)
missing=$(comm -23 <(echo "$needed") <(echo "$declared"))
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
if [ -n "$missing" ]; then
  echo "The .deb does not declare packages its binary needs (add them to bundle.linux.deb.depends in tauri.conf.json):" >&2
  echo "$missing" >&2
  exit 1
fi

echo "==> apt-get install ./$(basename "$deb")"
installed=1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$(realpath "$deb")" >/dev/null
bin=$(command -v seatkeeper)
echo "installed: $bin ($(dpkg-query -W -f='${Version}' "$package"))"

echo "==> The installed seatkeeper status"
data="$work/data"
"$bin" --data-dir "$data" sample load >/dev/null
status=$("$bin" --data-dir "$data" status)
echo "$status" | head -3
grep -q "^schema: " <<<"$status"
grep -q "office4417.o365.ovh.com" <<<"$status"

echo "==> The installed app, to its first paint under Xvfb"
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
setsid env SEATKEEPER_BENCH=1 HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" \
  keyctl session - xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --data-dir "$data" >"$work/window.log" 2>&1 &
window=$!
painted=""
for _ in $(seq 1 600); do
  if grep -q '^SEATKEEPER_FIRST_PAINT_MS' "$work/window.log"; then
    painted=$(grep '^SEATKEEPER_FIRST_PAINT_MS' "$work/window.log")
    break
  fi
  kill -0 "$window" 2>/dev/null || break
  sleep 0.2
done
kill -- "-$window" 2>/dev/null || true
wait "$window" 2>/dev/null || true
if [ -z "$painted" ]; then
  echo "The installed app never painted its first screen:" >&2
  cat "$work/window.log" >&2
  exit 1
fi
echo "first paint: ${painted#SEATKEEPER_FIRST_PAINT_MS } ms"
echo "==> The .deb installs and runs"
