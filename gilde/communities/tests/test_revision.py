"""A CoP's revision rises with every write to its data, and the cached step rail follows it."""

import re

from django.urls import reverse

from gilde.communities.models import Community
from gilde.meetings.models import AgendaItem, Meeting
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS
from tests.factories import UserFactory


def _revision(cop) -> int:
    return Community.objects.get(pk=cop.pk).revision


def test_a_write_in_the_cop_raises_its_revision_and_not_another_cops(cop, outsider):
    other = Community.objects.get(slug="andere")
    before, other_before = _revision(cop), other.revision
    Meeting.objects.create(
        community=cop, title="Start", starts_at="2026-12-01T13:00+01:00", duration_minutes=180
    )
    assert _revision(cop) == before + 1
    assert Community.objects.get(pk=other.pk).revision == other_before


def test_a_child_without_its_own_community_raises_its_parents_cop(cop):
    meeting = Meeting.objects.create(
        community=cop, title="Start", starts_at="2026-12-01T13:00+01:00", duration_minutes=180
    )
    before = _revision(cop)
    item = AgendaItem.objects.create(
        meeting=meeting, position=0, title="Check-in", duration_minutes=15
    )
    assert _revision(cop) == before + 1
    item.delete()
    assert _revision(cop) == before + 2


def test_a_profile_change_raises_the_persons_cops_but_a_login_does_not(client, participant, cop):
    before = _revision(cop)
    client.force_login(participant)  # saves last_login only
    assert _revision(cop) == before
    participant.discipline = "Bedrijfskunde"
    participant.save()
    assert _revision(cop) == before + 1
    UserFactory(email="nieuw@example.org")  # belongs to no CoP
    assert _revision(cop) == before + 1


def _page(response) -> str:
    """The page without what differs per request (the CSP nonce, the CSRF token)."""
    page = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    page = re.sub(r'"X-CSRFToken": "[^"]*"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_the_home_rail_is_cached_until_the_cops_data_changes(
    client, facilitator, cop, django_assert_max_num_queries
):
    client.force_login(facilitator)
    home = reverse("communities:detail", args=[cop.slug])
    first = _page(client.get(home))
    # The rail's signals and the "begin here" list are not computed again; what is left is the
    # viewer's own part of the home (the "now" panel, recent activity), see test_home.py.
    with django_assert_max_num_queries(15):
        assert _page(client.get(home)) == first
    question_services.question_save(
        community=cop,
        actor=facilitator,
        revision=0,
        note="",
        **dict.fromkeys(SHEET_FIELDS, "Hoe maken we inkoop circulair?"),
    )
    assert _page(client.get(home)) != first  # step 1 moved on at once
