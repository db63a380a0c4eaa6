"""Guards that keep the project honest: migrations and translations are never forgotten."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
CATALOGS = {code: ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("nl", "en")}


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("language", CATALOGS)
def test_every_message_is_translated(language):
    catalog = polib.pofile(CATALOGS[language])
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"Untranslated in {language}: {untranslated}"
    assert not fuzzy, f"Fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", CATALOGS)
def test_compiled_catalog_matches_its_source(language):
    source = CATALOGS[language]
    compiled = polib.mofile(source.with_suffix(".mo"))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(source).translated_entries()}
    actual = {(e.msgctxt, e.msgid): e.msgstr for e in compiled}
    assert {k: v for k, v in expected.items() if actual.get(k) != v} == {}, "Run make messages"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (make test installs it)")
def test_every_source_string_is_in_the_catalogs(tmp_path):
    """Extract the strings from a copy of the code and compare with the committed catalogs."""
    for folder in ("gilde", "templates", "locale"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "GILDE_DATA_DIR": str(tmp_path / "var")}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "-v", "0"],
        cwd=tmp_path,
        env={**env, "DJANGO_SETTINGS_MODULE": "gilde.settings"},
        check=True,
    )
    extracted = {e.msgid for e in polib.pofile(tmp_path / "locale/nl/LC_MESSAGES/django.po")}
    committed = {e.msgid for e in polib.pofile(CATALOGS["nl"]) if not e.obsolete}
    assert extracted - committed == set(), "New strings: run make messages and translate them"
