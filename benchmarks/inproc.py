"""The benchmark's in-process half: runs inside Django with the environment of one configuration.

`python benchmarks/inproc.py setup` prints JSON with the pages to measure (paths), session cookies
and the static files; `python benchmarks/inproc.py measure` prints query counts and page weights.
The parent (bench.py) sets GILDE_DATA_DIR and DATABASE_URL, so this sees the database the server
under test uses.
"""

import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gilde.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from gilde.accounts.models import User  # noqa: E402
from gilde.communities.models import Community  # noqa: E402
from gilde.demo import data  # noqa: E402
from gilde.meetings.models import Meeting, MeetingStatus  # noqa: E402

PERSONA = "deelnemer@example.org"  # a participant of the demo's main CoP, as in issue 11


def _client() -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=PERSONA))
    return client


def _evaluation_path(client: Client, community: Community) -> str:
    """The evaluation form of the latest held meeting, opened now for this throwaway database."""
    meetings = community.meetings.filter(status=MeetingStatus.HELD).order_by("-starts_at")
    for meeting in meetings[:4]:
        Meeting.objects.filter(pk=meeting.pk).update(
            evaluation_opened_at=timezone.now() - timezone.timedelta(hours=1)
        )
        path = reverse("meetings:evaluate", args=[community.slug, meeting.pk])
        response = client.get(path)
        if response.status_code == 200 and b'method="post"' in response.content:
            return path
    raise SystemExit("No meeting with an evaluation form this participant can fill in")


def _open_poll(community: Community):
    """An open poll with visible results, or any poll: what a participant votes in."""
    polls = community.polls.order_by("closes_at")
    open_polls = polls.filter(closed_at__isnull=True, closes_at__gt=timezone.now())
    return open_polls.filter(hide_results=False).first() or open_polls.first() or polls.first()


def pages() -> dict[str, str]:
    """The core pages of issue 11, as this participant of the demo CoP sees them."""
    community = Community.objects.get(slug=data.MAIN_SLUG)
    slug = community.slug
    client = _client()
    upcoming = community.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    meeting = upcoming.first() or community.meetings.order_by("-starts_at").first()
    return {
        # The landing page, logged in: the floor every page pays (middleware, session, base).
        "minimal": reverse("core:home"),
        "home": reverse("communities:detail", args=[slug]),
        "meeting": reverse("meetings:detail", args=[slug, meeting.pk]),
        "evaluation": _evaluation_path(client, community),
        "members": reverse("communities:members", args=[slug]),
        "dashboard": reverse("composition:dashboard", args=[slug]),
        "library": reverse("guide:cop_library", args=[slug]),
        # The demo participant's own learning record (step 7).
        "learning": reverse("learning:record", args=[slug]),
        # Step 5: an open poll of the demo CoP (its score poll has votes and live results).
        "poll": reverse("decisions:poll", args=[slug, _open_poll(community).pk]),
    }


def static_path() -> str:
    """The stylesheet every page links, under its hashed name (served by whitenoise)."""
    from django.templatetags.static import static

    return static("css/gilde.css")


def setup() -> dict:
    name = settings.SESSION_COOKIE_NAME
    return {
        "pages": pages(),
        "static": static_path(),
        "cookie": f"{name}={_client().cookies[name].value}",
    }


def _gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9))


def _asset_size(url: str) -> int:
    relative = url.removeprefix(settings.STATIC_URL).split("?")[0]
    return _gzip_size((Path(settings.STATIC_ROOT) / relative).read_bytes())


ASSET = re.compile(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def measure(paths: dict[str, str]) -> dict:
    client = _client()
    results = {}
    for name, path in paths.items():
        client.get(path)  # warm: templates compiled, caches filled
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assets = [url.decode() for url in ASSET.findall(response.content)]
        results[name] = {
            "status": response.status_code,
            "queries": len(queries),
            "html_gzip": _gzip_size(response.content),
            "css_js_gzip": sum(_asset_size(url) for url in assets if url.startswith("/static/")),
        }
    return results


def _session(user: User) -> str:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def drill_setup(options: dict) -> dict:
    """Extra members of the demo CoP for the drills, logged in, and the paths they write to."""
    from gilde.communities.models import Membership, Role

    community = Community.objects.get(slug=data.MAIN_SLUG)
    slug = community.slug

    def members(prefix: str, count: int, role: str) -> list[str]:
        cookies = []
        for number in range(count):
            user, _ = User.objects.get_or_create(
                email=f"{prefix}{number}@drill.example.org",
                defaults={"name": f"{prefix.title()} {number}", "is_active": True},
            )
            Membership.objects.get_or_create(
                community=community, user=user, defaults={"role": role}
            )
            cookies.append(_session(user))
        return cookies

    now = timezone.now()
    held = list(community.meetings.filter(status=MeetingStatus.HELD).order_by("-starts_at"))
    for meeting in held:  # open every held meeting's evaluation for the drill
        Meeting.objects.filter(pk=meeting.pk).update(
            evaluation_opened_at=now - timezone.timedelta(hours=1)
        )
    upcoming = community.meetings.filter(starts_at__gt=now + timezone.timedelta(days=1))
    return {
        "editors": members("redacteur", options["editors"], Role.FACILITATOR),
        "writers": members("schrijver", options["writers"], Role.PARTICIPANT),
        "question_edit": reverse("question:edit", args=[slug]),
        "rsvp": [reverse("meetings:rsvp", args=[slug, m.pk]) for m in upcoming[:6]],
        "evaluations": [reverse("meetings:evaluate", args=[slug, m.pk]) for m in held],
        "invite": reverse("communities:invite", args=[slug]),
    }


def drill_check_versions(acknowledged: list[str]) -> dict:
    """Every acknowledged save is a version, nothing else is, and the numbers have no gaps."""
    from gilde.question.models import QuestionVersion

    community = Community.objects.get(slug=data.MAIN_SLUG)
    versions = QuestionVersion.objects.filter(community=community)
    notes = Counter(note for note in versions.values_list("note", flat=True) if "drill-" in note)
    numbers = sorted(versions.values_list("number", flat=True))
    return {
        "missing": sorted(set(acknowledged) - set(notes))[:20],
        "unacknowledged": sorted(set(notes) - set(acknowledged))[:20],
        "duplicated": [note for note, count in notes.items() if count > 1][:20],
        "gapless": numbers == list(range(1, len(numbers) + 1)),
    }


def drill_check_crash(addresses: list[str]) -> dict:
    """Every invitation a client was told about exists."""
    from gilde.communities.models import Invitation

    stored = set(Invitation.objects.filter(email__in=addresses).values_list("email", flat=True))
    return {"missing": sorted(set(addresses) - stored)[:20]}


COMMANDS = {
    "setup": lambda: setup(),
    "measure": lambda paths: measure(json.loads(paths)),
    "drill-setup": lambda options: drill_setup(json.loads(options)),
    "drill-check-versions": lambda markers: drill_check_versions(json.loads(markers)),
    "drill-check-crash": lambda addresses: drill_check_crash(json.loads(addresses)),
}

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
