"""Small Dutch, kept right everywhere: one word for facilitators, one way to write a percentage,
lower-case day and month names, plurals for counted things, dates that never say "Okt"."""

import re
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
MONTHS += ["October", "November", "December"]
# Placeholders that count something, and the Dutch plural nouns that may follow one.
COUNTERS = r"%\((?:count|counter|n|number|difference|months|weeks|categories)\)s"
NOUNS = (
    "mensen|personen|deelnemers|kandidaten|leden|bijeenkomsten|rijen|categorieën|minuten|"
    "antwoorden|oorzaken|gevolgen|stakeholders|maanden|weken|organisaties|versies|reacties"
)


@pytest.fixture(scope="module")
def catalog():
    return [entry for entry in polib.pofile(CATALOG) if not entry.obsolete]


def _texts(entry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


def test_dutch_says_facilitators_never_facilitatoren(catalog):
    mixed = [e.msgid for e in catalog if any("facilitatoren" in t.lower() for t in _texts(e))]
    assert mixed == []
    guide = ROOT / "gilde" / "guide" / "content" / "nl"
    assert [p.name for p in guide.rglob("*.toml") if "facilitatoren" in p.read_text().lower()] == []


def test_no_space_between_a_number_and_its_percent_sign(catalog):
    spaced = re.compile(r"(\d|%\(\w+\)s|\{\{ ?\w+ ?\}\}) %")
    found = [
        e.msgid
        for e in catalog
        for t in [e.msgid, *_texts(e)]
        if spaced.search(t.replace("%%", "%"))
    ]
    assert found == []


def test_day_and_month_names_are_lower_case_in_dutch(catalog):
    names = {e.msgid: e.msgstr for e in catalog if e.msgid in DAYS + MONTHS and not e.msgctxt}
    assert {k: v for k, v in names.items() if v != v.lower()} == {}
    with translation.override("nl"):
        # Dates mid-sentence: "open tot dinsdag 6 oktober", "6 okt".
        assert formats.date_format(date(2026, 10, 6), "l j F") == "dinsdag 6 oktober"
        assert formats.date_format(date(2026, 10, 6), "j N") == "6 okt"


def test_a_counted_noun_has_a_singular_form_in_dutch(catalog):
    counted = re.compile(rf"{COUNTERS} (?:\w+ )?(?:{NOUNS})\b")
    without_plural = [
        e.msgid for e in catalog if not e.msgid_plural and counted.search(e.msgstr or "")
    ]
    assert without_plural == []


def test_no_date_is_written_with_a_title_case_month_abbreviation():
    """Django's "M" writes "Okt" in Dutch; "N" writes "okt" (and "Oct." in English)."""
    pattern = re.compile(r"""(?:date:|date_format\([^,]+,\s*)["']([^"']*)["']""")
    offenders = []
    for folder in ("gilde", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"} or "tests" in path.parts:
                continue
            for fmt in pattern.findall(path.read_text(errors="ignore")):
                named = re.fullmatch(r"[A-Z_]+", fmt)  # DATE_FORMAT and friends
                if not named and re.search(r"(?<!\\)M", fmt):
                    offenders.append(f"{path.relative_to(ROOT)}: {fmt}")
    assert offenders == []
