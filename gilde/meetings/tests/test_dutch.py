"""Meeting pages in Dutch: a verb that agrees with one answer, lower-case day names mid-sentence."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone

from gilde.communities.models import Membership, Role
from gilde.meetings import services
from gilde.meetings.models import Meeting
from tests.factories import MembershipFactory, UserFactory

TITLE_CASE_MONTH = re.compile(r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b")
CAPITALISED_DAY = re.compile(r"[a-z,] (Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag)")


def _just_held(cop):
    return Meeting.objects.create(
        community=cop,
        title="Bijeenkomst 3",
        starts_at=timezone.now() - timedelta(hours=3),
        duration_minutes=120,
    )


def test_one_answer_is_one_who_has_answered_and_days_are_lower_case(
    client, cop, facilitator, participant
):
    meeting = _just_held(cop)
    value, take, _need = services.evaluation_questions_for(cop)
    services.evaluation_submit(
        meeting=meeting,
        membership=Membership.objects.get(user=participant),
        answers=[(value, 4, ""), (take, None, "Goed gesprek")],
    )
    client.force_login(facilitator)
    page = client.get(reverse("meetings:detail", args=[cop.slug, meeting.pk])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert re.search(r"\b1 van de \d+ heeft geantwoord", text), text
    assert "hebben geantwoord" not in text
    days = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    assert re.search(rf"De evaluatie staat open tot ({days}) ", text)
    assert not CAPITALISED_DAY.search(text)


def test_the_trend_chart_writes_dutch_month_abbreviations_in_lower_case(client, cop, facilitator):
    meeting = _just_held(cop)
    value, _take, _need = services.evaluation_questions_for(cop)
    for _ in range(5):
        membership = MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
        services.evaluation_submit(meeting=meeting, membership=membership, answers=[(value, 4, "")])
    client.force_login(facilitator)
    page = client.get(reverse("meetings:evaluation_trend", args=[cop.slug])).content.decode()
    day_month = formats.date_format(timezone.localtime(meeting.starts_at), "j N")
    assert day_month == day_month.lower() and f">{day_month}<" in page
    assert not TITLE_CASE_MONTH.search(page)
