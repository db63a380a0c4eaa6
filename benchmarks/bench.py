"""`make bench`: how fast Gilde's core pages are, as ratios to baselines measured in the same run.

For each database (SQLite, PostgreSQL) and data size (the demo, x1; and 100 CoPs, x100) it
prepares an installation, serves it with `gilde serve` (gunicorn, two sync workers) on loopback
and measures with wrk, logged in as a participant of the demo CoP:

- throughput: requests/s of each core page at 4 connections without pauses, as a ratio to
  `/healthz` (no middleware, no database: the cheapest response) and to a static file;
- latency: p50/p95/p99 with 50 simulated users who think 0.5–1.5 s between pages (a thread
  per user, `harness.simulated_users`);
- queries per page (must not grow with the data) and weight (gzip bytes of HTML and CSS+JS).

It prints a table, writes `benchmarks/results/latest.json`, rewrites the generated part of
`benchmarks/RESULTS.md`, and exits non-zero naming every target it missed.
"""

import argparse
import json
import sys
import time
from datetime import UTC, datetime

from harness import ROOT, Installation, Server, machine, postgres_port, simulated_users, wrk

TARGETS = {
    "ratio_to_healthz": 0.40,  # each core page ≥ 40 % of /healthz throughput
    "p95_ms": 100.0,  # at 50 users
    "p95_growth": 1.5,  # p95 at x100 within 1.5 x of x1
    "css_js_kb": 60.0,  # compressed CSS + JS per page
}
# Pages measured for comparison only, with no target of their own.
REFERENCES = {"minimal"}
RESULTS = ROOT / "benchmarks" / "results"
REPORT = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def measure(installation: Installation, seconds: float, users: int) -> dict:
    setup = installation.inproc("setup")
    pages, cookie = setup["pages"], setup["cookie"]
    inproc = installation.inproc("measure", json.dumps(pages))
    result = {"pages": {}, "prepare_s": round(installation.seconds_to_prepare, 1)}
    with Server(installation) as server:
        for path in pages.values():  # warm both workers
            wrk(server.base + path, seconds=1, connections=2, cookie=cookie)
        baseline = wrk(server.base + "/healthz", seconds=seconds, connections=4)
        static = wrk(server.base + setup["static"], seconds=seconds, connections=4)
        result["healthz_rps"] = baseline["rps"]
        result["static_rps"] = static["rps"]
        for name, path in pages.items():
            throughput = wrk(server.base + path, seconds=seconds, connections=4, cookie=cookie)
            latency = simulated_users(
                server.base + path, users=users, seconds=max(6.0, seconds * 2), cookie=cookie
            )
            result["pages"][name] = {
                "path": path,
                "rps": throughput["rps"],
                "ratio_healthz": throughput["rps"] / baseline["rps"],
                "ratio_static": throughput["rps"] / static["rps"],
                "p50_ms": latency["p50_ms"],
                "p95_ms": latency["p95_ms"],
                "p99_ms": latency["p99_ms"],
                "errors": throughput["errors"] + throughput["non_2xx"] + latency["non_2xx"],
                **inproc[name],
            }
    return result


