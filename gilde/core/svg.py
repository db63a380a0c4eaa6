"""What every server-rendered chart shares: numbers, text and the look.

Pure Python, no Django. SVG (like every machine-read format) reads a number with a decimal point
and without grouping: "50.2", never the Dutch "50,2". Charts therefore format their numbers here,
in Python, and never through a template, where Django would localise them. Every text a chart
draws goes through `svg_text`, which escapes it; that is what lets a view include the drawing as
markup (`gilde.core.safe_svg.safe_svg`).
"""

import math
import re
from html import escape

# The charts' shared look: presentation attributes, because the CSP forbids inline styles.
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
TEXT = "#1c2326"
MUTED = "#4d5a60"
GRID = "#b9c4c7"
SURFACE = "#f3f6f6"
PRIMARY = "#0b5d66"


def svg_number(value: float, places: int = 1) -> str:
    """`value` with at most `places` decimals, a decimal point, no trailing zeros: 50.2, 12, -3.5.

    A value that is not a finite number (a division by zero upstream) is drawn at 0 rather than
    written as "nan", which would break the whole drawing."""
    value = float(value)
    if not math.isfinite(value):
        value = 0.0
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# Characters XML 1.0 cannot carry (most control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def svg_text(value: object) -> str:
    """Text for an element or an attribute: escaped (quotes too), without the characters that
    would make the SVG ill-formed."""
    return escape(_NOT_XML.sub("", str(value)), quote=True)


def shorten(text: object, room: float, char_width: float) -> str:
    """`text` on one line, cut with an ellipsis to fit `room` pixels of characters about
    `char_width` wide."""
    chars = max(1, int(room // char_width))
    text = " ".join(str(text).split())
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"
