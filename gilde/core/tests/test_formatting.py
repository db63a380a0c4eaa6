from django.template import Context, Template
from django.utils import translation

from gilde.core.formatting import percent, share_percent


def test_a_percentage_has_no_space_and_a_decimal_comma_in_dutch():
    with translation.override("nl"):
        assert [percent(70), percent(33.333, 1), percent(50.0, 1), percent(None)] == [
            "70%",
            "33,3%",
            "50%",
            "",
        ]
        assert share_percent(1, 3) == "33%" and share_percent(1, 0) == ""
    with translation.override("en"):
        assert percent(33.333, 1) == "33.3%"


def test_the_template_filter_writes_percentages_the_same_way():
    template = Template(
        "{% load gilde_format %}{{ a|percent }} {{ b|percent:1 }} [{{ c|percent }}]"
    )
    with translation.override("nl"):
        assert template.render(Context({"a": 70, "b": 12.25, "c": "x"})) == "70% 12,2% []"
