"""One term per concept: no Dutch catalog entry and no Dutch guide text uses a variant that
docs/glossary.toml rejects."""

import re
import tomllib
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = tomllib.loads((ROOT / "docs" / "glossary.toml").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|<[^>]+>")
# Guide content keys that hold identifiers, not text.
NOT_TEXT = {"id", "key", "instrument", "url", "family", "stages", "tgi", "sides", "purposes"}


def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    rejected = "rejected" if language == "nl" else "en_rejected"
    return [
        (term[language], re.compile(rf"\b(?:{variant})\b", re.IGNORECASE))
        for term in GLOSSARY["terms"]
        for variant in term.get(rejected, [])
    ]


def _catalog_texts(language: str):
    catalog = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    for entry in catalog:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield f"msgid {entry.msgid[:60]!r}", text


def _strings(value, where):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def _guide_texts(language: str):
    for path in sorted((ROOT / "gilde" / "guide" / "content" / language).rglob("*.toml")):
        content = tomllib.loads(path.read_text(encoding="utf-8"))
        yield from _strings(content, str(path.relative_to(ROOT)))


def _offences(texts, language: str = "nl") -> list[str]:
    patterns = _patterns(language)
    found = []
    for where, text in texts:
        text = PLACEHOLDER.sub(" ", text)
        for chosen, pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(f"{where}: {match.group(0)!r}, say {chosen!r}")
    return found


def test_every_term_has_dutch_english_and_its_rejected_variants():
    for term in GLOSSARY["terms"]:
        assert term["nl"] and term["en"] and isinstance(term["rejected"], list), term


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_catalog_uses_the_chosen_terms(language):
    offences = _offences(_catalog_texts(language), language)
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_guide_uses_the_chosen_terms(language):
    offences = _offences(_guide_texts(language), language)
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize(
    ("text", "offends"),
    [
        ("Dit is een gesloten CoP.", True),
        ("Dit is een besloten CoP.", False),
        ("De peiling is gesloten.", False),
        ("Kies twee facilitatoren.", True),
        ("De volgende vergadering", True),
        ("Na %(meeting)s", False),
    ],
)
def test_the_check_finds_rejected_variants_only(text, offends):
    assert bool(_offences([("test", text)])) == offends
