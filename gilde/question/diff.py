"""Field-by-field comparison of two texts, word by word. Plain Python, no Django."""

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same in both versions, or was removed or added."""

    op: str  # "same" | "removed" | "added"
    text: str


def diff_words(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, keeping spaces and line breaks."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces


def old_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "added")


def new_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "removed")
