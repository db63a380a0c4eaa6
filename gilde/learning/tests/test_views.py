"""The learning record through its pages: entries, tiers, goals with versions, the take-away."""

import pytest
from django.urls import reverse

from gilde.learning import services
from gilde.learning.models import Entry, GoalsVersion, Tier

from .conftest import make_buddies, membership_of


def _entry(cop, user, body, tier=Tier.PRIVATE, **kwargs):
    return services.entry_add(
        membership=membership_of(cop, user), kind="insight", body=body, tier=tier, **kwargs
    )


def test_participant_writes_an_entry_that_is_private_by_default(client, cop, participant):
    client.force_login(participant)
    url = reverse("learning:entry_new", args=[cop.slug])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "kind": "insight",
            "body": "Ik zie **kansen**",
            "tier": "private",
            "tags": "Inkoop, inkoop",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.tier == Tier.PRIVATE and entry.tags == ",inkoop,"
    record = client.get(reverse("learning:record", args=[cop.slug]))
    assert "<strong>kansen</strong>" in record.content.decode()


def test_markdown_is_sanitised(client, cop, participant):
    _entry(cop, participant, "<script>alert(1)</script> [x](javascript:alert(1))")
    client.force_login(participant)
    html = client.get(reverse("learning:record", args=[cop.slug])).content.decode()
    assert "<script>alert" not in html and "javascript:" not in html


@pytest.mark.parametrize(
    ("tier", "seen_by"),
    [
        ("private", set()),
        ("buddy", {"buddy"}),
        ("facilitators", {"buddy", "facilitator"}),
        ("group", {"buddy", "facilitator", "initiator", "observer"}),
    ],
)
def test_who_sees_an_entry_follows_its_tier(client, cop, personas, buddy, tier, seen_by):
    make_buddies(cop, personas["participant"], buddy)
    _entry(cop, personas["participant"], f"Merkteken-{tier}", tier=tier)
    viewers = {**personas, "buddy": buddy}
    for name in ["buddy", "facilitator", "initiator", "observer"]:
        client.force_login(viewers[name])
        html = client.get(reverse("learning:group", args=[cop.slug])).content.decode()
        assert (f"Merkteken-{tier}" in html) == (name in seen_by), name


def test_a_tier_change_takes_effect_at_once(client, cop, participant, facilitator):
    entry = _entry(cop, participant, "Eerst prive")
    client.force_login(facilitator)
    group_url = reverse("learning:group", args=[cop.slug])
    assert "Eerst prive" not in client.get(group_url).content.decode()
    client.force_login(participant)
    client.post(reverse("learning:entry_tier", args=[cop.slug, entry.pk]), {"tier": "facilitators"})
    client.force_login(facilitator)
    assert "Eerst prive" in client.get(group_url).content.decode()
    client.force_login(participant)
    client.post(reverse("learning:entry_tier", args=[cop.slug, entry.pk]), {"tier": "private"})
    client.force_login(facilitator)
    assert "Eerst prive" not in client.get(group_url).content.decode()


