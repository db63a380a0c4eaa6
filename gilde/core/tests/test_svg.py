from hypothesis import given
from hypothesis import strategies as st

from gilde.core.svg import svg_number


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=0, max_value=3))
def test_svg_number_always_reads_as_a_plain_float(value, places):
    text = svg_number(value, places)
    assert "," not in text and "e" not in text.lower()
    float(text)


def test_svg_number_drops_trailing_zeros_and_keeps_a_decimal_point():
    values = (50.25, 12.0, -3.5, -0.01, 0)
    assert [svg_number(v) for v in values] == ["50.2", "12", "-3.5", "0", "0"]
    assert svg_number(float("nan")) == "0"
