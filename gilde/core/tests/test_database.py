import os
import subprocess
import sys

import pytest
from django.db import connection

PROBE = (
    "from django.db import connection\n"
    "c = connection.cursor()\n"
    "c.execute('PRAGMA journal_mode')\n"
    "print(c.fetchone()[0], connection.settings_dict['OPTIONS']['transaction_mode'])\n"
)


def test_the_embedded_database_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("about the SQLite default")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "gilde.cli", "shell", "-c", PROBE],
        env={**env, "GILDE_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split()[-2:] == ["wal", "IMMEDIATE"]
    assert (tmp_path / "gilde.sqlite3").exists()
