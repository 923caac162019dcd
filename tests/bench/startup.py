#!/usr/bin/env python3
"""Start-up and memory benchmark: Seatkeeper against a hello-world Tauri app.

Measures, under Xvfb, the time from spawning the process to the first paint of its
page (Seatkeeper: the groups list, with 10,000 licences in the database), cold and
warm, and the proportional set size (PSS) of the app plus its WebKit processes once
painted. Both apps are built by tests/bench/startup.sh with the same profile and
dependencies, and measured here in the same run, so the ratios compare like with
like. Writes the results between the markers in BENCHMARKS.md.

"Cold" runs start with an empty WebKit cache and data directory and, where the
kernel lets us (root, not in a container that forbids it), an emptied page cache.
"Warm" runs reuse the directories of a previous run.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

MARK = "SEATKEEPER_FIRST_PAINT_MS"
BREAKDOWN = "SEATKEEPER_STARTUP"


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_kib(pids):
    total, names = 0, []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                m = re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M)
            with open(f"/proc/{pid}/comm") as f:
                names.append(f.read().strip())
        except OSError:
            continue
        if m:
            total += int(m.group(1))
    return total, names


def drop_caches():
    try:
        subprocess.run(["sync"], check=False)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def run_once(cmd, home, display, timeout=60, settle=1.5):
    env = dict(os.environ)
    env.update(
        {
            "DISPLAY": display,
            "SEATKEEPER_BENCH": "1",
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
        }
    )
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, start_new_session=True)
    painted = None
    marks = {}
    try:
        deadline = start + timeout
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith(BREAKDOWN):
                for item in line.split()[1:]:
                    key, _, value = item.partition("=")
                    try:
                        marks[key] = float(value)
                    except ValueError:
                        pass
            if line.startswith(MARK):
                painted = (time.monotonic() - start) * 1000
                break
        if painted is None:
            raise RuntimeError(f"{cmd[0]} never reported its first paint")
        time.sleep(settle)
        pss, names = pss_kib(descendants(proc.pid))
        return painted, pss, names, marks
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        # Let the run's WebKit processes exit before the next start, so no run starts
        # while the previous one is still being torn down.
        time.sleep(1.0)


def measure(apps, display, runs, workdir):
    """Runs each app `runs` times cold, then `runs` times warm, taking turns run by run:
    the machine's speed drifts over minutes (by a third over a day here), and taking
    turns puts the same drift on both sides of each ratio."""
    results = {name: {"cold": [], "warm": [], "pss": [], "processes": [], "breakdown": []} for name, _ in apps}
    for i in range(runs):
        for name, cmd in apps:
            home = tempfile.mkdtemp(prefix=f"{name}-cold-", dir=workdir)
            drop_caches()
            t, p, names, _ = run_once(cmd, home, display)
            results[name]["cold"].append(t)
            results[name]["pss"].append(p)
            results[name]["processes"] = sorted(set(names))
    homes = {}
    for name, cmd in apps:
        homes[name] = tempfile.mkdtemp(prefix=f"{name}-warm-", dir=workdir)
        run_once(cmd, homes[name], display)  # fills the caches
    for i in range(runs):
        for name, cmd in apps:
            t, p, names, marks = run_once(cmd, homes[name], display)
            results[name]["warm"].append(t)
            results[name]["pss"].append(p)
            results[name]["breakdown"].append(marks)
    return results


# Where the start-up time goes, in the order it happens; Rust's moments are since the
# process started, the page's since it began loading.
STEPS = [
    ("setup", "Tauri ready, setup starts (Rust)"),
    ("store.open", "database opened (Rust)"),
    ("page.start", "the page starts loading (Rust's clock)"),
    ("page.html", "its HTML parsed (page)"),
    ("page.modules", "script loaded and parsed, its first module runs (page)"),
    ("page.script", "modules set up, main.ts runs (page)"),
    ("ipc.first", "first command reaches Rust (Rust)"),
    ("ipc.appStatus.out", "app status answered (Rust)"),
    ("ipc.groups.out", "groups answered (Rust)"),
    ("page.mounted", "first screen built (page)"),
    ("page.firstScreen", "groups list in the DOM, its effects run (page)"),
    ("page.frame", "first frame begins (page)"),
    ("page.idle", "page free again, first layout done (page)"),
    ("page.painted", "painted (page)"),
]


def med(result, key):
    values = [b[key] for b in result["breakdown"] if key in b]
    return f"{statistics.median(values):.0f}" if values else "—"


def fmt(values):
    return f"{statistics.median(values):.0f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--display", default=":97")
    ap.add_argument("--report", default="BENCHMARKS.md")
    ap.add_argument("--licences", type=int, required=True)
    ap.add_argument("--section", default="startup", help="the BENCHMARKS.md markers to write between")
    args = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="seatkeeper-bench-")
    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        can_drop = drop_caches()
        results = measure(
            [("seatkeeper", [args.app, "--data-dir", args.data_dir]), ("hello", [args.baseline])],
            args.display,
            args.runs,
            workdir,
        )
        app, base = results["seatkeeper"], results["hello"]
    finally:
        xvfb.terminate()
        shutil.rmtree(workdir, ignore_errors=True)

    def ratio(a, b):
        return f"{statistics.median(a) / statistics.median(b):.2f}×"

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `bash tests/bench/startup.sh` on {os.cpu_count()} cores ({cpu}), "
        f"release builds, Xvfb 1280×800, median of {args.runs} runs each, the two apps taking turns. Database: {args.licences:,} licences.",
        f"Cold runs {'emptied the page cache and ' if can_drop else ''}started with empty WebKit cache and data directories"
        f"{'' if can_drop else ' (the page cache could not be emptied here)'}; warm runs reused them.",
        "",
        "| measure | Seatkeeper | hello-world Tauri | ratio |",
        "|---|---:|---:|---:|",
        f"| start → first paint, cold (ms) | {fmt(app['cold'])} | {fmt(base['cold'])} | {ratio(app['cold'], base['cold'])} |",
        f"| start → first paint, warm (ms) | {fmt(app['warm'])} | {fmt(base['warm'])} | {ratio(app['warm'], base['warm'])} |",
        f"| PSS once painted, app + WebKit processes (MiB) | {statistics.median(app['pss']) / 1024:.1f} | {statistics.median(base['pss']) / 1024:.1f} | {ratio(app['pss'], base['pss'])} |",
        "",
        f"Processes counted: Seatkeeper {', '.join(app['processes'])}; baseline {', '.join(base['processes'])}.",
        "",
        "Where the warm start-up goes (median ms; Rust's moments and the page's start since the process started, the page's other moments since it began loading):",
        "",
        "| moment | Seatkeeper | hello-world Tauri |",
        "|---|---:|---:|",
    ] + [
        f"| {label} | {med(app, key)} | {med(base, key)} |"
        for key, label in STEPS
        if med(app, key) != "—" or med(base, key) != "—"
    ] + [
        "",
        f"All runs (ms) — Seatkeeper cold {', '.join(fmt([v]) for v in app['cold'])}; warm {', '.join(fmt([v]) for v in app['warm'])}; "
        f"baseline cold {', '.join(fmt([v]) for v in base['cold'])}; warm {', '.join(fmt([v]) for v in base['warm'])}.",
    ]
    body = "\n".join(lines)
    print(body)
    begin, end = f"<!-- {args.section}:begin -->", f"<!-- {args.section}:end -->"
    text = open(args.report).read() if os.path.exists(args.report) else ""
    if begin in text and end in text:
        text = text[: text.index(begin) + len(begin)] + "\n" + body + "\n" + text[text.index(end) :]
    else:
        text += f"\n{begin}\n{body}\n{end}\n"
    with open(args.report, "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