def misses(runs: dict) -> list[str]:
    """Every target a run missed, in words."""
    found = []
    for key, run in runs.items():
        for name, page in run["pages"].items():
            if name in REFERENCES:
                continue
            where = f"{key} {name}"
            if page["ratio_healthz"] < TARGETS["ratio_to_healthz"]:
                found.append(
                    f"{where}: {page['ratio_healthz']:.2f}x /healthz "
                    f"(target ≥ {TARGETS['ratio_to_healthz']:.2f}x)"
                )
            if page["p95_ms"] > TARGETS["p95_ms"]:
                found.append(f"{where}: p95 {page['p95_ms']:.0f} ms (target ≤ 100 ms)")
            if page["css_js_gzip"] / 1024 > TARGETS["css_js_kb"]:
                found.append(f"{where}: CSS+JS {page['css_js_gzip'] / 1024:.0f} KB (≤ 60 KB)")
            if page["errors"]:
                found.append(f"{where}: {page['errors']} failed requests")
            if page["status"] != 200:
                found.append(f"{where}: HTTP {page['status']}")
    for database in {key.split(" ")[0] for key in runs}:
        small, large = runs.get(f"{database} x1"), runs.get(f"{database} x100")
        if not (small and large):
            continue
        for name, page in large["pages"].items():
            before = small["pages"][name]
            if page["p95_ms"] > TARGETS["p95_growth"] * max(before["p95_ms"], 1.0):
                found.append(
                    f"{database} {name}: p95 {page['p95_ms']:.0f} ms at x100 against "
                    f"{before['p95_ms']:.0f} ms at x1 (target ≤ 1.5x)"
                )
            if page["queries"] > before["queries"]:
                found.append(
                    f"{database} {name}: {page['queries']} queries at x100 against "
                    f"{before['queries']} at x1 (must not grow)"
                )
    return found


def table(runs: dict) -> str:
    lines = []
    for key, run in runs.items():
        lines += [
            f"**{key}** — /healthz {run['healthz_rps']:.0f} req/s, static file "
            f"{run['static_rps']:.0f} req/s (data prepared in {run['prepare_s']} s)",
            "",
            "| page | req/s | x /healthz | x static | p50 ms | p95 ms | p99 ms | queries "
            "| HTML KB | CSS+JS KB |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for name, page in run["pages"].items():
            lines.append(
                f"| {name} | {page['rps']:.0f} | {page['ratio_healthz']:.2f} "
                f"| {page['ratio_static']:.2f} | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} "
                f"| {page['p99_ms']:.1f} | {page['queries']} | {page['html_gzip'] / 1024:.1f} "
                f"| {page['css_js_gzip'] / 1024:.1f} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_report(report: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    m = report["machine"]
    body = [
        BEGIN,
        f"Run of {report['when']} on {m['cores']} cores ({m['cpu']}), Python {m['python']}, "
        f"SQLite {m['sqlite']}"
        + (f", PostgreSQL {m['postgresql']}" if "postgresql" in m else "")
        + f", wrk {m['wrk']}; {report['seconds']} s per throughput run, "
        f"{report['users']} users. Regenerated by `make bench`.",
        "",
        table(report["runs"]),
        "Missed targets:" if report["misses"] else "All targets met.",
        *[f"- {miss}" for miss in report["misses"]],
        END,
    ]
    text = REPORT.read_text() if REPORT.exists() else "# Benchmark results\n"
    if BEGIN not in text:
        text += f"\n## Load: core pages\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    REPORT.write_text(head + "\n".join(body) + tail)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--factors", default="1,100")
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput run")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--no-write", action="store_true", help="don't touch RESULTS.md")
    args = parser.parse_args()
    databases = args.databases.split(",")
    pg_port = postgres_port() if "postgresql" in databases else None
    if pg_port is None and "postgresql" in databases:
        databases.remove("postgresql")
    runs = {}
    for database in databases:
        for factor in (int(f) for f in args.factors.split(",")):
            key = f"{database} x{factor}"
            print(f"== {key}", flush=True)
            installation = Installation(database, factor).prepare(pg_port)
            try:
                runs[key] = measure(installation, args.seconds, args.users)
            finally:
                installation.remove()
            print(table({key: runs[key]}), flush=True)
    report = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(pg_port),
        "seconds": args.seconds,
        "users": args.users,
        "targets": TARGETS,
        "runs": runs,
        "misses": misses(runs),
    }
    if not args.no_write:
        write_report(report)
    for miss in report["misses"]:
        print(f"MISSED {miss}")
    return 1 if report["misses"] else 0


if __name__ == "__main__":
    began = time.monotonic()
    status = main()
    print(f"bench took {time.monotonic() - began:.0f} s")
    sys.exit(status)