def test_tier_change_with_htmx_returns_the_entry(client, cop, participant):
    entry = _entry(cop, participant, "Stukje")
    client.force_login(participant)
    response = client.post(
        reverse("learning:entry_tier", args=[cop.slug, entry.pk]),
        {"tier": "group"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="entry-{entry.pk}"' in html
    assert "<html" not in html


def test_a_tier_that_does_not_exist_is_refused(client, cop, participant):
    entry = _entry(cop, participant, "Stukje")
    client.force_login(participant)
    client.post(reverse("learning:entry_tier", args=[cop.slug, entry.pk]), {"tier": "everyone"})
    entry.refresh_from_db()
    assert entry.tier == Tier.PRIVATE
    response = client.post(
        reverse("learning:entry_new", args=[cop.slug]),
        {"kind": "insight", "body": "x", "tier": "public"},
    )
    assert response.status_code == 200 and Entry.objects.count() == 1


def test_editing_another_members_entry_through_a_forged_id_is_404(client, cop, participant, buddy):
    entry = _entry(cop, buddy, "Van Bo", tier=Tier.GROUP)
    client.force_login(participant)
    for name in ["learning:entry_edit", "learning:entry_delete", "learning:entry_tier"]:
        response = client.post(reverse(name, args=[cop.slug, entry.pk]), {"tier": "private"})
        assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.tier == Tier.GROUP


def test_goals_are_prefilled_from_the_intake_and_keep_versions(client, cop, participant):
    from gilde.composition.models import Intake

    membership = membership_of(cop, participant)
    Intake.objects.create(membership=membership, learning_questions="Hoe krijg ik inkoop mee?")
    client.force_login(participant)
    url = reverse("learning:goals", args=[cop.slug])
    assert "Hoe krijg ik inkoop mee?" in client.get(url).content.decode()
    client.post(url, {"goals": "Doel 1", "questions": "Vraag 1", "revision": 0})
    client.post(url, {"goals": "Doel 2", "questions": "Vraag 1", "revision": 1, "note": "scherper"})
    assert list(GoalsVersion.objects.values_list("number", flat=True)) == [2, 1]
    history = client.get(reverse("learning:goals_history", args=[cop.slug]) + "?a=1&b=2")
    assert "<del>1</del>" in history.content.decode() or "Doel" in history.content.decode()


def test_a_stale_goals_save_shows_both_texts(client, cop, participant):
    client.force_login(participant)
    url = reverse("learning:goals", args=[cop.slug])
    client.post(url, {"goals": "Mijn doel", "questions": "", "revision": 0})
    response = client.post(url, {"goals": "Ander doel", "questions": "", "revision": 0})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Mijn doel" in html and "Ander doel" in html


def test_the_meeting_page_asks_what_you_take_with_you(client, cop, participant, past_meeting):
    client.force_login(participant)
    url = reverse("meetings:detail", args=[cop.slug, past_meeting.pk])
    html = client.get(url).content.decode()
    assert html.count('id="takeaway"') == 1 and "anonymous evaluation" in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert "takeaway" not in title and "<" not in title
    response = client.post(
        reverse("learning:takeaway", args=[cop.slug, past_meeting.pk]),
        {"body": "Dat inkoop wil", "tier": "private"},
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.kind == "highlight" and entry.meeting_id == past_meeting.pk
    assert 'id="takeaway"' not in client.get(url).content.decode()


def test_takeaway_for_another_cops_meeting_is_404(client, cop, participant, outsider):
    from gilde.meetings.models import Meeting

    other = outsider.memberships.get().community
    meeting = Meeting.objects.create(
        community=other, title="Elders", starts_at=past_now(), duration_minutes=60
    )
    client.force_login(participant)
    response = client.post(
        reverse("learning:takeaway", args=[cop.slug, meeting.pk]), {"body": "x", "tier": "private"}
    )
    assert response.status_code == 404 and not Entry.objects.exists()


def past_now():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(hours=3)


def test_observer_has_no_record_but_sees_the_group_view(client, cop, observer):
    client.force_login(observer)
    assert client.get(reverse("learning:record", args=[cop.slug])).status_code == 403
    assert client.get(reverse("learning:group", args=[cop.slug])).status_code == 200


def test_pages_speak_dutch_by_default(client, cop, participant, past_meeting, dutch):
    client.force_login(participant)
    html = client.get(reverse("learning:record", args=[cop.slug])).content.decode()
    assert "Mijn leerdossier" in html and "Tijdlijn" in html
    meeting = client.get(reverse("meetings:detail", args=[cop.slug, past_meeting.pk]))
    assert "Wat neem je mee uit deze bijeenkomst?" in meeting.content.decode()
    response = client.post(
        reverse("learning:experiment_new", args=[cop.slug]),
        {"title": "Te laat", "due_on": "2001-01-01", "tier": "private"},
    )
    assert "Kies vandaag of een latere dag." in response.content.decode()


def test_an_entry_links_its_work_form(client, cop, participant):
    _entry(cop, participant, "Over de werkvorm", work_form_key="ls-1-2-4-all")
    client.force_login(participant)
    html = client.get(reverse("learning:record", args=[cop.slug])).content.decode()
    assert reverse("guide:work_form", args=["ls-1-2-4-all"]) in html


def test_now_selectors_for_the_home(cop, participant, buddy, past_meeting):
    from gilde.learning.selectors import buddy_for, experiments_due_for, meeting_prompt_due

    membership = membership_of(cop, participant)
    assert meeting_prompt_due(membership).id == past_meeting.pk
    services.meeting_takeaway_add(membership=membership, meeting_id=past_meeting.pk, body="x")
    assert meeting_prompt_due(membership) is None
    assert buddy_for(membership) == []
    make_buddies(cop, participant, buddy)
    assert [m.user for m in buddy_for(membership)] == [buddy]
    assert experiments_due_for(membership) == []
