"""Checking rows read from a file: the per-row report, guessing columns from their headers, and
the cleaning every cell gets. No domain here: each app says which fields it has and what its
header words are, and checks what only it knows (its people, its kinds) after `clean_cell`."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gilde.core.text import multi_line, single_line

IGNORE = "ignore"

# Cells a spreadsheet would run as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Problem:
    column: str  # the file's header of the column, or the field's label when no column applies
    value: str
    message: str


@dataclass
class RowReport:
    number: int  # the row's number in the file, the header row being 1
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    rows: list[RowReport]

    @property
    def valid(self) -> list[RowReport]:
        return [row for row in self.rows if row.ok]

    @property
    def invalid(self) -> list[RowReport]:
        return [row for row in self.rows if not row.ok]

    @property
    def clean(self) -> bool:
        return all(row.ok for row in self.rows)


def squeeze(text: str) -> str:
    """Lower-case letters only: how header words and choice values are compared."""
    return re.sub(r"[^a-z]", "", text.lower())


def guess_mapping(headers: list[str], guesses: Mapping[str, set[str]]) -> list[str]:
    """For each header the field it probably holds (by `guesses`: field → squeezed header
    words), or IGNORE. Each field is guessed once."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        squeezed = squeeze(header)
        guess = next((name for name, words in guesses.items() if squeezed in words), IGNORE)
        if guess in taken:
            guess = IGNORE
        taken.add(guess)
        mapping.append(guess)
    return mapping


def clean_cell(
    value: str, *, header: str, max_length: int, multi: bool = False
) -> tuple[str, Problem | None]:
    """A cell cleaned like typed text (names on one line, notes without NUL), or the problem
    with it: a leading formula character, or too many characters."""
    value = (multi_line if multi else single_line)(value).strip()
    if value.startswith(FORMULA_PREFIXES):
        return value, Problem(
            header,
            value,
            _(
                "Starts with %(char)s, which a spreadsheet runs as a formula. "
                "Remove the character or the formula."
            )
            % {"char": value[0]},
        )
    if len(value) > max_length:
        return value, Problem(
            header,
            value[:60] + "…",
            _("Too long: at most %(max)s characters.") % {"max": max_length},
        )
    return value, None


def escape_formula(value: str) -> str:
    """Make a text cell safe to open in a spreadsheet: a leading formula character is quoted."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
