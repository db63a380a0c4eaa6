"""`make drills`: Gilde's promises tried under stress, with the results in benchmarks/RESULTS.md.

- lost-updates: 20 clients save the question sheet 50 times each through HTTP at once; every save
  either lands as a version or gets the conflict page, and every acknowledged save is in the
  history (SQLite and PostgreSQL).
- locks: 50 concurrent writers (RSVPs and evaluations) on SQLite for 10 minutes (1 with --ci):
  no "database is locked", no HTTP 500.
- crashes: kill -9 of gunicorn workers and of `gilde worker` in the middle of writes and e-mail
  tasks; afterwards the database is intact, every acknowledged write is there and every e-mail
  went out exactly once.
- fuzz: the form fuzzer (tests/fuzz) with at least 10,000 inputs.
- security: bandit over the code, and a dependency audit where its data can be reached.

Each drill prints what it found and the run exits non-zero when one fails.
"""

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from harness import BIN, ROOT, Installation, Server, machine, postgres_port
from http_client import Browser

REPORT = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- drills:begin -->", "<!-- drills:end -->"


# -- lost updates --------------------------------------------------------------------------------


def drill_lost_updates(database: str, pg: int | None, clients: int, saves: int) -> dict:
    installation = Installation(database, 1).prepare(pg)
    try:
        setup = installation.inproc("drill-setup", json.dumps({"editors": clients, "writers": 0}))
        acknowledged, conflicts, errors = [], Counter(), Counter()
        with Server(installation) as server:

            def client(index: int) -> None:
                browser = Browser(server.base, setup["editors"][index])
                for attempt in range(saves):
                    marker = f"drill-c{index}-s{attempt}"
                    status, page = browser.get(setup["question_edit"])
                    form = browser.form(page, setup["question_edit"])
                    if status != 200 or form is None:
                        errors[f"GET {status}"] += 1
                        continue
                    form["core_question"] = f"Hoe houden we het vol? ({marker})"
                    form["note"] = marker
                    status, _ = browser.post(setup["question_edit"], form)
                    if status == 302:
                        acknowledged.append(marker)
                    elif status == 409:
                        conflicts[index] += 1
                    else:
                        errors[f"POST {status}"] += 1

            threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - began
        check = installation.inproc("drill-check-versions", json.dumps(acknowledged))
    finally:
        installation.remove()
    ok = not errors and not check["missing"] and not check["unacknowledged"] and check["gapless"]
    return {
        "ok": ok,
        "database": database,
        "clients": clients,
        "saves_tried": clients * saves,
        "acknowledged": len(acknowledged),
        "conflicts": sum(conflicts.values()),
        "errors": dict(errors),
        "missing_in_history": check["missing"],
        "in_history_but_not_acknowledged": check["unacknowledged"],
        "version_numbers_gapless": check["gapless"],
        "seconds": round(seconds, 1),
    }


# -- lock errors ---------------------------------------------------------------------------------


def drill_locks(minutes: float, writers: int) -> dict:
    installation = Installation("sqlite", 1).prepare()
    try:
        setup = installation.inproc("drill-setup", json.dumps({"editors": 0, "writers": writers}))
        statuses, stop = Counter(), threading.Event()
        with Server(installation) as server:

            def writer(index: int) -> None:
                browser = Browser(server.base, setup["writers"][index])
                rng = random.Random(index)
                evaluations = list(setup["evaluations"])
                rng.shuffle(evaluations)
                while not stop.is_set():
                    if evaluations and rng.random() < 0.2:
                        path = evaluations.pop()
                        status, page = browser.get(path)
                        form = browser.form(page, path)
                        if form is not None:
                            for name in list(form):
                                if name.startswith("q") and not form[name]:
                                    form[name] = "4" if "scale" in name else "Goede bijeenkomst."
                            status, _ = browser.post(path, form)
                        statuses[status] += 1
                    else:
                        meeting = rng.choice(setup["rsvp"])
                        status, _ = browser.post(
                            meeting, {"response": rng.choice(["yes", "no", "maybe"])}
                        )
                        statuses[status] += 1
                    time.sleep(rng.uniform(0, 0.05))

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
            for thread in threads:
                thread.start()
            time.sleep(minutes * 60)
            stop.set()
            for thread in threads:
                thread.join()
        log = server.log.read_text(errors="replace")
    finally:
        installation.remove()
    locked = log.count("database is locked")
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    return {
        "ok": locked == 0 and server_errors == 0,
        "minutes": minutes,
        "writers": writers,
        "requests": sum(statuses.values()),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "database_is_locked": locked,
        "server_errors": server_errors,
    }


