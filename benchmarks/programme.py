"""The programme overview at scale: 100 CoPs x 25 members x 13 meetings, against one CoP's home.

Target (issue 19): the overview of a programme of 100 CoPs answers within 1.5x the time of a
single CoP's home page, measured in the same run (so a slower or faster machine moves both), and
costs at most 15 queries. The figures are computed beforehand, as the worker does; the time that
takes per CoP is recorded too. In-process timing with Django's test client; a throwaway data
folder with SQLite.

    .venv/bin/python benchmarks/programme.py [--no-write] [--cops 100]

Writes its result into benchmarks/RESULTS.md between the programme markers and exits non-zero
naming a missed target.
"""

import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from harness import in_process_main

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- programme:begin -->", "<!-- programme:end -->"
MEMBERS, MEETINGS, ANSWERS = 25, 13, 8
TARGETS = {"ratio": 1.5, "queries": 15}
RUNS = 30
WORK_FORMS = ["1-2-4-all", "troika-consulting", "world-cafe", "fishbowl", "check-in"]


def _setup(data_dir: Path) -> None:
    for key in ("GILDE_DEBUG", "GILDE_ALLOWED_HOSTS", "GILDE_HTTPS", "DATABASE_URL"):
        os.environ.pop(key, None)
    os.environ["GILDE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gilde.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def _cop(number: int, rng: random.Random, organisations, manager_programme):
    """One CoP: 25 members, 13 meetings (the older ones held, with attendance, an agenda with
    work forms and an evaluation eight participants answered), experiments."""
    from django.utils import timezone

    from gilde.accounts.models import User
    from gilde.communities.models import Community, Membership, Role
    from gilde.learning.models import Experiment, ExperimentStatus, Tier
    from gilde.meetings.models import (
        AgendaItem,
        Attendance,
        EvaluationAnswer,
        EvaluationQuestion,
        EvaluationResponse,
        EvaluationSubmission,
        Meeting,
        MeetingStatus,
    )
    from gilde.programmes.models import LinkStatus, ProgrammeCop

    start = timezone.localdate() - timedelta(days=rng.randrange(60, 500))
    cop = Community.objects.create(
        name=f"CoP {number:03d}", slug=f"cop-{number}", description="Schaal", start_date=start
    )
    users = User.objects.bulk_create(
        User(
            email=f"p{number}-{n}@example.org",
            name=f"Persoon {number}-{n}",
            organisation=organisations[(number + n) % len(organisations)],
        )
        for n in range(MEMBERS)
    )
    roles = [Role.INITIATOR, Role.FACILITATOR] + [Role.PARTICIPANT] * (MEMBERS - 2)
    memberships = Membership.objects.bulk_create(
        Membership(
            community=cop, user=user, role=role, focus="content" if role == "facilitator" else ""
        )
        for user, role in zip(users, roles, strict=True)
    )
    question = EvaluationQuestion.objects.create(
        community=cop, text="Hoe waardevol?", kind="scale", position=0
    )
    now = timezone.now()
    held = rng.randrange(3, MEETINGS)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            community=cop,
            title=f"Bijeenkomst {n + 1}",
            starts_at=now + timedelta(weeks=6 * (n - held)),
            duration_minutes=180,
            status=MeetingStatus.HELD if n < held else MeetingStatus.PLANNED,
        )
        for n in range(MEETINGS)
    )
    past = meetings[:held]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title="Werkvorm",
            work_form_key=rng.choice(WORK_FORMS),
            duration_minutes=30,
            led_by=rng.choice(memberships),
        )
        for meeting in past
        for _ in range(3)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, present=rng.random() < 0.8)
        for meeting in past
        for membership in memberships
    )
    answering = memberships[2 : 2 + ANSWERS]
    EvaluationSubmission.objects.bulk_create(
        EvaluationSubmission(meeting=meeting, membership=membership, counts=True)
        for meeting in past
        for membership in answering
    )
    responses = EvaluationResponse.objects.bulk_create(
        EvaluationResponse(meeting=meeting, created_on=meeting.starts_at.date())
        for meeting in past
        for _membership in answering
    )
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(response=response, question=question, scale=rng.randrange(2, 6))
        for response in responses
    )
    Experiment.objects.bulk_create(
        Experiment(
            community=cop,
            membership=membership,
            title="Proberen",
            due_on=date.today() + timedelta(days=30),
            tier=Tier.GROUP,
            status=rng.choice([ExperimentStatus.PLANNED, ExperimentStatus.DONE]),
        )
        for membership in memberships[2:12]
    )
    ProgrammeCop.objects.create(
        programme=manager_programme,
        community=cop,
        status=LinkStatus.MEMBER,
        theme=f"Thema {number % 4}",
        region=f"Regio {number % 3}",
    )
    return cop, users[2]


