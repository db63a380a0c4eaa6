import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gilde.communities.models import Focus, Membership, Role
from gilde.communities.readiness import SignalStatus, step_signals
from gilde.meetings import services
from gilde.meetings.models import (
    AgendaItem,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    FacilitationMode,
    Meeting,
    MeetingFacilitator,
    MeetingSettings,
    MeetingStatus,
    QuestionKind,
)
from tests.factories import MembershipFactory, UserFactory


def _meeting(cop, days, status=MeetingStatus.PLANNED, title=None):
    return Meeting.objects.create(
        community=cop,
        title=title or f"Bijeenkomst {days}",
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=120,
        status=status,
    )


def _signal(cop, step, key):
    return next(s for s in step_signals(cop, step) if s.key == key)


@pytest.fixture
def group(cop, initiator, facilitator, participant, observer):
    """Four more participants, so a rotation has people to spread turns over."""
    for _index in range(4):
        MembershipFactory(community=cop, user=UserFactory(), role=Role.PARTICIPANT)
    return cop


# The facilitation page


def test_facilitation_page_statuses(client, personas, cop):
    url = reverse("meetings:facilitation", kwargs={"slug": cop.slug})
    expected = {
        "anonymous": 302,
        "outsider": 404,
        "participant": 403,
        "observer": 403,
        "facilitator": 200,
        "initiator": 200,
    }
    for name, user in personas.items():
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url).status_code == expected[name], name


def test_rotation_is_previewed_then_saved(client, initiator, group):
    meetings = [_meeting(group, d) for d in (7, 21, 35, 49, 63, 77)]
    held = _meeting(group, -14, MeetingStatus.HELD)
    client.force_login(initiator)
    url = reverse("meetings:facilitation", kwargs={"slug": group.slug})
    data = {"mode": FacilitationMode.ROTATION_ALL, "seed": "3"}
    preview = client.post(url, {**data, "preview": "1"})
    assert preview.status_code == 200
    assert b"Preview" in preview.content or b"Voorbeeld" in preview.content
    assert not MeetingFacilitator.objects.exists()  # nothing saved before confirming
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    settings = MeetingSettings.objects.get(community=group)
    assert settings.facilitation_mode == FacilitationMode.ROTATION_ALL
    for meeting in meetings:
        assert meeting.facilitators.count() == 2
    assert not held.facilitators.exists()
    # Observers never facilitate; turns of the seven people differ by at most one.
    turns = list(MeetingFacilitator.objects.values_list("membership__role", flat=True))
    assert Role.OBSERVER not in turns


def test_core_group_rotation_uses_only_the_core_group(client, initiator, group):
    meetings = [_meeting(group, d) for d in (7, 21, 35)]
    core = list(group.memberships.filter(role=Role.PARTICIPANT)[:3])
    client.force_login(initiator)
    url = reverse("meetings:facilitation", kwargs={"slug": group.slug})
    client.post(
        url,
        {
            "mode": FacilitationMode.ROTATION_CORE,
            "core_group": [m.pk for m in core],
            "seed": "0",
            "confirm": "1",
        },
    )
    used = set(
        MeetingFacilitator.objects.filter(meeting__in=meetings).values_list("membership", flat=True)
    )
    assert used == {m.pk for m in core}
    assert set(MeetingSettings.objects.get(community=group).core_group.all()) == set(core)


def test_a_core_group_of_one_is_refused(client, initiator, group):
    _meeting(group, 7)
    client.force_login(initiator)
    url = reverse("meetings:facilitation", kwargs={"slug": group.slug})
    one = group.memberships.filter(role=Role.PARTICIPANT).first()
    response = client.post(
        url, {"mode": FacilitationMode.ROTATION_CORE, "core_group": [one.pk], "confirm": "1"}
    )
    assert response.status_code == 200
    assert not MeetingFacilitator.objects.exists()