# -- fuzzed input --------------------------------------------------------------------------------


def drill_fuzz(examples: int) -> dict:
    env = {**os.environ, "GILDE_FUZZ_EXAMPLES": str(examples), "DJANGO_ALLOW_ASYNC_UNSAFE": "1"}
    env["GILDE_DATA_DIR"] = str(Installation("sqlite", 1).data_dir)
    began = time.monotonic()
    result = subprocess.run(
        [str(BIN / "pytest"), "-q", "-s", "-p", "no:randomly", "tests/fuzz"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    counts = [int(n) for n in re.findall(r"fuzz: (\d+) inputs so far", result.stdout)]
    forms = re.findall(r"fuzz: (\d+) distinct forms found", result.stdout)
    failures = [line for line in result.stdout.splitlines() if line.startswith("E  ")]
    return {
        "ok": result.returncode == 0,
        "inputs": max(counts, default=0),
        "forms": int(forms[0]) if forms else 0,
        "examples_per_form_and_persona": examples,
        "seconds": round(time.monotonic() - began),
        "failures": failures[:20],
    }


# -- security lint -------------------------------------------------------------------------------


def drill_security() -> dict:
    bandit = subprocess.run(
        [str(BIN / "bandit"), "-q", "-c", "pyproject.toml", "-r", "gilde", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    findings = json.loads(bandit.stdout or "{}").get("results", [])
    audit = subprocess.run(
        [str(BIN / "pip-audit"), "-r", "requirements.txt", "-f", "json", "--progress-spinner=off"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    try:
        dependencies = json.loads(audit.stdout)["dependencies"]
    except (ValueError, KeyError):
        dependencies = []
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d["name"] for d in audited if d.get("vulns")]
    if not audited:
        audit_result = "skipped: the vulnerability data could not be reached from this machine"
    else:
        audit_result = f"{len(audited)} packages audited, {len(vulnerable)} vulnerable"
    return {
        "ok": not findings and not vulnerable,
        "bandit_findings": [
            f"{f['filename']}:{f['line_number']} {f['test_id']} {f['issue_text']}" for f in findings
        ],
        "dependency_audit": audit_result,
        "vulnerable": vulnerable,
    }


# -- crashes -------------------------------------------------------------------------------------


def drill_crashes(kills: int) -> dict:
    """kill -9 web and task workers during writes and e-mail tasks; then check what survived."""
    installation = Installation("sqlite", 1)
    mail_dir = installation.data_dir / "mail"
    # Mail to files, and a short while before a task left running by a killed worker runs again.
    installation.extra_env = {
        "GILDE_EMAIL_URL": f"file://{mail_dir}",
        "GILDE_TASK_STALE_SECONDS": "3",
    }
    installation.prepare()
    try:
        setup = installation.inproc("drill-setup", json.dumps({"editors": 4, "writers": 0}))
        acknowledged, failed, stop = [], Counter(), threading.Event()
        worker_log = open(installation.data_dir / "worker.log", "ab")  # noqa: SIM115

        def start_worker() -> subprocess.Popen:
            return subprocess.Popen(
                [str(BIN / "gilde"), "worker", "--no-clock"],
                env=installation.env,
                cwd=ROOT,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )

        worker = start_worker()
        with Server(installation, workers=2) as server:

            def writer(index: int) -> None:
                browser = Browser(server.base, setup["editors"][index])
                number = 0
                while not stop.is_set():
                    number += 1
                    # An invitation is a write (the invitation) and a task (its e-mail).
                    address = f"crash-{index}-{number}@drill.example.org"
                    try:
                        status, _ = browser.post(
                            setup["invite"], {"email": address, "role": "participant"}
                        )
                    except OSError:
                        failed["connection"] += 1
                        continue
                    if status == 302:
                        acknowledged.append(address)
                    else:
                        failed[str(status)] += 1

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
            for thread in threads:
                thread.start()
            rng = random.Random(7)
            for kill in range(kills):
                # Kill while writes go on: after a couple more were acknowledged (or 3 s).
                seen, waited = len(acknowledged), time.monotonic()
                while (
                    len(acknowledged) < seen + rng.randint(1, 3) and time.monotonic() - waited < 3
                ):
                    time.sleep(0.02)
                time.sleep(rng.uniform(0, 0.05))
                if kill % 2 == 0 and server.worker_pids():
                    os.kill(rng.choice(server.worker_pids()), signal.SIGKILL)
                else:
                    worker.kill()
                    worker.wait()
                    worker = start_worker()
            stop.set()
            for thread in threads:
                thread.join()
        # Let the task worker finish the queue, then stop it; a last worker, started after the
        # tasks left running went stale, sends what is left.
        time.sleep(5)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        worker_log.close()
        time.sleep(4)
        drain = subprocess.run(
            [str(BIN / "gilde"), "worker", "--no-clock", "--batch"],
            env=installation.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        check = installation.inproc("drill-check-crash", json.dumps(acknowledged))
        database = installation.data_dir / "gilde.sqlite3"
        with sqlite3.connect(database) as conn:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        mails = _count_mails(mail_dir)
    finally:
        installation.remove()
    expected = acknowledged
    sent_twice = {key: n for key, n in mails.items() if n > 1}
    lost = sorted(set(expected) - set(mails))
    return {
        "ok": integrity == "ok" and not check["missing"] and not sent_twice and not lost,
        "kills": kills,
        "acknowledged_writes": len(acknowledged),
        "missing_writes": check["missing"],
        "integrity_check": integrity,
        "mails_expected": len(expected),
        "mails_lost": lost[:20],
        "mails_sent_twice": dict(list(sent_twice.items())[:20]),
        "refused_or_dropped_requests": dict(failed),
        "drain": drain.returncode,
    }


def _count_mails(folder: Path) -> Counter:
    """Messages per drill address in the file backend's output (one header line each)."""
    counts = Counter()
    for path in folder.glob("*.log") if folder.exists() else []:
        text = path.read_text(errors="replace")
        counts.update(re.findall(r"^To: (crash-\d+-\d+@drill\.example\.org)$", text, re.M))
    return counts


# -- report --------------------------------------------------------------------------------------


def write_report(report: dict) -> None:
    m = report["machine"]
    lines = [
        BEGIN,
        f"Run of {report['when']} on {m['cores']} cores ({m['cpu']}), Python {m['python']}, "
        f"SQLite {m['sqlite']}"
        + (f", PostgreSQL {m['postgresql']}" if "postgresql" in m else "")
        + ". Regenerated by `make drills`.",
        "",
        "| drill | result | details |",
        "|---|---|---|",
    ]
    for name, result in report["drills"].items():
        details = ", ".join(f"{k}: {v}" for k, v in result.items() if k != "ok")
        lines.append(f"| {name} | {'passed' if result['ok'] else 'FAILED'} | {details} |")
    lines.append(END)
    text = REPORT.read_text() if REPORT.exists() else "# Benchmark results\n"
    if BEGIN not in text:
        text += f"\n## Reliability drills\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    REPORT.write_text(head + "\n".join(lines) + rest.split(END, 1)[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default="lost-updates,locks,crashes,fuzz,security", help="comma-separated"
    )
    parser.add_argument("--ci", action="store_true", help="the short versions CI runs")
    parser.add_argument("--no-write", action="store_true", help="don't touch RESULTS.md")
    args = parser.parse_args()
    wanted = args.only.split(",")
    pg = postgres_port() if "lost-updates" in wanted and not args.ci else None
    drills = {}
    if "lost-updates" in wanted:
        for database in ["sqlite"] + (["postgresql"] if pg else []):
            clients, saves = (5, 10) if args.ci else (20, 50)
            drills[f"lost updates ({database})"] = drill_lost_updates(database, pg, clients, saves)
    if "locks" in wanted:
        drills["lock errors (sqlite)"] = drill_locks(1 if args.ci else 10, 50)
    if "crashes" in wanted:
        drills["crashes (sqlite)"] = drill_crashes(10 if args.ci else 100)
    if "fuzz" in wanted:
        drills["fuzzed input"] = drill_fuzz(3 if args.ci else 27)
    if "security" in wanted:
        drills["security lint"] = drill_security()
    for name, result in drills.items():
        print(f"{'ok  ' if result['ok'] else 'FAIL'} {name}: {json.dumps(result)[:2000]}")
    report = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(pg),
        "drills": drills,
    }
    if not args.no_write and not args.ci:
        write_report(report)
    return 0 if all(result["ok"] for result in drills.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
