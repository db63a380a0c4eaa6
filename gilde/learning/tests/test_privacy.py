"""The privacy sweep: a unique marker written into a member's private items (an entry, its
attachment's name, an experiment, the goals) appears on no page, fragment, download, e-mail or
admin page for anybody else. The pages are found by crawling the CoP as each persona, the way
the form fuzzer does (tests/fuzz/test_forms.py), and every response is searched."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gilde.learning import services
from gilde.learning.tasks import send_learning_prompts
from gilde.meetings.models import Meeting
from gilde.meetings.tasks import send_due_notifications
from tests.factories import UserFactory
from tests.fuzz.test_forms import _Parser

from .conftest import make_buddies, membership_of

MARKER = "Zwaardvis-7f3a"
MAX_PAGES = 300


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def private_world(cop, personas, buddy, facilitator):
    """The participant's private items carry the marker; around them, shared ones do not."""
    now = timezone.now()
    past = Meeting.objects.create(
        community=cop, title="Eerste", starts_at=now - timedelta(hours=5), duration_minutes=180
    )
    coming = Meeting.objects.create(
        community=cop, title="Tweede", starts_at=now + timedelta(days=6), duration_minutes=180
    )
    make_buddies(cop, personas["participant"], buddy)
    membership = membership_of(cop, personas["participant"])
    services.goals_save(
        membership=membership,
        actor=personas["participant"],
        revision=0,
        goals=f"Doel {MARKER}",
        questions=f"Vraag {MARKER}",
    )
    services.entry_add(
        membership=membership,
        kind="highlight",
        body=f"Geheim {MARKER}",
        meeting_id=past.pk,
        tags=MARKER,
        attachment=SimpleUploadedFile(f"{MARKER}.txt", MARKER.encode()),
    )
    experiment = services.experiment_add(
        membership=membership,
        title=f"Proef {MARKER}",
        due_on=timezone.localdate() + timedelta(days=3),
        meeting_id=coming.pk,
    )
    experiment.created_at = now - timedelta(days=10)
    experiment.save()
    services.entry_add(membership=membership, kind="insight", body="Gedeeld inzicht", tier="group")
    services.experiment_add(
        membership=membership,
        title="Gedeelde proef",
        due_on=timezone.localdate(),
        meeting_id=coming.pk,
        tier="group",
    )
    canvas = services.canvas_add(
        community=cop,
        actor=facilitator,
        title="Toekomst",
        horizon=timezone.localdate() + timedelta(days=700),
    )
    services.canvas_step_add(
        canvas=canvas, actor=facilitator, title="Stap", due_on=timezone.localdate()
    )
    return {"past": past, "coming": coming, "experiment": experiment}


def _sweep(client: Client, starts: list[str]) -> dict[str, str]:
    """path → body of every page (and linked download) reachable from `starts`."""
    seen, queue, bodies = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or not path.startswith("/") or path.startswith(("/static/", "/admin/")):
            continue
        seen.add(path)
        response = client.get(path)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        bodies[path] = body.decode("utf-8", "replace")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Parser("http://testserver" + path)
        parser.feed(bodies[path])
        for link in parser.links:
            link_parts = urlsplit(link)
            if link_parts.netloc in ("", "testserver"):
                queue.append(link)
    return bodies


def _starts(cop, world) -> list[str]:
    slug = cop.slug
    return [
        reverse("communities:detail", args=[slug]),
        *[reverse("guide:cop_step", args=[slug, n]) for n in range(1, 9)],
        reverse("learning:group", args=[slug]),
        reverse("learning:experiments", args=[slug]),
        reverse("learning:buddies", args=[slug]),
        reverse("learning:canvases", args=[slug]),
        reverse("meetings:detail", args=[slug, world["past"].pk]),
        reverse("meetings:detail", args=[slug, world["coming"].pk]),
        reverse("meetings:prepare", args=[slug, world["coming"].pk]),
        reverse("learning:experiment", args=[slug, world["experiment"].pk]),
        reverse("composition:export", args=[slug, "csv"]),
        reverse("communities:audit", args=[slug]),
        reverse("meetings:ics", args=[slug, world["past"].pk]),
    ]


@pytest.mark.parametrize(
    "persona", ["buddy", "facilitator", "initiator", "observer", "outsider", "anonymous"]
)
def test_no_other_persona_sees_the_private_marker_anywhere(
    cop, personas, buddy, private_world, persona
):
    client = Client(raise_request_exception=False)
    user = {**personas, "buddy": buddy}[persona]
    if user is not None:
        client.force_login(user)
    bodies = _sweep(client, _starts(cop, private_world))
    assert len(bodies) > 15
    leaks = [path for path, body in bodies.items() if MARKER in body]
    assert not leaks, f"{persona} sees the marker on {leaks}"


def test_the_author_does_see_it_so_the_sweep_can_find_it(cop, personas, private_world):
    client = Client()
    client.force_login(personas["participant"])
    bodies = _sweep(client, [reverse("learning:record", args=[cop.slug])])
    assert any(MARKER in body for body in bodies.values())


def test_no_email_to_anyone_else_carries_the_marker(cop, personas, buddy, private_world):
    send_due_notifications.call()
    send_learning_prompts.call()
    assert mail.outbox
    author = personas["participant"].email
    for message in mail.outbox:
        if author not in message.to:
            assert MARKER not in message.subject + message.body


def test_the_admin_shows_no_body(client, cop, private_world):
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    for model in ["entry", "experiment", "learningrecord"]:
        changelist = client.get(reverse(f"admin:learning_{model}_changelist"))
        assert changelist.status_code == 200
        assert MARKER not in changelist.content.decode()
    from gilde.learning.models import Entry

    entry = Entry.objects.filter(body__contains=MARKER).get()
    change = client.get(reverse("admin:learning_entry_change", args=[entry.pk]))
    assert change.status_code in (302, 403) and MARKER not in change.content.decode()
    index = client.get(reverse("admin:index"))
    assert MARKER not in index.content.decode()
