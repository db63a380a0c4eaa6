"""Field-by-field comparison of two texts, word by word. Plain Python, no Django.

difflib's matcher costs up to (tokens in old) * (tokens in new) * (matching blocks): on repetitive
text of 3,000 characters that is minutes. So the texts are compared line by line first, then the
changed lines sentence by sentence, then the changed sentences word by word; each comparison is
allowed a bounded amount of work, and a change too large for its budget is shown whole (removed,
then added) instead of word by word.
"""

import difflib
import re
from dataclasses import dataclass

_WORDS = re.compile(r"\s+|[^\s]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])(?=\s)")

# (tokens in old) * (tokens in new) that one comparison may align; about 10 ms at worst.
BLOCK_BUDGET = 20_000
# The same product summed over all comparisons for one pair of texts.
TOTAL_BUDGET = 60_000


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same in both versions, or was removed or added."""

    op: str  # "same" | "removed" | "added"
    text: str


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


LEVELS = (_lines, _sentences, _words)


class _Budget:
    def __init__(self, total: int):
        self.left = total

    def take(self, cost: int) -> bool:
        if cost > BLOCK_BUDGET or cost > self.left:
            return False
        self.left -= cost
        return True


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many tokens the two lists share at the start, and then at the end."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _diff(old: str, new: str, level: int, budget: _Budget, out: list[Piece]) -> None:
    a, b = LEVELS[level](old), LEVELS[level](new)
    start, end = _common_ends(a, b)
    if start:
        out.append(Piece("same", "".join(a[:start])))
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if middle_a and middle_b and budget.take(len(middle_a) * len(middle_b)):
        matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            _block(tag, "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2]), level, budget, out)
    else:
        _block("replace", "".join(middle_a), "".join(middle_b), level, budget, out)
    if end:
        out.append(Piece("same", "".join(a[len(a) - end :])))


def _block(tag: str, old: str, new: str, level: int, budget: _Budget, out: list[Piece]) -> None:
    if tag == "equal":
        out.append(Piece("same", old))
    elif old and new and level + 1 < len(LEVELS):
        _diff(old, new, level + 1, budget, out)
    else:
        if old:
            out.append(Piece("removed", old))
        if new:
            out.append(Piece("added", new))


def _merged(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].op == piece.op:
            merged[-1] = Piece(piece.op, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def diff_words(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, keeping spaces and line breaks."""
    pieces: list[Piece] = []
    _diff(old or "", new or "", 0, _Budget(TOTAL_BUDGET), pieces)
    return _merged(pieces)


def old_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "added")


def new_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "removed")
