"""The CoP's home and member labels in Dutch: plurals that agree, no brackets within brackets."""

import re

from django.urls import reverse

from gilde.communities.models import Focus, Membership, Role
from tests.factories import MembershipFactory, UserFactory


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_facilitators_role_label_can_stand_in_brackets(cop, facilitator):
    membership = Membership.objects.get(user=facilitator)
    assert membership.role_label == "Facilitator, inhoud"
    assert "(" not in membership.role_label


def test_the_home_counts_in_singular_and_plural(client, cop, initiator, facilitator):
    MembershipFactory(community=cop, user=UserFactory(), role=Role.FACILITATOR, focus=Focus.PROCESS)
    cop.duration_months, cop.cadence_weeks = 1, 1
    cop.save()
    client.force_login(initiator)
    text = _text(client.get(reverse("communities:detail", args=[cop.slug])))
    assert "(1 maand), elke week een bijeenkomst" in text
    assert "Initiatiefnemer (1)" in text and "Facilitators (2)" in text
    assert "Facilitator (2)" not in text


def test_recipients_of_a_comment_request_have_one_pair_of_brackets(client, cop, facilitator):
    ruben = UserFactory(name="Ruben Proces")
    MembershipFactory(community=cop, user=ruben, role=Role.FACILITATOR, focus=Focus.PROCESS)
    client.force_login(facilitator)
    text = _text(client.get(reverse("question:request_comments", args=[cop.slug])))
    assert "Ruben Proces (facilitator, proces)" in text
    assert not re.search(r"\([^()]*\([^()]*\)\)", text)
