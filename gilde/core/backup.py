"""`gilde backup DIR` and `gilde restore DIR`: a consistent copy of a running installation, and
back.

A backup folder holds the database (SQLite: a copy made with SQLite's online backup API, which
gives one consistent moment while Gilde keeps writing; PostgreSQL: `pg_dump -Fc`, one
transaction's snapshot), the media folder, the secret key, and `manifest.json` with the SHA-256 of
every file. A restore checks the manifest first and refuses to write over a database or data
folder that holds anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404: pg_dump and pg_restore, with fixed arguments
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = "gilde-backup"
VERSION = 1
SQLITE_NAME = "gilde.sqlite3"
PG_NAME = "gilde.dump"


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def backup_write(target: Path | str) -> dict:
    """Write a backup into `target` (a new or empty folder); returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; give a new or empty folder.")
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # it holds everyone's data and the secret key
    engine = _engine()
    if engine == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target / SQLITE_NAME)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        (target / SQLITE_NAME).chmod(0o600)
    else:
        if shutil.which("pg_dump") is None:
            raise BackupError(
                "pg_dump is not installed (Debian: apt-get install postgresql-client)."
            )
        subprocess.run(  # nosec B603 B607: a fixed command; the database name is an argument
            ["pg_dump", "-Fc", "-f", str(target / PG_NAME), connection.settings_dict["NAME"]],
            check=True,
            env=_pg_env(),
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, target / "media")
    key = target / "secret_key"
    key.write_text(settings.SECRET_KEY)
    key.chmod(0o600)
    files = {
        path.relative_to(target).as_posix(): _sha256(path)
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "database": engine,
        "files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def backup_check(source: Path | str) -> dict:
    """The manifest of the backup in `source`, once every file in it matches its checksum."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{source} has no manifest.json: it is not a Gilde backup.") from error
    except ValueError as error:
        raise BackupError(f"{source}/manifest.json is not valid JSON.") from error
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{source}/manifest.json is not a Gilde backup manifest.")
    if manifest.get("version", 0) > VERSION:
        raise BackupError("This backup was made by a newer Gilde; upgrade Gilde first.")
    for name, digest in manifest["files"].items():
        path = (source / name).resolve()
        if source.resolve() not in path.parents:
            raise BackupError(f"The manifest names a file outside the backup: {name}.")
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if _sha256(path) != digest:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _sqlite_in_use(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with sqlite3.connect(path) as db:
        tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    return bool(tables)


def _postgres_in_use() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return bool(cursor.fetchone()[0])


def restore_from(source: Path | str) -> dict:
    """Restore the backup in `source` into this installation's empty database and data folder."""
    source = Path(source)
    manifest = backup_check(source)
    engine = manifest.get("database")
    if engine != _engine():
        raise BackupError(
            f"This backup holds a {engine} database; this installation uses {_engine()}."
        )
    data_dir = Path(settings.DATA_DIR)
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"{media} is not empty: restore into a new data folder.")
    if engine == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        if _sqlite_in_use(target):
            raise BackupError(f"{target} holds data already: restore into a new data folder.")
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        backup = sqlite3.connect(source / SQLITE_NAME)
        restored = sqlite3.connect(target)
        try:
            with restored:
                backup.backup(restored)
            if restored.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("The restored database fails SQLite's integrity check.")
        finally:
            restored.close()
            backup.close()
    else:
        if _postgres_in_use():
            raise BackupError("The database holds tables already: restore into an empty one.")
        connection.close()
        subprocess.run(  # nosec B603 B607: a fixed command; the database name is an argument
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "-d",
                connection.settings_dict["NAME"],
                str(source / PG_NAME),
            ],
            check=True,
            env=_pg_env(),
        )
    if (source / "media").is_dir():
        shutil.copytree(source / "media", media, dirs_exist_ok=True)
    key = data_dir / "secret_key"
    if not os.environ.get("SECRET_KEY"):
        key.write_text((source / "secret_key").read_text())
        key.chmod(0o600)
    return manifest
