#!/usr/bin/env bash
# What a user downloads and installs: the size of the release binary and of the .deb,
# Seatkeeper against the hello-world Tauri baseline (tests/bench/hello_baseline/), both
# release builds of this package with the same profile, both bundled by the same Tauri
# bundler with the same icons. Writes the figures between the `size` markers of
# BENCHMARKS.md. Usage: bash tests/bench/size.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/setup
npm run --silent ui:build
cargo build --locked --release --features custom-protocol --bin seatkeeper --example hello_baseline

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "==> Seatkeeper's .deb"
rm -rf target/release/bundle/deb
npx tauri bundle --bundles deb --features custom-protocol --ci >/dev/null
app_deb=$(ls target/release/bundle/deb/*.deb)

echo "==> The baseline's .deb (its binary, bundled the same way)"
mkdir -p "$work/target/release"
cp target/release/examples/hello_baseline "$work/target/release/hello-baseline"
cat >"$work/hello.conf.json" <<'JSON'
{
  "productName": "hello-baseline",
  "mainBinaryName": "hello-baseline",
  "identifier": "app.seatkeeper.hello-baseline",
  "bundle": { "linux": { "deb": { "depends": [], "recommends": [] } } }
}
JSON
CARGO_TARGET_DIR="$work/target" npx tauri bundle --bundles deb --ci --config "$work/hello.conf.json" >/dev/null
base_deb=$(ls "$work"/target/release/bundle/deb/*.deb)

python3 - "$app_deb" "$base_deb" target/release/seatkeeper target/release/examples/hello_baseline <<'PY'
import datetime, os, subprocess, sys
app_deb, base_deb, app_bin, base_bin = sys.argv[1:]
def mib(n): return f"{n / 1048576:.1f}"
def installed(deb):
    return int(subprocess.check_output(["dpkg-deb", "-f", deb, "Installed-Size"], text=True)) * 1024
rows = [
    ("release binary, stripped (MiB)", os.path.getsize(app_bin), os.path.getsize(base_bin)),
    (".deb download (MiB)", os.path.getsize(app_deb), os.path.getsize(base_deb)),
    (".deb installed size (MiB)", installed(app_deb), installed(base_deb)),
]
cores = os.cpu_count()
body = [f"Measured {datetime.date.today()} by `bash tests/bench/size.sh` on {cores} cores, release profile "
        "(thin LTO, stripped), the .deb bundled by the Tauri CLI for both.", "",
        "| measure | Seatkeeper | hello-world Tauri | ratio |", "|---|---:|---:|---:|"]
for name, a, b in rows:
    body.append(f"| {name} | {mib(a)} | {mib(b)} | {a / b:.2f}× |")
depends = subprocess.check_output(["dpkg-deb", "-f", app_deb, "Depends"], text=True).strip()
body += ["", f"Seatkeeper's .deb depends on: {depends}."]
text = open("BENCHMARKS.md").read()
begin, end = "<!-- size:begin -->", "<!-- size:end -->"
block = "\n".join(body)
if begin in text and end in text:
    text = text[: text.index(begin) + len(begin)] + "\n" + block + "\n" + text[text.index(end):]
else:
    text += f"\n{begin}\n{block}\n{end}\n"
open("BENCHMARKS.md", "w").write(text)
print(block)
PY