def test_a_fixed_pair_facilitates_the_coming_meetings(client, initiator, facilitator, group):
    future = _meeting(group, 7)
    content = Membership.objects.get(user=facilitator)
    process = Membership.objects.get(user=initiator)
    client.force_login(initiator)
    url = reverse("meetings:facilitation", kwargs={"slug": group.slug})
    response = client.post(
        url,
        {"mode": FacilitationMode.PAIR, "content": content.pk, "process": process.pk, "seed": 0},
    )
    assert response.status_code == 302
    assert set(future.facilitators.values_list("membership", "focus")) == {
        (content.pk, "content"),
        (process.pk, "process"),
    }


def test_facilitators_of_one_meeting_are_editable(client, initiator, participant, group):
    meeting = _meeting(group, 7)
    piet = Membership.objects.get(user=participant)
    alice = Membership.objects.get(user=initiator)
    client.force_login(initiator)
    url = reverse("meetings:meeting_facilitators", kwargs={"slug": group.slug, "pk": meeting.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"first": piet.pk, "first_focus": "content", "second": alice.pk, "second_focus": "process"},
    )
    assert response.status_code == 302
    assert meeting.facilitators.count() == 2
    same = client.post(url, {"first": piet.pk, "second": piet.pk})
    assert same.status_code == 200
    assert meeting.facilitators.count() == 2


def test_meeting_facilitators_statuses(client, personas, cop):
    meeting = _meeting(cop, 7)
    url = reverse("meetings:meeting_facilitators", kwargs={"slug": cop.slug, "pk": meeting.pk})
    expected = {"anonymous": 302, "outsider": 404, "participant": 403, "observer": 403}
    for name, status in expected.items():
        client.logout()
        if personas[name]:
            client.force_login(personas[name])
        assert client.get(url).status_code == status, name


# Step 4's signal


def test_step_4_signal_with_a_fixed_pair(cop, facilitator):
    assert _signal(cop, 4, "facilitation_arranged").status == SignalStatus.NOT_MET
    MembershipFactory(community=cop, role=Role.FACILITATOR, focus=Focus.PROCESS)
    assert _signal(cop, 4, "facilitation_arranged").status == SignalStatus.MET


def test_step_4_signal_with_a_rotation(cop, initiator, participant):
    MeetingSettings.objects.create(community=cop, facilitation_mode=FacilitationMode.ROTATION_ALL)
    assert _signal(cop, 4, "facilitation_arranged").status == SignalStatus.NOT_MET  # no meetings
    past = _meeting(cop, -7, MeetingStatus.HELD)
    first, second = _meeting(cop, 7), _meeting(cop, 21)
    pair = list(cop.memberships.all()[:2])
    for meeting in (first,):
        for member in pair:
            MeetingFacilitator.objects.create(meeting=meeting, membership=member)
    assert _signal(cop, 4, "facilitation_arranged").status == SignalStatus.NOT_MET
    for member in pair:
        MeetingFacilitator.objects.create(meeting=second, membership=member)
    assert _signal(cop, 4, "facilitation_arranged").status == SignalStatus.MET
    assert not past.facilitators.exists()  # past meetings need none


def test_step_4_workspace_shows_the_facilitation_to_every_member(client, observer, cop):
    meeting = _meeting(cop, 7, title="Volgende keer")
    client.force_login(observer)
    response = client.get(reverse("guide:cop_step", kwargs={"slug": cop.slug, "number": 4}))
    assert response.status_code == 200
    assert b"Volgende keer" in response.content
    assert reverse("meetings:facilitation", kwargs={"slug": cop.slug}).encode() not in (
        response.content
    )
    assert meeting.pk


# Step 5's ownership signal


def test_ownership_does_not_apply_before_a_held_meeting_with_an_agenda(cop):
    _meeting(cop, -7, MeetingStatus.HELD)
    assert _signal(cop, 5, "participants_lead").status == SignalStatus.NOT_APPLICABLE


