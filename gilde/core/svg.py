"""Numbers for server-rendered SVG, written the same way in every language.

Pure Python, no Django. SVG (like every machine-read format) reads a number with a decimal point
and without grouping: "50.2", never the Dutch "50,2". Charts therefore format their numbers here,
in Python, and never through a template, where Django would localise them.
"""

import math

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
