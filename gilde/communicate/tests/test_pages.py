"""Results, the plan and the public page, as the people who use them meet them: what each role
may do, bad input with a clear message, reminders, signals and the "now" item."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gilde.communicate import services
from gilde.communicate.models import MAX_ATTACHMENT_BYTES, PlanItem, Result
from gilde.communicate.tasks import send_plan_reminders
from gilde.communities.readiness import step_signals

pytestmark = pytest.mark.django_db


def _result_data(**extra):
    return {
        "title": "Inkoopwijzer",
        "kind": "tool",
        "level": "organisation",
        "description": "Een checklist voor inkopers.",
        "achieved_on": timezone.localdate().isoformat(),
        "visibility": "public",
        "link": "",
        **extra,
    }


def test_a_facilitator_adds_a_result_with_an_attachment(client: Client, cop, facilitator):
    client.force_login(facilitator)
    upload = SimpleUploadedFile("wijzer.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        f"/c/{cop.slug}/communicate/results/new/", {**_result_data(), "upload": upload}
    )
    assert response.status_code == 302
    result = Result.objects.get(community=cop)
    assert result.attachment_name == "wijzer.pdf"
    download = client.get(f"/c/{cop.slug}/communicate/results/{result.pk}/attachment/")
    assert download.status_code == 200


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"link": "niet een link"}, b"https://"),
        ({"achieved_on": "1850-01-01"}, b"2000"),
        ({"title": ""}, b"field"),
    ],
)
def test_bad_result_input_gets_a_message_and_keeps_the_rest(
    client: Client, cop, facilitator, extra, message, english_interface
):
    client.force_login(facilitator)
    response = client.post(f"/c/{cop.slug}/communicate/results/new/", _result_data(**extra))
    assert response.status_code == 200
    assert b"Een checklist voor inkopers." in response.content  # nothing lost
    assert not Result.objects.exists()


def test_an_oversized_or_disguised_attachment_is_refused(
    client: Client, cop, facilitator, english_interface, settings
):
    client.force_login(facilitator)
    big = SimpleUploadedFile("groot.pdf", b"%PDF" + b"0" * MAX_ATTACHMENT_BYTES)
    response = client.post(
        f"/c/{cop.slug}/communicate/results/new/", {**_result_data(), "upload": big}
    )
    assert response.status_code == 200 and b"10 MB" in response.content
    fake = SimpleUploadedFile("nep.pdf", b"MZ not a pdf")
    response = client.post(
        f"/c/{cop.slug}/communicate/results/new/", {**_result_data(), "upload": fake}
    )
    assert response.status_code == 200 and b"does not match" in response.content
    assert not Result.objects.exists()


def test_participants_read_the_plan_but_may_not_change_it(client: Client, cop, participant):
    item = PlanItem.objects.create(community=cop, audience="funder", message="Hallo")
    client.force_login(participant)
    assert client.get(f"/c/{cop.slug}/communicate/plan/").status_code == 200
    assert client.post(f"/c/{cop.slug}/communicate/plan/defaults/").status_code == 403
    edit = client.post(
        f"/c/{cop.slug}/communicate/plan/{item.pk}/edit/", {"audience": "field", "status": "done"}
    )
    assert edit.status_code == 403
    assert PlanItem.objects.get(pk=item.pk).audience == "funder"


def test_the_usual_audiences_are_added_once(client: Client, cop, facilitator):
    client.force_login(facilitator)
    client.post(f"/c/{cop.slug}/communicate/plan/defaults/")
    client.post(f"/c/{cop.slug}/communicate/plan/defaults/")
    audiences = list(cop.plan_items.values_list("audience", flat=True))
    assert sorted(audiences) == sorted(set(audiences)) and len(audiences) == 4


def test_whoever_does_a_due_line_gets_one_reminder_and_sees_it_now(
    client: Client, cop, facilitator, participant
):
    owner = cop.memberships.get(user=participant)
    PlanItem.objects.create(
        community=cop,
        audience="organisations",
        message="Vertel het de sponsors",
        channel="E-mail",
        moment=timezone.localdate() - timedelta(days=1),
        owner=owner,
    )
    assert send_plan_reminders(timezone.localdate()) == 1
    assert send_plan_reminders(timezone.localdate()) == 0
    assert mail.outbox[-1].to == [participant.email]
    client.force_login(participant)
    home = client.get(f"/c/{cop.slug}/")
    assert b"E-mail" in home.content


def test_the_public_page_shows_only_public_results_and_goes_away_when_switched_off(
    client: Client, cop, initiator
):
    services.result_add(
        community=cop,
        actor=initiator,
        title="Openbaar ding",
        kind="tool",
        level="field",
        description="Voor iedereen",
        visibility="public",
    )
    services.result_add(
        community=cop,
        actor=initiator,
        title="Binnenskamers",
        kind="tool",
        level="field",
        description="Alleen de groep",
        visibility="group",
    )
    assert client.get(f"/results/{cop.slug}/").status_code == 404  # not switched on
    services.public_page_save(
        community=cop, actor=initiator, enabled=True, summary="Wij", organisations=[]
    )
    page = client.get(f"/results/{cop.slug}/")
    assert page.status_code == 200
    assert b"Openbaar ding" in page.content and b"Binnenskamers" not in page.content
    assert b'property="og:title"' in page.content
    assert b"application/ld+json" in page.content and b"schema.org" in page.content
    cop.listed = True
    cop.save()
    assert f"/results/{cop.slug}/".encode() in client.get("/cops/").content
    services.public_page_save(
        community=cop, actor=initiator, enabled=False, summary="Wij", organisations=[]
    )
    gone = client.get(f"/results/{cop.slug}/")
    assert gone.status_code == 404
    assert b"switched off" in gone.content or b"uitgezet" in gone.content
    assert client.get(f"/results/{cop.slug}/field-report.pdf").status_code == 404


def test_step_8_signals_follow_the_data(cop, initiator):
    signals = {s.key: s.status for s in step_signals(cop, 8)}
    assert signals["plan_complete"] == "not_met"
    assert signals["public_ready"] == "not_met"
    services.plan_defaults_add(community=cop, actor=initiator)
    services.public_page_save(
        community=cop, actor=initiator, enabled=True, summary="", organisations=[]
    )
    signals = {s.key: s.status for s in step_signals(cop, 8)}
    assert signals["plan_complete"] == "met"
    assert signals["public_ready"] == "met"


def test_the_step_page_shows_the_workspace(client: Client, cop, participant):
    client.force_login(participant)
    response = client.get(f"/c/{cop.slug}/steps/8/")
    assert response.status_code == 200
    assert b"/communicate/results/" in response.content
