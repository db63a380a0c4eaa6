"""The CoP's home per role: the "now" panel (each person's own items, nobody else's), recent
activity as the viewer may see it, "begin here", the compact rail, and the query budget."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities import services
from gilde.communities.models import Application, Focus, Role
from gilde.communities.now import NowItem, Urgency, now_items, now_provider
from gilde.core.audit import audit_log
from gilde.meetings.models import AgendaItem, Attendance, EvaluationSubmission, Meeting, Rsvp
from gilde.question import services as question_services
from gilde.question.models import SHEET_FIELDS
from tests.factories import MembershipFactory, UserFactory


def _home(client, cop) -> str:
    return client.get(reverse("communities:detail", args=[cop.slug])).content.decode()


def _now(page: str) -> str:
    return page.split('data-section="now"', 1)[1].split("</section>", 1)[0]


def _kinds(page: str) -> list[str]:
    return re.findall(r'data-kind="([a-z_]+)"', _now(page))


def _meeting(cop, starts_in: timedelta, **fields) -> Meeting:
    return Meeting.objects.create(
        community=cop,
        title=fields.pop("title", "Bijeenkomst 2"),
        starts_at=timezone.now() + starts_in,
        duration_minutes=fields.pop("duration_minutes", 180),
        place=fields.pop("place", "Het Pakhuis"),
        **fields,
    )


@pytest.fixture
def next_meeting(cop):
    meeting = _meeting(cop, timedelta(days=5))
    AgendaItem.objects.create(meeting=meeting, title="Check-in", duration_minutes=15)
    return meeting


@pytest.fixture
def evaluated(cop):
    """A meeting that ended an hour ago: its evaluation is open."""
    return _meeting(cop, -timedelta(hours=4), title="Bijeenkomst 1")


def test_a_participant_sees_the_next_meeting_with_rsvp_buttons_and_the_open_evaluation(
    client, personas, cop, next_meeting, evaluated
):
    client.force_login(personas["participant"])
    page = _home(client, cop)
    assert _kinds(page) == ["evaluation", "meeting"]  # the deadline first
    now = _now(page)
    assert "Het Pakhuis" in now and "het programma heeft 1 onderdeel" in now
    assert reverse("meetings:rsvp", args=[cop.slug, next_meeting.pk]) in now
    assert reverse("meetings:evaluate", args=[cop.slug, evaluated.pk]) in now
    assert "Bereid" not in now and "aanmelding" not in now


def test_answering_from_the_home_saves_and_comes_back_home(client, participant, cop, next_meeting):
    client.force_login(participant)
    home = reverse("communities:detail", args=[cop.slug])
    response = client.post(
        reverse("meetings:rsvp", args=[cop.slug, next_meeting.pk]),
        {"response": Rsvp.YES, "next": home},
    )
    assert response.status_code == 302 and response["Location"] == home
    assert Attendance.objects.get(meeting=next_meeting).response == Rsvp.YES
    assert 'aria-pressed="true">Ik kom<' in _home(client, cop)
    # An address elsewhere is not followed.
    response = client.post(
        reverse("meetings:rsvp", args=[cop.slug, next_meeting.pk]),
        {"response": Rsvp.NO, "next": "https://evil.example.org/"},
    )
    assert response["Location"] == reverse("meetings:detail", args=[cop.slug, next_meeting.pk])


def test_an_answered_evaluation_and_a_missed_meeting_ask_nothing(
    client, participant, cop, evaluated
):
    membership = cop.memberships.get(user=participant)
    EvaluationSubmission.objects.create(meeting=evaluated, membership=membership)
    client.force_login(participant)
    assert "evaluation" not in _kinds(_home(client, cop))


def test_an_observer_sees_the_meeting_but_no_buttons_and_no_evaluation(
    client, personas, cop, next_meeting, evaluated
):
    client.force_login(personas["observer"])
    page = _home(client, cop)
    assert _kinds(page) == ["meeting"]
    assert reverse("meetings:rsvp", args=[cop.slug, next_meeting.pk]) not in page


def test_a_facilitator_is_asked_to_prepare_and_to_decide_on_applications(
    client, personas, cop, next_meeting
):
    Application.objects.create(
        community=cop, user=personas["outsider"], motivation="Graag doe ik mee met jullie."
    )
    client.force_login(personas["facilitator"])
    kinds = _kinds(_home(client, cop))
    assert {"meeting", "prepare", "applications"} <= set(kinds)
    client.force_login(personas["participant"])
    kinds = _kinds(_home(client, cop))
    assert "prepare" not in kinds and "applications" not in kinds


def test_a_request_for_comments_shows_only_to_whom_it_was_asked(
    client, personas, cop, django_capture_on_commit_callbacks
):
    facilitator, participant = personas["facilitator"], personas["participant"]
    other = UserFactory(name="Greet Groep")
    MembershipFactory(community=cop, user=other, role=Role.PARTICIPANT)
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    with django_capture_on_commit_callbacks(execute=True):
        question_services.comments_request(
            community=cop,
            actor=facilitator,
            recipients=[cop.memberships.get(user=participant)],
        )
    client.force_login(participant)
    assert "comment_request" in _kinds(_home(client, cop))
    client.force_login(other)
    assert "comment_request" not in _kinds(_home(client, cop))
    # Answering takes it off the home.
    client.force_login(participant)
    version = cop.question_versions.get()
    client.post(
        reverse("question:version", args=[cop.slug, version.number]), {"body": "Helder zo."}
    )
    assert "comment_request" not in _kinds(_home(client, cop))


def test_nothing_of_another_cop_shows(client, personas, cop, outsider):
    other_cop = outsider.memberships.get().community
    _meeting(other_cop, timedelta(days=3), title="Elders")
    client.force_login(personas["participant"])
    assert "Elders" not in _home(client, cop)


def test_items_are_sorted_by_urgency_and_a_provider_can_be_added(rf, cop, participant):
    from gilde.communities.access import community_access

    @now_provider(order=99)
    def extra(request, access):
        return [NowItem(kind="extra", title="Dringend", urgency=Urgency.DUE)]

    try:
        items = now_items(rf.get("/"), community_access(participant, cop))
        assert items[0].kind == "extra"
    finally:
        from gilde.communities import now

        now._PROVIDERS[:] = [(o, f) for o, f in now._PROVIDERS if f is not extra]


# Recent activity


def test_the_runners_see_the_audit_log_the_others_only_the_groups_work(client, personas, cop):
    facilitator = personas["facilitator"]
    audit_log(community=cop, actor=facilitator, action="candidate.added", name="Geheime Kandidaat")
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    client.force_login(facilitator)
    page = _home(client, cop)
    assert "Geheime Kandidaat" in page
    for persona in ("participant", "observer"):
        client.force_login(personas[persona])
        page = _home(client, cop)
        activity = page.split('data-section="activity"', 1)[1].split("</section>", 1)[0]
        assert "Geheime Kandidaat" not in activity
        assert "versie 1 van het vraagstuk" in activity
    # The observer does not read the member list: the actor appears by role only.
    assert facilitator.name not in activity
    assert "Facilitator" in activity


def test_a_run_of_one_action_is_folded_into_one_line(client, facilitator, cop):
    for text in ("Een", "Twee", "Drie"):
        question_services.yield_add(community=cop, actor=facilitator, level="field", text=text)
    client.force_login(facilitator)
    page = _home(client, cop)
    assert "(en nog 2 zoals deze)" in page


# Begin here


def test_begin_here_ticks_itself_off_and_disappears(client, initiator, cop):
    client.force_login(initiator)
    page = _home(client, cop)
    assert 'id="begin-here"' in page
    assert "0 van 5 klaar" in page
    question_services.question_save(
        community=cop, actor=initiator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe?")
    )
    assert "1 van 5 klaar" in _home(client, cop)
    question_services.yield_add(community=cop, actor=initiator, level="field", text="Norm")
    for focus in (Focus.CONTENT, Focus.PROCESS):
        MembershipFactory(community=cop, user=UserFactory(), role=Role.FACILITATOR, focus=focus)
    MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
    _meeting(cop, timedelta(days=30))
    assert 'id="begin-here"' not in _home(client, cop)


def test_only_those_who_set_up_the_cop_see_begin_here(client, participant, cop):
    client.force_login(participant)
    assert 'id="begin-here"' not in _home(client, cop)


def test_a_new_cop_says_to_begin_with_the_question(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("communities:create"),
        {
            "name": "Nieuw",
            "description": "Waar het om gaat.",
            "policy": "closed",
            "start_date": "2026-03-02",
            "duration_months": 18,
            "cadence_weeks": 6,
            "target_size": 20,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Begin met het vraagstuk" in page
    assert "Nodig de facilitators en deelnemers uit" not in page


# The rail and the step pages


def test_the_rail_has_one_line_for_a_phone(client, facilitator, cop):
    client.force_login(facilitator)
    page = _home(client, cop)
    assert '<details class="step-rail-compact">' in page
    assert "Stap 1 van 8 · Nog niet begonnen" in page


def test_step_pages_link_to_the_previous_and_next_step(client, participant, cop):
    client.force_login(participant)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 1])).content.decode()
    assert reverse("guide:cop_step", args=[cop.slug, 2]) + '"' in page
    assert 'rel="prev"' not in page
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 8])).content.decode()
    assert 'rel="next"' not in page and 'rel="prev"' in page
    assert "Stap 8 van 8" in page


def test_the_home_shows_the_current_version_of_the_question(client, participant, cop):
    facilitator = UserFactory()
    question_services.question_save(
        community=cop, actor=facilitator, revision=0, **dict.fromkeys(SHEET_FIELDS, "Hoe eerst?")
    )
    question_services.question_save(
        community=cop, actor=facilitator, revision=1, **dict.fromkeys(SHEET_FIELDS, "Hoe nu?")
    )
    client.force_login(participant)
    page = _home(client, cop)
    section = page.split('data-section="question"', 1)[1].split("</section>", 1)[0]
    assert "Hoe nu?" in section and "Hoe eerst?" not in section
    assert "Versie 2" in section


# The query budget: flat, whatever the number of members, meetings and items.


def _fill(cop, *, members: int, meetings: int) -> None:
    for _ in range(members):
        MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
    for index in range(meetings):
        meeting = _meeting(cop, timedelta(days=index * 42 - meetings * 21), title=f"B {index}")
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, title=f"Item {n}", duration_minutes=20, position=n)
            for n in range(6)
        )
    for _ in range(meetings * 2):
        audit_log(community=cop, actor=None, action="meetings.scheduled", count=1, replaced=0)


@pytest.mark.parametrize(("members", "meetings"), [(5, 3), (50, 30)])
@pytest.mark.parametrize("persona", ["participant", "observer", "facilitator", "initiator"])
def test_the_home_stays_within_fifteen_queries(
    client, personas, cop, members, meetings, persona, django_assert_max_num_queries
):
    _fill(cop, members=members, meetings=meetings)
    Application.objects.create(community=cop, user=personas["outsider"], motivation="x" * 30)
    client.force_login(personas[persona])
    home = reverse("communities:detail", args=[cop.slug])
    # The first view after a change computes the rail (eight steps' signals and whether each has
    # data), "begin here" and the cached now items once; it does not grow with the CoP.
    with django_assert_max_num_queries(40):
        assert client.get(home).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(home).status_code == 200


def test_services_reach_the_home_through_the_revision(client, initiator, cop):
    client.force_login(initiator)
    assert "0 van 5 klaar" in _home(client, cop)
    services.community_update(community=cop, actor=initiator, name="Andere naam")
    assert "Andere naam" in _home(client, cop)
