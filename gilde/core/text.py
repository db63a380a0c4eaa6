"""Text as people type it, made safe to store and to show. Plain Python, no Django.

Single-line text (names, titles, places) goes into e-mail headers, calendar lines and audit
sentences, where a line break or another control character breaks the format or forges a line.
Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) turn the text around them
back to front on screen, so a name could make an audit line say something else; letters of
right-to-left scripts need none of them.
"""

import re

# C0 and C1 control characters (line breaks, tab, NUL, VT, ...) and Unicode's line separators.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE_JUNK = re.compile(f" *[{_CONTROLS}][{_CONTROLS} ]*")
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")
# In multi-line text line breaks and tabs stay; the other controls go.
_MULTI_LINE_JUNK = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def single_line(text: str) -> str:
    """`text` on one line: each run of control characters (with the spaces around it) becomes one
    space, and bidirectional overrides and isolates are dropped. Leading and trailing spaces
    stay (the caller strips)."""
    return _BIDI.sub("", _SINGLE_LINE_JUNK.sub(" ", text))


def multi_line(text: str) -> str:
    """`text` with its line breaks and tabs, without NUL, other control characters, or
    bidirectional overrides and isolates."""
    return _MULTI_LINE_JUNK.sub("", text)
