"""The version comparison stays fast on any text, and compares each pair of versions once."""

import time

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from gilde.core import versioning
from gilde.core.diff import diff_words, new_text, old_text
from gilde.question import selectors, services
from gilde.question.models import SHEET_FIELDS

# Repetitive texts of 3,000 characters (the fields' limit) that kept the old word diff busy for
# minutes: the same word with a different separator, so nearly every word matches somewhere.
ADVERSARIAL = [
    ("a " * 1500, "a\t" * 1500),
    ("a " * 1500, "a  " * 1000),
    ("a b " * 750, "a  b  " * 500),
    ("a\n" * 1500, "a\n\n" * 1000),
    ("a. " * 1000, "a.  " * 750),
    # Blocks that each just fit a comparison's budget, between lines that differ.
    (
        "".join(f"x{i}\n" + "a " * 70 + "\n" for i in range(20))[:3000],
        "".join(f"x{i}\n" + "a\t" * 70 + "\n" for i in range(20))[:3000],
    ),
]


@pytest.mark.parametrize(("old", "new"), ADVERSARIAL)
def test_adversarial_text_is_compared_in_well_under_a_second(old, new):
    start = time.perf_counter()
    pieces = diff_words(old, new)
    assert time.perf_counter() - start < 0.3
    assert old_text(pieces) == old
    assert new_text(pieces) == new


def test_a_small_change_in_a_long_text_is_still_marked_word_by_word():
    text = "Hoe versnellen we samen de circulaire economie in de regio? " * 40
    pieces = diff_words(text, text.replace("samen", "met elkaar", 1))
    changed = [(piece.op, piece.text) for piece in pieces if piece.op != "same"]
    assert changed == [("removed", "samen"), ("added", "met elkaar")]


@settings(max_examples=200)
@given(
    st.text(alphabet="ab .\n\t", max_size=400),
    st.text(alphabet="ab .\n\t", max_size=400),
)
def test_diff_of_repetitive_text_reconstructs_both_texts(old, new):
    pieces = diff_words(old, new)
    assert old_text(pieces) == old
    assert new_text(pieces) == new


def _versions(cop, initiator, old: str, new: str):
    for revision, text in enumerate((old, new)):
        services.question_save(
            community=cop, actor=initiator, revision=revision, **dict.fromkeys(SHEET_FIELDS, text)
        )
    return cop.question_versions.order_by("number")


def test_compare_page_with_adversarial_text_in_every_field_answers_within_seconds(
    client, initiator, observer, cop
):
    old, new = ADVERSARIAL[-1]
    _versions(cop, initiator, old, new)
    client.force_login(observer)
    start = time.perf_counter()
    response = client.get(reverse("question:compare", args=[cop.slug]), {"a": 1, "b": 2})
    # The unbounded diff took minutes on this text; the bound keeps it well under a second on a
    # quiet machine. The limit leaves room for a busy CI machine: it catches minutes, not jitter.
    assert time.perf_counter() - start < 5
    assert response.status_code == 200


def test_the_comparison_of_two_versions_is_computed_once(initiator, cop, monkeypatch):
    older, newer = _versions(cop, initiator, "Hoe werken we samen?", "Hoe werken we beter samen?")
    labels = selectors.sheet_labels()
    first = versioning.version_diff(older, newer, labels)
    calls = []
    monkeypatch.setattr(versioning, "diff_words", lambda *args: calls.append(args))
    assert versioning.version_diff(older, newer, labels) == first
    assert calls == []