def _time(client, path: str) -> float:
    began = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - began
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def measure(cops: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from gilde.accounts.models import Organisation, User
    from gilde.communities.models import Community
    from gilde.programmes.models import Programme, ProgrammeManager
    from gilde.programmes.tasks import cop_figures_store

    rng = random.Random(19)
    organisations = [Organisation.objects.create(name=f"Org {n}") for n in range(40)]
    programme = Programme.objects.create(name="Schaal", slug="schaal", owner_organisation="Prov")
    manager = User.objects.create(email="manager@example.org", name="Manager")
    ProgrammeManager.objects.create(programme=programme, user=manager)
    began = time.perf_counter()
    participant = None
    for number in range(cops):
        _cop_row, member = _cop(number, rng, organisations, programme)
        participant = participant or member
    filled_s = time.perf_counter() - began
    began = time.perf_counter()
    for community in Community.objects.all():
        cop_figures_store(community)
    compute_s = (time.perf_counter() - began) / cops

    member_client = Client(HTTP_HOST="127.0.0.1")
    member_client.force_login(participant)
    home = reverse("communities:detail", args=["cop-0"])
    manager_client = Client(HTTP_HOST="127.0.0.1")
    manager_client.force_login(manager)
    overview = reverse("programmes:overview", args=[programme.slug])
    assert "CoP 099" in manager_client.get(overview).content.decode() or cops < 100
    _time(member_client, home)  # the step rail cached, as on any busy installation
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert manager_client.get(overview).status_code == 200
    home_s = statistics.median(_time(member_client, home) for _ in range(RUNS))
    overview_s = statistics.median(_time(manager_client, overview) for _ in range(RUNS))
    return {
        "cops": cops,
        "fill_s": filled_s,
        "compute_per_cop_s": compute_s,
        "home_s": home_s,
        "overview_s": overview_s,
        "ratio": overview_s / home_s,
        "queries": len(executed),
    }


def report(result: dict) -> tuple[str, list[str]]:
    misses = [
        f"{name}: {result[name]:.2f} > {target}"
        for name, target in TARGETS.items()
        if result[name] > target
    ]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        f"Run of {when} on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, SQLite, in-process. Regenerated by "
        "`.venv/bin/python benchmarks/programme.py` (part of `make bench`).",
        "",
        f"A programme of {result['cops']} CoPs, each with {MEMBERS} members and {MEETINGS} "
        "meetings (the held ones with attendance, agendas and evaluations); the overview as its "
        "manager sees it, against one CoP's home as a participant sees it (median of "
        f"{RUNS}).",
        "",
        "| Page | Time | Ratio to the CoP home | Queries | Target |",
        "|---|---|---|---|---|",
        f"| CoP home (step rail cached) | {result['home_s'] * 1000:.1f} ms | 1.0 | | |",
        f"| Programme overview | {result['overview_s'] * 1000:.1f} ms | {result['ratio']:.2f} | "
        f"{result['queries']} | ≤ 1.5 x the home, ≤ 15 queries |",
        "",
        f"The worker computes one CoP's figures in {result['compute_per_cop_s'] * 1000:.0f} ms "
        "(not part of any page).",
        "",
        "Missed targets:" if misses else "All targets met.",
        *[f"- {miss}" for miss in misses],
        END,
    ]
    return "\n".join(lines), misses


def main() -> int:
    return in_process_main(
        __doc__,
        prefix="gilde-programme-",
        setup=_setup,
        measure=lambda args: measure(args.cops),
        report=report,
        heading="The programme overview (issue 19)",
        begin=BEGIN,
        end=END,
        options={"--cops": {"type": int, "default": 100, "help": "CoPs in the programme"}},
    )


if __name__ == "__main__":
    sys.exit(main())
