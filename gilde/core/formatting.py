"""How numbers read in running text: one place decides, for every page, e-mail and export.

A percentage is the number in the reader's language (a decimal comma in Dutch) followed by "%"
without a space, in both languages: "70%", "33,3%". Numbers in SVG or other machine-read output
never go through here: see `gilde.core.svg`.
"""

from django.utils import formats


def percent(value: float | None, places: int = 0) -> str:
    """`value` (already a percentage, 0–100) for running text: "70%", "33,3%" in Dutch.

    A whole number drops its decimals ("50%", not "50,0%"); None gives an empty string."""
    if value is None or value == "":
        return ""
    number = round(float(value), places)
    if number == int(number):
        places = 0
    return f"{formats.number_format(number, places, use_l10n=True)}%"


def share_percent(part: float, whole: float, places: int = 0) -> str:
    """`part` of `whole` as a percentage for running text; an empty string when `whole` is 0."""
    return percent(100 * part / whole, places) if whole else ""


def number(value: float | int | None) -> str:
    """A number for running text in the reader's language: "4,0" in Dutch, "4.0" in English;
    None gives an empty string."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, use_l10n=True)
