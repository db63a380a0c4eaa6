"""What the benchmark and the drills share: a prepared installation and a server to load.

An `Installation` is a data folder plus a database (SQLite in the folder, or a fresh PostgreSQL
database), migrated and filled with the demo and, for a factor above 1, `gilde seed-scale`. A
`Server` runs it as `gilde serve` does in production (gunicorn, two sync workers, whitenoise) on
a free loopback port, and is stopped by its process id.
"""

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python")
GILDE = str(BIN / "gilde")
# Settings of a real installation never leak into a measurement.
UNSET = ("GILDE_DEBUG", "GILDE_ALLOWED_HOSTS", "GILDE_HTTPS", "GILDE_EMAIL_URL", "EMAIL_HOST")


def write_section(report: Path, begin: str, end: str, heading: str, body: str) -> None:
    """Put `body` (which runs from `begin` to `end`) into the results file, in place of the run
    before it, or under `heading` at the end when the file has no such section yet."""
    text = (
        report.read_text()
        if report.exists()
        else "# Benchmark results\n\n<!-- bench:begin -->\n<!-- bench:end -->\n"
    )
    if begin not in text:
        text = text.rstrip() + f"\n\n## {heading}\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    report.write_text(head + body + tail)


def in_process_main(
    doc: str,
    *,
    prefix: str,
    setup,
    measure,
    report,
    heading: str,
    begin: str,
    end: str,
    options: dict | None = None,
) -> int:
    """The command line of an in-process benchmark (social map, programme, reports): prepare a
    throwaway installation with `setup(data_dir)`, `measure(args)`, print `report(result)` (the
    section's body and the missed targets), write it into RESULTS.md unless `--no-write`, and
    exit non-zero naming every missed target. `options` adds arguments: {"--cops": {...}}."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="don't touch RESULTS.md")
    for flag, settings in (options or {}).items():
        parser.add_argument(flag, **settings)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        setup(data_dir)
        result = measure(args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    body, misses = report(result)
    print(body)
    if not args.no_write:
        write_section(ROOT / "benchmarks" / "RESULTS.md", begin, end, heading, body)
    for miss in misses:
        print(f"MISSED {miss}")
    return 1 if misses else 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_port() -> int | None:
    """Start the local PostgreSQL (tools/postgres-up) and return its port, or None if it can't."""
    try:
        result = subprocess.run(
            [str(ROOT / "tools" / "postgres-up")], capture_output=True, text=True, check=True
        )
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"PostgreSQL not available, skipped: {error}", file=sys.stderr)
        return None
    return int(result.stdout.strip().splitlines()[-1])


@dataclass
class Installation:
    database: str  # "sqlite" or "postgresql"
    factor: int
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="gilde-bench-")))
    database_url: str = ""
    extra_env: dict = field(default_factory=dict)  # settings this run needs (mail to files)

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in UNSET}
        env.update(
            GILDE_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="gilde.settings",
            PYTHONPATH=str(ROOT),
        )
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return {**env, **self.extra_env}

    def run(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(
            args, env=self.env, cwd=ROOT, check=True, text=True, capture_output=capture
        )
        return result.stdout if capture else ""

    def prepare(self, pg_port: int | None = None) -> "Installation":
        if self.database == "postgresql":
            name = f"gilde_bench_{self.factor}"
            _recreate_postgres_database(pg_port, name)
            self.database_url = f"postgres://gilde:gilde@127.0.0.1:{pg_port}/{name}"
        began = time.monotonic()
        self.run(GILDE, "migrate", "--noinput", "-v0")
        self.run(GILDE, "collectstatic", "--noinput", "-v0")
        self.run(GILDE, "demo", capture=True)
        if self.factor > 1:
            # The demo is copy 0; the seeder adds the other factor - 1.
            self.run(GILDE, "seed-scale", "--factor", str(self.factor - 1), capture=True)
        self.seconds_to_prepare = time.monotonic() - began
        return self

    def inproc(self, *args: str) -> dict:
        output = self.run(PYTHON, str(ROOT / "benchmarks" / "inproc.py"), *args, capture=True)
        return json.loads(output.strip().splitlines()[-1])

    def remove(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)


def _recreate_postgres_database(port: int, name: str) -> None:
    import psycopg

    with psycopg.connect(
        f"postgresql://gilde:gilde@127.0.0.1:{port}/gilde", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


class Server:
    """`gilde serve` on a free port; `with Server(installation) as server:` starts and stops it."""

    def __init__(self, installation: Installation, workers: int = 2, log: Path | None = None):
        self.installation = installation
        self.port = free_port()
        self.workers = workers
        self.log = log or installation.data_dir / "serve.log"
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        env = {**self.installation.env, "PORT": str(self.port), "GILDE_WORKERS": str(self.workers)}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [GILDE, "serve"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gilde serve did not start; see {self.log}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    cookie: str = "",
    think_ms: tuple[int, int] | None = None,
    threads: int = 1,
) -> dict:
    """Run wrk against `url`; returns requests/s, latency percentiles (ms) and error counts."""
    env = dict(os.environ)
    if think_ms:
        env.update(THINK_MIN_MS=str(think_ms[0]), THINK_MAX_MS=str(think_ms[1]))
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "benchmarks" / "wrk-report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, env=env, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith("WRK "))
    raw = json.loads(line[4:])
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "requests": raw["requests"],
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["socket_errors"],
        "non_2xx": raw["non_2xx"],
    }


def simulated_users(
    url: str, *, users: int, seconds: float, cookie: str = "", think_ms=(500, 1500), seed: int = 0
) -> dict:
    """`users` people who each load `url`, think 0.5–1.5 s, and load it again, for `seconds`;
    returns the latency percentiles (ms) of their requests, the request rate and failures.

    Measured here rather than with wrk's `delay()`: wrk counts the think time and the reconnect
    that follows it (gunicorn's sync workers close every connection) into its latencies, so its
    figures at 50 users said how long people think, not how long Gilde takes."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def person(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        time.sleep(rng.uniform(0, think_ms[1] / 1000))  # people do not all arrive at once
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                failures[0] += 0 if ok else 1
            time.sleep(rng.uniform(think_ms[0], think_ms[1]) / 1000)

    threads = [threading.Thread(target=person, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies) or [0.0]

    def percentile(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "non_2xx": failures[0],
    }


def machine(pg_port: int | None = None) -> dict:
    """What the figures were measured on."""
    info = {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "os": platform.platform(),
    }
    if pg_port:
        import psycopg

        with psycopg.connect(f"postgresql://gilde:gilde@127.0.0.1:{pg_port}/gilde") as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    info["wrk"] = wrk_version.split()[1] if wrk_version else "?"
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"
