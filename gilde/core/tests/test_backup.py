"""Backup and restore: a backup made while Gilde writes holds every write acknowledged before it
began and restores into a consistent installation; a restore checks the manifest and never writes
over data."""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gilde.core.models import InstallationLogEntry


def _writer(stop: threading.Event, acknowledged: list) -> None:
    """Another process-like writer: one committed row after another, noting each acknowledged."""
    from django.db import connections

    try:
        number = 0
        while not stop.is_set():
            number += 1
            entry = InstallationLogEntry.objects.create(action="drill", data={"n": number})
            acknowledged.append((time.monotonic(), entry.pk))
    finally:
        connections.close_all()


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')")
@pytest.mark.django_db(transaction=True)
def test_a_backup_during_writes_restores_every_acknowledged_write(tmp_path):
    stop, acknowledged = threading.Event(), []
    thread = threading.Thread(target=_writer, args=(stop, acknowledged))
    thread.start()
    try:
        while len(acknowledged) < 20:
            time.sleep(0.01)
        began = time.monotonic()
        before = {pk for moment, pk in list(acknowledged) if moment < began}
        call_command("backup", str(tmp_path / "backup"), stdout=open(os.devnull, "w"))  # noqa: SIM115
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert len(acknowledged) > len(before)  # the writer went on during the backup

    target = tmp_path / "restored"
    target.mkdir()
    env = {**os.environ, "GILDE_DATA_DIR": str(target)}
    env.pop("DATABASE_URL", None)
    restore = subprocess.run(
        [sys.executable, "-m", "gilde.cli", "restore", str(tmp_path / "backup")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert restore.returncode == 0, restore.stderr
    with sqlite3.connect(target / "gilde.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        restored = {row[0] for row in db.execute("SELECT id FROM core_installationlogentry")}
    assert before <= restored
    # A moment's copy: the rows it has are exactly the first n written, no gaps.
    assert restored == set(range(min(restored), max(restored) + 1))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert set(manifest["files"]) >= {"gilde.sqlite3", "secret_key"}
    assert (target / "secret_key").read_text() == (tmp_path / "backup" / "secret_key").read_text()

    again = subprocess.run(
        [sys.executable, "-m", "gilde.cli", "restore", str(tmp_path / "backup")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "restore into a new data folder" in again.stderr


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')")
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_or_a_full_folder_is_refused(tmp_path):
    call_command("backup", str(tmp_path / "b"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))
    damaged = Path(tmp_path / "b" / "secret_key")
    damaged.write_text("something else")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tmp_path / "b"))
    with pytest.raises(CommandError, match="no manifest"):
        call_command("restore", str(tmp_path))
    # The running database is never overwritten.
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "b"))
    assert connection.vendor == "sqlite"