def test_ownership_share_of_participant_led_items(cop, participant, facilitator):
    piet = Membership.objects.get(user=participant)
    fenna = Membership.objects.get(user=facilitator)
    held = _meeting(cop, -7, MeetingStatus.HELD)
    planned = _meeting(cop, 7)
    for index, leader in enumerate([piet, fenna, fenna, fenna, None]):
        AgendaItem.objects.create(
            meeting=held, title=str(index), duration_minutes=5, led_by=leader, position=index
        )
    # Planned meetings do not count, however participant-led.
    AgendaItem.objects.create(meeting=planned, title="x", duration_minutes=5, led_by=piet)
    signal = _signal(cop, 5, "participants_lead")
    assert signal.status == SignalStatus.NOT_MET  # 1 of 5: 20 %
    assert "20" in signal.explanation
    AgendaItem.objects.create(meeting=held, title="y", duration_minutes=5, led_by=piet)
    assert _signal(cop, 5, "participants_lead").status == SignalStatus.MET  # 2 of 6: 33 %


def test_facilitation_page_shows_the_ownership_trend(client, initiator, participant, cop):
    held = _meeting(cop, -7, MeetingStatus.HELD, title="Vorige")
    AgendaItem.objects.create(
        meeting=held,
        title="x",
        duration_minutes=5,
        led_by=Membership.objects.get(user=participant),
    )
    client.force_login(initiator)
    response = client.get(reverse("meetings:facilitation", kwargs={"slug": cop.slug}))
    assert b"<svg" in response.content
    assert b"100%" in response.content and b"100 %" not in response.content


# The preparation page


@pytest.fixture
def evaluated(cop, initiator):
    """A held meeting whose (named) evaluation five participants answered and that closed, and
    the next meeting to prepare."""
    MeetingSettings.objects.create(community=cop, named_evaluations=True)
    previous = _meeting(cop, -14, MeetingStatus.HELD, title="Vorige")
    upcoming = _meeting(cop, 7, title="Komende")
    scale = EvaluationQuestion.objects.create(community=cop, text="Waarde", kind=QuestionKind.SCALE)
    need = EvaluationQuestion.objects.create(
        community=cop, text="Wat is nodig", kind=QuestionKind.OPEN, feeds_next_meeting=True
    )
    keep = EvaluationQuestion.objects.create(
        community=cop, text="Meegenomen", kind=QuestionKind.OPEN
    )
    for index in range(5):
        member = MembershipFactory(
            community=cop, user=UserFactory(name=f"Deelnemer {index}"), role=Role.PARTICIPANT
        )
        services.evaluation_submit(
            meeting=previous,
            membership=member,
            answers=[
                (scale, index % 5 + 1, ""),
                (need, None, f"Meer tijd {index}"),
                (keep, None, "Geheim"),
            ],
            now=previous.ends_at + timedelta(hours=1),
        )
    answers = list(EvaluationAnswer.objects.filter(question=need))
    return {"previous": previous, "upcoming": upcoming, "answers": answers}


def _prepare_url(meeting):
    return reverse("meetings:prepare", kwargs={"slug": meeting.community.slug, "pk": meeting.pk})


def _handle_url(meeting, answer):
    return reverse(
        "meetings:need_handle",
        kwargs={"slug": meeting.community.slug, "pk": meeting.pk, "answer_pk": answer.pk},
    )


