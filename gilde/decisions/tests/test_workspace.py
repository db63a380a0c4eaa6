"""Step 5's page: the workspace with the ownership trend from meetings, signals, the home section,
learning questions in view, and the poll page's query budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities import shared_questions
from gilde.communities.readiness import SignalStatus, step_signals
from gilde.decisions import services
from gilde.decisions.models import Ballot, BallotEntry, Participation, PollKind, TakenBy
from gilde.meetings.models import AgendaItem, Meeting, MeetingStatus
from tests.factories import MembershipFactory, UserFactory

from .conftest import membership


def test_the_step_page_shows_the_workspace_and_the_ownership_trend(
    client, cop, participant, facilitator, make_poll
):
    meeting = Meeting.objects.create(
        community=cop,
        title="Gehouden",
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=60,
        status=MeetingStatus.HELD,
    )
    AgendaItem.objects.create(
        meeting=meeting,
        title="Casus",
        duration_minutes=30,
        led_by=cop.memberships.get(user=participant),
    )
    poll = make_poll(facilitator, title="Open peiling")
    client.force_login(participant)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "Wie leidt de bijeenkomsten" in page and "<svg" in page  # meetings' panel
    assert "Hoe de groep besluit" in page and "Open peiling" in page
    assert reverse("decisions:poll", args=[cop.slug, poll.pk]) in page
    assert "Leervragen in beeld" in page


def test_observers_see_the_step_but_not_the_polls_unless_allowed(
    client, cop, observer, facilitator, make_poll
):
    make_poll(facilitator, title="Open peiling")
    client.force_login(observer)
    page = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "Open peiling" not in page and "Hoe de groep besluit" not in page


def test_shared_learning_questions_show_where_the_learning_app_shares_them(
    client, cop, participant, facilitator
):
    piet = cop.memberships.get(user=participant)

    def provider(access):
        return [shared_questions.SharedQuestion(piet, "Hoe betrek ik inkopers?")]

    shared_questions.register_shared_questions(provider)
    try:
        meeting = Meeting.objects.create(
            community=cop,
            title="Volgende",
            starts_at=timezone.now() + timedelta(days=5),
            duration_minutes=60,
        )
        client.force_login(facilitator)
        step = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
        prepare = client.get(
            reverse("meetings:prepare", args=[cop.slug, meeting.pk])
        ).content.decode()
        for page in (step, prepare):
            assert "Hoe betrek ik inkopers?" in page and "Piet Deelnemer" in page
    finally:
        shared_questions._PROVIDERS.remove(provider)


def test_the_signals_of_step_5(cop, participant, facilitator):
    def status():
        return {s.key: s.status for s in step_signals(cop, 5)}

    assert status()["agreements_by_the_group"] == SignalStatus.NOT_MET
    assert status()["group_decides"] == SignalStatus.NOT_APPLICABLE
    services.agreements_save(community=cop, actor=facilitator, revision=0, text="Afspraak")
    assert status()["agreements_by_the_group"] == SignalStatus.NOT_MET  # a facilitator's text
    services.agreements_save(community=cop, actor=participant, revision=1, text="Afspraak 2")
    assert status()["agreements_by_the_group"] == SignalStatus.MET
    held = [
        Meeting.objects.create(
            community=cop,
            title=f"B{n}",
            starts_at=timezone.now() - timedelta(days=10 * (n + 1)),
            duration_minutes=60,
            status=MeetingStatus.HELD,
        )
        for n in range(4)
    ]
    assert status()["group_decides"] == SignalStatus.NOT_MET
    for _ in range(2):
        services.decision_record(
            community=cop,
            actor=membership(cop, facilitator),
            statement="Ja",
            taken_by=TakenBy.GROUP,
            decided_on=timezone.localdate(),
        )
    assert status()["group_decides"] == SignalStatus.MET  # 2 per 4 meetings
    assert status()["participants_take_roles"] == SignalStatus.NOT_MET
    role = services.roles_ensure(community=cop)[0]
    services.role_assign(
        community=cop,
        meeting_id=held[0].pk,
        role=role,
        membership=membership(cop, participant),
        actor=membership(cop, facilitator),
    )
    assert status()["participants_take_roles"] == SignalStatus.MET  # 1 of 1 participant
    assert status()["feedback_in_use"] == SignalStatus.NOT_MET
    services.feedback_ask(
        community=cop,
        asker=membership(cop, participant),
        subject="case",
        about="x",
        question="y",
        writers=[membership(cop, facilitator)],
    )
    assert status()["feedback_in_use"] == SignalStatus.MET


def test_the_home_counts_polls_to_vote_in(client, cop, participant, facilitator, make_poll):
    poll = make_poll(facilitator)
    client.force_login(participant)
    page = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    assert "Wacht op jou" in page and "1 peiling wacht op je stem" in page
    services.poll_vote(
        poll=poll, membership=membership(cop, participant), vote={"response": "agree"}
    )
    page = client.get(reverse("communities:detail", args=[cop.slug])).content.decode()
    assert "wacht op je stem" not in page


def _ballots(poll, members, count):
    options = list(poll.options.all())
    for number in range(count):
        ballot = Ballot.objects.create(poll=poll, membership=members[number] if members else None)
        Participation.objects.create(poll=poll, membership=members[number] if members else None)
        BallotEntry.objects.bulk_create(
            BallotEntry(ballot=ballot, option=option, value=1 + (number + i) % 5)
            for i, option in enumerate(options)
        )


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("kind", [PollKind.SCORE, PollKind.RANKED])
def test_the_poll_page_stays_within_its_query_budget(
    client, cop, participant, facilitator, count, kind, django_assert_max_num_queries
):
    members = [
        MembershipFactory(community=cop, user=UserFactory(), role="participant")
        for _ in range(count)
    ]
    meeting = Meeting.objects.create(
        community=cop, title="B", starts_at=timezone.now() + timedelta(days=3), duration_minutes=60
    )
    poll = services.poll_create(
        community=cop,
        author=membership(cop, facilitator),
        kind=kind,
        title="Groot",
        options=["A", "B", "C", "D"],
        closes_at=timezone.now() + timedelta(days=2),
        meeting_id=meeting.pk,
        notify=False,
    )
    if kind == PollKind.RANKED:
        options = list(poll.options.all())
        for number, member in enumerate(members):
            ballot = Ballot.objects.create(poll=poll, membership=member)
            Participation.objects.create(poll=poll, membership=member)
            BallotEntry.objects.bulk_create(
                BallotEntry(ballot=ballot, option=options[(number + i) % 4], value=i + 1)
                for i in range(3)
            )
    else:
        _ballots(poll, members, count)
    client.force_login(participant)
    url = reverse("decisions:poll", args=[cop.slug, poll.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200 and f"{count} van" in response.content.decode()
    services.poll_close(poll=poll, actor=membership(cop, facilitator))
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_guidance_names_the_decision_log_and_links_to_it(client, cop, participant, observer):
    client.force_login(participant)
    html = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "de uitkomst komt in het besluitenlog" in html
    assert f'href="{reverse("decisions:log", args=[cop.slug])}"' in html
    assert f'href="{reverse("decisions:feedback", args=[cop.slug])}"' in html
    assert f'href="{reverse("decisions:roles", args=[cop.slug])}"' in html
    client.force_login(observer)
    html = client.get(reverse("guide:cop_step", args=[cop.slug, 5])).content.decode()
    assert "de uitkomst komt in het besluitenlog" in html  # the sentence, for everyone
    assert f'href="{reverse("decisions:feedback", args=[cop.slug])}"' not in html
