"""Production settings, checked the way an operator starts Gilde: in a fresh process, from the
environment only."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables of an installation, or of the test run itself (the browser tests' async switch),
# that must not leak into these subprocesses.
_INSTALLATION_VARS = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "GILDE_DATA_DIR",
    "GILDE_DEBUG",
    "GILDE_ALLOWED_HOSTS",
    "GILDE_HTTPS",
    "GILDE_BASE_URL",
    "GILDE_EMAIL_URL",
    "EMAIL_HOST",
)


def _env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _INSTALLATION_VARS}
    env["DJANGO_SETTINGS_MODULE"] = "gilde.settings"
    env.update(overrides)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_reports_nothing_with_https_secret_key_and_hosts(tmp_path):
    env = _env(
        GILDE_HTTPS="1",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        GILDE_ALLOWED_HOSTS="gilde.example.org",
        GILDE_DATA_DIR=str(tmp_path),
    )

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


_PRINT_KEY = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)


def test_secret_key_is_generated_in_data_dir_on_first_run_and_reused(tmp_path):
    env = _env(GILDE_DATA_DIR=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert not key_file.exists()

    first = _run(["-c", _PRINT_KEY], env)
    assert first.returncode == 0, first.stderr
    assert key_file.exists()
    key = first.stdout.strip()
    assert len(key) >= 50
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    second = _run(["-c", _PRINT_KEY], env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == key


def test_given_secret_key_is_used_and_nothing_is_written(tmp_path):
    given = secrets.token_urlsafe(45)[:60]
    env = _env(GILDE_DATA_DIR=str(tmp_path), SECRET_KEY=given)

    result = _run(["-c", _PRINT_KEY], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == given
    assert not (tmp_path / "secret_key").exists()