def test_preparation_shows_summary_and_needs_without_names(client, facilitator, evaluated):
    client.force_login(facilitator)
    response = client.get(_prepare_url(evaluated["upcoming"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Meer tijd 0" in content
    assert "3,0" in content or "3.0" in content  # the average of 1..5
    assert "Geheim" not in content  # only questions that feed the next meeting
    assert "Deelnemer" not in content  # no names, even for named evaluations


def test_preparation_below_five_participants_shows_only_the_count(client, facilitator, evaluated):
    # One of the five turns out not to count (as if a facilitator of the meeting had answered).
    submission = evaluated["previous"].submissions.first()
    submission.counts = False
    submission.save()
    client.force_login(facilitator)
    content = client.get(_prepare_url(evaluated["upcoming"])).content.decode()
    assert "3,0" not in content and "3.0" not in content
    assert "Meer tijd" not in content
    assert "5 of" in content or "5 van" in content


def test_facilitator_ticks_off_and_links_a_need(client, facilitator, evaluated):
    upcoming = evaluated["upcoming"]
    item = AgendaItem.objects.create(meeting=upcoming, title="Tijd", duration_minutes=10)
    first, second = evaluated["answers"][:2]
    client.force_login(facilitator)
    assert client.post(_handle_url(upcoming, first), {"handled": "on"}).status_code == 302
    assert client.post(_handle_url(upcoming, second), {"agenda_item": item.pk}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.handled and first.agenda_item is None
    assert second.handled and second.agenda_item == item


def test_a_need_cannot_link_to_another_meetings_item(client, facilitator, evaluated, cop):
    elsewhere = AgendaItem.objects.create(
        meeting=_meeting(cop, 30), title="Elders", duration_minutes=10
    )
    answer = evaluated["answers"][0]
    client.force_login(facilitator)
    client.post(_handle_url(evaluated["upcoming"], answer), {"agenda_item": elsewhere.pk})
    answer.refresh_from_db()
    assert answer.agenda_item is None and not answer.handled


def test_a_forged_answer_id_from_another_meeting_is_refused(client, facilitator, evaluated, cop):
    older = _meeting(cop, -40, MeetingStatus.HELD)
    question = EvaluationQuestion.objects.get(text="Wat is nodig")
    other = EvaluationAnswer.objects.create(
        response=EvaluationResponse.objects.create(meeting=older), question=question, text="x"
    )
    client.force_login(facilitator)
    response = client.post(_handle_url(evaluated["upcoming"], other), {"handled": "on"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.handled
    # Nor an answer to a question that does not feed the next meeting.
    secret = EvaluationAnswer.objects.filter(text="Geheim").first()
    assert client.post(_handle_url(evaluated["upcoming"], secret), {}).status_code == 404


def test_preparation_statuses(client, personas, evaluated):
    url = _prepare_url(evaluated["upcoming"])
    expected = {"anonymous": 302, "outsider": 404, "participant": 403, "observer": 403}
    for name, status in expected.items():
        client.logout()
        if personas[name]:
            client.force_login(personas[name])
        assert client.get(url).status_code == status, name
    answer = evaluated["answers"][0]
    client.force_login(personas["participant"])
    assert (
        client.post(_handle_url(evaluated["upcoming"], answer), {"handled": "on"}).status_code
        == 403
    )


# One focus per person on every page (issue 9, item 21)


def _focus_near(page: str, name: str) -> str:
    """The focus a page gives `name`: "Name (inhoud)" in lists of facilitators."""
    found = set(re.findall(re.escape(name) + r" \((inhoud|proces)\)", page))
    assert len(found) == 1, (name, found)
    return found.pop()


@pytest.fixture
def ruben(cop):
    user = UserFactory(email="ruben@example.org", name="Ruben Verhoeven")
    MembershipFactory(community=cop, user=user, role=Role.FACILITATOR, focus=Focus.PROCESS)
    return user


def test_a_facilitator_has_the_same_focus_on_every_page(client, cop, initiator, facilitator, ruben):
    """Rows stored by position (as the old demo did) still show each person's own focus."""
    meeting = _meeting(cop, 7, title="Volgende keer")
    fenna = Membership.objects.get(user=facilitator)
    ruben_m = Membership.objects.get(user=ruben)
    MeetingFacilitator.objects.create(meeting=meeting, membership=ruben_m, focus=Focus.CONTENT)
    MeetingFacilitator.objects.create(meeting=meeting, membership=fenna, focus=Focus.PROCESS)
    client.force_login(initiator)

    def page(name, **kwargs):
        response = client.get(reverse(name, kwargs={"slug": cop.slug, **kwargs}))
        assert response.status_code == 200
        return response.content.decode()

    lists = {
        "meeting": page("meetings:detail", pk=meeting.pk),
        "step 4": page("guide:cop_step", number=4),
        "rotation": page("meetings:facilitation"),
    }
    for where, html in lists.items():
        assert _focus_near(html, "Ruben Verhoeven") == "proces", where
        assert _focus_near(html, "Fenna Facilitator") == "inhoud", where
    home = page("communities:detail")
    assert "Ruben Verhoeven · Proces" in home
    assert "Fenna Facilitator · Inhoud" in home
    members = page("communities:members")
    row = members.split(f'id="member-{ruben_m.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Facilitator, proces" in row
    settings = page("meetings:facilitation")
    process_select = settings.split('name="process"', 1)[1].split("</select>", 1)[0]
    assert re.search(rf'value="{ruben_m.pk}" selected', process_select)
    edit = page("meetings:meeting_facilitators", pk=meeting.pk)
    first = edit.split('name="first_focus"', 1)[1].split("</select>", 1)[0]
    second = edit.split('name="second_focus"', 1)[1].split("</select>", 1)[0]
    selected = {re.search(r'value="(\w+)" selected', s).group(1) for s in (first, second)}
    assert selected == {"content", "process"}


def test_rotation_preview_shows_each_persons_own_focus(client, cop, initiator, facilitator, ruben):
    _meeting(cop, 7)
    _meeting(cop, 21)
    core = Membership.objects.filter(user__in=[facilitator, ruben])
    client.force_login(initiator)
    response = client.post(
        reverse("meetings:facilitation", kwargs={"slug": cop.slug}),
        {
            "mode": FacilitationMode.ROTATION_CORE,
            "core_group": [m.pk for m in core],
            "seed": "1",
            "preview": "1",
        },
    )
    preview = response.content.decode().split('id="preview-title"', 1)[1]
    preview = preview.split("</section>", 1)[0]
    assert _focus_near(preview, "Ruben Verhoeven") == "proces"
    assert _focus_near(preview, "Fenna Facilitator") == "inhoud"


def test_saved_facilitators_keep_their_own_focus(cop, facilitator, ruben, participant):
    from gilde.meetings import services

    meeting = _meeting(cop, 7)
    fenna = Membership.objects.get(user=facilitator)
    piet = Membership.objects.get(user=participant)
    services.meeting_facilitators_set(
        meeting=meeting, turns=[(fenna, Focus.PROCESS), (piet, Focus.CONTENT)]
    )
    assert dict(meeting.facilitators.values_list("membership", "focus")) == {
        fenna.pk: "content",
        piet.pk: "content",
    }


def test_pair_against_the_member_list_is_refused_with_a_message(
    client, cop, initiator, facilitator, ruben
):
    future = _meeting(cop, 7)
    client.force_login(initiator)
    response = client.post(
        reverse("meetings:facilitation", kwargs={"slug": cop.slug}),
        {
            "mode": FacilitationMode.PAIR,
            "content": Membership.objects.get(user=ruben).pk,
            "process": Membership.objects.get(user=facilitator).pk,
            "seed": 0,
        },
    )
    assert response.status_code == 200
    assert "In de ledenlijst heeft Ruben Verhoeven de focus “proces”" in response.content.decode()
    assert not future.facilitators.exists()


def test_one_meetings_facilitator_cannot_take_the_other_focus(client, cop, initiator, ruben):
    meeting = _meeting(cop, 7)
    client.force_login(initiator)
    url = reverse("meetings:meeting_facilitators", kwargs={"slug": cop.slug, "pk": meeting.pk})
    ruben_m = Membership.objects.get(user=ruben)
    refused = client.post(url, {"first": ruben_m.pk, "first_focus": "content"})
    assert refused.status_code == 200
    assert not meeting.facilitators.exists()
    own = client.post(url, {"first": ruben_m.pk, "first_focus": ""})
    assert own.status_code == 302
    assert list(meeting.facilitators.values_list("focus", flat=True)) == ["process"]
